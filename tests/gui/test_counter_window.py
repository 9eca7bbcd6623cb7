"""The counter window driven as a clerk drives it: keys and clicks on real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.domain.case import CaseStatus
from app.services.demo_people import demo_person
from tests.gui.conftest import VALID_ID, choose, confirm, type_text, wait_idle
from tests.gui.test_chief_desk import fill_record

pytestmark = pytest.mark.gui


def test_wrong_password_is_told_and_nothing_opens(qtbot, services, workers):
    from ui.application import Session

    session = Session(services, workers)
    session.show_login()
    qtbot.addWidget(session.login)
    qtbot.keyClicks(session.login.username, "scjg01")
    qtbot.keyClicks(session.login.password, "wrong-password")
    qtbot.keyClick(session.login.password, Qt.Key.Key_Return)
    # a wrong password is answered after a second (more for each one after it), on top of
    # the hash's own time on a loaded machine
    qtbot.waitUntil(lambda: session.login.error.text() != "", timeout=15000)
    assert session.login.error.text() == "用户名或密码不正确"
    assert session.window is None


def test_search_by_pinyin_initials_and_enter_takes_the_item(qtbot, sign_in):
    window = sign_in("scjg01")
    choose(qtbot, window, "yyzz")
    assert "营业执照" in window.intake.item_info.text()
    assert window.intake.materials.count() > 0
    assert window.intake.applicant.first_field().hasFocus()


def test_id_number_is_checked_as_typed(qtbot, sign_in):
    window = sign_in("scjg01")
    field = window.intake.applicant.fields["id_number"]
    qtbot.keyClicks(field.edit, "11010519491231002")
    assert field.error.isHidden()
    qtbot.keyClicks(field.edit, "5")
    assert not field.error.isHidden()
    assert "校验" in field.error.text()


def test_accepting_a_case_keeps_the_form_on_error_and_clears_it_on_success(
    qtbot, sign_in, services
):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    # nothing ticked: acceptance is refused with the missing materials named
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: intake.result.text() != "", timeout=5000)
    assert "必需材料不齐" in intake.result.text()
    assert intake.applicant.fields["name"].text() == "陈思远"  # nothing typed is lost
    intake.materials.check_all()
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    assert intake.applicant.fields["name"].text() == ""
    case_no = intake.result.text().split()[1]
    detail = services.cases.detail(window.actor, case_no)
    assert detail.case.status is CaseStatus.IN_PROGRESS
    assert detail.case.applicant.id_number == VALID_ID
    wait_idle(qtbot, window._operations, window.cases._operations)
    assert case_no in [e.summary.case_no for e in window.cases.model.entries]


def test_bad_applicant_is_shown_next_to_its_field(qtbot, sign_in):
    window = sign_in("scjg01")
    choose(qtbot, window, "营业执照遗失补领")
    window.intake.materials.check_all()
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    name = window.intake.applicant.fields["name"]
    qtbot.waitUntil(lambda: not name.error.isHidden(), timeout=5000)  # the service's answer
    assert "姓名" in name.error.text()


def test_correction_notice_lists_every_missing_material_at_once(qtbot, sign_in, services):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "有限责任公司设立登记")
    person = demo_person(__import__("random").Random(7))
    type_text(qtbot, intake.applicant.fields["name"].edit, person.name)
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, person.id_number)
    missing = intake.materials.missing_required()
    assert len(missing) >= 2
    qtbot.keyClick(intake, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    case_no = intake.result.text().split()[1]
    case = services.cases.detail(window.actor, case_no).case
    assert case.status is CaseStatus.AWAITING_CORRECTION
    assert list(case.missing_materials) == missing


def test_refusal_needs_a_reason(qtbot, sign_in):
    window = sign_in("scjg01")
    choose(qtbot, window, "营业执照遗失补领")
    qtbot.keyClick(window.intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "理由" in window.intake.result.text()
    assert window.intake.note.hasFocus()


def test_a_case_is_worked_to_pick_up_from_its_detail(qtbot, sign_in, services):
    chief = sign_in("scjg-chief")
    intake = chief.intake
    choose(qtbot, chief, "食品经营许可")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    intake.materials.check_all()
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    case_no = intake.result.text().split()[1]
    chief.open_case(case_no)
    qtbot.waitUntil(lambda: chief.detail is not None, timeout=5000)
    dialog = chief.detail
    for _ in range(12):
        buttons = {b.objectName(): b for b in dialog.findChildren(type(intake.accept_button))}
        name = next(
            n
            for n in ("action_complete_step", "action_approve", "action_issue", "action_pick_up")
            if n in buttons
        )
        before = len(dialog.detail.case.events)
        qtbot.mouseClick(buttons[name], Qt.MouseButton.LeftButton)
        if dialog.record is not None and dialog.record.isVisible():  # a step outside the hall
            fill_record(qtbot, dialog.record)
        if name == "action_approve":  # a decision: shown, then confirmed with Enter
            confirm(qtbot, dialog)
        qtbot.waitUntil(
            lambda b=before: len(dialog.detail.case.events) > b or dialog.message.text() != "",
            timeout=5000,
        )
        assert len(dialog.detail.case.events) > before, dialog.message.text()
        if dialog.detail.case.status is CaseStatus.PICKED_UP:
            break
    assert dialog.detail.case.status is CaseStatus.PICKED_UP
    assert dialog.timeline.topLevelItemCount() == len(dialog.detail.case.events)


def test_supervisor_sees_every_department_and_cannot_take_intake(qtbot, sign_in):
    window = sign_in("jiancha")
    assert not window.tabs.isTabEnabled(0)
    departments = {e.summary.department for e in window.cases.model.entries}
    assert len(departments) > 1


def test_idle_screen_locks_and_opens_only_with_the_password(qtbot, sign_in):
    window = sign_in("scjg01")
    window.lock()
    dialog = window.lock_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()  # Escape does not open a locked screen
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password, "not-it")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert window.lock_dialog is dialog
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "demo1234")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=5000)


def test_idle_timer_triggers_the_lock(qtbot, sign_in):
    window = sign_in("scjg01")
    window.idle._timer.setInterval(50)
    window.idle.start()
    qtbot.waitUntil(lambda: window.lock_dialog is not None, timeout=3000)


def test_english_translation_is_loaded(qtbot, qapp):
    from PySide6.QtCore import QCoreApplication

    from app.domain.case import CaseStatus
    from ui.application import install_translation
    from ui.labels import status_title

    install_translation(qapp, "en")
    assert status_title(CaseStatus.AWAITING_CORRECTION) == "Awaiting correction"
    assert QCoreApplication.translate("IntakePanel", "受理 (Ctrl+Enter)") == "Accept (Ctrl+Enter)"
    for translator in qapp.findChildren(__import__("PySide6.QtCore").QtCore.QTranslator):
        qapp.removeTranslator(translator)


def test_administrator_exports_the_catalog_and_a_bad_sheet_is_refused_row_by_row(
    qtbot, sign_in, monkeypatch, tmp_path
):
    from openpyxl import load_workbook

    from ui import counter_window

    told: list[str] = []
    monkeypatch.setattr(counter_window.QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(counter_window.QMessageBox, "warning", lambda *a: told.append(a[2]))
    sheet = tmp_path / "catalog.xlsx"
    window = sign_in("admin")
    monkeypatch.setattr(counter_window.QFileDialog, "getSaveFileName", lambda *a: (str(sheet), ""))
    window.export_catalog()
    qtbot.waitUntil(lambda: len(told) == 1, timeout=5000)
    assert told[0].startswith("已导出")
    book = load_workbook(sheet)
    book.active["I3"] = 999  # committed days above the legal limit in the second item
    book.save(sheet)
    monkeypatch.setattr(counter_window.QFileDialog, "getOpenFileName", lambda *a: (str(sheet), ""))
    window.import_catalog()
    qtbot.waitUntil(lambda: len(told) == 2, timeout=5000)
    assert "第3行" in told[1] and "承诺时限" in told[1]


def test_case_detail_actions_have_keyboard_shortcuts(qtbot, sign_in):
    window = sign_in("scjg01")
    received = next(
        e for e in window.cases.model.entries if e.summary.status is CaseStatus.RECEIVED
    )
    window.open_case(received.summary.case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    buttons = window.detail.findChildren(type(window.intake.accept_button))
    accept = next(b for b in buttons if b.objectName() == "action_accept")
    assert accept.shortcut().toString() == "Alt+1"
