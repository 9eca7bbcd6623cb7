"""Waiting and serving time per window and per clerk, read from the tickets' events: the
figures the supervision room counts (Novo SGA's most asked: average waiting / serving time
per attendant, per unit).

A ticket waits from its issue — or from its rejoining, or its transfer, when it waits again —
until a window calls it: that wait is the calling window's and the calling clerk's. It is
served from its last call (or recall) until SERVED: that time is the serving window's and
clerk's. A no-show counts a call, not a service.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.tickets import TicketEvent, TicketEventKind


@dataclass
class Times:
    """What one window or one clerk did: calls, their waits, services and their lengths."""

    calls: int = 0
    waited: timedelta = timedelta()
    served: int = 0
    serving: timedelta = timedelta()

    @property
    def average_wait(self) -> timedelta | None:
        return self.waited / self.calls if self.calls else None

    @property
    def average_service(self) -> timedelta | None:
        return self.serving / self.served if self.served else None


@dataclass
class QueueTimes:
    """Times by window number and by clerk (username)."""

    windows: dict[str, Times] = field(default_factory=dict)
    clerks: dict[str, Times] = field(default_factory=dict)

    def of(self, window: str, clerk: str) -> tuple[Times, Times]:
        """The window's and the clerk's tallies (made on first use)."""
        return self.windows.setdefault(window, Times()), self.clerks.setdefault(clerk, Times())


_WAITS_AGAIN = (TicketEventKind.ISSUED, TicketEventKind.REJOINED, TicketEventKind.TRANSFERRED)


def queue_times(tickets: Iterable[Sequence[TicketEvent]]) -> QueueTimes:
    """The times of `tickets`, each given as its events in order of position."""
    times = QueueTimes()
    for events in tickets:
        waiting_since: datetime | None = None
        called: TicketEvent | None = None
        for event in events:
            if event.kind in _WAITS_AGAIN:
                waiting_since, called = event.at, None
            elif event.kind in (TicketEventKind.CALLED, TicketEventKind.RECALLED):
                window = event.data.get("window", "")
                if event.kind is TicketEventKind.CALLED and waiting_since is not None:
                    for each in times.of(window, event.actor):
                        each.calls += 1
                        each.waited += event.at - waiting_since
                    waiting_since = None
                called = event
            elif event.kind is TicketEventKind.SERVED and called is not None:
                for each in times.of(called.data.get("window", ""), event.actor):
                    each.served += 1
                    each.serving += event.at - called.at
                called = None
    return times
