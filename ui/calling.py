"""The calling bar set above the counter's tabs, for the windows that call tickets, and what
a called kiosk ticket opens: its received case in the intake."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.bootstrap import Services
from app.domain.roles import Actor, Permission
from app.services.views import CaseDetail
from ui.calling_panel import CallingPanel
from ui.messages import error_text
from ui.operations import Operations

if TYPE_CHECKING:
    from ui.counter_window import CounterWindow


def calls_tickets(actor: Actor) -> bool:
    """A person seated at a window who receives and handles cases calls the hall's tickets."""
    return bool(actor.window) and all(
        actor.can(p) for p in (Permission.RECEIVE_CASE, Permission.HANDLE_CASE)
    )


def with_calling(
    window: CounterWindow, services: Services, operations: Operations, actor: Actor
) -> tuple[QWidget, CallingPanel | None]:
    """The window's tabs under the calling bar where this actor calls tickets, and the bar
    (None where they do not)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    panel = None
    if calls_tickets(actor):
        panel = CallingPanel(services, operations, actor, window.intake.holds_work)
        panel.case_called.connect(
            lambda case_no: _open_received(window, services, operations, case_no)
        )
        layout.addWidget(panel)
    layout.addWidget(window.tabs)
    return page, panel


def _open_received(
    window: CounterWindow, services: Services, operations: Operations, case_no: str
) -> None:
    actor, intake = window.actor, window.intake

    def opened(detail: CaseDetail) -> None:
        window.show_intake()
        intake.take_received(detail)

    operations.run(
        lambda: services.cases.detail(actor, case_no),
        opened,
        lambda error: intake.show_message(error_text(error), True),
    )
