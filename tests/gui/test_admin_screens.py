"""The windows screen (管理 → 窗口) and the settings dialog (设置 → 本机设置) driven as an
administrator and a clerk drive them: real widgets, the work on the workers, the outcome in
words; what is typed stays when a change is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from app.bootstrap import Services
from app.domain.audit import AuditAction
from app.domain.roles import Actor, Role
from app.domain.windows import WindowSpec
from app.services.card_reader import CardReaderService
from app.storage.audit_repository import AuditQuery
from tests.card_polls import PolledSimulator
from tests.gui.conftest import accept_case, choose, type_text, wait_idle
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow
from ui.window_admin import WindowsDialog

pytestmark = pytest.mark.gui

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")


def open_windows_screen(qtbot, window: CounterWindow) -> WindowsDialog:  # noqa: ANN001
    admin_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "管理(&A)")
    next(a for a in admin_menu.actions() if a.text() == "窗口…").trigger()
    dialog = window.findChild(WindowsDialog, "windows_dialog")
    assert dialog is not None and dialog.isVisible()
    wait_idle(qtbot, window._operations)
    return dialog


def tick(dialog: WindowsDialog, *codes: str) -> None:
    for index in range(dialog.departments.count()):
        item = dialog.departments.item(index)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def test_an_administrator_sets_up_a_comprehensive_window_and_changes_it(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    dialog = open_windows_screen(qtbot, sign_in("admin"))
    type_text(qtbot, dialog.number, "a01")
    type_text(qtbot, dialog.name, "综合窗口")
    type_text(qtbot, dialog.hall, "一楼大厅")
    tick(dialog, "SCJG", "SW")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    assert dialog.message.text() == "窗口 A01 已保存。"
    assert dialog.table.item(0, 0).text() == "A01"
    assert dialog.table.item(0, 4).text().count("、") == 1  # two departments
    assert dialog.number.isReadOnly()  # its number never changes

    dialog.terminal.clear()
    type_text(qtbot, dialog.terminal, "counter-02")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() == "counter-02", timeout=5000)
    (window,) = services.windows.windows()
    assert (window.version, window.spec.departments) == (2, ("SCJG", "SW"))
    found = services.audit.search(ADMIN, AuditQuery(action=AuditAction.WINDOW_CHANGED))
    assert [e.subject for e in found] == ["A01", "A01"]


def test_a_taken_number_is_refused_and_the_form_keeps_what_was_typed(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    services.windows.set_up(ADMIN, WindowSpec("A04", "市场监管窗口", departments=("SCJG",)))
    dialog = open_windows_screen(qtbot, sign_in("admin"))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    type_text(qtbot, dialog.number, "A04")
    type_text(qtbot, dialog.name, "另一个窗口")
    tick(dialog, "GA")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已存在" in dialog.message.text(), timeout=5000)
    assert dialog.message.property("error") is True
    assert (dialog.number.text(), dialog.name.text()) == ("A04", "另一个窗口")
    assert dialog.spec().departments == ("GA",)


def test_a_window_is_chosen_from_the_list_and_closed(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    services.windows.set_up(ADMIN, WindowSpec("B02", "税务窗口", departments=("SW",)))
    dialog = open_windows_screen(qtbot, sign_in("admin"))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
    dialog.table.selectRow(0)
    assert (dialog.name.text(), dialog.close_button.isEnabled()) == ("税务窗口", True)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
    assert dialog.message.text() == "窗口 B02 已撤销。"
    assert services.windows.windows() == []


def test_a_clerk_has_no_windows_screen(sign_in) -> None:  # noqa: ANN001
    window = sign_in("scjg01")
    assert "管理(&A)" not in [a.text() for a in window.menuBar().actions()]


# ---------------------------------------------------------------- the settings dialog


def save(dialog) -> None:  # noqa: ANN001
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_clerk_sees_the_administrator_s_settings_read_only(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
) -> None:
    window = sign_in("scjg01")
    window.open_settings()
    dialog = window.settings_dialog
    for key in ("printer", "card_reader", "central_url", "terminal_no", "terminal_name"):
        assert not dialog.editors[key].isEnabled(), key
        assert dialog.editors[key].toolTip() == "只有系统管理员可以修改此项"
    assert dialog.editors["paper_mm"].isEnabled()
    assert not dialog.editors["idle_lock_minutes"].isEnabled()  # the center's
    assert dialog.note.isVisibleTo(dialog)
    dialog.reject()


def test_the_test_buttons_tell_what_came_of_it_in_words(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    window = sign_in("admin")
    window.open_settings()
    dialog = window.settings_dialog
    assert not dialog.note.isVisibleTo(dialog)  # the administrator changes every setting
    results = dialog.test_results

    qtbot.mouseClick(dialog.test_buttons["printer"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "测试页已打印" in results["printer"].text(), timeout=10000)
    assert results["printer"].property("error") is False

    qtbot.mouseClick(dialog.test_buttons["card_reader"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "读卡器 simulator" in results["card_reader"].text(), timeout=10000)

    central = dialog.editors["central_url"]
    assert isinstance(central, QLineEdit)
    type_text(qtbot, central, "postgresql://counter_09@127.0.0.1:1/none")
    qtbot.mouseClick(dialog.test_buttons["central_url"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.test_buttons["central_url"].isEnabled(), timeout=15000)
    qtbot.waitUntil(lambda: results["central_url"].property("error") is True, timeout=5000)
    assert "Traceback" not in results["central_url"].text()
    assert services.settings["central_url"] == ""  # tried, not saved
    dialog.reject()


def test_bad_input_keeps_what_was_typed_and_says_why(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    window = sign_in("admin")
    window.open_settings()
    dialog = window.settings_dialog
    division = dialog.editors["division_code"]
    assert isinstance(division, QLineEdit)
    division.clear()
    type_text(qtbot, division, "12")
    save(dialog)
    qtbot.waitUntil(lambda: "division_code" in dialog.message.text(), timeout=5000)
    assert "6位数字" in dialog.message.text()
    assert dialog.isVisible() and division.text() == "12"
    assert division.property("invalid") is True and division.hasFocus()  # pointed at

    division.clear()
    type_text(qtbot, division, "230203")
    dialog.editors["terminal_no"].setValue(7)  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        save(dialog)
    assert (services.settings["division_code"], services.settings["terminal_no"]) == ("230203", 7)
    found = services.audit.search(ADMIN, AuditQuery(action=AuditAction.SETTINGS_CHANGED))
    assert {(e.subject, e.details["to"]) for e in found} == {
        ("division_code", "230203"),
        ("terminal_no", "7"),
    }


def test_a_clerk_at_a_comprehensive_window_accepts_another_department_s_item(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    alone = sign_in("scjg01")
    choose(qtbot, alone, "增值税一般纳税人登记")
    qtbot.waitUntil(lambda: "不属于本窗口" in alone.intake.result.text(), timeout=5000)

    terminal = services.settings["terminal_name"]
    spec = WindowSpec("A01", "综合窗口", departments=("SCJG", "SW"), terminal=terminal)
    services.windows.set_up(ADMIN, spec)
    window = sign_in("scjg01")
    assert window.actor.window == "A01"
    case_no = accept_case(qtbot, window, "增值税一般纳税人登记")
    assert services.cases.detail(window.actor, case_no).case.terms.department == "SW"


def test_the_reader_in_use_is_tried_through_the_window_s_reader(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
) -> None:
    simulator = PolledSimulator()
    reader = CardReaderBridge(simulator, demo_cards=CardReaderService.demo_cards(simulator))
    reader.start()
    try:
        window = sign_in("scjg01", reader=reader)
        qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=5000)
        window.open_settings()
        dialog = window.settings_dialog
        result = dialog.test_results["card_reader"]
        qtbot.mouseClick(dialog.test_buttons["card_reader"], Qt.MouseButton.LeftButton)
        assert "请放上一张身份证" in result.text()  # the device is not opened a second time
        simulator.place("resident")
        qtbot.waitUntil(lambda: result.text() == "读卡器工作正常：已读到证件", timeout=5000)
        assert dialog.test_buttons["card_reader"].isEnabled()
        dialog.reject()
    finally:
        reader.stop()
