"""Messages shown in a label, styled by the stylesheet as good news or as a problem."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def restyle(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the stylesheet selects on (`[error="true"]`) and apply it now."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_message(label: QLabel, message: str, error: bool) -> None:
    label.setText(message)
    restyle(label, "error", error)
