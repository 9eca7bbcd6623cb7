"""The kiosk as an applicant and as an administrator meets it, without a card reader's
hardware: the kiosk account's way in, the screen nobody can leave, the number typed on the
keypad when the reader is missing, the printer out of paper, forgetting after the idle
time, and maintenance behind the key sequence and a password. (Cards read through pcscd
are in test_kiosk_cards.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from app.devices.idcard.records import parse_card
from app.devices.idcard.virtual_cards import PHOTO_SIZE, read_body, resident_card
from app.domain.identity import make_resident_id, mask_resident_id
from app.domain.roles import Role
from app.services.demo import DEMO_PASSWORD
from app.services.errors import LoginFailed
from tests.gui.conftest import wait_idle
from tests.gui.kiosk_harness import choose_item, confirm, held_texts, touch
from tests.integration.printer_harness import FakeNetworkPrinter, FakeState
from tests.unit.printing.escpos_decoder import decode
from ui.kiosk_guard import MAINTENANCE_KEYS
from ui.kiosk_keys import touch_pixels
from ui.kiosk_window import KioskWindow

pytestmark = pytest.mark.gui

NUMBER = make_resident_id("230202", date(1979, 3, 8), 23)


def card(number: str = NUMBER, name: str = "钱伟明", **more: object):  # noqa: ANN201
    text = resident_card(name=name, number=number, birth_date=date(1979, 3, 8), **more)
    return parse_card(read_body(text, bytes(PHOTO_SIZE)), False)


def test_a_kiosk_account_works_only_at_its_kiosk_never_with_a_password(services) -> None:  # noqa: ANN001
    with pytest.raises(LoginFailed, match="自助终端账号只在自助终端上工作"):
        services.auth.login("kiosk01", DEMO_PASSWORD)
    with pytest.raises(LoginFailed, match="不是自助终端"):
        services.kiosk.sign_in()  # a counter terminal
    services.settings.set("terminal_role", "kiosk")
    assert services.kiosk.sign_in().role is Role.KIOSK
    services.settings.set("kiosk_account", "scjg01")  # a clerk's account is no kiosk's
    with pytest.raises(LoginFailed, match="不是自助终端账号"):
        services.kiosk.sign_in()


def test_a_kiosk_whose_account_is_gone_says_it_is_paused_and_why(
    start_kiosk, services, expect_log
) -> None:  # noqa: ANN001
    services.settings.set("kiosk_account", "nobody")
    with expect_log("ui.kiosk_session", "the kiosk cannot work"):
        window = start_kiosk()
    assert window.pages.currentWidget() is window.paused
    assert "暂停服务" in held_texts(window) and "nobody" in window.paused.reason.text()


#: Every key combination a desktop knows for leaving or covering a window.
LEAVING_KEYS = (
    "Alt+F4",
    "Ctrl+Q",
    "Ctrl+W",
    "Ctrl+F4",
    "Ctrl+Shift+Q",
    "Ctrl+Shift+W",
    "Escape",
    "F11",
    "F1",
    "Alt+Tab",
    "Alt+Shift+Tab",
    "Ctrl+Alt+Delete",
    "Ctrl+Alt+Backspace",
    "Ctrl+Alt+T",
    "Ctrl+Alt+F1",
    "Ctrl+Esc",
    "Alt+Space",
    "Alt+F2",
    "Meta+D",
    "Meta+L",
    "Meta+Tab",
    "Shift+F10",
    "Menu",
    "Ctrl+O",
    "Ctrl+S",
    "Ctrl+P",
)


def test_nothing_leaves_the_kiosk(qtbot, start_kiosk) -> None:  # noqa: ANN001
    window = start_kiosk()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()
    fired: list[str] = []
    for keys in LEAVING_KEYS:  # a shortcut of the window's own would fire: none does
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda k=keys: fired.append(k))
    target = window.items.search
    for keys in LEAVING_KEYS:
        combination = QKeySequence(keys)[0]
        qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())
    assert fired == []
    assert window.guard.swallowed >= len(LEAVING_KEYS)
    assert not window.close() and window.isVisible()  # closeEvent refused
    menu = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert QApplication.sendEvent(window.items.search, menu)  # taken by the guard
    assert window.isVisible() and QApplication.activeModalWidget() is None


def test_targets_are_a_fingertip_wide(start_kiosk) -> None:  # noqa: ANN001
    window = start_kiosk()
    side = touch_pixels(window)
    buttons = [window.confirm.confirm, window.done.finish, window.language]
    buttons += window.items.keyboard.findChildren(QWidget, "key_A")
    assert all(b.minimumWidth() >= side and b.minimumHeight() >= side for b in buttons)


def test_with_no_reader_the_number_is_typed_and_checked_as_typed(
    qtbot, start_kiosk, services, workers
) -> None:  # noqa: ANN001
    window = start_kiosk(reader=None)
    keypad = window.start.keypad
    assert keypad.isVisible()
    for key in "230202197913":  # month 13: said at the wrong digit
        touch(qtbot, keypad.keys.findChild(QWidget, f"key_{key}"))
    assert "月" in keypad.problem.text()
    for _ in range(2):
        touch(qtbot, keypad.keys.findChild(QWidget, "key_delete"))
    assert keypad.problem.text() == ""
    for key in NUMBER[10:]:
        touch(qtbot, keypad.keys.findChild(QWidget, f"key_{key}"))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.items)
    choose_item(qtbot, window)
    confirm(qtbot, window, workers)
    number = window.done.number.text()
    assert number and "请取走凭条" in window.done.message.text()
    slip = decode(services.printing.simulator.last_job)
    assert number in slip.text and mask_resident_id(NUMBER) in slip.text
    assert slip.qr_codes == [number]  # no name, no case: the window receives them
    assert NUMBER not in held_texts(window)


def test_paper_out_shows_the_number_large_and_queues_the_slip_for_the_guide_desk(
    qtbot, start_kiosk, services, workers
) -> None:  # noqa: ANN001
    with FakeNetworkPrinter() as printer:
        printer.state = FakeState.PAPER_OUT
        services.settings.set("printer", printer.target)
        window = start_kiosk()
        window.take_card(card())
        choose_item(qtbot, window)
        confirm(qtbot, window, workers)
        number = window.done.number.text()
        assert number and "缺纸" in window.done.message.text()
        assert window.done.message.property("error") is True
        admin = services.auth.login("admin", DEMO_PASSWORD)
        [job] = services.printing.waiting_jobs(admin)
        assert job.kind == "kiosk"
        printer.state = FakeState.READY
        assert services.printing.reprint(admin, job.id).printed
        slip = decode(printer.wait_for_jobs(1)[0])
    assert number in slip.text and mask_resident_id(NUMBER) in slip.text
    assert slip.qr_codes and slip.qr_codes[0] in slip.text and slip.cut is not None


def test_the_kiosk_forgets_after_the_idle_time(qtbot, start_kiosk) -> None:  # noqa: ANN001
    window = start_kiosk()
    window._idle.setInterval(50)  # the setting's seconds, shortened
    window.take_card(card())
    assert "钱*" in held_texts(window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start, timeout=5000)
    assert window.visitor is None and "钱" not in held_texts(window)


def test_maintenance_needs_the_key_sequence_and_an_administrators_password(
    qtbot, start_kiosk, workers
) -> None:  # noqa: ANN001
    window = start_kiosk()
    combination = MAINTENANCE_KEYS[0]
    qtbot.keyClick(window.items.search, combination.key(), combination.keyboardModifiers())
    dialog = window.maintenance
    assert dialog.isVisible() and not dialog.tools.isVisible()
    qtbot.keyClicks(dialog.username, "scjg01")
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    touch(qtbot, dialog.submit)
    wait_idle(qtbot, workers.storage)
    assert "系统管理员" in dialog.error.text() and not dialog.tools.isVisible()
    dialog.username.setText("admin")
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    touch(qtbot, dialog.submit)
    qtbot.waitUntil(dialog.tools.isVisible)
    with qtbot.waitSignal(window.quit_asked):
        touch(qtbot, dialog.findChild(QWidget, "quit_kiosk"))


def test_one_touch_to_english_for_this_applicant_then_back_to_chinese(
    qtbot, start_kiosk, services
) -> None:  # noqa: ANN001
    window = start_kiosk()
    window.take_card(card())
    before = kiosk_windows()  # a window another test left may not be deleted yet
    touch(qtbot, window.language)
    (english,) = kiosk_windows() - before
    assert "Hello, 钱*" in english.items.greeting.text()  # the same visitor, in English
    assert english.pages.currentWidget() is english.items
    assert services.settings["language"] == "zh_CN"  # nothing saved
    before = kiosk_windows()
    touch(qtbot, english.restart)  # forgotten: the terminal's own language again
    (chinese,) = kiosk_windows() - before
    assert "读卡器" in chinese.start.prompt.text() and chinese.visitor is None


def kiosk_windows() -> set[KioskWindow]:
    """The kiosk windows shown now."""
    return {
        w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow) and w.isVisible()
    }


def test_an_elderly_applicants_slip_says_their_priority(
    qtbot, start_kiosk, services, workers
) -> None:  # noqa: ANN001
    window = start_kiosk()
    elderly = make_resident_id("230202", date(1950, 5, 1), 31)
    text = resident_card(name="周老", number=elderly, birth_date=date(1950, 5, 1))
    window.take_card(parse_card(read_body(text, bytes(PHOTO_SIZE)), False))
    choose_item(qtbot, window)
    confirm(qtbot, window, workers)
    slip = decode(services.printing.simulator.last_job)
    assert "（老年人优先）" in slip.text and window.done.number.text() in slip.text
