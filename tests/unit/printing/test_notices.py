"""The written notices as PDF: read back with pdftotext, fonts checked with pdffonts, images
listed with pdfimages (poppler-utils; a missing tool fails the test, it does not skip it)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from printing.facts import CaseFacts
from printing.fonts import UnprintableText
from printing.notices import NoticeKind, NoticeNotApplicable, applicable_notices, render_notice
from tests.unit.printing.sample_facts import (
    CENTER,
    ID_NUMBER,
    RECEIVED,
    sample_facts,
    suspended_facts,
)

ISSUED = date(2026, 11, 2)
EXAMPLES: dict[NoticeKind, tuple[CaseFacts, tuple[str, ...]]] = {
    NoticeKind.ACCEPTANCE: (
        sample_facts(),
        ("受理通知书", "予以受理", "2026年11月16日", "第三十二条"),
    ),
    NoticeKind.CORRECTION: (
        sample_facts(materials_missing=("营业执照复印件", "场所平面图"), correction_at=RECEIVED),
        ("补正材料一次性告知书", "1. 营业执照复印件", "2. 场所平面图", "一次性"),
    ),
    NoticeKind.REFUSAL: (
        sample_facts(status="不予受理", outcome_reason="申请事项不属于本机关职权范围"),
        ("不予受理决定书", "不属于本机关职权范围", "行政复议", "行政诉讼"),
    ),
    NoticeKind.APPROVAL: (
        sample_facts(
            status="准予许可", approved=True, decided_at=RECEIVED, certificate_no="JY1330106"
        ),
        ("准予行政许可决定书", "准予行政许可", "JY1330106", "第四十四条", "十个工作日"),
    ),
    NoticeKind.DENIAL: (
        sample_facts(
            status="不予许可", approved=False, decided_at=RECEIVED, outcome_reason="场所不符"
        ),
        ("不予行政许可决定书", "场所不符", "行政复议"),
    ),
    NoticeKind.SPECIAL_PROCEDURE: (
        suspended_facts(),
        ("特别程序告知书", "专家评审", "第四十五条", "不计算在行政许可期限内"),
    ),
    NoticeKind.EXTENSION: (
        sample_facts(
            extension_days=5,
            extension_reason="需进一步核实经营场所的消防条件",
            extended_at=RECEIVED,
        ),
        ("延长期限告知书", "第四十二条", "延长5个工作日", "核实经营场所的消防条件"),
    ),
}


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf)
    return poppler("pdftotext", "-layout", str(path), "-")


def poppler(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_notice_says_what_the_law_asks(kind: NoticeKind, tmp_path: Path) -> None:
    facts, expected = EXAMPLES[kind]
    text = "".join(pdf_text(render_notice(kind, facts, CENTER, ISSUED), tmp_path).split())
    for words in (
        *expected,
        "261102-01-007",
        "230202********1247",
        "江川市政务服务中心",
        "2026年11月2日",
        "0000-12345678",
    ):
        assert words.replace(" ", "") in text
    assert ID_NUMBER not in text


def test_the_font_is_embedded_and_no_builtin_font_is_named(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    path.write_bytes(
        render_notice(NoticeKind.ACCEPTANCE, sample_facts(applicant_name="王𡒄"), CENTER, ISSUED)
    )
    rows = poppler("pdffonts", str(path)).splitlines()[2:]
    assert len(rows) == 2  # the main face, and the face of the rare character
    assert "HanaMinB" in rows[1]
    assert all(row.split()[-5] == "yes" for row in rows)  # emb
    assert not any("STSong" in row or "Helvetica" in row for row in rows)
    # reportlab's text map covers the basic plane only: 𡒄 is drawn but copies out wrong
    assert "王" in pdf_text(path.read_bytes(), tmp_path)


def test_forty_missing_materials_run_over_pages_and_all_are_listed(tmp_path: Path) -> None:
    missing = tuple(f"第{n}项补正材料及其说明" * 3 for n in range(1, 41))
    facts = sample_facts(materials_missing=missing, correction_at=RECEIVED)
    pdf = render_notice(NoticeKind.CORRECTION, facts, CENTER, ISSUED)
    text = pdf_text(pdf, tmp_path).replace(" ", "").replace("\n", "")
    for number, material in enumerate(missing, start=1):
        assert f"{number}.{material}" in text
    assert "第2页" in text


def test_a_300_character_address_and_a_long_center_name_wrap(tmp_path: Path) -> None:
    location = "江川市高新区创业大道" + "一二三四五六七八九十" * 29
    center = replace(CENTER, name="江川市人民政府政务服务中心高新技术产业开发区分中心")
    pdf = render_notice(NoticeKind.ACCEPTANCE, sample_facts(location=location), center, ISSUED)
    text = pdf_text(pdf, tmp_path).replace(" ", "").replace("\n", "")
    assert location in text and center.name in text


def test_the_seal_image_from_the_settings_is_used(tmp_path: Path) -> None:
    seal = tmp_path / "seal.png"
    Image.new("RGBA", (300, 300), (220, 20, 20, 160)).save(seal)
    path = tmp_path / "sealed.pdf"
    path.write_bytes(
        render_notice(
            NoticeKind.ACCEPTANCE, sample_facts(), replace(CENTER, seal_image=seal), ISSUED
        )
    )
    images = poppler("pdfimages", "-list", str(path)).splitlines()[2:]
    assert any(" 300   300 " in f" {row} " for row in images)
    specimen = render_notice(NoticeKind.ACCEPTANCE, sample_facts(), CENTER, ISSUED)
    assert "样章" in pdf_text(specimen, tmp_path)


def test_the_same_case_gives_the_same_bytes() -> None:
    first = render_notice(NoticeKind.ACCEPTANCE, sample_facts(), CENTER, ISSUED)
    assert render_notice(NoticeKind.ACCEPTANCE, sample_facts(), CENTER, ISSUED) == first


def test_a_notice_the_case_cannot_have_is_refused_with_the_reason() -> None:
    assert applicable_notices(sample_facts()) == [NoticeKind.ACCEPTANCE]
    with pytest.raises(NoticeNotApplicable, match="不予受理"):
        render_notice(NoticeKind.REFUSAL, sample_facts(), CENTER, ISSUED)


def test_a_character_no_font_holds_is_refused_naming_it() -> None:
    with pytest.raises(UnprintableText, match="U\\+F0001"):
        render_notice(
            NoticeKind.ACCEPTANCE, sample_facts(applicant_name="李\U000f0001"), CENTER, ISSUED
        )
