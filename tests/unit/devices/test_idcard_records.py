"""Card records: the four layouts (pinned to the sources' byte offsets by hand-built texts),
the read body's lengths, what stops a read and what only warns, the ethnicity table and the
photo hook."""

from __future__ import annotations

from datetime import date

import pytest

from app.devices.idcard.errors import CardDataError, CardReaderError, PhotoDecoderError
from app.devices.idcard.ethnicity import ETHNIC_GROUPS, ethnic_group_name
from app.devices.idcard.layouts import TEXT_SIZE, CardType
from app.devices.idcard.photo import NoPhotoDecoder, PhotoDecoder, load_photo_decoder
from app.devices.idcard.records import FOREIGN_2017_UNCHECKED, Gender, IdCard, parse_card
from app.devices.idcard.virtual_cards import (
    foreign_permit_2017,
    foreign_permit_2023,
    hk_macau_taiwan_permit,
    read_body,
    resident_card,
)
from app.domain.identity import make_resident_id, resident_id_check_character

TODAY = date(2026, 3, 1)
PHOTO = bytes(range(256)) * 4


def parse(text: bytes, fingerprint: bytes | None = None) -> IdCard:
    body = read_body(text, PHOTO, fingerprint)
    return parse_card(body, with_fingerprint=fingerprint is not None, today=TODAY)


def hand_built(items: dict[int, str], mark: str) -> bytes:
    """A text record written at literal byte offsets, independent of the layout tables."""
    text = bytearray(b" \x00" * 128)
    for offset, value in items.items():
        encoded = value.encode("utf-16-le")
        text[offset : offset + len(encoded)] = encoded
    text[248:250] = mark.encode("utf-16-le")
    return bytes(text)


# ------------------------------------------------------- layouts pinned to the sources

RESIDENT_NUMBER = make_resident_id("110101", date(1985, 6, 15), 123)
PERMIT_NUMBER = make_resident_id("810000", date(1992, 3, 8), 124)
FOREIGN_NUMBER = "911826199011230" + "12"
FOREIGN_NUMBER += resident_id_check_character(FOREIGN_NUMBER)


def test_resident_card_offsets() -> None:
    card = parse(
        hand_built(
            {
                0: "李文华",
                30: "1",
                32: "05",
                36: "19850615",
                52: "北京市东城区示例胡同12号",
                122: RESIDENT_NUMBER,
                158: "北京市公安局东城分局",
                188: "20190401",
                204: "长期",
            },
            " ",
        )
    )
    assert card.card_type is CardType.RESIDENT
    assert (card.name, card.gender, card.ethnicity) == ("李文华", Gender.MALE, "维吾尔")
    assert (card.birth_date, card.address) == (date(1985, 6, 15), "北京市东城区示例胡同12号")
    assert (card.number, card.issuing_authority) == (RESIDENT_NUMBER, "北京市公安局东城分局")
    assert (card.valid_from, card.valid_to) == (date(2019, 4, 1), None)
    assert (card.english_name, card.nationality, card.permit_issue_count) == ("", None, None)
    assert card.photo == PHOTO and card.problems == ()


def test_hk_macau_taiwan_permit_offsets() -> None:
    card = parse(
        hand_built(
            {
                0: "陈嘉欣",
                30: "2",
                36: "19920308",
                52: "广东省深圳市福田区示例大道88号",
                122: PERMIT_NUMBER,
                158: "深圳市公安局",
                188: "20230901",
                204: "20280901",
                220: "H00000001",
                238: "03",
            },
            "J",
        )
    )
    assert card.card_type is CardType.HK_MACAU_TAIWAN
    assert (card.name, card.gender, card.ethnicity) == ("陈嘉欣", Gender.FEMALE, None)
    assert (card.number, card.travel_permit_number) == (PERMIT_NUMBER, "H00000001")
    assert (card.permit_issue_count, card.valid_to) == (3, date(2028, 9, 1))
    assert card.problems == ()


def test_foreign_permit_2017_offsets() -> None:
    card = parse(
        hand_built(
            {
                0: "LARSEN, ERIK MAGNUS",
                120: "1",
                122: "NOR110080072710",
                152: "NOR",
                158: "拉森",
                188: "20180502",
                204: "20280502",
                220: "19800727",
                236: "01",
                240: "1100",
            },
            "I",
        )
    )
    assert card.card_type is CardType.FOREIGN_2017
    assert (card.english_name, card.name, card.gender) == (
        "LARSEN, ERIK MAGNUS",
        "拉森",
        Gender.MALE,
    )
    assert (card.number, card.nationality) == ("NOR110080072710", "NOR")
    assert (card.birth_date, card.valid_from) == (date(1980, 7, 27), date(2018, 5, 2))
    assert (card.issuing_authority, card.address, card.ethnicity) == ("1100", "", None)
    assert card.problems == (FOREIGN_2017_UNCHECKED,)


