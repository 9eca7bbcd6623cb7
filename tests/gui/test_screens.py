"""What the screen shows: a locked counter shows nothing of the work, every window fits the
smallest counter screen (1024×768, the screen these tests run on), the main window remembers
where it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMargins, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import SCREEN
from tests.gui.conftest import VALID_ID, choose, type_text, wait_idle
from tests.gui.test_chief_desk import FOOD, LOAN, action, one_form, received
from ui.counter_window import CounterWindow
from ui.screen_fit import SMALLEST_SCREEN, fitted

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
            bridge.transport.place("resident")
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
    window.setGeometry(QRect(40, 30, 900, 720))  # above its least height, with the calling bar
    window.close()
    again = CounterWindow(services, workers, window.actor)
    qtbot.addWidget(again)
    again.show()
    assert again.geometry() == QRect(40, 30, 900, 720)


# ---- every window fits the smallest screen ---------------------------------------------------


def assert_every_window_fits() -> list[str]:
    """Each window on the screen lies, frame and all, inside the screen's available area and
    could shrink to a 1024×768 screen; the names of the windows checked."""
    names = []
    for window in visible_windows():
        area = window.screen().availableGeometry()
        assert area.contains(window.frameGeometry()), (window.objectName(), window.frameGeometry())
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert minimum.width() <= SMALLEST_SCREEN.width(), window.objectName()
        assert minimum.height() <= SMALLEST_SCREEN.height() - 40, window.objectName()
        names.append(window.objectName() or type(window).__name__)
    return names


def test_every_window_and_dialog_fits_a_1024_by_768_screen(qtbot, sign_in, services, workers):
    from ui.application import Session

    session = Session(services, workers)
    session.show_login()
    qtbot.addWidget(session.login)
    seen = assert_every_window_fits()
    session.login.hide()

    clerk = sign_in("scjg01")
    clerk.intake.choose_item(services.catalog.item("SCJG-YBZ-001"))  # the one form, widest
    seen += assert_every_window_fits()
    choose(qtbot, clerk, "营业执照遗失补领")  # a refusal, asked once
    type_text(qtbot, clerk.intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(clerk.intake.applicant.fields["id_number"].edit, VALID_ID)
    clerk.intake.note.setPlainText("申请事项不属于本机关职权范围" * 8)
    qtbot.keyClick(clerk.intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    seen += assert_every_window_fits()
    clerk.intake.confirmation.reject()
    parent_no, children = one_form(services)
    case_no = received(services, "scjg01", FOOD, 3)
    for number in (case_no, parent_no):
        clerk.open_case(number)
        qtbot.waitUntil(
            lambda n=number: clerk.detail is not None and clerk.detail.detail.case.case_no == n,
            timeout=5000,
        )
        seen += assert_every_window_fits()
        if number == case_no:  # its first step is done outside the hall: the record's form
            qtbot.mouseClick(action(clerk.detail, "complete_step"), Qt.MouseButton.LeftButton)
            seen += assert_every_window_fits()
            clerk.detail.record.close()
        clerk.detail.close()
    clerk.printer.open_slips(case_no)
    slips = clerk.printer.slips
    qtbot.waitUntil(lambda: slips.print_button.isEnabled(), timeout=10000)
    seen += assert_every_window_fits()
    # the PDF buttons are on the screen, not below it
    bottom = slips.open_button.mapToGlobal(slips.open_button.rect().bottomRight())
    assert slips.screen().availableGeometry().contains(bottom)
    slips.close()
    clerk.printer.open_queue()
    seen += assert_every_window_fits()
    clerk.printer.queue.close()
    clerk.printer.open_settings()
    seen += assert_every_window_fits()
    clerk.printer.settings.close()
    clerk.printer.open_daily_report()
    report = clerk.printer.daily_report
    qtbot.waitUntil(lambda: report.print_button.isEnabled(), timeout=10000)
    seen += assert_every_window_fits()
    report.close()
    clerk.open_settings()
    seen += assert_every_window_fits()
    clerk.settings_dialog.close()

    def number_asked() -> None:
        asked = QApplication.activeModalWidget()
        seen.extend(assert_every_window_fits())
        asked.close()

    QTimer.singleShot(0, number_asked)
    clerk.ask_case_number()
    clerk.close()

    chief = sign_in("gjj-chief")
    desk = chief.desk
    loan = received(services, "gjj01", LOAN, 4)
    chief.refresh()
    wait_idle(qtbot, chief._operations)
    desk.show_case(loan)
    qtbot.waitUntil(lambda: desk.current is not None, timeout=5000)
    desk.record_collective()
    seen += assert_every_window_fits()
    desk.record.close()
    chief.close()

    supervisor = sign_in("jiancha")
    supervisor.open_quarantine()
    seen += assert_every_window_fits()
    supervisor.quarantine.close()
    supervisor.close()

    administrator = sign_in("admin")  # sees every setting of the terminal
    administrator.open_settings()
    seen += assert_every_window_fits()
    assert {"login", "case_detail", "slip_preview", "print_queue", "printer_settings"} <= set(seen)
    assert {"counter_window", "collective_record", "quarantine", "confirm_decision"} <= set(seen)
    assert {"settings_dialog", "step_record", "daily_report"} <= set(seen)


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768), (1920, 1080)])
def test_the_rule_fits_a_too_large_window_inside_any_screen(width, height):
    area = QRect(0, 0, width, height - 40)  # a task bar at the bottom
    margins = QMargins(4, 30, 4, 4)
    for wanted in (QRect(300, 200, 760, 820), QRect(-50, 0, 2600, 1400), QRect(900, 700, 400, 300)):
        inside = fitted(wanted, QSize(400, 300), area, margins)
        assert area.contains(inside.marginsAdded(margins))
        assert inside.size() == wanted.size().boundedTo(area.marginsRemoved(margins).size())


def test_a_dialog_that_fits_opens_centred_over_its_window(qtbot, sign_in):
    window = sign_in("scjg01")
    window.printer.open_queue()  # smaller than the screen: nothing to shrink
    dialog = window.printer.queue
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.width() < SMALLEST_SCREEN.width() and dialog.height() < SMALLEST_SCREEN.height()
    centre, over = dialog.geometry().center(), window.geometry().center()
    assert abs(centre.x() - over.x()) <= 2 and abs(centre.y() - over.y()) <= 2, (
        f"the dialog at {dialog.geometry()} is not over its window at {window.geometry()}"
    )
