"""Parts the dialogs share: a wrapped label named for the stylesheet (an error shows red),
Save / Cancel wired to the dialog, and the read-only table the lists are shown in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTableWidget, QVBoxLayout

from ui.feedback import show_message
from ui.messages import error_text
from ui.operations import Operations

T = TypeVar("T")


def wrapped_label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def save_or_cancel(dialog: QDialog, save: Callable[[], None]) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def read_only_table(name: str, headers: list[str]) -> QTableWidget:
    """A list to read and choose from: whole rows, one at a time, no editing, no row numbers."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table


def listing(
    dialog: QDialog,
    table: QTableWidget,
    message_name: str,
    operations: Operations,
    load: Callable[[], T],
    show: Callable[[T], None],
) -> QLabel:
    """Lay `dialog` out as a list over a line for what went wrong, and fill it: `load` on the
    worker, `show` with what it read; the line."""
    message = wrapped_label(message_name)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table, 1)
    layout.addWidget(message)
    operations.run(load, show, lambda error: show_message(message, error_text(error), error=True))
    return message
