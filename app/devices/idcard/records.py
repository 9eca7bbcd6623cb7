"""The body of a read reply turned into one typed, checked `IdCard`, whatever the kind of card.

The body of `READ_TEXT_PHOTO` (30 01) is: text length, photo length (2 bytes each, big-endian),
the text, the photo; `READ_TEXT_PHOTO_FINGERPRINT` (30 10) adds a fingerprint length after the
photo length and the fingerprint after the photo. The lengths are read, never assumed (256,
1024 and 1024 in practice: the 2,321-byte reply); a body that does not add up is refused.

What stops a read (CardDataError, the clerk types the applicant in instead) and what only
warns (a `Message` in `IdCard.problems`, shown beside the filled panel) was decided so: an item
the counter would fill wrongly or cannot fill at all is fatal — an unknown kind of card, text
that is not UCS-2, no name, a gender code other than 1 or 2, a date that is not a date (or a
valid-to that is neither a date nor 长期), a birth date before 1900 or after today, a number
that is malformed or fails its check character. What a clerk can see and correct on the card
in hand only warns: an ethnicity code missing from GB 3304, a birth date or gender that
disagrees with the number, a validity that ends before it starts, an unreadable issue count
or nationality code, a residence permit number outside 81/82/83, and the 2017 foreign permit,
whose check character rule is not published (its number is checked for shape only).
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import pairwise

from app.devices.idcard.errors import CardDataError
from app.devices.idcard.ethnicity import ethnic_group_name
from app.devices.idcard.layouts import CardType, Field, read_fields
from app.domain.identity import (
    DIGITS,
    EARLIEST_BIRTH_DATE,
    IdentifierError,
    IdentifierProblem,
    mask_resident_id,
    resident_id_check_character,
    validate_resident_id,
)
from app.domain.messages import Message, msg

PERMANENT = "长期"
HK_MACAU_TAIWAN_PREFIXES = ("810000", "820000", "830000")
FOREIGN_2017_NUMBER = re.compile(r"[A-Z]{3}\d{12}")
FOREIGN_2023_NUMBER = re.compile(r"9\d{16}[\dX]")
FOREIGN_2017_UNCHECKED = msg(
    "2017版永久居留身份证号码的校验规则未公开，号码只核对了格式，请与证件原件核对"
)
_CHECK_BY_HAND = msg("请人工核验证件后手工录入")


class Gender(Enum):
    """GB/T 2261.1 as stored on every kind of card: 1 male, 2 female."""

    MALE = "1"
    FEMALE = "2"

    @property
    def label(self) -> str:
        return "男" if self is Gender.MALE else "女"


@dataclass(frozen=True, repr=False)
class IdCard:
    """What one card says about its holder, checked, for the applicant panel and the kiosk.

    `name` is the Chinese name (may be empty on a foreign permit, which always has
    `english_name`). `ethnicity` (resident card only) is the GB 3304 name; `nationality`
    (foreign permits only) is the code as stored: three letters on the 2017 card, three
    digits on the 2023 one. `issuing_authority` is the name on resident cards and residence
    permits, the accepting authority's code on a 2017 foreign permit and empty on a 2023 one
    (its chip leaves that item reserved). `permit_issue_count` is the residence permit's
    签发次数 or the 2023 foreign permit's 换证次数; `travel_permit_number` the residence
    permit's 通行证号码. `valid_to` None means 长期. `photo` is the raw WLT image.
    """

    card_type: CardType
    name: str
    english_name: str
    gender: Gender
    ethnicity: str | None
    nationality: str | None
    birth_date: date
    address: str
    number: str
    issuing_authority: str
    valid_from: date
    valid_to: date | None
    permit_issue_count: int | None
    travel_permit_number: str
    photo: bytes
    fingerprint: bytes
    problems: tuple[Message, ...]

    def is_expired(self, today: date) -> bool:
        """True once the last valid day has passed; a 长期 card never expires."""
        return self.valid_to is not None and today > self.valid_to

    def __repr__(self) -> str:
        """Masked, as logs must be (PIPL): no name, the number starred, sizes for the images."""
        return (
            f"IdCard({self.card_type.name}, number={mask_resident_id(self.number)}, "
            f"photo={len(self.photo)} bytes, fingerprint={len(self.fingerprint)} bytes, "
            f"problems={len(self.problems)})"
        )


def parse_card(body: bytes, with_fingerprint: bool, today: date | None = None) -> IdCard:
    """The card in the body of a successful read reply; CardDataError if it cannot be used."""
    text, photo, fingerprint = _split_body(body, with_fingerprint)
    card_type, fields = read_fields(text)
    return _Parser(card_type, fields, today or date.today()).card(photo, fingerprint)


def _split_body(body: bytes, with_fingerprint: bool) -> tuple[bytes, bytes, bytes]:
    count = 3 if with_fingerprint else 2
    header = 2 * count
    if len(body) < header:
        raise CardDataError(
            msg("读卡器返回的证件数据不完整（只有{size}字节），请重新放置证件", size=len(body))
        )
    lengths = struct.unpack(f">{count}H", body[:header])
    if header + sum(lengths) != len(body):
        raise CardDataError(
            msg(
                "读卡器返回的证件数据长度不符：应为{expected}字节，收到{received}字节，请重新放置证件",
                expected=header + sum(lengths),
                received=len(body),
            )
        )
    cuts = [header]
    for length in lengths:
        cuts.append(cuts[-1] + length)
    sections = [body[start:end] for start, end in pairwise(cuts)]
    return sections[0], sections[1], sections[2] if with_fingerprint else b""


class _Parser:
    """The checks of one text record, collecting the warnings as it goes."""

    def __init__(self, card_type: CardType, fields: dict[Field, str], today: date) -> None:
        self.card_type = card_type
        self.fields = fields
        self.today = today
        self.problems: list[Message] = []

    def card(self, photo: bytes, fingerprint: bytes) -> IdCard:
        name, english_name = self.text(Field.NAME), self._english_name()
        if not name and not english_name:
            raise CardDataError(msg("证件中没有姓名，数据不可信，{then}", then=_CHECK_BY_HAND))
        gender = self._gender()
        birth_date = self._birth_date()
        valid_from = self._date(Field.VALID_FROM)
        valid_to = self._valid_to()
        if valid_to is not None and valid_to < valid_from:
            self.problems.append(msg("证件有效期截止日期早于起始日期，请核对证件"))
        number = self._number(birth_date, gender)
        ethnicity, nationality = self._ethnicity(), self._nationality()
        issue_count = self._issue_count()
        return IdCard(
            card_type=self.card_type,
            name=name,
            english_name=english_name,
            gender=gender,
            ethnicity=ethnicity,
            nationality=nationality,
            birth_date=birth_date,
            address=self.text(Field.ADDRESS),
            number=number,
            issuing_authority=self.text(Field.ISSUING_AUTHORITY),
            valid_from=valid_from,
            valid_to=valid_to,
            permit_issue_count=issue_count,
            travel_permit_number=self.text(Field.TRAVEL_PERMIT_NUMBER),
            photo=photo,
            fingerprint=fingerprint,
            problems=tuple(self.problems),
        )

    def text(self, field: Field) -> str:
        return self.fields.get(field, "").strip()

    def _english_name(self) -> str:
        """Joined before stripping: the second part may begin right after a space."""
        return (
            self.fields.get(Field.ENGLISH_NAME, "") + self.fields.get(Field.ENGLISH_NAME_MORE, "")
        ).strip()

    def _gender(self) -> Gender:
        code = self.text(Field.GENDER)
        try:
            return Gender(code)
        except ValueError:
            raise CardDataError(
                msg(
                    "证件中的性别代码“{code}”无效，数据不可信，{then}",
                    code=code,
                    then=_CHECK_BY_HAND,
                )
            ) from None

    def _date(self, field: Field) -> date:
        value = self.text(field)
        try:
            if len(value) != 8 or not value.isascii() or not value.isdigit():
                raise ValueError(value)
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise CardDataError(
                msg(
                    "证件中的{field}“{value}”不是有效日期，{then}",
                    field=field.label,
                    value=value,
                    then=_CHECK_BY_HAND,
                )
            ) from None

    def _birth_date(self) -> date:
        born = self._date(Field.BIRTH_DATE)
        if not EARLIEST_BIRTH_DATE <= born <= self.today:
            raise CardDataError(
                msg(
                    "证件中的出生日期{born}不可能（早于1900年或晚于今天），{then}",
                    born=msg("{y}年{m}月{d}日", y=born.year, m=born.month, d=born.day),
                    then=_CHECK_BY_HAND,
                )
            )
        return born

    def _valid_to(self) -> date | None:
        return None if self.text(Field.VALID_TO) == PERMANENT else self._date(Field.VALID_TO)

    def _number(self, birth_date: date, gender: Gender) -> str:
        number = self.text(Field.NUMBER).upper()
        if self.card_type is CardType.FOREIGN_2017:
            return self._foreign_2017_number(number)
        if self.card_type is CardType.FOREIGN_2023:
            return self._foreign_2023_number(number)
        return self._resident_number(number, birth_date, gender)

    def _resident_number(self, number: str, birth_date: date, gender: Gender) -> str:
        """Resident cards and residence permits share GB 11643 numbers."""
        try:
            parts = validate_resident_id(number, self.today)
        except IdentifierError as error:
            raise _number_error(number, error) from None
        if parts.birth_date != birth_date:
            self.problems.append(msg("证件号码中的出生日期与出生日期栏不一致，请核对证件"))
        if parts.is_male != (gender is Gender.MALE):
            self.problems.append(
                msg("证件号码的顺序码（奇数为男、偶数为女）与性别不一致，请核对证件")
            )
        if self.card_type is CardType.HK_MACAU_TAIWAN and not number.startswith(
            HK_MACAU_TAIWAN_PREFIXES
        ):
            self.problems.append(
                msg("港澳台居民居住证号码应以810000、820000或830000开头，请核对证件")
            )
        return parts.number

    def _foreign_2017_number(self, number: str) -> str:
        if not FOREIGN_2017_NUMBER.fullmatch(number):
            raise CardDataError(
                msg(
                    "永久居留身份证号码“{number}”格式错误（应为3位字母加12位数字），{then}",
                    number=mask_resident_id(number),
                    then=_CHECK_BY_HAND,
                )
            )
        self.problems.append(FOREIGN_2017_UNCHECKED)
        return number

    def _foreign_2023_number(self, number: str) -> str:
        if not FOREIGN_2023_NUMBER.fullmatch(number):
            raise CardDataError(
                msg(
                    "永久居留身份证号码“{number}”格式错误（应为以9开头的18位），{then}",
                    number=mask_resident_id(number),
                    then=_CHECK_BY_HAND,
                )
            )
        expected = resident_id_check_character(number[:17])
        if number[17] != expected:
            raise _check_character_error(number, expected)
        return number

    def _ethnicity(self) -> str | None:
        if self.card_type is not CardType.RESIDENT:
            return None
        code = self.text(Field.ETHNICITY)
        name = ethnic_group_name(code)
        if name is None:
            self.problems.append(
                msg("民族代码“{code}”不在GB 3304民族代码表中，请按证件手工选择民族", code=code)
            )
        return name

    def _nationality(self) -> str | None:
        if Field.NATIONALITY not in self.fields:
            return None
        code = self.text(Field.NATIONALITY).upper()
        wanted = str.isalpha if self.card_type is CardType.FOREIGN_2017 else str.isdigit
        if len(code) != 3 or not code.isascii() or not wanted(code):
            self.problems.append(msg("国籍代码“{code}”无法识别，请按证件手工填写国籍", code=code))
            return None
        return code

    def _issue_count(self) -> int | None:
        if Field.ISSUE_COUNT not in self.fields:
            return None
        value = self.text(Field.ISSUE_COUNT)
        if value.isascii() and value.isdigit():
            return int(value)
        self.problems.append(msg("证件中的签发次数“{value}”无法识别，请核对证件", value=value))
        return None


def _number_error(number: str, error: IdentifierError) -> CardDataError:
    first17 = number[:17]
    # the check names the character the card should bear only where the card's own digits
    # are plain ones (a corrupted byte may read as "¹", which the typed-number check takes)
    if error.problem is IdentifierProblem.CHECK_CHARACTER and all(c in DIGITS for c in first17):
        return _check_character_error(number, resident_id_check_character(first17))
    return CardDataError(
        msg(
            "证件中的号码{number}无效：{reason}。{then}",
            number=mask_resident_id(number),
            reason=error.message,
            then=_CHECK_BY_HAND,
        )
    )


def _check_character_error(number: str, expected: str) -> CardDataError:
    return CardDataError(
        msg(
            "证件中的号码{number}校验位错误（应为{expected}），证件数据不可信，{then}",
            number=mask_resident_id(number),
            expected=expected,
            then=_CHECK_BY_HAND,
        )
    )
