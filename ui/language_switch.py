"""A language chosen while typed work is on the screen waits for that work to be done.

Switching the language builds the counter window again (`Session.switch_language`), and a
rebuilt window holds nothing of what was typed in the old one. So the new language, already
saved, is applied only when nothing typed is on the screen: the intake stored or cleared
(Ctrl+N), the case dialog closed, the chief's reason sent or cleared. Until then a line in the
status bar says so.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from ui.labels import fill


class LanguageWhenFree(QObject):
    """Emits `ready` with the chosen language at the first `check` without typed work.

    The window says whether typed work is on the screen at each check; this object holds no
    reference to the window, so that a replaced window can go."""

    ready = Signal(str)

    def __init__(self, note: QLabel) -> None:
        super().__init__(note)
        self._language: str | None = None
        self.note = note
        self.note.setObjectName("language_pending")
        self.note.hide()

    @property
    def waiting(self) -> str | None:
        """The language that waits for the typed work, if any."""
        return self._language

    def choose(self, language: str, typed_work: bool) -> None:
        self._language = language
        self.check(typed_work)

    def check(self, typed_work: bool) -> None:
        """Apply the waiting language now if nothing typed is on the screen."""
        language = self._language
        if language is None:
            return
        if typed_work:
            name = self.tr("英文 (English)") if language == "en" else self.tr("简体中文")
            self.note.setText(
                fill(
                    self.tr("界面语言将在当前填写的内容保存或清空（Ctrl+N）后切换为%1。"),
                    name,
                )
            )
            self.note.show()
            return
        self._language = None
        self.note.hide()
        self.ready.emit(language)
