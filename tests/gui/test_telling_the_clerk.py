"""What the counter tells the clerk, and when: an item this window cannot accept is marked
in the search and said the moment it is chosen; a decision that is written for ever is shown
and asked once; an error goes when its problem does."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.domain.case import CaseStatus
from app.services.demo_people import demo_person
from tests.gui.conftest import VALID_ID, choose, type_text, wait_idle
from tests.gui.test_chief_desk import (
    DEREGISTRATION,
    FOOD,
    actor,
    decided,
    open_desk,
    received,
    select,
)

pytestmark = pytest.mark.gui

OTHER_DEPARTMENT = "居民身份证换领"  # 公安 (GA-QT-001): not for the market-regulation window


def test_an_item_of_another_department_is_marked_and_said_at_once(qtbot, sign_in, services):
    window = sign_in("scjg01")
    intake = window.intake
    intake.focus_search()
    type_text(qtbot, intake.search.box, OTHER_DEPARTMENT)
    line = intake.search.results.currentItem()
    assert OTHER_DEPARTMENT in line.text() and "本窗口不能受理" in line.text()
    assert "不属于本窗口所在部门" in line.toolTip()
    qtbot.keyClick(intake.search.box, Qt.Key.Key_Return)
    # before anything is typed: said, and no outcome offered
    assert "不属于本窗口所在部门" in intake.result.text()
    assert "公安" in intake.result.text()
    assert not intake.accept_button.isEnabled() and not intake.refuse_button.isEnabled()
    # the keys do not go round it either, and nothing is written
    before = len(services.cases.list_cases(window.actor))
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    intake.materials.check_all()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "不属于本窗口所在部门" in intake.result.text()
    assert len(services.cases.list_cases(window.actor)) == before
    # an item of the window's own department is not marked and can be accepted
    choose(qtbot, window, "营业执照遗失补领")
    assert "不能受理" not in intake.search.results.currentItem().text()
    assert intake.accept_button.isEnabled() and intake.result.text() == ""


def test_the_applicant_error_goes_when_the_problem_does(qtbot, sign_in):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    intake.materials.check_all()
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # the service refused; its error names the field, and the window puts it there
    qtbot.waitUntil(lambda: "申请人信息有误" in intake.result.text(), timeout=5000)
    name = intake.applicant.fields["name"]
    assert "请填写申请人姓名或单位名称" in name.error.text() and name.error.isVisible()
    type_text(qtbot, name.edit, "陈")
    qtbot.waitUntil(lambda: intake.result.text() == "", timeout=5000)
    assert name.error.isHidden()


def test_the_applicant_error_stays_while_the_problem_does(qtbot, sign_in, workers):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    id_number = intake.applicant.fields["id_number"].edit
    qtbot.keyClicks(id_number, VALID_ID[:10])
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "申请人信息有误" in intake.result.text(), timeout=5000)
    assert intake.applicant.fields["id_number"].error.isVisible()
    qtbot.keyClicks(id_number, VALID_ID[10:14])  # better, not yet right
    wait_idle(qtbot, workers.storage)  # the service has answered every edit
    assert "申请人信息有误" in intake.result.text()
    qtbot.keyClicks(id_number, VALID_ID[14:])
    qtbot.waitUntil(lambda: intake.result.text() == "", timeout=5000)


# ---- a decision written for ever is shown and asked once -------------------------------------


def answer(qtbot, owner, key: Qt.Key) -> str:  # noqa: ANN001
    """What the confirmation showed, answered with `key` (Enter writes, Esc goes back)."""
    qtbot.waitUntil(
        lambda: owner.confirmation is not None and owner.confirmation.isVisible(), timeout=5000
    )
    shown = " ".join(label.text() for label in owner.confirmation.findChildren(QLabel))
    qtbot.keyClick(owner.confirmation, key)
    assert not owner.confirmation.isVisible()
    return shown


def test_a_refusal_at_the_counter_is_shown_and_asked_once(qtbot, sign_in, services):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    intake.note.insertPlainText("申请事项不属于本机关职权范围")
    before = len(services.cases.list_cases(window.actor))
    qtbot.keyClick(intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    shown = answer(qtbot, intake, Qt.Key.Key_Escape)
    assert "不属于本机关职权范围" in shown and "陈思远" in shown and "不予受理决定书" in shown
    assert VALID_ID not in shown  # the number masked, as on the documents
    # Esc: nothing written, nothing typed lost
    assert len(services.cases.list_cases(window.actor)) == before
    assert intake.applicant.fields["name"].text() == "陈思远"
    assert intake.note.toPlainText() == "申请事项不属于本机关职权范围"
    # Enter: written
    qtbot.keyClick(intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    answer(qtbot, intake, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    case_no = intake.result.text().split()[1]
    assert services.cases.detail(window.actor, case_no).case.status is CaseStatus.REFUSED


def test_a_chief_decision_is_shown_and_asked_once(qtbot, sign_in, services):
    case_no = received(services, "scjg01", DEREGISTRATION, 11)
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    select(qtbot, desk, case_no)
    desk.decision.reason.setPlainText("尚有未结清的税款")
    chief = actor(services, "scjg-chief")
    for button in (
        desk.decision.deny_button,
        desk.decision.approve_button,
    ):  # each goes back on Esc
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        shown = answer(qtbot, desk, Qt.Key.Key_Escape)
        assert case_no in shown
        assert services.cases.detail(chief, case_no).case.status is CaseStatus.IN_PROGRESS
        assert desk.decision.reason.toPlainText() == "尚有未结清的税款"
    assert "不予行政许可决定书" not in shown and "准予行政许可决定书" in shown
    qtbot.mouseClick(desk.decision.deny_button, Qt.MouseButton.LeftButton)
    shown = answer(qtbot, desk, Qt.Key.Key_Return)
    assert "尚有未结清的税款" in shown and "不予行政许可决定书" in shown
    decided(qtbot, desk, "已不予许可")
    assert services.cases.detail(chief, case_no).case.status is CaseStatus.DENIED


def test_a_refusal_in_the_case_is_shown_and_asked_once(qtbot, sign_in, services):
    clerk = actor(services, "scjg01")
    person = demo_person(random.Random(21))
    case_no = services.cases.receive(clerk, FOOD, person, []).case.case_no  # received only
    window = sign_in("scjg01")
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    detail = window.detail
    detail.reason.setText("经营场所不在本市")
    refuse = detail.findChild(QPushButton, "action_refuse")
    qtbot.mouseClick(refuse, Qt.MouseButton.LeftButton)
    assert "经营场所不在本市" in answer(qtbot, detail, Qt.Key.Key_Escape)
    assert services.cases.detail(clerk, case_no).case.status is CaseStatus.RECEIVED
    assert detail.reason.text() == "经营场所不在本市"
    qtbot.mouseClick(detail.findChild(QPushButton, "action_refuse"), Qt.MouseButton.LeftButton)
    answer(qtbot, detail, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: detail.detail.case.status is CaseStatus.REFUSED, timeout=5000)
