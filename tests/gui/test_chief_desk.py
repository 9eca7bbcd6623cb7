"""The chief representative's desk and the one-form case detail, driven on real widgets: the
queue within the chief's authority, decisions with their documents, the Art. 42 extension, the
collective decision, the service's refusal outside the authority, the unified issuance held
by the departments, and the record of a step done outside the hall."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QPlainTextEdit, QPushButton

import app.services.cases as cases_module
from app.domain.case import CaseStatus
from app.domain.identity import mask_resident_id
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.services.cases import Accept
from app.services.demo import DEMO_AUTHORISATION, DEMO_PASSWORD
from app.services.demo_people import (
    demo_collective_record,
    demo_one_form,
    demo_person,
    demo_step_record,
)
from tests.gui.conftest import NOW, confirm, wait_idle
from tests.gui.pdf_viewer import opened_files

pytestmark = pytest.mark.gui

ONE_FORM = "SCJG-YBZ-001"
FOOD = "SCJG-XK-001"  # 初审受理 → 经营场所现场核查 (outside the hall) → 首席代表审核决定 → 制证
DEREGISTRATION = "SCJG-DJ-004"  # 初审受理 → 首席代表核准注销: at the decision once accepted
LOAN = "GJJ-QT-001"  # 初审受理 → 贷款审批会集体审批: a collective decision
#: What a clerk types into a record dialog, by field (dates keep today, the latest allowed).
TYPED = {
    **demo_step_record(NOW.date()),
    **demo_collective_record(NOW.date()),
}


def fill_record(qtbot, dialog) -> None:  # noqa: ANN001
    """Fill in every field of a record dialog as a clerk would and save it."""
    for key, editor in dialog.editors.items():
        if isinstance(editor, QDateEdit):
            continue
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(TYPED[key])
        else:
            editor.setText(TYPED[key])
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)


def actor(services, username: str):  # noqa: ANN001, ANN201
    return services.auth.login(username, DEMO_PASSWORD)


def received(services, username: str, item: str, seed: int) -> str:  # noqa: ANN001
    """A case accepted at the window; its number."""
    clerk = actor(services, username)
    materials = [m.name for m in services.catalog.item(item).required_materials]
    person = demo_person(random.Random(seed))
    return services.cases.receive(clerk, item, person, materials, Accept()).case.case_no


def one_form(services, seed: int = 1) -> tuple[str, dict[str, str]]:  # noqa: ANN001
    """A one-form application accepted at scjg01; the parent's number, each child's by item."""
    materials = [m.name for m in services.catalog.item(ONE_FORM).required_materials]
    form = demo_one_form(random.Random(seed), NOW.date())
    detail = services.cases.receive_one_form(actor(services, "scjg01"), ONE_FORM, form, materials)
    assert detail.joint is not None
    return detail.case.case_no, {c.ref.item_code: c.ref.case_no for c in detail.joint.children}


def narrow_chief(services, *scope: str) -> str:  # noqa: ANN001
    """A chief representative of 市场监管 authorised for `scope` only; their user name."""
    services.staff.create(
        None,
        "scjg-chief-narrow",
        Profile("市场监管首席代表（部分授权）", Role.CHIEF_REPRESENTATIVE, "SCJG", ("A06",)),
        DEMO_PASSWORD,
        scope,
        DEMO_AUTHORISATION,
    )
    return "scjg-chief-narrow"


def open_desk(qtbot, window):  # noqa: ANN001, ANN201
    qtbot.keyClick(window, Qt.Key.Key_F4)
    desk = window.desk
    assert desk is not None and window.tabs.currentWidget() is desk
    wait_idle(qtbot, window._operations, window.cases._operations)
    return desk


def queued(desk) -> list[str]:  # noqa: ANN001
    return [entry.summary.case_no for entry in desk.model.entries]


def select(qtbot, desk, case_no: str) -> None:  # noqa: ANN001
    desk.table.selectRow(queued(desk).index(case_no))
    qtbot.waitUntil(
        lambda: desk.current is not None and desk.current.case.case_no == case_no, timeout=5000
    )


def decided(qtbot, desk, words: str) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: words in desk.message.text(), timeout=5000)
    wait_idle(qtbot, desk._operations, desk._reading)


def pdf_words(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return "".join(text.split())


def opened_document(qtbot, desk) -> Path:  # noqa: ANN001
    """Open the decision document as the chief does; the file the PDF viewer was given."""
    with opened_files() as opened:
        qtbot.mouseClick(desk.document.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    return opened[0]


# ---- the desk ------------------------------------------------------------------------------


def test_the_queue_lists_only_the_items_the_chief_may_decide(qtbot, sign_in, services):
    food = received(services, "scjg01", FOOD, 1)
    clerk = actor(services, "scjg01")
    services.cases.complete_step(clerk, food, 1, form=demo_step_record(NOW.date()))
    deregistration = received(services, "scjg01", DEREGISTRATION, 2)
    window = sign_in(narrow_chief(services, FOOD))
    desk = open_desk(qtbot, window)
    assert food in queued(desk) and deregistration not in queued(desk)
    assert {e.summary.item_code for e in desk.model.entries} == {FOOD}
    dues = [e.deadline.due for e in desk.model.entries]
    assert dues == sorted(dues)
    # the chief of the whole department sees both
    everything = open_desk(qtbot, sign_in("scjg-chief"))
    assert {food, deregistration} <= set(queued(everything))


def test_a_long_queue_is_shown_a_page_at_a_time(qtbot, sign_in, services, monkeypatch):
    monkeypatch.setattr(cases_module, "QUEUE_PAGE", 2)
    for seed in range(3):
        received(services, "scjg01", DEREGISTRATION, seed)
    total = services.cases.decision_queue(actor(services, "scjg-chief")).total
    assert total > 4
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    pages = desk.pages
    first = queued(desk)
    assert len(first) == 2 and pages.label.text() == f"第 1–2 件，共 {total} 件"
    assert not pages.back.isEnabled() and pages.on.isEnabled()
    qtbot.mouseClick(pages.on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pages.label.text() == f"第 3–4 件，共 {total} 件", timeout=5000)
    assert not set(first) & set(queued(desk)) and pages.back.isEnabled()
    qtbot.keyClick(desk, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: queued(desk) == first, timeout=5000)


def test_a_license_is_approved_with_its_credit_code_and_the_document_at_once(
    qtbot, sign_in, services, printer_operations
):
    _, children = one_form(services)
    license_no = children["SCJG-DJ-001"]
    window = sign_in("scjg-chief")
    desk = open_desk(qtbot, window)
    select(qtbot, desk, license_no)
    form = services.cases.detail(actor(services, "scjg-chief"), license_no).form
    assert form is not None
    facts = desk.form.facts.text()
    assert form.name in facts and "60%" in facts and "40%" in facts
    number = form.legal_representative.id_number
    assert mask_resident_id(number) in facts and number not in facts
    assert number not in desk.summary.text()

    qtbot.mouseClick(desk.decision.approve_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, desk)
    decided(qtbot, desk, "已准予许可")
    case = services.cases.detail(actor(services, "scjg-chief"), license_no).case
    assert case.status is CaseStatus.APPROVED and case.credit_code
    assert case.credit_code in desk.message.text()
    assert license_no not in queued(desk)
    assert desk.document.isVisible()
    assert "准予行政许可决定书" in desk.document.title.text()
    document = opened_document(qtbot, desk)
    words = pdf_words(document)
    assert f"统一社会信用代码：{case.credit_code}" in words and license_no in words


def test_a_denial_needs_the_reason_the_applicant_will_read(
    qtbot, sign_in, services, printer_operations, tmp_path, monkeypatch
):
    case_no = received(services, "scjg01", DEREGISTRATION, 3)
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    select(qtbot, desk, case_no)
    qtbot.mouseClick(desk.decision.deny_button, Qt.MouseButton.LeftButton)
    assert "不予许可须写明理由" in desk.message.text()
    assert desk.message.property("error") is True
    assert desk.decision.reason.hasFocus()
    assert case_no in queued(desk)

    desk.decision.reason.setPlainText("尚有未结清的税款，不符合简易注销条件")
    qtbot.mouseClick(desk.decision.deny_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, desk)
    decided(qtbot, desk, "已不予许可")
    case = services.cases.detail(actor(services, "scjg-chief"), case_no).case
    assert case.status is CaseStatus.DENIED
    assert case.outcome_reason == "尚有未结清的税款，不符合简易注销条件"
    assert case_no not in queued(desk)
    target = tmp_path / "不予许可.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(desk.document.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已保存" in desk.document.message.text(), timeout=10000)
    words = pdf_words(target)
    assert "不予行政许可决定书" in words and "不符合简易注销条件" in words


def test_the_time_limit_is_extended_once_with_the_reason_told(
    qtbot, sign_in, services, printer_operations
):
    case_no = received(services, "scjg01", DEREGISTRATION, 4)
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    select(qtbot, desk, case_no)
    due_before = desk.current.deadline.due
    qtbot.mouseClick(desk.decision.extend_button, Qt.MouseButton.LeftButton)
    assert "延长期限须写明理由" in desk.message.text()
    desk.decision.extension.setValue(5)
    desk.decision.reason.setPlainText("需向税务机关核实清税情况")
    qtbot.mouseClick(desk.decision.extend_button, Qt.MouseButton.LeftButton)
    decided(qtbot, desk, "已延长 5 个工作日")
    case = services.cases.detail(actor(services, "scjg-chief"), case_no).case
    assert case.extension_days == 5
    assert case.events[-1].payload["reason"] == "需向税务机关核实清税情况"
    assert case_no in queued(desk)  # still waiting for the decision, with more time
    assert desk.current.deadline.due > due_before
    assert not desk.decision.extend_button.isEnabled()  # once only
    assert "延长期限告知书" in desk.document.title.text()
    words = pdf_words(opened_document(qtbot, desk))
    assert "需向税务机关核实清税情况" in words and "第四十二条" in words


def test_a_collective_decision_is_recorded_then_decided(
    qtbot, sign_in, services, printer_operations
):
    case_no = received(services, "gjj01", LOAN, 5)
    desk = open_desk(qtbot, sign_in("gjj-chief"))
    select(qtbot, desk, case_no)
    assert "须集体决策" in desk.summary.text()
    qtbot.mouseClick(desk.decision.approve_button, Qt.MouseButton.LeftButton)
    dialog = desk.record
    assert dialog is not None and dialog.isVisible() and dialog.approved
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert "请填写" in dialog.message.text() and "决策机构" in dialog.message.text()
    dialog.deny.setChecked(True)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert "不予许可须写明理由" in dialog.message.text()
    dialog.approve.setChecked(True)
    fill_record(qtbot, dialog)
    decided(qtbot, desk, "已准予许可")
    assert not dialog.isVisible()
    case = services.cases.detail(actor(services, "gjj-chief"), case_no).case
    assert case.status is CaseStatus.APPROVED
    assert case.collective == demo_collective_record(NOW.date())
    words = pdf_words(opened_document(qtbot, desk))
    assert "本决定经局务会于2026年11月23日集体讨论作出" in words


def test_a_chief_may_record_a_decision_as_collective_at_their_own_step(qtbot, sign_in, services):
    case_no = received(services, "scjg01", DEREGISTRATION, 6)
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    select(qtbot, desk, case_no)
    desk.decision.reason.setPlainText("经营范围涉及前置审批，未取得许可")
    qtbot.mouseClick(desk.decision.collective_button, Qt.MouseButton.LeftButton)
    dialog = desk.record
    dialog.deny.setChecked(True)
    assert dialog.decision_reason() == "经营范围涉及前置审批，未取得许可"
    fill_record(qtbot, dialog)
    decided(qtbot, desk, "已不予许可")
    case = services.cases.detail(actor(services, "scjg-chief"), case_no).case
    assert case.status is CaseStatus.DENIED and case.collective is not None


def test_a_decision_outside_the_authority_is_not_offered_and_says_why(qtbot, sign_in, services):
    case_no = received(services, "scjg01", DEREGISTRATION, 7)
    desk = open_desk(qtbot, sign_in(narrow_chief(services, FOOD)))
    assert case_no not in queued(desk)
    desk.show_case(case_no)  # brought into view by its number, as if the list had shown it
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    assert not desk.decision.approve_button.isEnabled()
    assert not desk.decision.deny_button.isEnabled()
    assert "不在您的授权审批事项范围内" in desk.message.text()
    assert desk.message.property("error") is True
    case = services.cases.detail(actor(services, "scjg-chief"), case_no).case
    assert case.status is CaseStatus.IN_PROGRESS


def test_the_desk_is_only_for_chief_representatives(qtbot, sign_in):
    assert sign_in("scjg01").desk is None


# ---- the one-form case in the case detail ---------------------------------------------------


def open_detail(qtbot, window, case_no: str):  # noqa: ANN001, ANN201
    window.open_case(case_no)
    qtbot.waitUntil(
        lambda: window.detail is not None and window.detail.detail.case.case_no == case_no,
        timeout=5000,
    )
    return window.detail


def action(dialog, name: str) -> QPushButton:  # noqa: ANN001
    return next(b for b in dialog.findChildren(QPushButton) if b.objectName() == f"action_{name}")


def test_unified_issuance_waits_for_every_department_and_names_a_denial(qtbot, sign_in, services):
    parent_no, children = one_form(services, seed=2)
    window = sign_in("scjg01")
    dialog = open_detail(qtbot, window, parent_no)
    assert dialog.joint.isVisible() and dialog.joint.topLevelItemCount() == 5
    assert dialog.joint.topLevelItem(0).text(2) == "办理中"
    button = action(dialog, "issue_together")
    assert not button.isEnabled()
    assert "还不能统一发证" in dialog.action_row.blocked.text() and children["SW-DJ-001"] in (
        dialog.action_row.blocked.text()
    )

    services.cases.decide(
        actor(services, "sw01"), children["SW-DJ-001"], False, "财务负责人未实名认证"
    )
    dialog.follow(parent_no)
    qtbot.waitUntil(lambda: "已被不予许可" in dialog.action_row.blocked.text(), timeout=5000)
    assert (
        "税务" in dialog.action_row.blocked.text() or "纳税人" in dialog.action_row.blocked.text()
    )
    assert "财务负责人未实名认证" in dialog.action_row.blocked.text()
    row = next(
        dialog.joint.topLevelItem(n)
        for n in range(5)
        if dialog.joint.topLevelItem(n).text(1) == children["SW-DJ-001"]
    )
    assert row.text(2) == "不予许可" and row.text(4) == "财务负责人未实名认证"
    assert not action(dialog, "issue_together").isEnabled()


def test_unified_issuance_once_every_department_approved(qtbot, sign_in, services):
    parent_no, children = one_form(services, seed=3)
    for code, username in (
        ("SCJG-DJ-001", "scjg-chief"),
        ("GA-QT-004", "ga01"),
        ("SW-DJ-001", "sw01"),
        ("RS-DJ-001", "rs01"),
        ("RH-DJ-001", "rh01"),
    ):
        services.cases.decide(actor(services, username), children[code], True)
    window = sign_in("scjg01")
    dialog = open_detail(qtbot, window, parent_no)
    button = action(dialog, "issue_together")
    assert button.isEnabled() and dialog.action_row.blocked.isHidden()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.detail.case.status is CaseStatus.ISSUED, timeout=5000)
    qtbot.waitUntil(lambda: dialog.joint.topLevelItem(0).text(2) == "已办结", timeout=5000)


def test_a_one_form_application_is_withdrawn_whole_at_its_parent(qtbot, sign_in, services):
    parent_no, children = one_form(services, seed=4)
    window = sign_in("scjg01")
    child = open_detail(qtbot, window, children["SCJG-DJ-001"])
    assert not [b for b in child.findChildren(QPushButton) if b.objectName() == "action_withdraw"]
    dialog = open_detail(qtbot, window, parent_no)
    button = action(dialog, "withdraw")
    assert button.text().startswith("撤回全部申请")
    dialog.reason.setText("申请人决定暂不开办")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.detail.case.status is CaseStatus.WITHDRAWN, timeout=5000)
    assert {dialog.joint.topLevelItem(n).text(2) for n in range(5)} == {"已撤回"}


def test_a_child_names_its_parent_and_shows_the_shared_form_and_its_credit_code(
    qtbot, sign_in, services
):
    parent_no, children = one_form(services, seed=4)
    license_no = children["SCJG-DJ-001"]
    chief = actor(services, "scjg-chief")
    code = services.cases.decide(chief, license_no, True).case.credit_code
    window = sign_in("scjg01")
    dialog = open_detail(qtbot, window, license_no)
    assert parent_no in dialog.relation.text()
    assert code in dialog.header.text()
    form = services.cases.detail(chief, license_no).form
    facts = dialog.form.facts.text()
    for investor in form.investors:
        assert investor.person.name in facts
        assert mask_resident_id(investor.person.id_number) in facts
        assert investor.person.id_number not in facts
    assert form.business_scope[0] in facts and "万元" in facts
    dialog.relation.linkActivated.emit(f"case:{parent_no}")  # the link to the parent
    qtbot.waitUntil(lambda: dialog.detail.case.case_no == parent_no, timeout=5000)
    assert dialog.joint.isVisible()


# ---- steps outside the hall ----------------------------------------------------------------


def test_a_step_outside_the_hall_is_completed_with_its_record(qtbot, sign_in, services):
    case_no = received(services, "scjg01", FOOD, 8)
    window = sign_in("scjg01")
    dialog = open_detail(qtbot, window, case_no)
    qtbot.mouseClick(action(dialog, "complete_step"), Qt.MouseButton.LeftButton)
    record = dialog.record
    assert record is not None and record.isVisible()
    date_edit = record.editors["done_on"]
    assert date_edit.maximumDate().toPython() == NOW.date()  # nothing recorded in advance
    qtbot.mouseClick(record.submit_button, Qt.MouseButton.LeftButton)
    for title in ("地点", "参加人员", "结论或意见"):
        assert title in record.message.text()
    assert len(services.cases.detail(actor(services, "scjg01"), case_no).case.events) == 2
    fill_record(qtbot, record)
    qtbot.waitUntil(lambda: len(dialog.detail.case.events) == 3, timeout=5000)
    assert not record.isVisible()
    event = dialog.detail.case.events[-1]
    assert event.payload["form"] == demo_step_record(NOW.date())
    assert dialog.detail.case.awaiting_decision
    note = dialog.timeline.topLevelItem(2).text(4)
    assert "申请人经营场所" in note and "张明" in note


def test_a_collective_step_opened_in_the_case_detail_asks_for_the_meeting(qtbot, sign_in, services):
    case_no = received(services, "gjj01", LOAN, 9)
    dialog = open_detail(qtbot, sign_in("gjj-chief"), case_no)
    dialog.reason.setText("借款人收入不足以偿还贷款")
    qtbot.mouseClick(action(dialog, "deny"), Qt.MouseButton.LeftButton)
    record = dialog.record
    assert record is not None and record.isVisible() and not record.approved
    assert record.decision_reason() == "借款人收入不足以偿还贷款"
    fill_record(qtbot, record)
    qtbot.waitUntil(lambda: dialog.detail.case.status is CaseStatus.DENIED, timeout=5000)
    assert dialog.detail.case.collective == demo_collective_record(NOW.date())
    note = dialog.timeline.topLevelItem(dialog.timeline.topLevelItemCount() - 1).text(4)
    assert "借款人收入不足以偿还贷款" in note and "局务会" in note


def test_a_clerk_sees_the_chief_decision_but_cannot_take_it(qtbot, sign_in, services):
    case_no = received(services, "scjg01", DEREGISTRATION, 10)
    dialog = open_detail(qtbot, sign_in("scjg01"), case_no)
    assert not action(dialog, "approve").isEnabled()
    assert "须由首席代表办理" in dialog.action_row.blocked.text()
