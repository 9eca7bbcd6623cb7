"""Identifiers of applicants: the resident ID number and the unified social credit code.

A citizen is identified by the 18-character resident ID number (GB 11643), an enterprise or
other organisation by the 18-character unified social credit code (GB 32100), whose characters
9-17 are its organization code (GB 11714). Each carries a check character; the clerk types
these numbers all day, so every rule below answers with a message the clerk can act on.

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
CREDIT_CODE_LENGTH = 18
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

#: GB 32100: 31 characters, no I, O, S, V or Z (too easily read as 1, 0, 5, U and 2).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_FORBIDDEN_LETTERS = "IOSVZ"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: Registration authority (登记管理部门, character 1) → the organisation categories it may
#: register (机构类别, character 2), as assigned under GB 32100 in practice. 1, 5, 9 and Y
#: are the four of the 2015 text; the others were added for law firms, trade unions, religious
#: sites, rural collectives and so on, which all come to a service center too.
REGISTRATION_AUTHORITIES: dict[str, tuple[str, str]] = {
    "1": ("机构编制", "1239"),
    "2": ("外交", "19"),
    "3": ("司法行政", "123459"),
    "4": ("文化", "19"),
    "5": ("民政", "1239"),
    "6": ("旅游", "129"),
    "7": ("宗教", "129"),
    "8": ("工会", "19"),
    "9": ("市场监管（工商）", "123"),
    "A": ("中央军委改革和编制办公室", "19"),
    "N": ("农业农村", "1239"),
    "Y": ("其他", "1"),
}

#: GB 11714: weights of the 8 body characters; the check is 11 - sum mod 11.
ORGANIZATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


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


# ---------------------------------------------------------------------- organization code


def organization_code_check_character(first8: str) -> str:
    """GB 11714: the 9th character of an organization code whose 8 body characters are given."""
    if len(first8) != 8 or any(c not in DIGITS and not ("A" <= c <= "Z") for c in first8):
        raise ValueError(f"need 8 digits or capital letters, got {first8!r}")
    total = sum(
        _organization_value(c) * w for c, w in zip(first8, ORGANIZATION_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _organization_value(character: str) -> int:
    return int(character) if character in DIGITS else ord(character) - ord("A") + 10


# ------------------------------------------------------------------ unified social credit code


def credit_code_check_character(first17: str) -> str:
    """GB 32100: the 18th character of a credit code whose first 17 characters are given."""
    if len(first17) != 17 or any(c not in CREDIT_CODE_ALPHABET for c in first17):
        raise ValueError(f"need 17 characters of the credit code alphabet, got {first17!r}")
    total = sum(
        CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """Check a typed credit code; return it normalised (upper case), or raise IdentifierError."""
    code = _normalise_credit_code(text)
    if not code:
        raise IdentifierError(msg("请输入统一社会信用代码"), IdentifierProblem.EMPTY)
    if len(code) != CREDIT_CODE_LENGTH:
        raise IdentifierError(
            msg("统一社会信用代码应为18位，现在是{count}位", count=len(code)),
            IdentifierProblem.LENGTH,
        )
    _check_credit_code_prefix(code)
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise IdentifierError(
            msg(
                "统一社会信用代码校验位错误：应为 {expected}，输入的是 {typed}，请逐位核对",
                expected=expected,
                typed=code[17],
            ),
            IdentifierProblem.CHECK_CHARACTER,
        )
    return code


def partial_credit_code_problem(text: str) -> Message | None:
    """None while the text typed so far can still become a valid code, else the reason."""
    code = _normalise_credit_code(text)
    if len(code) > CREDIT_CODE_LENGTH:
        return msg("统一社会信用代码只有18位，现在已输入{count}位", count=len(code))
    try:
        if len(code) == CREDIT_CODE_LENGTH:
            validate_credit_code(code)
        else:
            _check_credit_code_prefix(code)
    except IdentifierError as error:
        return error.message
    return None


def make_credit_code(first17: str) -> str:
    """The full code for 17 given characters, for fictional demo organisations and tests.

    Characters 9-17 must already be a valid organization code (see
    `organization_code_check_character`); the result is checked before it is returned.
    """
    return validate_credit_code(first17 + credit_code_check_character(first17))


def mask_credit_code(code: str) -> str:
    """The credit code unchanged: it identifies an organisation, not a person, and is public.

    It is printed on the business license and published in the national enterprise credit
    information system, so PIPL's masking does not apply. The function exists so that callers
    mask every identifier the same way and the decision is written down in one place.
    """
    return code


def _normalise_credit_code(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _check_credit_code_prefix(code: str) -> None:
    """Raise for the first rule that the (possibly incomplete) code already breaks."""
    _check_credit_code_characters(code[:CREDIT_CODE_LENGTH])
    if len(code) >= 1 and code[0] not in REGISTRATION_AUTHORITIES:
        raise IdentifierError(
            msg("统一社会信用代码第1位“{character}”不是有效的登记管理部门代码", character=code[0]),
            IdentifierProblem.REGISTRATION_AUTHORITY,
        )
    if len(code) >= 2:
        _check_organisation_category(code[0], code[1])
    for position, character in enumerate(code[2:8], start=3):
        if character not in DIGITS:
            raise IdentifierError(
                msg(
                    "统一社会信用代码第{position}位“{character}”无效："
                    "第3-8位是登记机关的行政区划代码，只能是数字",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )
    if len(code) >= 17:
        _check_organization_code(code[8:17])


def _check_credit_code_characters(code: str) -> None:
    for position, character in enumerate(code, start=1):
        if character in CREDIT_CODE_FORBIDDEN_LETTERS:
            raise IdentifierError(
                msg(
                    "统一社会信用代码不能含有字母 I、O、S、V、Z：第{position}位是“{character}”",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )
        if character not in CREDIT_CODE_ALPHABET:
            raise IdentifierError(
                msg(
                    "统一社会信用代码第{position}位“{character}”无效：只能是数字或大写字母",
                    position=position,
                    character=character,
                ),
                IdentifierProblem.CHARACTER,
            )


def _check_organisation_category(authority: str, category: str) -> None:
    name, categories = REGISTRATION_AUTHORITIES[authority]
    if category not in categories:
        raise IdentifierError(
            msg(
                "统一社会信用代码第2位“{category}”无效：登记管理部门“{name}”"
                "（{authority}）下的机构类别只能是{allowed}",
                category=category,
                name=name,
                authority=authority,
                allowed=tuple(categories),
            ),
            IdentifierProblem.REGISTRATION_AUTHORITY,
        )


def _check_organization_code(organization_code: str) -> None:
    expected = organization_code_check_character(organization_code[:8])
    if organization_code[8] != expected:
        raise IdentifierError(
            msg(
                "统一社会信用代码第9-17位（组织机构代码）校验位错误："
                "第17位应为 {expected}，输入的是 {typed}",
                expected=expected,
                typed=organization_code[8],
            ),
            IdentifierProblem.ORGANIZATION_CODE,
        )


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
