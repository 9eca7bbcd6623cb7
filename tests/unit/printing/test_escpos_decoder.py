"""The test decoder reads exactly what python-escpos emits (its `Dummy` printer collects the
bytes), and a few hand-built streams; what would come out wrong on paper is a problem."""

from __future__ import annotations

import pytest
from escpos.constants import QR_ECLEVEL_H, QR_ECLEVEL_M
from escpos.printer import Dummy
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.unit.printing.escpos_decoder import (
    Cut,
    DecodeError,
    Line,
    QrCode,
    RasterImage,
    decode,
)

CHINESE_ON, CHINESE_OFF = b"\x1c&", b"\x1c."


def dummy() -> Dummy:
    """A byte collector that knows an 80 mm paper (python-escpos prints to stdout otherwise)."""
    printer = Dummy()
    data = printer.profile.profile_data
    printer.profile.profile_data = {
        **data,
        "media": {"dpi": 203, "width": {"mm": 80, "pixels": 576}},
    }
    return printer


def test_a_slip_made_by_python_escpos_reads_back() -> None:
    printer = dummy()
    printer.hw("INIT")
    printer._raw(CHINESE_ON)
    printer.set(align="center", bold=True, double_width=True, double_height=True)
    printer._raw("办事流程告知单\n".encode("gb18030"))
    printer.set(align="left", bold=False, normal_textsize=True)
    printer._raw("案件编号：261102-01-007\n".encode("gb18030"))
    printer._raw("收费：￥0.00（免费）\n".encode("gb18030"))
    printer.set(align="center")
    printer.qr("261102-01-007", native=True, size=6, ec=QR_ECLEVEL_M)
    printer._raw(CHINESE_OFF)
    printer.cut()

    slip = decode(printer.output)

    assert slip.text == "办事流程告知单\n案件编号：261102-01-007\n收费：￥0.00（免费）"
    title, number, _ = slip.lines
    assert (title.align, title.bold, title.width, title.height) == ("center", True, 2, 2)
    assert title.double_width and title.double_height
    assert (number.align, number.bold, number.double_width) == ("left", False, False)
    assert slip.qrs == [QrCode("261102-01-007", b"261102-01-007", 2, 6, "M", "center")]
    assert slip.qr_codes == ["261102-01-007"]
    assert slip.cut == Cut(partial=False) and slip.fed_lines == 6
    assert [type(item) for item in slip.items] == [Line, Line, Line, QrCode, Cut]
    assert slip.problems == []


def test_python_escpos_own_text_garbles_a_line_of_chinese_punctuation() -> None:
    printer = dummy()
    printer._raw(CHINESE_ON)
    printer.textln("受理：")  # holds an ideograph: sent whole as GB18030
    printer.textln("：（）")  # punctuation only: its code-page guess gives up
    slip = decode(printer.output)
    assert [line.text for line in slip.lines] == ["受理：", "???"]


def test_chinese_without_chinese_mode_is_a_problem() -> None:
    printer = dummy()
    printer.textln("受理")  # python-escpos sends GB18030 but never FS &
    slip = decode(printer.output)
    assert len(slip.problems) == 4  # one per byte
    assert "Chinese mode is off" in slip.problems[0] and "offset 0" in slip.problems[0]


def test_a_yen_sign_through_python_escpos_is_a_code_page_byte() -> None:
    printer = dummy()
    printer.textln("¥5")
    slip = decode(CHINESE_ON + printer.output)
    assert slip.text != "¥5" and slip.problems  # a lone 0x9D ruins the next character


def test_a_raster_image_keeps_its_size_and_dots() -> None:
    picture = Image.new("1", (48, 5), 1)
    for x in range(48):
        picture.putpixel((x, x % 5), 0)
    printer = dummy()
    printer.set(align="center")
    printer.image(picture, impl="bitImageRaster")
    (image,) = decode(printer.output).images
    assert (image.width, image.height, image.scale, image.align) == (48, 5, 0, "center")
    assert image.black_dots == 48
    assert image.to_image().tobytes() == picture.tobytes()


def test_an_image_wider_than_its_bytes_is_padded_to_whole_bytes() -> None:
    printer = dummy()
    printer.image(Image.new("1", (20, 3), 1), impl="bitImageRaster")
    (image,) = decode(printer.output).images
    assert (image.width, image.height, image.black_dots) == (24, 3, 0)


def test_each_cut_python_escpos_makes() -> None:
    printer = dummy()
    printer.cut(mode="PART")
    printer.cut(feed=False)  # python-escpos sends GS V 66 0: a partial cut, whatever the mode
    assert decode(printer.output).cuts == [Cut(partial=True), Cut(partial=True, feed=0)]
    assert decode(b"\x1dVA\x10").cut == Cut(partial=False, feed=16)


