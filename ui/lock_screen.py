"""The locked counter: the window shows a lock page and nothing of the work behind it.

The counter stands in a public hall. Locking (Ctrl+L, or the idle minutes) replaces the
window's whole content with an opaque page holding the password prompt; the menus and the
status bar go too, and every other window of the session (a case, the slips, a record being
typed) is hidden. Nothing is closed or cleared: the intake typed so far, an open case and its
typed reason are all there again, as they were, once the password is given.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from ui.login import LoginDialog
from ui.messages import error_text
from ui.operations import Operations

log = logging.getLogger(__name__)


class ScreenLock(QObject):
    """Locks one main window whose central widget is a QStackedWidget (the work is its
    current page) for the person signed in at it; emits `unlocked` when their password opened
    it again. The lock and the unlock are written to the audit trail (`services.session`)."""

    unlocked = Signal()

    def __init__(
        self, window: QMainWindow, services: Services, operations: Operations, actor: Actor
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._operations = operations
        self._actor = actor
        self.page: QWidget | None = None
        self.dialog: LoginDialog | None = None
        self._hidden: list[QWidget] = []

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    def lock(self) -> None:
        """Cover the work with the password prompt of the person signed in."""
        if self.locked:
            return
        log.info("screen locked")
        actor = self._actor
        self._operations.run(
            lambda: self._services.session.lock(actor),
            lambda _: None,
            lambda error: log.warning("the lock is not in the audit trail: %s", error_text(error)),
        )
        prompt = LoginDialog(self._services, self._operations, locked_for=actor)
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self._hidden = [w for w in _other_windows(self._window) if w.isVisible()]
        for other in self._hidden:
            other.hide()
        self.dialog = prompt
        prompt.setWindowFlags(Qt.WindowType.Widget)  # part of the page, not a window of its own
        prompt.signed_in.connect(lambda _: self._unlock())
        self.page = QWidget()
        self.page.setObjectName("lock_page")
        self.page.setAutoFillBackground(True)
        layout = QVBoxLayout(self.page)
        layout.addStretch()
        layout.addWidget(prompt, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        stack = self._stack()
        stack.addWidget(self.page)
        stack.setCurrentWidget(self.page)
        self._window.menuBar().setEnabled(False)  # no shortcut reaches the work behind
        self._window.menuBar().hide()
        self._window.statusBar().hide()
        self._window.activateWindow()  # the window in front may have been one now hidden
        prompt.password.setFocus()

    def lock_if_disabled(self) -> None:
        """Lock the screen when a pull brought the disabling of the person signed in: the
        work stays behind the lock as typed, and their password no longer opens it (only
        once an administrator enabled them again)."""
        username = self._actor.username
        self._operations.run(
            lambda: self._services.auth.still_active(username),
            lambda active: None if active else self._lock_disabled(),
            lambda error: log.warning(
                "whether %s is still active: %s", username, error_text(error)
            ),
        )

    def _lock_disabled(self) -> None:
        log.info("the person signed in was disabled: screen locked")
        self.lock()
        if self.dialog is not None:
            self.dialog.error.setText(
                self.tr("您的账号已被管理员停用，已锁定屏幕；未保存的输入仍保留")
            )

    def _unlock(self) -> None:
        log.info("screen unlocked")
        stack = self._stack()
        stack.setCurrentIndex(0)
        if self.page is not None:
            stack.removeWidget(self.page)
            self.page.deleteLater()
        self.page = self.dialog = None
        self._window.menuBar().setEnabled(True)
        self._window.menuBar().show()
        self._window.statusBar().show()
        for other in self._hidden:
            other.show()
        self._hidden = []
        self.unlocked.emit()

    def _stack(self) -> QStackedWidget:
        stack = self._window.centralWidget()
        assert isinstance(stack, QStackedWidget)
        return stack


def _other_windows(window: QWidget) -> list[QWidget]:
    """The session's other windows: dialogs and windows, not menus or tooltips."""
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget is not window
        and widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
    ]
