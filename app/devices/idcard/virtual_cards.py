"""Fictional cards of the four kinds, as the reader would return them, for demos and tests.

The simulator (demo mode), the virtual PC/SC card and the tests read the same bytes, so a
layout mistake shows everywhere at once. Every person here is invented; numbers carry valid
check characters (`make_resident_id`) unless a caller passes a wrong one on purpose. Each
item may be given as raw text instead of a typed value, which is how the tests write the
impossible dates and codes a damaged card might hold.
"""

from __future__ import annotations

from datetime import date

from app.devices.idcard.layouts import CardType, Field, write_text
from app.devices.idcard.records import PERMANENT, Gender
from app.domain.identity import make_resident_id, resident_id_check_character

PHOTO_SIZE = 1024
ENGLISH_NAME_FIRST_PART = 35  # characters in 52-122 of the 2023 foreign permit


def resident_card(
    *,
    name: str = "李文华",
    gender: Gender | str = Gender.MALE,
    ethnicity: str = "01",
    birth_date: date | str = date(1985, 6, 15),
    address: str = "北京市东城区示例胡同12号院3号楼2单元401室",
    number: str | None = None,
    issuing_authority: str = "北京市公安局东城分局",
    valid_from: date | str = date(2019, 4, 1),
    valid_to: date | str | None = date(2039, 4, 1),
) -> bytes:
    """The 256-byte text of a resident ID card (`valid_to` None: 长期)."""
    return write_text(
        CardType.RESIDENT,
        {
            Field.NAME: name,
            Field.GENDER: _gender(gender),
            Field.ETHNICITY: ethnicity,
            Field.BIRTH_DATE: _date(birth_date),
            Field.ADDRESS: address,
            Field.NUMBER: number or _citizen_number("110101", birth_date, gender),
            Field.ISSUING_AUTHORITY: issuing_authority,
            Field.VALID_FROM: _date(valid_from),
            Field.VALID_TO: _valid_to(valid_to),
        },
    )


def hk_macau_taiwan_permit(
    *,
    name: str = "陈嘉欣",
    gender: Gender | str = Gender.FEMALE,
    birth_date: date | str = date(1992, 3, 8),
    address: str = "广东省深圳市福田区示例大道88号",
    number: str | None = None,
    issuing_authority: str = "深圳市公安局",
    valid_from: date | str = date(2023, 9, 1),
    valid_to: date | str | None = date(2028, 9, 1),
    travel_permit_number: str = "H00000001",
    issue_count: str = "01",
) -> bytes:
    """The 256-byte text of a residence permit for a Hong Kong resident (number 810000…)."""
    return write_text(
        CardType.HK_MACAU_TAIWAN,
        {
            Field.NAME: name,
            Field.GENDER: _gender(gender),
            Field.BIRTH_DATE: _date(birth_date),
            Field.ADDRESS: address,
            Field.NUMBER: number or _citizen_number("810000", birth_date, gender),
            Field.ISSUING_AUTHORITY: issuing_authority,
            Field.VALID_FROM: _date(valid_from),
            Field.VALID_TO: _valid_to(valid_to),
            Field.TRAVEL_PERMIT_NUMBER: travel_permit_number,
            Field.ISSUE_COUNT: issue_count,
        },
    )


def foreign_permit_2017(
    *,
    english_name: str = "LARSEN, ERIK MAGNUS",
    name: str = "拉森",
    gender: Gender | str = Gender.MALE,
    number: str = "NOR110080072710",
    nationality: str = "NOR",
    birth_date: date | str = date(1980, 7, 27),
    valid_from: date | str = date(2018, 5, 2),
    valid_to: date | str | None = date(2028, 5, 2),
    card_version: str = "01",
    accepting_authority: str = "1100",
) -> bytes:
    """The 256-byte text of a 2017 foreign permanent resident ID card (`I`)."""
    return write_text(
        CardType.FOREIGN_2017,
        {
            Field.ENGLISH_NAME: english_name,
            Field.GENDER: _gender(gender),
            Field.NUMBER: number,
            Field.NATIONALITY: nationality,
            Field.NAME: name,
            Field.VALID_FROM: _date(valid_from),
            Field.VALID_TO: _valid_to(valid_to),
            Field.BIRTH_DATE: _date(birth_date),
            Field.CARD_VERSION: card_version,
            Field.ISSUING_AUTHORITY: accepting_authority,
        },
    )


def foreign_permit_2023(
    *,
    name: str = "白安娜",
    english_name: str = "WHITE ANNA ELIZABETH",
    gender: Gender | str = Gender.FEMALE,
    issue_count: str = "00",
    birth_date: date | str = date(1990, 11, 23),
    number: str | None = None,
    nationality: str = "826",
    valid_from: date | str = date(2024, 1, 15),
    valid_to: date | str | None = date(2034, 1, 15),
    previous_number_link: str = "",
) -> bytes:
    """The 256-byte text of a 2023 foreign permanent resident ID card (`Y`).

    An English name longer than 35 characters continues in the second English-name item.
    """
    return write_text(
        CardType.FOREIGN_2023,
        {
            Field.NAME: name,
            Field.GENDER: _gender(gender),
            Field.ISSUE_COUNT: issue_count,
            Field.BIRTH_DATE: _date(birth_date),
            Field.ENGLISH_NAME: english_name[:ENGLISH_NAME_FIRST_PART],
            Field.NUMBER: number or _foreign_number(nationality, birth_date, gender),
            Field.VALID_FROM: _date(valid_from),
            Field.VALID_TO: _valid_to(valid_to),
            Field.ENGLISH_NAME_MORE: english_name[ENGLISH_NAME_FIRST_PART:],
            Field.NATIONALITY: nationality,
            Field.PREVIOUS_NUMBER_LINK: previous_number_link,
        },
    )


def read_body(
    text: bytes, photo: bytes = bytes(PHOTO_SIZE), fingerprint: bytes | None = None
) -> bytes:
    """The data of a read reply: 30 01 without a fingerprint, 30 10 with one."""
    parts = [text, photo] if fingerprint is None else [text, photo, fingerprint]
    lengths = b"".join(len(part).to_bytes(2, "big") for part in parts)
    return lengths + b"".join(parts)


def _citizen_number(division: str, birth_date: date | str, gender: Gender | str) -> str:
    born = birth_date if isinstance(birth_date, date) else date(2000, 1, 1)
    return make_resident_id(division, born, 123 if gender == Gender.MALE else 124)


def _foreign_number(nationality: str, birth_date: date | str, gender: Gender | str) -> str:
    """An invented 2023 permit number: 9 and the MOD 11-2 check are official; the middle
    (province 11, numeric nationality, birth date, sequence) follows the structure one
    open-source validator assumes, which the parser does not rely on."""
    born = birth_date if isinstance(birth_date, date) else date(2000, 1, 1)
    first17 = f"911{nationality:0>3.3}{born:%Y%m%d}{'011' if gender == Gender.MALE else '012'}"
    return first17 + resident_id_check_character(first17)


def _gender(value: Gender | str) -> str:
    return value.value if isinstance(value, Gender) else value


def _date(value: date | str) -> str:
    return f"{value:%Y%m%d}" if isinstance(value, date) else value


def _valid_to(value: date | str | None) -> str:
    return PERMANENT if value is None else _date(value)
