"""Slips laid out for 58 and 80 mm paper: what each slip says, and lines that fit the paper."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import CHINA_TIME
from printing.slip_layout import PAPERS, QrLine, cells, lay_out, text_of, wrap
from printing.slips import SlipKind, SlipNotApplicable, applicable_slips, build_slip, default_slip
from tests.unit.printing.sample_facts import CENTER, ID_NUMBER, sample_facts

PRINTED = datetime(2026, 11, 2, 10, 5, tzinfo=CHINA_TIME)


def printed_text(kind: SlipKind, paper: int = 80, **changes: object) -> str:
    slip = build_slip(kind, sample_facts(**changes), CENTER, PRINTED)
    return text_of(lay_out(slip, PAPERS[paper]))


def test_the_acceptance_receipt_says_what_the_applicant_needs() -> None:
    text = printed_text(SlipKind.ACCEPTANCE)
    for expected in (
        "受理回执",
        "261102-01-007",
        "食品经营许可（新办）",
        "江川市市场监督管理局",
        "230202********1247",
        "食品安全管理制度",
        "10个工作日",
        "2026年11月16日",
        "不收费",
        "A厅1楼 A04窗口",
        "现场核查",
        "0000-12345678",
    ):
        assert expected in text
    assert ID_NUMBER not in text


def test_every_slip_ends_with_the_case_number_as_a_qr_code() -> None:
    for kind in applicable_slips(sample_facts()):
        lines = lay_out(build_slip(kind, sample_facts(), CENTER, PRINTED), PAPERS[58])
        assert [line.payload for line in lines if isinstance(line, QrLine)] == ["261102-01-007"]


def test_the_correction_slip_lists_every_missing_material_at_once() -> None:
    missing = tuple(f"第{n}项补正材料" for n in range(1, 41))
    text = printed_text(
        SlipKind.CORRECTION,
        58,
        status="待补正",
        accepted_at=None,
        materials_missing=missing,
        correction_at=PRINTED,
    )
    for number, material in enumerate(missing, start=1):
        assert f"{number}. {material}" in text


def test_a_refusal_slip_gives_the_reason() -> None:
    text = printed_text(
        SlipKind.REFUSAL, status="不予受理", accepted_at=None, outcome_reason="不属于本机关职权范围"
    )
    assert "不属于本机关职权范围" in text
    assert "行政复议" in text


def test_an_enterprise_is_printed_with_its_credit_code_and_legal_representative() -> None:
    text = printed_text(
        SlipKind.INTAKE,
        applicant_is_enterprise=True,
        applicant_name="江川市青禾餐饮管理有限公司",
        credit_code="91330106MA2GL1QX3T",
        legal_representative="李建国",
    )
    assert "91330106MA2GL1QX3T" in text
    assert "李建国" in text
    assert "场所平面图" in text  # the intake slip lists every material of the item


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, SlipKind.ACCEPTANCE),
        ({"status": "待受理", "accepted_at": None}, SlipKind.INTAKE),
        ({"status": "待补正", "accepted_at": None, "correction_at": PRINTED}, SlipKind.CORRECTION),
        ({"status": "不予受理", "accepted_at": None}, SlipKind.REFUSAL),
        (
            {"status": "已办结", "approved": True, "certificate_no": "JY13301060001"},
            SlipKind.PICKUP,
        ),
    ],
)
def test_the_default_slip_follows_the_state(changes: dict[str, object], expected: SlipKind) -> None:
    assert default_slip(sample_facts(**changes)) is expected


def test_a_slip_the_state_does_not_support_is_refused_with_the_reason() -> None:
    with pytest.raises(SlipNotApplicable, match="尚未受理"):
        build_slip(SlipKind.ACCEPTANCE, sample_facts(accepted_at=None), CENTER, PRINTED)


def test_a_300_character_address_wraps_inside_the_paper() -> None:
    location = "江川市高新区创业大道" + "一二三四五六七八九十" * 29
    for paper in PAPERS.values():
        lines = lay_out(
            build_slip(SlipKind.ACCEPTANCE, sample_facts(location=location), CENTER, PRINTED),
            paper,
        )
        text = text_of(lines)
        assert all(cells(line) <= paper.usable_cells for line in text.splitlines())
        assert "".join(
            part.strip() for part in text.split("取件地点：")[1].splitlines()
        ).startswith(location)


def test_the_yen_sign_is_printed_full_width() -> None:
    assert "￥50.00" in printed_text(SlipKind.PROCESS, fee="¥50.00")


def test_a_line_neither_begins_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    assert wrap("一二三四，五六", 8) == ["一二三", "四，五六"]
    assert wrap("一二三（四）", 8) == ["一二三", "（四）"]


@given(st.text(alphabet="江川市政务服务中心，。（）《》ABC123 -", max_size=200), st.integers(8, 47))
def test_wrapping_keeps_every_character_and_every_line_fits(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace("¥", "￥").replace(" ", "")


def test_an_application_filed_online_names_the_portals_number_on_every_slip() -> None:
    for kind in applicable_slips(sample_facts()):
        assert "网上申报编号" in printed_text(kind, online_reference="WS202612070015")
        assert "WS202612070015" in printed_text(kind, online_reference="WS202612070015")
    assert "网上申报编号" not in printed_text(SlipKind.ACCEPTANCE)
    booked = printed_text(SlipKind.INTAKE, online_reference="YY1", channel="appointment")
    assert "预约编号" in booked and "YY1" in booked
