"""A terminal whose role is kiosk: no sign-in dialog, the terminal's kiosk account signed in
by its settings, the kiosk's screen full screen until maintenance quits it.

The language is the applicant's for one visit: one touch builds the screen again in the
other language (the visitor carried over), and the kiosk goes back to the terminal's own
language as soon as it has forgotten them.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from app.bootstrap import Services
from app.domain.messages import MessageError
from app.domain.roles import Actor
from ui.card_reader import CardReaderBridge
from ui.kiosk_window import KioskWindow
from ui.language import install_translation
from ui.messages import error_text
from ui.operations import Workers

log = logging.getLogger(__name__)


class KioskSession:
    """Holds the kiosk's window; `window` is replaced by a language switch."""

    def __init__(
        self, services: Services, workers: Workers, reader: CardReaderBridge | None
    ) -> None:
        self.services, self.workers, self.reader = services, workers, reader
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        self.language = services.settings["language"]
        self.actor: Actor | None = None
        self.paused = ""
        self.window: KioskWindow | None = None

    def start(self) -> KioskWindow:
        """Sign the kiosk in and show it, in the terminal's language; a kiosk that cannot sign
        in shows 暂停服务 and why."""
        install_translation(self.app, self.language)  # the one-touch button reads it
        try:
            self.actor = self.services.kiosk.sign_in()
        except MessageError as error:
            self.paused = error_text(error)
            log.error("the kiosk cannot work: %s", self.paused)
        return self._show(None)

    def _show(self, old: KioskWindow | None) -> KioskWindow:
        window = KioskWindow(
            self.services,
            self.workers,
            self.actor,
            self.reader,
            self.paused,
            old.visitor if old is not None else None,
        )
        window.language_chosen.connect(self.switch_language)
        window.forgotten.connect(self._forgotten)
        window.quit_asked.connect(self.quit)
        if old is not None:
            old.release(self.app)
            old.deleteLater()
        window.install(self.app)
        self.window = window
        return window

    def switch_language(self, language: str) -> None:
        """The screen again in `language`, for the same visitor; nothing is saved."""
        if language == self.language:
            return
        install_translation(self.app, language)
        self.language = language
        self._show(self.window)
        log.info("kiosk language switched to %s", language)

    def _forgotten(self) -> None:
        """The visitor is gone: the terminal's own language again."""
        self.switch_language(self.services.settings["language"])

    def quit(self) -> None:
        """Maintenance chose to quit: the kiosk closes, and the program ends."""
        if self.window is not None:
            self.window.release(self.app)
        self.app.quit()

    def sign_out(self) -> None:
        """The kiosk account's sign-out in the audit trail, when the program closes."""
        if self.actor is not None:
            self.services.session.logout(self.actor)