def test_qr_error_correction_and_model() -> None:
    printer = dummy()
    printer.qr("https://zwfw.example.cn/q?no=261102-01-007", native=True, ec=QR_ECLEVEL_H)
    (qr,) = decode(printer.output).qrs
    assert (qr.payload, qr.error_correction, qr.model, qr.module_size) == (
        "https://zwfw.example.cn/q?no=261102-01-007",
        "H",
        2,
        3,
    )


def test_status_queries_and_python_escpos_modes_are_understood() -> None:
    printer = dummy()
    printer.set(underline=1, font="b", invert=True, smooth=True, flip=False, density=3)
    printer.line_spacing(30)
    printer.line_spacing()
    printer._raw(b"\x10\x04\x01\x10\x04\x04")
    printer.textln("x")
    slip = decode(printer.output)
    assert slip.status_queries == [1, 4]
    assert slip.lines[0].underline and slip.text == "x"


def test_gs_size_and_esc_mode_the_last_one_wins() -> None:
    slip = decode(b"\x1d!\x11AB\n\x1d!\x00\x1b!\x08C\n\x1b!\x00D\n")
    big, bold, plain = slip.lines
    assert (big.width, big.height, big.columns) == (2, 2, 4)
    assert bold.bold and not bold.double_width
    assert not plain.bold


def test_columns_count_a_chinese_character_as_two() -> None:
    slip = decode(CHINESE_ON + "窗口：A3\n".encode("gb18030"))
    assert slip.lines[0].columns == 8


def test_a_four_byte_character_is_a_problem() -> None:
    slip = decode(CHINESE_ON + "姓名：王𠀀\n".encode("gb18030"))
    assert slip.text == "姓名：王𠀀"
    assert len(slip.problems) == 1 and "four-byte" in slip.problems[0]


def test_an_invalid_gb18030_byte_is_a_problem() -> None:
    slip = decode(CHINESE_ON + b"A\x80B\n")
    assert slip.text == "A\ufffdB" and "invalid GB18030 byte 80 at offset 3" in slip.problems[0]


def test_text_left_in_the_buffer_is_a_problem() -> None:
    assert "before a cut" in decode(b"total\x1dV\x00").problems[0]
    assert "before a raster image" in decode(b"x\x1dv0\x00\x01\x00\x01\x00\xff").problems[0]
    assert "end of the job" in decode(b"x").problems[0]
    cleared = decode(b"lost\x1b@kept\n")
    assert cleared.text == "kept" and "throws away" in cleared.problems[0]


def test_esc_at_resets_chinese_mode_and_styles() -> None:
    slip = decode(CHINESE_ON + b"\x1bE\x01\x1ba\x01\x1b@" + "中\n".encode("gb18030"))
    assert slip.problems  # Chinese mode is off again after ESC @
    assert slip.lines[0].align == "left" and not slip.lines[0].bold


def test_feeds_and_blank_lines() -> None:
    slip = decode(b"a\n\n\x1bd\x03b\x1bd\x01")
    assert [line.text for line in slip.lines] == ["a", "", "b"]
    assert slip.fed_lines == 4 and slip.problems == []


@pytest.mark.parametrize(
    ("stream", "offset"),
    [
        (b"abc\x1b\x99", 3),
        (b"\x1b@\x07", 2),
        (b"ok\n\x1dv0\x00\x02\x00\x02\x00\xff", 3),  # 4 bytes of bitmap promised, 1 sent
        (b"\x1d(k\x03\x000A\x00", 0),  # PDF417, not QR
        (b"\x1b", 0),
    ],
)
def test_unknown_or_cut_short_commands_name_the_offset(stream: bytes, offset: int) -> None:
    with pytest.raises(DecodeError, match=f"at offset {offset}$") as raised:
        decode(stream)
    assert raised.value.offset == offset


def test_a_raster_image_dataclass_renders_black_as_black() -> None:
    image = RasterImage(width=8, height=1, bitmap=b"\x80")
    assert image.to_image().getpixel((0, 0)) == 0 and image.to_image().getpixel((1, 0)) == 255


def _two_byte(char: str) -> bool:
    try:
        return len(char.encode("gb18030")) <= 2
    except UnicodeEncodeError:
        return False


#: Every printable character of GB18030's one- and two-byte part (GBK and the euro sign).
_PRINTABLE = st.sampled_from(
    [chr(code) for code in range(0x20, 0x10000) if code != 0x7F and _two_byte(chr(code))]
)


@settings(max_examples=60)
@given(st.lists(st.text(_PRINTABLE, max_size=20), min_size=1, max_size=5))
def test_any_two_byte_text_reads_back(lines: list[str]) -> None:
    stream = CHINESE_ON + b"".join(line.encode("gb18030") + b"\n" for line in lines)
    slip = decode(stream)
    assert [line.text for line in slip.lines] == lines and slip.problems == []
