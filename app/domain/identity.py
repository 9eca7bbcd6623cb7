"""Identifiers of people: the resident ID number and the foreign permanent resident ID card,
and the error every identifier check raises.

A citizen is identified by the 18-character resident ID number (GB 11643), a foreigner with
permanent residence by the permit's number; an enterprise or other organisation by its unified
social credit code (`app.domain.credit_code`). Each carries a check character; the clerk types
these numbers all day, so every rule answers with a message the clerk can act on.

Two ways of asking: `validate_*` judges a finished number and raises `IdentifierError`;
`partial_*_problem` judges what has been typed so far and speaks only once the text can no
longer become valid, so a form can flag a mistake at the keystroke that made it.

What is typed is normalised first: full-width characters become ASCII (NFKC), white space is
dropped, and the letters are read in upper case (a lowercase x ends many an ID number).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.messages import Message, MessageError, Value, msg

RESIDENT_ID_LENGTH = 18
DIGITS = "0123456789"

#: GB 11643: ISO 7064 MOD 11-2 weights and the check character for each remainder.
RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK_CHARACTERS = "10X98765432"
#: The first two digits of a division code; 83 appears on Taiwan residents' residence permits.
PROVINCE_CODES = frozenset(
    str(code)
    for code in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    )
)
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


class IdentifierProblem(StrEnum):
    """What is wrong with a number, for code that must react without parsing the message."""

    EMPTY = "empty"
    LENGTH = "length"
    CHARACTER = "character"
    PROVINCE = "province"
    BIRTH_DATE = "birth_date"
    REGISTRATION_AUTHORITY = "registration_authority"
    ORGANIZATION_CODE = "organization_code"
    CHECK_CHARACTER = "check_character"


class IdentifierError(MessageError, ValueError):
    """A number that cannot be right; `message` is what the clerk is told, `problem` what kind."""

    def __init__(self, message: Message, problem: IdentifierProblem) -> None:
        super().__init__(message)
        self.problem = problem


# ---------------------------------------------------------------------------- resident ID


@dataclass(frozen=True)
class ResidentId:
    """A resident ID number that passed every check, with the parts it is made of."""

    number: str
    division_code: str
    birth_date: date
    sequence: str

    @property
    def is_male(self) -> bool:
        """GB 11643: an odd sequence number is given to men, an even one to women."""
        return int(self.sequence) % 2 == 1


def resident_id_check_character(first17: str) -> str:
    """The 18th character of a resident ID number whose first 17 digits are given."""
    if len(first17) != 17 or any(c not in DIGITS for c in first17):
        raise ValueError(f"need 17 digits, got {first17!r}")
    total = sum(int(c) * w for c, w in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK_CHARACTERS[total % 11]


def validate_resident_id(text: str, today: date | None = None) -> ResidentId:
    """Check a typed resident ID number and return its parts; raise IdentifierError if wrong."""
    number = _normalise_resident_id(text)
    if not number:
        raise IdentifierError(msg("请输入身份证号码"), IdentifierProblem.EMPTY)
    if len(number) != RESIDENT_ID_LENGTH:
        raise IdentifierError(
            msg("身份证号码应为18位，现在是{count}位", count=len(number)), IdentifierProblem.LENGTH
        )
    _check_resident_id_prefix(number, today or date.today())
    expected = resident_id_check_character(number[:17])
    if number[17] != expected:
        raise IdentifierError(
            msg(
                "身份证号码校验位错误：应为 {expected}，输入的是 {typed}，请逐位核对号码",
                expected=expected,
                typed=number[17],
            ),
            IdentifierProblem.CHECK_CHARACTER,
        )
    return ResidentId(number, number[:6], _birth_date(number[6:14]), number[14:17])


def partial_resident_id_problem(text: str, today: date | None = None) -> Message | None:
    """None while the text typed so far can still become a valid number, else the reason."""
    number = _normalise_resident_id(text)
    if len(number) > RESIDENT_ID_LENGTH:
        return msg("身份证号码只有18位，现在已输入{count}位", count=len(number))
    try:
        if len(number) == RESIDENT_ID_LENGTH:
            validate_resident_id(number, today)
        else:
            _check_resident_id_prefix(number, today or date.today())
    except IdentifierError as error:
        return error.message
    return None


def _normalise_resident_id(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).replace("x", "X")


def _check_resident_id_prefix(number: str, today: date) -> None:
    """Raise for the first rule that the (possibly incomplete) number already breaks."""
    for position, character in enumerate(number[:RESIDENT_ID_LENGTH], start=1):
        if position < RESIDENT_ID_LENGTH and character not in DIGITS:
            raise IdentifierError(
                msg(
                    "身份证号码第{position}位“{character}”无效：前17位只能是数字",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )
        if position == RESIDENT_ID_LENGTH and character not in DIGITS + "X":
            raise IdentifierError(
                msg(
                    "身份证号码第18位“{character}”无效：最后一位只能是数字或X", character=character
                ),
                IdentifierProblem.CHARACTER,
            )
    if len(number) >= 2 and number[:2] not in PROVINCE_CODES:
        raise IdentifierError(
            msg("身份证号码前两位“{code}”不是有效的省级行政区划代码", code=number[:2]),
            IdentifierProblem.PROVINCE,
        )
    _check_birth_date_prefix(number[6:14], today)


def _check_birth_date_prefix(digits: str, today: date) -> None:
    """Check as much of the YYYYMMDD birth date as has been typed: year, month, whole date."""
    if len(digits) == 8:
        _check_birth_date(digits, today)
        return
    if len(digits) >= 4:
        year = int(digits[:4])
        if year < EARLIEST_BIRTH_DATE.year:
            raise _birth_date_error(msg("身份证号码中的出生年份{year}早于1900年", year=year))
        if year > today.year:
            raise _birth_date_error(msg("身份证号码中的出生年份{year}晚于今年", year=year))
    if len(digits) >= 6:
        month = int(digits[4:6])
        if not 1 <= month <= 12:
            raise _birth_date_error(msg("身份证号码中的出生月份“{month}”不存在", month=digits[4:6]))
        if (int(digits[:4]), month) > (today.year, today.month):
            raise _birth_date_error(
                msg("身份证号码中的出生年月{year}年{month}月晚于本月", year=digits[:4], month=month)
            )


def _check_birth_date(digits: str, today: date) -> None:
    try:
        born = _birth_date(digits)
    except ValueError:
        raise _birth_date_error(
            msg("身份证号码中的出生日期“{digits}”不存在", digits=digits)
        ) from None
    if born < EARLIEST_BIRTH_DATE:
        raise _birth_date_error(
            msg("身份证号码中的出生日期{year}年{month}月{day}日早于1900年", **_date_values(born))
        )
    if born > today:
        raise _birth_date_error(
            msg("身份证号码中的出生日期{year}年{month}月{day}日晚于今天", **_date_values(born))
        )


def _birth_date(digits: str) -> date:
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _birth_date_error(message: Message) -> IdentifierError:
    return IdentifierError(message, IdentifierProblem.BIRTH_DATE)


def _date_values(day: date) -> dict[str, Value]:
    return {"year": day.year, "month": day.month, "day": day.day}


def make_resident_id(division: str, birth: date, sequence: int) -> str:
    """A number with a correct check character, for fictional demo people and tests."""
    if len(division) != 6 or any(c not in DIGITS for c in division):
        raise ValueError(f"division code must be 6 digits, got {division!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0-999, got {sequence}")
    first17 = f"{division}{birth:%Y%m%d}{sequence:03d}"
    return first17 + resident_id_check_character(first17)


def mask_resident_id(number: str) -> str:
    """The number as printed on slips and written to logs (PIPL): the middle replaced by *.

    18 characters keep the division code and the last four, e.g. 110105********123X. Other
    lengths keep the first three and last two; five characters or fewer are starred whole,
    since keeping three plus two of them would hide nothing.
    """
    if len(number) == RESIDENT_ID_LENGTH:
        return number[:6] + "*" * 8 + number[-4:]
    if len(number) <= 5:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


FOREIGN_PERMIT_2017 = re.compile(r"[A-Z]{3}\d{12}")
FOREIGN_PERMIT_2023 = re.compile(r"9\d{16}[\dX]")


def validate_foreign_permit(text: str) -> str:
    """Check a foreign permanent resident ID card number (外国人永久居留身份证); return it.

    The 2017 card has 3 letters and 12 digits, whose check rule is not published: only the
    shape is checked. The 2023 card has 18 characters beginning with 9 and the GB 11643 check
    character (MOD 11-2) at the end.
    """
    number = "".join(text.split()).upper()
    if FOREIGN_PERMIT_2017.fullmatch(number):
        return number
    if not FOREIGN_PERMIT_2023.fullmatch(number):
        raise IdentifierError(
            msg("永久居留身份证号码应为3位字母加12位数字（2017版）或以9开头的18位（2023版）"),
            IdentifierProblem.LENGTH,
        )
    expected = resident_id_check_character(number[:17])
    if number[17] != expected:
        raise IdentifierError(
            msg("永久居留身份证号码校验位错误：应为 {expected}，请逐位核对号码", expected=expected),
            IdentifierProblem.CHECK_CHARACTER,
        )
    return number
