"""The exact bytes a slip sends, decoded as the printer reads them: Chinese mode and GB18030
text, the QR payload, raster images and their size, the cut."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.events import CHINA_TIME
from printing.escpos_stream import FS_CHINESE_OFF, FS_CHINESE_ON, needs_raster, slip_bytes
from printing.fonts import UnprintableText
from printing.slip_layout import PAPERS, PrintLine, Slip, Text, lay_out, text_of
from printing.slips import SlipKind, build_slip
from tests.unit.printing.escpos_decoder import decode
from tests.unit.printing.sample_facts import CENTER, ID_NUMBER, sample_facts

PRINTED = datetime(2026, 11, 2, 10, 5, tzinfo=CHINA_TIME)


def receipt(**changes: object) -> Slip:
    return build_slip(SlipKind.ACCEPTANCE, sample_facts(**changes), CENTER, PRINTED)


@pytest.mark.parametrize("millimetres", [58, 80])
def test_text_mode_prints_the_laid_out_lines_in_chinese_mode(millimetres: int) -> None:
    paper = PAPERS[millimetres]
    lines = lay_out(receipt(), paper)
    data = slip_bytes(lines, paper)
    decoded = decode(data)
    assert decoded.problems == []
    expected = [line.text for line in lines if isinstance(line, PrintLine)]
    assert [line.text for line in decoded.lines] == expected
    assert decoded.qr_codes == ["261102-01-007"]
    assert decoded.cut is not None
    assert decoded.images == []
    assert data.index(FS_CHINESE_ON) < data.index("受理回执".encode("gb18030"))
    assert data.rindex(FS_CHINESE_OFF) > data.rindex("打印时间".encode("gb18030"))
    assert ID_NUMBER not in decoded.text


def test_the_title_is_double_size_and_every_line_fits_the_paper() -> None:
    paper = PAPERS[58]
    decoded = decode(slip_bytes(lay_out(receipt(), paper), paper))
    title = next(line for line in decoded.lines if line.text == "受理回执")
    assert title.double_width and title.double_height and title.align == "center"
    assert all(line.columns < paper.cells for line in decoded.lines)


def test_a_line_of_chinese_punctuation_is_sent_as_gb18030_not_question_marks() -> None:
    slip = Slip("test", "t", (Text("，。、；：？！“”（）《》"), Text("收费：¥20.00")))
    decoded = decode(slip_bytes(lay_out(slip, PAPERS[80]), PAPERS[80]))
    assert [line.text for line in decoded.lines] == ["，。、；：？！“”（）《》", "收费：￥20.00"]
    assert decoded.problems == []


def test_forty_materials_and_a_300_character_address_come_out_whole() -> None:
    missing = tuple(f"第{n}项：{'补充说明' * 5}" for n in range(1, 41))
    location = "江川市高新区创业大道" + "一二三四五六七八九十" * 29
    slip = build_slip(
        SlipKind.CORRECTION,
        sample_facts(
            materials_missing=missing, correction_at=PRINTED, correction_location=location
        ),
        CENTER,
        PRINTED,
    )
    paper = PAPERS[58]
    lines = lay_out(slip, paper)
    decoded = decode(slip_bytes(lines, paper))
    assert decoded.text == text_of([line for line in lines if isinstance(line, PrintLine)])
    flat = decoded.text.replace("\n", "").replace(" ", "")
    for material in missing:
        assert material.replace(" ", "") in flat
    assert location in flat


def test_a_name_outside_the_two_byte_range_goes_as_an_image_of_its_line_only() -> None:
    paper = PAPERS[80]
    lines = lay_out(receipt(applicant_name="王𡒄"), paper)
    decoded = decode(slip_bytes(lines, paper))
    [image] = decoded.images
    assert (image.width, image.height) == (576, 32)
    assert image.black_dots > 100
    assert "申请人" not in decoded.text and "证件号码" in decoded.text
    assert decoded.problems == []


def test_raster_mode_sends_the_whole_slip_as_images_as_wide_as_the_paper() -> None:
    paper = PAPERS[80]
    decoded = decode(slip_bytes(lay_out(receipt(), paper), paper, raster=True))
    assert decoded.lines == [] or all(line.text == "" for line in decoded.lines)
    assert decoded.images and {image.width for image in decoded.images} == {576}
    assert sum(image.height for image in decoded.images) > 900
    assert decoded.cut is not None


def test_a_character_no_font_holds_is_refused_naming_it() -> None:
    paper = PAPERS[80]
    with pytest.raises(UnprintableText, match="U\\+F0001"):
        slip_bytes(lay_out(receipt(applicant_name="李\U000f0001"), paper), paper)


@pytest.mark.parametrize(
    ("text", "raster"),
    [("王秀英", False), ("堃喆", False), ("䶮", False), ("𡒄", True), ("㐀", True), ("¥", True)],
)
def test_which_characters_need_the_raster_path(text: str, raster: bool) -> None:
    assert needs_raster(text) is raster
