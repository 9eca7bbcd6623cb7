"""Enter moves to the next field, as Tab does, in the forms a clerk types all day.

Line edits, spin boxes, date edits, closed combo boxes and plain buttons leave Enter to their
parents. One filter on the container of a form catches it there, so every field of the form,
those there now and those added later (a shareholder's row), moves on without a connection of
its own. Ctrl+Enter is not touched: it stays the intake's 受理.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterMovesOn(QObject):
    """Installed on a container: an Enter that no field inside it used moves the focus on."""

    def __init__(self, container: QWidget) -> None:
        super().__init__(container)
        self._container = container

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self._container
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focus = QApplication.focusWidget()
            if focus is not None and self._container.isAncestorOf(focus):
                # from the field itself, so that a scroll area on the way shows the next one
                focus.focusNextChild()
                return True
        return super().eventFilter(watched, event)


def enter_moves_on(container: QWidget) -> None:
    """Make Enter move to the next field anywhere inside `container`."""
    container.installEventFilter(EnterMovesOn(container))
