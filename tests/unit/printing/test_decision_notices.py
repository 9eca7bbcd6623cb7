"""Decision documents and the notices around a decision, from cases driven through the domain:
the credit code on a business license's approval, a collective decision named as such, the
Art. 42 extension notice, and the Art. 45 notice for a step of the flow whose time does not
count (not only for a suspension)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.calendar_files import load_calendar_dir
from app.domain.case import SuspensionReason
from app.domain.deadline import deadline
from app.domain.joint import credit_code
from app.services.demo_people import demo_collective_record
from printing.facts import CaseFacts, case_facts
from printing.notices import NoticeKind, NoticeNotApplicable, applicable_notices, render_notice
from printing.slip_layout import PAPERS, lay_out
from printing.slip_layout import text_of as slip_text
from printing.slips import SlipKind, build_slip
from tests.unit.domain.test_case import (
    CATALOG,
    CHIEF,
    CLERK,
    FOOD,
    START,
    Window,
    at_decision,
    names,
)
from tests.unit.printing.sample_facts import CENTER, RECEIVED, sample_facts
from tests.unit.printing.test_notices import pdf_text

CALENDAR = load_calendar_dir(Path(__file__).resolve().parents[3] / "resources" / "calendar")
ISSUED = date(2026, 11, 9)
#: 劳动能力鉴定: 初审受理 → 专家组医学鉴定 (not counted) → 委员会集体审议 → 送达.
APPRAISAL = CATALOG["RS-QR-002"]
LICENSE = CATALOG["SCJG-DJ-001"]
RS_CLERK = replace(CLERK, username="rs01", department="RS", window="B06")
RS_CHIEF = replace(CHIEF, username="rs-chief", department="RS", scope=frozenset({APPRAISAL.code}))


def facts_of(window: Window) -> CaseFacts:
    case = window.case
    now = window.at + timedelta(minutes=1)
    item = CATALOG[case.terms.item_code]
    return case_facts(case, deadline(case, CALENDAR, now), "江川市某局", item)


def text_of(kind: NoticeKind, facts: CaseFacts, tmp_path: Path) -> str:
    return "".join(pdf_text(render_notice(kind, facts, CENTER, ISSUED), tmp_path).split())


def test_the_business_license_approval_carries_the_credit_code(tmp_path: Path) -> None:
    window = at_decision(LICENSE)
    code = credit_code("230202", 1, 7)
    window.do("decide", True, by=CHIEF, credit_code=code)
    facts = facts_of(window)
    assert facts.issued_credit_code == code
    text = text_of(NoticeKind.APPROVAL, facts, tmp_path)
    assert f"统一社会信用代码：{code}。" in text
    assert "准予行政许可决定书" in text


def test_an_enterprise_in_formation_shows_the_code_it_was_given(tmp_path: Path) -> None:
    code = credit_code("230202", 1, 8)
    facts = sample_facts(
        applicant_is_enterprise=True,
        applicant_name="江川市华信商贸有限公司",
        legal_representative="王秀英",
        status="准予许可",
        approved=True,
        decided_at=RECEIVED,
        issued_credit_code=code,
    )
    text = text_of(NoticeKind.APPROVAL, facts, tmp_path)
    assert f"统一社会信用代码{code}" in text  # in the particulars
    denied = replace(facts, approved=False, issued_credit_code="", outcome_reason="名称不符")
    text = text_of(NoticeKind.DENIAL, denied, tmp_path)
    assert "统一社会信用代码" not in text  # no empty row for a company that has none


@pytest.mark.parametrize("approved", [True, False])
def test_a_collective_decision_says_which_body_decided_and_when(
    approved: bool, tmp_path: Path
) -> None:
    window = Window(APPRAISAL)
    window.do("accept", by=RS_CLERK)
    window.do("complete_step", 1, by=RS_CLERK)
    record = demo_collective_record(window.at.date())
    reason = "" if approved else "鉴定结论不符合申请条件"
    window.do("decide", approved, reason, by=RS_CHIEF, collective=record)
    facts = facts_of(window)
    assert facts.collective_body == "局务会"
    kind = NoticeKind.APPROVAL if approved else NoticeKind.DENIAL
    text = text_of(kind, facts, tmp_path)
    assert f"本决定经局务会于{START.year}年{START.month}月{START.day}日集体讨论作出。" in text


def test_a_decision_by_the_chief_alone_does_not_claim_a_meeting(tmp_path: Path) -> None:
    window = at_decision(FOOD)
    window.do("decide", True, by=CHIEF)
    assert "集体讨论" not in text_of(NoticeKind.APPROVAL, facts_of(window), tmp_path)


def test_the_extension_notice_gives_the_reason_and_the_new_due_date(tmp_path: Path) -> None:
    window = at_decision(FOOD)
    before = facts_of(window)
    assert NoticeKind.EXTENSION not in applicable_notices(before)
    with pytest.raises(NoticeNotApplicable, match="没有延长办理期限"):
        render_notice(NoticeKind.EXTENSION, before, CENTER, ISSUED)
    window.do("extend", 5, "需进一步核实经营场所的消防条件", by=CHIEF)
    facts = facts_of(window)
    assert NoticeKind.EXTENSION in applicable_notices(facts)
    assert facts.due > before.due
    text = text_of(NoticeKind.EXTENSION, facts, tmp_path)
    due = facts.due
    for words in (
        "延长期限告知书",
        "〔2026〕延字第261102-01-001号",
        "需进一步核实经营场所的消防条件。",
        "第四十二条",
        "延长5个工作日",
        f"延长后应于{due.year}年{due.month}月{due.day}日前办结",
    ):
        assert words in text


def test_an_uncounted_step_of_the_flow_gets_the_special_procedure_notice(
    tmp_path: Path,
) -> None:
    window = Window(APPRAISAL)
    window.do("accept", by=RS_CLERK)
    facts = facts_of(window)
    assert facts.suspension is None  # nobody suspended: the flow's own step holds the clock
    assert NoticeKind.SPECIAL_PROCEDURE in applicable_notices(facts)
    text = text_of(NoticeKind.SPECIAL_PROCEDURE, facts, tmp_path)
    assert "依法需要进行专家组医学鉴定" in text and "第四十五条" in text
    assert "恢复计时" not in text
    window.do("complete_step", 1, by=RS_CLERK)
    text = text_of(NoticeKind.SPECIAL_PROCEDURE, facts_of(window), tmp_path)
    assert "已于2026年11月2日恢复计时" in text


def test_the_latest_of_a_suspension_and_an_uncounted_step_is_told(tmp_path: Path) -> None:
    window = Window(APPRAISAL)
    window.do("accept", by=RS_CLERK)
    window.do("complete_step", 1, by=RS_CLERK)
    window.do("suspend", SuspensionReason.HEARING, "申请人要求听证", by=RS_CLERK)
    text = text_of(NoticeKind.SPECIAL_PROCEDURE, facts_of(window), tmp_path)
    assert "依法需要进行听证（申请人要求听证）" in text
    assert "专家组医学鉴定" not in text


def test_a_counted_flow_has_no_special_procedure_notice() -> None:
    window = at_decision(FOOD)
    facts = facts_of(window)
    assert facts.uncounted_step is None
    assert NoticeKind.SPECIAL_PROCEDURE not in applicable_notices(facts)


def test_a_return_into_an_uncounted_step_holds_it_again() -> None:
    window = Window(APPRAISAL)
    window.do("accept", by=RS_CLERK)
    window.do("complete_step", 1, by=RS_CLERK)
    window.at = datetime(2026, 11, 4, 9, 0, tzinfo=START.tzinfo)
    window.do("return_to_step", 1, "鉴定材料不全，重新鉴定", by=RS_CHIEF)
    step = facts_of(window).uncounted_step
    assert step is not None and step.until is None and step.since.day == 4


def test_the_corrections_go_back_to_the_window_that_asked_for_them(tmp_path: Path) -> None:
    """食品经营许可's own window is A04; received and told at A01, the applicant returns there."""
    assert CATALOG[FOOD.code].window == "A04"
    at_a01 = replace(CLERK, window="A01")
    required = names(FOOD, required=True)
    window = Window(FOOD, required[1:])
    window.do("request_correction", required[:1], "请补交", by=at_a01)
    facts = facts_of(window)
    assert facts.due is None  # not accepted: no completion date to print
    slip = slip_text(lay_out(build_slip(SlipKind.CORRECTION, facts, CENTER, START), PAPERS[80]))
    assert "补齐后请到原窗口办理" in slip
    assert "A01窗口" in slip and "A04" not in slip
    notice = text_of(NoticeKind.CORRECTION, facts, tmp_path)
    assert "后到A01窗口提交" in notice and "A04" not in notice
