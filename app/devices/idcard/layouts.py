"""Where each item sits in the card's 256-byte text record, for the four kinds of card.

The text is UCS-2 little-endian (two bytes a character), each item padded with spaces to a
fixed width. Byte 248 (character 124) tells the kinds apart: a space for the resident ID
card, `J`, `I` or `Y` for the others. All offsets below are *byte* offsets, end exclusive;
they are what the sources give (C# `Encoding.Unicode.GetString(bytes, byteIndex, byteCount)`,
C structs of `unsigned char` arrays), and DOMAIN.md's "byte 248" means the same.

Resident ID card (space), every source agreeing (vendor SDK docs, DOMAIN.md, several open
readers; e.g. Kunoon/BeiST20141020 ID2Info.java, the chinasem.cn/eastcoms.com parse notes):
    name 0-30 · gender 30-32 · ethnicity 32-36 · birth 36-52 · address 52-122 · number
    122-158 · issuing authority 158-188 · valid from 188-204 · valid to 204-220 · reserved
Residence permit for Hong Kong, Macau and Taiwan residents (`J`), Johann356/readinfo
PCSCGetData.h `t_idcardinfor` and a C# reader wrapper (GetPassNum 220/18, GetIssueNum 238/4,
reserved 32/4, 242/6, 250/6): as the resident card, but 32-36 is reserved instead of the
ethnicity; travel permit number 220-238 · issue count 238-242 · reserved 242-248.
Foreign permanent resident ID card 2017 (`I`), the chip data item table published with the
card (afzhan.com 外国人身份证居留证芯片机读数据项, 2017) and `t_idforeigner` in the same header:
    English name 0-120 · gender 120-122 · permit number 122-152 (15 characters) · nationality
    152-158 (GB/T 2659 three letters) · Chinese name 158-188 · valid from (issue date) 188-204
    · valid to 204-220 · birth 220-236 · card version 236-240 · accepting authority code
    240-248 · reserved 250-256
Foreign permanent resident ID card 2023 (`Y`), `t_idforeigner2023` in Johann356/readinfo
PCSCGetData.h; the only open source found with the full layout (the official 2023 machine
reading rules, republished by eastcoms.com, confirm the number: 18 digits, first `9`,
MOD 11-2 check, nationality as a numeric code):
    Chinese name 0-30 · gender 30-32 · renewal count 32-36 · birth 36-52 · English name,
    characters 1-35, 52-122 · number 122-158 · reserved 158-188 · valid from 188-204 · valid
    to 204-220 · English name, characters 36-46, 220-242 · nationality 242-248 (numeric) ·
    link to the permit number of the earlier version 250-256
"""

from __future__ import annotations

from enum import Enum

from app.devices.idcard.errors import CardDataError
from app.domain.messages import Message, msg

TEXT_SIZE = 256
TYPE_MARK = (248, 250)
ENCODING = "utf-16-le"


class CardType(Enum):
    """The kind of card, by the character at byte 248 of its text record."""

    RESIDENT = " "
    HK_MACAU_TAIWAN = "J"
    FOREIGN_2017 = "I"
    FOREIGN_2023 = "Y"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    CardType.RESIDENT: "居民身份证",
    CardType.HK_MACAU_TAIWAN: "港澳台居民居住证",
    CardType.FOREIGN_2017: "外国人永久居留身份证（2017版）",
    CardType.FOREIGN_2023: "外国人永久居留身份证（2023版）",
}


class Field(Enum):
    """An item of the text record; not every kind of card has every item."""

    NAME = "name"
    ENGLISH_NAME = "english_name"
    ENGLISH_NAME_MORE = "english_name_more"
    GENDER = "gender"
    ETHNICITY = "ethnicity"
    NATIONALITY = "nationality"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    NUMBER = "number"
    ISSUING_AUTHORITY = "issuing_authority"
    VALID_FROM = "valid_from"
    VALID_TO = "valid_to"
    TRAVEL_PERMIT_NUMBER = "travel_permit_number"
    ISSUE_COUNT = "issue_count"
    CARD_VERSION = "card_version"
    PREVIOUS_NUMBER_LINK = "previous_number_link"

    @property
    def label(self) -> Message:
        return _FIELD_LABELS[self]


_FIELD_LABELS = {
    Field.NAME: msg("姓名"),
    Field.ENGLISH_NAME: msg("英文姓名"),
    Field.ENGLISH_NAME_MORE: msg("英文姓名（续）"),
    Field.GENDER: msg("性别"),
    Field.ETHNICITY: msg("民族"),
    Field.NATIONALITY: msg("国籍"),
    Field.BIRTH_DATE: msg("出生日期"),
    Field.ADDRESS: msg("住址"),
    Field.NUMBER: msg("证件号码"),
    Field.ISSUING_AUTHORITY: msg("签发机关"),
    Field.VALID_FROM: msg("有效期起始日期"),
    Field.VALID_TO: msg("有效期截止日期"),
    Field.TRAVEL_PERMIT_NUMBER: msg("通行证号码"),
    Field.ISSUE_COUNT: msg("签发次数"),
    Field.CARD_VERSION: msg("证件版本号"),
    Field.PREVIOUS_NUMBER_LINK: msg("既往版本证件号码关联项"),
}


