"""Locks the screen after the configured idle minutes, or at once on Ctrl+L from any window of
the session (a case or the slips open in front included): the counter is in a public hall."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence

#: Input that counts as the clerk being there.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
#: The keys that lock the screen, as the 办件 menu shows them.
LOCK_KEYS = "Ctrl+L"


class IdleLock(QObject):
    """Watches the application's input; emits `idle` after `minutes` without any, and `asked`
    when the lock keys are pressed in any window (a window-modal dialog in front keeps the
    main window's own shortcuts from firing, not this)."""

    idle = Signal()
    asked = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(minutes * 60_000)))
        self._timer.timeout.connect(self.idle)

    def set_minutes(self, minutes: float) -> None:
        """A new idle time, counted from now; the same as before changes nothing (a center's
        settings pulled again must not put off a lock that is due)."""
        interval = max(1, int(minutes * 60_000))
        if interval == self._timer.interval():
            return
        self._timer.setInterval(interval)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and QKeySequence(event.keyCombination()) == QKeySequence(LOCK_KEYS)
        ):
            self.asked.emit()
            return True
        return False
