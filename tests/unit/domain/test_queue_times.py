"""Waiting and serving time per window and clerk, from the tickets' events."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4

from app.domain.events import CHINA_TIME
from app.domain.queue_times import queue_times
from app.domain.tickets import TicketEvent, TicketEventKind

OPEN = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA_TIME)


def ticket(*steps: tuple[int, TicketEventKind, str, str]) -> list[TicketEvent]:
    """Events at minute, kind, actor, window."""
    ticket_id = uuid4()
    return [
        TicketEvent(
            uuid4(),
            ticket_id,
            position,
            kind,
            OPEN + timedelta(minutes=minute),
            actor,
            "counter-01",
            {"window": window} if window else {},
        )
        for position, (minute, kind, actor, window) in enumerate(steps, start=1)
    ]


ISSUED, CALLED, RECALLED = TicketEventKind.ISSUED, TicketEventKind.CALLED, TicketEventKind.RECALLED
NO_SHOW, REJOINED, SERVED = (
    TicketEventKind.NO_SHOW,
    TicketEventKind.REJOINED,
    TicketEventKind.SERVED,
)


def test_waits_and_services_count_for_the_calling_window_and_clerk() -> None:
    first = ticket(
        (0, ISSUED, "kiosk01", ""), (10, CALLED, "zhang", "A04"), (22, SERVED, "zhang", "")
    )
    second = ticket(
        (5, ISSUED, "kiosk01", ""),
        (25, CALLED, "li", "A05"),
        (26, RECALLED, "li", "A05"),
        (30, SERVED, "li", ""),
    )
    times = queue_times([first, second])
    a04, a05 = times.windows["A04"], times.windows["A05"]
    assert (a04.calls, a04.average_wait, a04.served, a04.average_service) == (
        1,
        timedelta(minutes=10),
        1,
        timedelta(minutes=12),
    )
    assert a05.average_wait == timedelta(minutes=20)
    assert a05.average_service == timedelta(minutes=4)  # from the recall
    assert times.clerks["zhang"].served == 1 and times.clerks["li"].calls == 1


def test_a_no_show_that_rejoins_waits_again_from_its_rejoining() -> None:
    events = ticket(
        (0, ISSUED, "kiosk01", ""),
        (10, CALLED, "zhang", "A04"),
        (12, NO_SHOW, "zhang", ""),
        (30, REJOINED, "zhang", ""),
        (33, CALLED, "zhang", "A04"),
        (40, SERVED, "zhang", ""),
    )
    a04 = queue_times([events]).windows["A04"]
    assert (a04.calls, a04.waited, a04.served, a04.serving) == (
        2,
        timedelta(minutes=13),
        1,
        timedelta(minutes=7),
    )


def test_no_tickets_no_times() -> None:
    times = queue_times([])
    assert times.windows == {} and times.clerks == {}
    assert queue_times([ticket((0, ISSUED, "kiosk01", ""))]).windows == {}
