"""The case window's action buttons: an `Offer` is an action the case offers now (its title,
what it does, why it must wait), `Typed` what the clerk typed for it, and `ActionRow` the row
of buttons (Alt+1, Alt+2, …) with, below it, the reason a disabled one waits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.case import SuspensionReason


@dataclass(frozen=True)
class Offer:
    """An action offered for the case in its present state.

    `act` runs on the GUI thread: it starts a service call or opens a record dialog.
    `blocked` says why the action cannot be taken yet; the button is then shown disabled.
    """

    name: str
    title: str
    act: Callable[[], None]
    blocked: str = ""


@dataclass(frozen=True)
class Typed:
    """What the clerk typed or chose for the action, read on the GUI thread before it runs."""

    reason: str
    days: int
    suspension: SuspensionReason


class ActionRow(QWidget):
    """One button per offered action, in the order the case offers them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout()
        self.blocked = QLabel()
        self.blocked.setObjectName("blocked_reason")
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("color: #a50e0e;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)
        layout.addWidget(self.blocked)

    def show_offers(self, offers: list[Offer]) -> None:
        while (item := self.row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from the dialog now, not at the next event loop
                widget.deleteLater()
        self.blocked.clear()
        self.blocked.hide()
        for number, offer in enumerate(offers, start=1):
            button = QPushButton(f"{offer.title} (Alt+{number})")
            button.setShortcut(QKeySequence(f"Alt+{number}"))
            button.setObjectName(f"action_{offer.name}")
            button.clicked.connect(lambda _=False, act=offer.act: act())
            if offer.blocked:
                button.setEnabled(False)
                button.setToolTip(offer.blocked)
                self.blocked.setText(offer.blocked)
                self.blocked.show()
            self.row.addWidget(button)
        if offers:
            self.row.addStretch()