def test_foreign_permit_2023_offsets_and_the_english_name_in_two_parts() -> None:
    first, rest = "WOLFESCHLEGEL STEINHAUSEN BERGERDO", "RFF ANNA"
    card = parse(
        hand_built(
            {
                0: "白安娜",
                30: "2",
                32: "01",
                36: "19901123",
                52: first + " ",  # 35 characters, the last one a space
                122: FOREIGN_NUMBER,
                188: "20240115",
                204: "20340115",
                220: rest,
                242: "826",
                250: "ABC",
            },
            "Y",
        )
    )
    assert card.card_type is CardType.FOREIGN_2023
    assert (card.name, card.english_name) == ("白安娜", f"{first} {rest}")
    assert (card.number, card.nationality, card.permit_issue_count) == (FOREIGN_NUMBER, "826", 1)
    assert (card.birth_date, card.valid_to) == (date(1990, 11, 23), date(2034, 1, 15))
    assert (card.issuing_authority, card.problems) == ("", ())


@pytest.mark.parametrize(
    "text",
    [resident_card(), hk_macau_taiwan_permit(), foreign_permit_2017(), foreign_permit_2023()],
    ids=["resident", "J", "I", "Y"],
)
def test_the_virtual_cards_are_256_bytes_and_read_back(text: bytes) -> None:
    assert len(text) == TEXT_SIZE
    card = parse(text, fingerprint=b"\x01" * 1024)
    assert card.fingerprint == b"\x01" * 1024
    assert card.name or card.english_name


def test_a_long_english_name_round_trips_through_the_2023_builder() -> None:
    name = "WOLFESCHLEGEL STEINHAUSEN BERGERDORFF ANNA"
    assert parse(foreign_permit_2023(english_name=name)).english_name == name
    with pytest.raises(ValueError, match="longer"):
        foreign_permit_2023(english_name="X" * 47)


def test_a_nul_type_mark_reads_as_a_resident_card() -> None:
    text = bytearray(resident_card())
    text[248:250] = b"\x00\x00"
    assert parse(bytes(text)).card_type is CardType.RESIDENT


def test_repr_masks_the_number_and_leaves_out_the_name() -> None:
    shown = repr(parse(resident_card()))
    assert RESIDENT_NUMBER not in shown and "李文华" not in shown
    assert "110101********1230" in shown


def test_expiry() -> None:
    card = parse(resident_card(valid_to=date(2026, 3, 1)))
    assert not card.is_expired(date(2026, 3, 1))
    assert card.is_expired(date(2026, 3, 2))
    assert not parse(resident_card(valid_to=None)).is_expired(date(2199, 1, 1))


# ------------------------------------------------------------------------------ read body


def test_the_lengths_are_read_not_assumed() -> None:
    body = read_body(resident_card(), photo=b"\x07" * 10)
    card = parse_card(body, with_fingerprint=False, today=TODAY)
    assert card.photo == b"\x07" * 10


@pytest.mark.parametrize(
    ("body", "with_fingerprint", "message"),
    [
        (b"\x01", False, "不完整"),
        (b"\x01\x00\x04\x00", True, "不完整"),
        (read_body(resident_card())[:-1], False, "长度不符"),
        (read_body(resident_card()) + b"\x00", False, "长度不符"),
        (read_body(resident_card()), True, "长度不符"),
        (read_body(resident_card()[:-2] + b""), False, "应为256字节"),
        (read_body(resident_card() + b" \x00"), False, "应为256字节"),
    ],
)
def test_a_body_that_does_not_add_up_is_refused(
    body: bytes, with_fingerprint: bool, message: str
) -> None:
    with pytest.raises(CardReaderError, match=message):
        parse_card(body, with_fingerprint, today=TODAY)


# ------------------------------------------------------------------------- fatal problems


def refused(text: bytes, message: str) -> None:
    with pytest.raises(CardDataError, match=message):
        parse(text)


