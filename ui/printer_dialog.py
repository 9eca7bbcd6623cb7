"""What the printing dialogs share: their work goes to the printer's worker, and what came of
it is said in a message line under the dialog, in red when it went wrong."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from app.bootstrap import Services
from app.domain.roles import Actor
from ui.feedback import show_message
from ui.messages import error_text
from ui.operations import Operations


class PrinterDialog(QDialog):
    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._services = services
        self._work = printer_operations
        self._actor = actor
        self.message = QLabel()
        self.message.setObjectName("printer_message")
        self.message.setWordWrap(True)

    def _say(self, message: str, error: bool) -> None:
        show_message(self.message, message, error)

    def _fail(self, error: Exception) -> None:
        self._say(error_text(error), error=True)
