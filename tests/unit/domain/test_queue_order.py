"""The fair order: priority counts as minutes already waited; Qmatic's longest-wait rule; a
ticket sent to a window is that window's only."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from uuid import uuid4

from app.domain.events import CHINA_TIME
from app.domain.queue_order import OrderRule, in_order, next_ticket
from app.domain.tickets import Priority, Ticket, TicketStatus

OPEN = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA_TIME)


def ticket(number: str, minute: int, priority: Priority = Priority.ORDINARY) -> Ticket:
    return Ticket(
        uuid4(), "SCJG", number, date(2026, 11, 23), priority, OPEN + timedelta(minutes=minute)
    )


RULE = OrderRule({p: 0 for p in Priority} | {Priority.GREEN_CHANNEL: 30, Priority.ELDERLY: 10})


def test_a_priority_ticket_passes_only_those_issued_within_its_weight() -> None:
    early, middle, late = ticket("A001", 0), ticket("A002", 25), ticket("A003", 50)
    green = ticket("A004", 40, Priority.GREEN_CHANNEL)  # counts as 10
    elderly = ticket("A005", 52, Priority.ELDERLY)  # counts as 42
    order = in_order([late, elderly, green, middle, early], RULE)
    assert [t.number for t in order] == ["A001", "A004", "A002", "A005", "A003"]


def test_only_waiting_tickets_are_in_the_order() -> None:
    called = replace(ticket("A001", 0), status=TicketStatus.CALLED)
    assert [t.number for t in in_order([called, ticket("A002", 1)], RULE)] == ["A002"]


def test_the_longest_waiting_goes_first_past_the_limit() -> None:
    old = ticket("A001", 0)
    green = ticket("A002", 5, Priority.GREEN_CHANNEL)
    qmatic = replace(RULE, longest_wait_minutes=20)
    assert next_ticket([old, green], RULE, OPEN + timedelta(minutes=25)) == green
    assert next_ticket([old, green], qmatic, OPEN + timedelta(minutes=25)) == old
    assert next_ticket([old, green], qmatic, OPEN + timedelta(minutes=15)) == green


def test_a_ticket_sent_to_a_window_is_called_there_only() -> None:
    sent = replace(ticket("A001", 0), for_window="A05")
    other = ticket("A002", 10)
    assert next_ticket([sent, other], RULE, OPEN, "A04") == other
    assert next_ticket([sent, other], RULE, OPEN, "A05") == sent
    assert next_ticket([], RULE, OPEN, "A05") is None