def test_a_bad_check_character_is_fatal_and_the_message_masks_the_number() -> None:
    wrong = RESIDENT_NUMBER[:17] + ("1" if RESIDENT_NUMBER[17] != "1" else "2")
    with pytest.raises(CardDataError, match="校验位错误") as raised:
        parse(resident_card(number=wrong))
    assert wrong not in str(raised.value) and "110101********" in str(raised.value)
    refused(hk_macau_taiwan_permit(number=PERMIT_NUMBER[:17] + "X"), "校验位错误")
    refused(foreign_permit_2023(number=FOREIGN_NUMBER[:17] + "X"), "校验位错误")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (resident_card(birth_date="20230230"), "出生日期“20230230”不是有效日期"),
        (resident_card(birth_date="1985061"), "不是有效日期"),
        (resident_card(birth_date="１９８５０６１５"), "不是有效日期"),
        (resident_card(birth_date=date(2027, 1, 1)), "不可能"),
        (resident_card(birth_date=date(1899, 12, 31)), "不可能"),
        (resident_card(valid_from="2019"), "有效期起始日期"),
        (resident_card(valid_to="永久"), "有效期截止日期“永久”"),
        (foreign_permit_2017(birth_date="19801327"), "不是有效日期"),
    ],
)
def test_unreadable_and_impossible_dates_are_fatal(text: bytes, message: str) -> None:
    refused(text, message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (resident_card(name=""), "没有姓名"),
        (foreign_permit_2017(name="", english_name=""), "没有姓名"),
        (resident_card(gender="9"), "性别代码“9”"),
        (resident_card(number="11010119850615"), "号码.*无效.*18位"),
        (resident_card(number="99" + RESIDENT_NUMBER[2:]), "行政区划"),
        (foreign_permit_2017(number="NOR11008007271"), "3位字母加12位数字"),
        (foreign_permit_2023(number=RESIDENT_NUMBER), "以9开头"),
    ],
)
def test_unusable_items_are_fatal(text: bytes, message: str) -> None:
    refused(text, message)


def test_an_unknown_card_type_is_fatal() -> None:
    text = bytearray(resident_card())
    text[248:250] = "Z".encode("utf-16-le")
    refused(bytes(text), "无法识别的证件类型（标识“Z”）")


def test_text_that_is_not_ucs2_is_fatal() -> None:
    text = bytearray(resident_card())
    text[0:2] = b"\x00\xd8"  # a lone high surrogate
    refused(bytes(text), "“姓名”不是有效的字符")


# ------------------------------------------------------------------------------- warnings


def test_an_unknown_ethnicity_code_only_warns() -> None:
    card = parse(resident_card(ethnicity="77"))
    assert card.ethnicity is None
    assert [str(p) for p in card.problems] == [
        "民族代码“77”不在GB 3304民族代码表中，请按证件手工选择民族"
    ]


def test_disagreements_with_the_number_warn() -> None:
    card = parse(resident_card(number=RESIDENT_NUMBER, birth_date=date(1985, 6, 16)))
    assert any("出生日期与出生日期栏不一致" in str(p) for p in card.problems)
    card = parse(resident_card(number=RESIDENT_NUMBER, gender=Gender.FEMALE))
    assert any("与性别不一致" in str(p) for p in card.problems)


def test_other_doubts_warn() -> None:
    assert "截止日期早于起始日期" in str(
        parse(resident_card(valid_to=date(2018, 1, 1))).problems[0]
    )
    assert "810000" in str(
        parse(
            hk_macau_taiwan_permit(
                number=RESIDENT_NUMBER, birth_date=date(1985, 6, 15), gender=Gender.MALE
            )
        ).problems[0]
    )
    odd = parse(hk_macau_taiwan_permit(issue_count="一"))
    assert odd.permit_issue_count is None and "签发次数" in str(odd.problems[0])
    odd = parse(foreign_permit_2023(nationality="GBR", number=FOREIGN_NUMBER))
    assert odd.nationality is None and "国籍代码“GBR”" in str(odd.problems[0])
    assert parse(foreign_permit_2017(nationality="826")).nationality is None


# ------------------------------------------------------------------------ ethnicity table


def test_the_gb_3304_table() -> None:
    assert len(ETHNIC_GROUPS) == 58
    assert [ETHNIC_GROUPS[c] for c in ("01", "02", "46", "56", "97", "98")] == [
        "汉",
        "蒙古",
        "德昂",
        "基诺",
        "其他",
        "外国血统中国籍人士",
    ]
    assert set(ETHNIC_GROUPS) == {f"{n:02d}" for n in range(1, 57)} | {"97", "98"}
    assert ethnic_group_name("57") is None and ethnic_group_name("1") is None


# ----------------------------------------------------------------------------- photo hook


def test_without_a_decoder_there_is_no_image() -> None:
    assert NoPhotoDecoder().decode(PHOTO) is None
    assert isinstance(load_photo_decoder(""), NoPhotoDecoder)
    assert isinstance(load_photo_decoder(" None "), NoPhotoDecoder)


def test_a_decoder_is_loaded_by_dotted_path() -> None:
    decoder = load_photo_decoder("app.devices.idcard.photo.NoPhotoDecoder")
    assert isinstance(decoder, PhotoDecoder)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("vendor", "写法不对"),
        ("no_such_vendor.wlt.Decoder", "无法加载.*ModuleNotFoundError"),
        ("app.devices.idcard.photo.Missing", "无法加载.*AttributeError"),
        ("collections.OrderedDict", "没有 decode 方法"),
    ],
)
def test_a_decoder_that_cannot_be_loaded_says_why(name: str, message: str) -> None:
    with pytest.raises(PhotoDecoderError, match=message) as raised:
        load_photo_decoder(name)
    assert isinstance(raised.value, CardReaderError)
