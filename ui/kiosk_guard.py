"""Nothing leaves the kiosk: every key a desktop knows for closing, quitting, switching or
menus is swallowed before any widget sees it, right-click menus never open, and only the
administrator's key sequence (then a password) opens maintenance.

The guard filters the whole application's input, so a shortcut of Qt's own (a dialog's
Escape, a line edit's context menu, Ctrl+W of a platform theme) never fires either. Keys
that only type (letters, digits, Backspace) reach the search field. Any touch, click or key
counts as someone being there (the kiosk's idle clock).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

#: The administrator's card-less sequence for maintenance (then the password is asked).
MAINTENANCE_KEYS = QKeySequence("Ctrl+Alt+Shift+M")
#: Keys that never mean typing: function keys, Escape, the menu and system keys.
_NOT_TYPING = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_Menu,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Close,
        Qt.Key.Key_Exit,
        Qt.Key.Key_PowerOff,
        Qt.Key.Key_Sleep,
        Qt.Key.Key_Suspend,
        Qt.Key.Key_Hibernate,
        Qt.Key.Key_Print,
        Qt.Key.Key_SysReq,
        Qt.Key.Key_Cancel,
        Qt.Key.Key_Back,
        Qt.Key.Key_HomePage,
        Qt.Key.Key_Help,
    }
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease)
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


def leaves(event: QKeyEvent) -> bool:
    """Whether a key is one the kiosk swallows (anything that is not plain typing)."""
    key = Qt.Key(event.key())
    if event.modifiers() & _COMMAND_MODIFIERS:
        return True
    return key in _NOT_TYPING or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35


class KioskGuard(QObject):
    """Installed on the application while the kiosk runs; `active` False lets maintenance's
    dialogs behave as usual (the administrator is at the keyboard)."""

    touched = Signal()
    maintenance_asked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = True
        #: how many keys were swallowed (a test counts them)
        self.swallowed = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _ACTIVITY:
            self.touched.emit()
        if not self.active:
            return False
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind not in _KEY_EVENTS or not isinstance(event, QKeyEvent):
            return False
        if kind == QEvent.Type.KeyPress and (
            QKeySequence(event.keyCombination()) == MAINTENANCE_KEYS
        ):
            self.maintenance_asked.emit()
            return True
        if leaves(event):
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # accepted: Qt fires no shortcut, and the key press comes here
            elif kind == QEvent.Type.KeyPress:
                self.swallowed += 1
            return True
        return False
