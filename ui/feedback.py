"""Messages shown in a label, styled by the stylesheet as good news or as a problem; and a
problem's message that stays exactly as long as the problem does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QWidget


def restyle(widget: QWidget, name: str, value: bool) -> None:
    """Set a property the stylesheet selects on (`[error="true"]`) and apply it now."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def show_message(label: QLabel, message: str, error: bool) -> None:
    label.setText(message)
    restyle(label, "error", error)


def show_problem(
    label: QLabel,
    message: str,
    changed: SignalInstance,
    ask_solved: Callable[[Callable[[], None]], None],
    on_solved: Callable[[], None] = lambda: None,
) -> None:
    """Show `message` as an error until the problem is gone: after each `changed`,
    `ask_solved(solved)` asks whoever knows the rule (the service, off the GUI thread), which
    calls `solved` when the problem is gone; then the message goes (and `on_solved` runs). A
    message put in the label meanwhile ends the watch and is left alone."""
    show_message(label, message, error=True)
    watching = True

    def check() -> None:
        nonlocal watching
        if label.text() != message:  # something else is being said now
            watching = False
            changed.disconnect(check)
        else:
            ask_solved(solved)

    def solved() -> None:
        nonlocal watching
        if watching and label.text() == message:
            watching = False
            changed.disconnect(check)
            show_message(label, "", error=False)
            on_solved()

    changed.connect(check)