_RESIDENT_BASE = {
    Field.NAME: (0, 30),
    Field.GENDER: (30, 32),
    Field.BIRTH_DATE: (36, 52),
    Field.ADDRESS: (52, 122),
    Field.NUMBER: (122, 158),
    Field.ISSUING_AUTHORITY: (158, 188),
    Field.VALID_FROM: (188, 204),
    Field.VALID_TO: (204, 220),
}

LAYOUTS: dict[CardType, dict[Field, tuple[int, int]]] = {
    CardType.RESIDENT: _RESIDENT_BASE | {Field.ETHNICITY: (32, 36)},
    CardType.HK_MACAU_TAIWAN: _RESIDENT_BASE
    | {Field.TRAVEL_PERMIT_NUMBER: (220, 238), Field.ISSUE_COUNT: (238, 242)},
    CardType.FOREIGN_2017: {
        Field.ENGLISH_NAME: (0, 120),
        Field.GENDER: (120, 122),
        Field.NUMBER: (122, 152),
        Field.NATIONALITY: (152, 158),
        Field.NAME: (158, 188),
        Field.VALID_FROM: (188, 204),
        Field.VALID_TO: (204, 220),
        Field.BIRTH_DATE: (220, 236),
        Field.CARD_VERSION: (236, 240),
        Field.ISSUING_AUTHORITY: (240, 248),
    },
    CardType.FOREIGN_2023: {
        Field.NAME: (0, 30),
        Field.GENDER: (30, 32),
        Field.ISSUE_COUNT: (32, 36),
        Field.BIRTH_DATE: (36, 52),
        Field.ENGLISH_NAME: (52, 122),
        Field.NUMBER: (122, 158),
        Field.VALID_FROM: (188, 204),
        Field.VALID_TO: (204, 220),
        Field.ENGLISH_NAME_MORE: (220, 242),
        Field.NATIONALITY: (242, 248),
        Field.PREVIOUS_NUMBER_LINK: (250, 256),
    },
}


def card_type_of(text: bytes) -> CardType:
    """The kind of card; CardDataError for a mark no known card carries.

    A NUL at byte 248 is read as a resident card too: the field is reserved (spaces) on
    that card, and a reader that zero-fills reserved bytes must not make it unreadable.
    """
    mark = _decode(text, TYPE_MARK, msg("证件类型标识"))
    try:
        return CardType(" " if mark == "\x00" else mark)
    except ValueError:
        raise CardDataError(
            msg(
                "无法识别的证件类型（标识“{mark}”），请人工核对证件后手工录入",
                mark=mark.strip() or msg("空"),
            )
        ) from None


def read_fields(text: bytes) -> tuple[CardType, dict[Field, str]]:
    """The kind of card and each of its items as stored, padding included (an English name
    split in two may continue across its first part's last space); CardDataError if unreadable.
    """
    if len(text) != TEXT_SIZE:
        raise CardDataError(
            msg(
                "证件文字信息应为{expected}字节，读卡器给出{received}字节，请重新放置证件",
                expected=TEXT_SIZE,
                received=len(text),
            )
        )
    card_type = card_type_of(text)
    fields = {
        field: _decode(text, span, field.label).replace("\x00", " ")
        for field, span in LAYOUTS[card_type].items()
    }
    return card_type, fields


def write_text(card_type: CardType, values: dict[Field, str]) -> bytes:
    """A text record holding the given items, padded with spaces (virtual cards, simulator)."""
    text = bytearray(" ".encode(ENCODING) * (TEXT_SIZE // 2))
    for field, value in values.items():
        start, end = LAYOUTS[card_type][field]
        encoded = value.encode(ENCODING)
        if len(encoded) > end - start:
            raise ValueError(f"{field.value} {value!r} is longer than {(end - start) // 2} chars")
        text[start : start + len(encoded)] = encoded
    text[TYPE_MARK[0] : TYPE_MARK[1]] = card_type.value.encode(ENCODING)
    return bytes(text)


def _decode(text: bytes, span: tuple[int, int], what: Message) -> str:
    try:
        return text[span[0] : span[1]].decode(ENCODING)
    except UnicodeDecodeError:
        raise CardDataError(
            msg("证件文字信息中的“{what}”不是有效的字符，请重新放置证件", what=what)
        ) from None
