"""The attendance screen (管理 → 考勤与请假) and the leave dialog on the real window: the
administrator reads everyone's month and exports it, a chief their department's and decides
its leave, a clerk asks for leave from the case menu and sees only their own requests; a
refused request keeps what was typed."""

from __future__ import annotations

import stat

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from app.services.demo import DEMO_PASSWORD
from tests.gui.conftest import type_text, wait_idle
from ui.attendance_view import AttendanceDialog
from ui.leave_dialog import LeaveDialog


def open_attendance(qtbot, window) -> AttendanceDialog:  # noqa: ANN001
    action = window.findChild(QAction, "open_attendance")
    assert action is not None
    action.trigger()
    dialog = window.findChild(AttendanceDialog, "attendance")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.requests.rowCount() >= 0 and not dialog._storage.busy)
    return dialog


def column(table, number: int) -> list[str]:  # noqa: ANN001
    return [table.item(row, number).text() for row in range(table.rowCount())]


def test_the_administrator_reads_the_month_and_exports_it(qtbot, sign_in, tmp_path):  # noqa: ANN001
    window = sign_in("admin")
    dialog = open_attendance(qtbot, window)
    qtbot.waitUntil(lambda: dialog.sheet.rowCount() > 0, timeout=5000)

    people = column(dialog.sheet, 0)
    assert "scjg01" in people and "scjg-chief" in people
    assert "admin" not in people and "jiancha" not in people  # no window, no line
    assert "本终端的操作日志" in dialog.source.text()
    assert dialog.tabs.count() == 2

    file = tmp_path / "考勤.xlsx"
    dialog.export_to(file)
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text(), timeout=5000)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    rows = list(load_workbook(file).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == people


def test_a_clerk_asks_for_leave_and_a_refusal_keeps_what_was_typed(qtbot, sign_in):  # noqa: ANN001
    window = sign_in("scjg01")
    assert window.findChild(AttendanceDialog) is None
    dialog = open_attendance(qtbot, window)
    assert dialog.tabs.count() == 1  # no sheet for a clerk
    assert not dialog.approve.isVisibleTo(dialog)

    qtbot.mouseClick(dialog.ask, Qt.MouseButton.LeftButton)
    ask = dialog.findChild(LeaveDialog, "leave_ask")
    assert ask is not None
    ask.kind.setCurrentIndex(ask.kind.findData("sick"))
    qtbot.mouseClick(ask.submit, Qt.MouseButton.LeftButton)  # no reason given
    qtbot.waitUntil(lambda: "事由" in ask.message.text(), timeout=5000)
    assert ask.isVisible() and ask.kind.currentData() == "sick"

    type_text(qtbot, ask.reason, "发烧")
    qtbot.mouseClick(ask.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.requests.rowCount() == 1, timeout=5000)
    assert column(dialog.requests, 1) == ["scjg01"]
    assert column(dialog.requests, 6) == ["待审批"]


def test_the_chief_decides_the_departments_leave_on_the_screen(qtbot, sign_in, services):  # noqa: ANN001
    from app.domain.leave import Half, LeaveKind, LeavePeriod

    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    today = services.clock.now().date()
    services.leave.ask(clerk, LeaveKind.PERSONAL, LeavePeriod(Half(today), Half(today)), "家事")
    window = sign_in("scjg-chief")
    dialog = open_attendance(qtbot, window)
    qtbot.waitUntil(lambda: dialog.sheet.rowCount() > 0 and dialog.requests.rowCount() == 1)
    assert {dialog.sheet.item(r, 2).text() for r in range(dialog.sheet.rowCount())} == {"SCJG"}

    qtbot.mouseClick(dialog.refuse, Qt.MouseButton.LeftButton)  # nothing chosen yet
    assert "选择" in dialog.message.text()
    dialog.requests.selectRow(0)
    qtbot.mouseClick(dialog.approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: column(dialog.requests, 6) == ["已批准"], timeout=5000)
    wait_idle(qtbot, dialog._storage)
    assert column(dialog.requests, 7) == ["scjg-chief"]
