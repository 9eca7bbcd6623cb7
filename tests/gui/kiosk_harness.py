"""What the kiosk's tests share: a terminal set up as a kiosk on the demo store, the kiosk
started as the program starts it (no sign-in), and the applicant's touches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QWidget

from app.bootstrap import Services
from tests.gui.conftest import wait_idle
from ui.application import apply_style
from ui.card_reader import CardReaderBridge
from ui.kiosk_session import KioskSession
from ui.kiosk_window import KioskWindow
from ui.operations import Workers

#: An item the kiosk takes, found by its pinyin initials on the letter keyboard.
ITEM = "营业执照遗失补领"
ITEM_LETTERS = "YYZZYS"

StartKiosk = Callable[..., KioskWindow]


@pytest.fixture
def start_kiosk(qtbot, qapp, services: Services, workers: Workers) -> Iterator[StartKiosk]:  # noqa: ANN001
    """Start the kiosk on this terminal (its role set to kiosk); the guard is taken off the
    application after the test."""
    apply_style(qapp)
    services.settings.set("terminal_role", "kiosk")
    sessions: list[KioskSession] = []

    def start(reader: CardReaderBridge | None = None) -> KioskWindow:
        session = KioskSession(services, workers, reader)
        sessions.append(session)
        window = session.start()
        wait_idle(qtbot, workers.reading)
        return window

    yield start
    for session in sessions:
        if session.window is not None:
            session.window.release(qapp)
            session.window.deleteLater()


def touch(qtbot, button: QWidget) -> None:  # noqa: ANN001
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_item(qtbot, window: KioskWindow, letters: str = ITEM_LETTERS, name: str = ITEM) -> None:  # noqa: ANN001
    """Type the item's pinyin on the on-screen keyboard and touch it in the list."""
    for letter in letters:
        touch(qtbot, window.items.keyboard.findChild(QWidget, f"key_{letter}"))
    found = window.items.items.findItems(name, Qt.MatchFlag.MatchExactly)
    assert found, f"{name} not offered for {letters}"
    rect = window.items.items.visualItemRect(found[0])
    qtbot.mouseClick(window.items.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.confirm)


def confirm(qtbot, window: KioskWindow, workers: Workers) -> None:  # noqa: ANN001
    touch(qtbot, window.confirm.confirm)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.done, timeout=10000)
    wait_idle(qtbot, workers.storage, workers.reading)


def held_texts(window: KioskWindow) -> str:
    """Every text the kiosk's widgets hold now, the lists' rows included."""
    texts = [label.text() for label in window.findChildren(QLabel)]
    texts += [edit.text() for edit in window.findChildren(QLineEdit)]
    for listing in window.findChildren(QListWidget):
        texts += [listing.item(row).text() for row in range(listing.count())]
    return "\n".join(texts)
