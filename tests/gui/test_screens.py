"""What the screen shows: a locked counter shows nothing of the work, every window fits the
smallest counter screen (1024×768, the screen these tests run on), the main window remembers
where it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.conftest import SCREEN, choose, type_text, wait_idle
from ui.counter_window import CounterWindow

pytestmark = pytest.mark.gui


def visible_windows() -> list[QWidget]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
    ]


def shown_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible()]


def test_a_locked_window_shows_nothing_of_the_work_and_keeps_it(qtbot, sign_in, services):
    window = sign_in("scjg01")
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, window.intake.applicant.fields["name"].edit, "陈思远")
    window.show_cases()
    case_no = window.cases.model.entries[0].summary.case_no
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None and window.detail.isVisible(), timeout=5000)
    detail = window.detail
    assert detail is not None
    detail.reason.setText("申请人要求暂缓")
    shown = len(window.cases.model.entries)

    qtbot.keyClick(detail.reason, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    page = window.screen_lock.page
    assert page is not None and window.lock_dialog is not None

    # nothing but the lock page is on the screen: no list, no case, no menu, no status bar
    assert visible_windows() == [window]
    for widget in shown_widgets(window):
        assert widget is page or page.isAncestorOf(widget) or widget.isAncestorOf(page), widget
    # and no shortcut reaches the work behind it
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert visible_windows() == [window]
    qtbot.waitUntil(window.lock_dialog.password.hasFocus, timeout=3000)

    qtbot.keyClicks(window.lock_dialog.password, "demo1234")
    qtbot.keyClick(window.lock_dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=5000)
    # everything as it was left
    assert detail.isVisible() and detail.reason.text() == "申请人要求暂缓"
    assert window.intake.applicant.fields["name"].text() == "陈思远"
    assert window.menuBar().isVisible() and window.statusBar().isVisible()
    assert len(window.cases.model.entries) == shown
    assert window.tabs.isVisible()


def test_a_card_placed_while_locked_does_not_touch_the_intake(qtbot, sign_in):
    from app.devices.idcard.simulator import SimulatedTransport
    from ui.card_reader import CardReaderBridge

    bridge = CardReaderBridge(SimulatedTransport())
    bridge.start()
    try:
        window = sign_in("scjg01", reader=bridge)
        type_text(qtbot, window.intake.applicant.fields["name"].edit, "陈思远")
        window.lock()
        with qtbot.waitSignal(bridge.card_read, timeout=5000):
            bridge.simulator.place("resident")
        assert window.intake.applicant.fields["name"].text() == "陈思远"
    finally:
        bridge.stop()


def test_the_window_fills_a_small_screen_and_remembers_its_place(qtbot, sign_in, services, workers):
    window = sign_in("scjg01")
    area = window.screen().availableGeometry()
    assert area.size() == QSize(SCREEN["width"], SCREEN["height"])
    assert area.contains(window.frameGeometry())
    assert area.contains(window.statusBar().mapToGlobal(window.statusBar().rect().bottomRight()))
    window.showNormal()
    window.setGeometry(QRect(40, 30, 900, 700))
    window.close()
    again = CounterWindow(services, workers, window.actor)
    qtbot.addWidget(again)
    again.show()
    assert again.geometry() == QRect(40, 30, 900, 700)
