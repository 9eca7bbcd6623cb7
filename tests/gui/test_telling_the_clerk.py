"""What the counter tells the clerk, and when: an item this window cannot accept is marked
in the search and said the moment it is chosen; a decision that is written for ever is shown
and asked once; an error goes when its problem does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import VALID_ID, choose, type_text

pytestmark = pytest.mark.gui

OTHER_DEPARTMENT = "居民身份证换领"  # 公安 (GA-QT-001): not for the market-regulation window


def test_an_item_of_another_department_is_marked_and_said_at_once(qtbot, sign_in, services):
    window = sign_in("scjg01")
    intake = window.intake
    intake.focus_search()
    type_text(qtbot, intake.search.box, OTHER_DEPARTMENT)
    line = intake.search.results.currentItem()
    assert OTHER_DEPARTMENT in line.text() and "非本部门，不能受理" in line.text()
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
    assert "非本部门" not in intake.search.results.currentItem().text()
    assert intake.accept_button.isEnabled() and intake.result.text() == ""


def test_the_applicant_error_goes_when_the_problem_does(qtbot, sign_in):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    intake.materials.check_all()
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "申请人信息有误" in intake.result.text()
    name = intake.applicant.fields["name"]
    type_text(qtbot, name.edit, "陈")
    assert intake.result.text() == ""
    assert name.error.isHidden()


def test_the_applicant_error_stays_while_the_problem_does(qtbot, sign_in):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    id_number = intake.applicant.fields["id_number"].edit
    qtbot.keyClicks(id_number, VALID_ID[:10])
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "申请人信息有误" in intake.result.text()
    qtbot.keyClicks(id_number, VALID_ID[10:14])  # better, not yet right
    assert "申请人信息有误" in intake.result.text()
    qtbot.keyClicks(id_number, VALID_ID[14:])
    assert intake.result.text() == ""
