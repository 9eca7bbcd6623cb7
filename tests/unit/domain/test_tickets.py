"""A ticket's fold and the steps that may follow each state; the elderly priority from the
birth date; the numbers' forms (leased, standalone, the fallback that cannot collide)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest

from app.domain import ticket_numbers
from app.domain.events import CHINA_TIME
from app.domain.ticket_numbers import Block
from app.domain.tickets import (
    Holder,
    Priority,
    TicketError,
    TicketEvent,
    TicketEventKind,
    TicketStatus,
    check_step,
    fold,
    priority_at_issue,
)

AT = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA_TIME)
TICKET = uuid4()
ISSUE = {"queue": "SCJG", "number": "A012", "day": "2026-11-23", "priority": "appointment"}


def event(position: int, kind: TicketEventKind, **data: str) -> TicketEvent:
    at = AT + timedelta(minutes=position)
    return TicketEvent(uuid4(), TICKET, position, kind, at, "scjg01", "counter-01", data)


def test_an_issued_ticket_waits_and_holds_its_number_queue_and_holder() -> None:
    issued = event(1, TicketEventKind.ISSUED, **ISSUE, masked_name="张*", birth_date="1950-03-01")
    ticket = fold([issued])
    assert (ticket.number, ticket.queue, ticket.day) == ("A012", "SCJG", date(2026, 11, 23))
    assert ticket.priority is Priority.APPOINTMENT
    assert ticket.holder == Holder("张*", date(1950, 3, 1))
    assert ticket.status is TicketStatus.WAITING and ticket.version == 1


def test_called_recalled_no_show_rejoined_and_served_fold_in_order() -> None:
    events = [
        event(1, TicketEventKind.ISSUED, **ISSUE),
        event(2, TicketEventKind.CALLED, window="A04"),
        event(3, TicketEventKind.RECALLED, window="A04"),
        event(4, TicketEventKind.NO_SHOW),
        event(5, TicketEventKind.REJOINED),
        event(6, TicketEventKind.CALLED, window="A05"),
        event(7, TicketEventKind.SERVED),
    ]
    ticket = fold(events)
    assert ticket.status is TicketStatus.SERVED
    assert (ticket.window, ticket.times_called, ticket.version) == ("A05", 3, 7)
    assert ticket.rejoined and ticket.ended_at == events[-1].at
    assert ticket.waiting_since == AT + timedelta(minutes=1)


def test_a_transfer_moves_the_ticket_to_its_queue_or_window_waiting_again() -> None:
    events = [
        event(1, TicketEventKind.ISSUED, **ISSUE),
        event(2, TicketEventKind.CALLED, window="A04"),
        event(3, TicketEventKind.TRANSFERRED, queue="SW", window="A08"),
    ]
    ticket = fold(events)
    assert (ticket.queue, ticket.for_window, ticket.status) == ("SW", "A08", TicketStatus.WAITING)
    with pytest.raises(TicketError, match="A08"):
        check_step(ticket, TicketEventKind.CALLED, "A07")
    check_step(ticket, TicketEventKind.CALLED, "A08")


def test_a_no_show_rejoins_once_only() -> None:
    events = [
        event(1, TicketEventKind.ISSUED, **ISSUE),
        event(2, TicketEventKind.CALLED, window="A04"),
        event(3, TicketEventKind.NO_SHOW),
    ]
    check_step(fold(events), TicketEventKind.REJOINED)
    events += [
        event(4, TicketEventKind.REJOINED),
        event(5, TicketEventKind.CALLED, window="A04"),
        event(6, TicketEventKind.NO_SHOW),
    ]
    with pytest.raises(TicketError, match="一次"):
        check_step(fold(events), TicketEventKind.REJOINED)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (TicketEventKind.RECALLED, "还没有被叫到"),
        (TicketEventKind.NO_SHOW, "还没有被叫到"),
        (TicketEventKind.SERVED, "还没有被叫到"),
        (TicketEventKind.REJOINED, "没有过号"),
        (TicketEventKind.ISSUED, "只取一次"),
    ],
)
def test_steps_out_of_turn_are_refused_in_words(kind: TicketEventKind, words: str) -> None:
    with pytest.raises(TicketError, match=words):
        check_step(fold([event(1, TicketEventKind.ISSUED, **ISSUE)]), kind)


def test_only_the_calling_window_recalls_or_ends_a_call() -> None:
    ticket = fold(
        [event(1, TicketEventKind.ISSUED, **ISSUE), event(2, TicketEventKind.CALLED, window="A04")]
    )
    with pytest.raises(TicketError, match="A04"):
        check_step(ticket, TicketEventKind.SERVED, "A05")
    with pytest.raises(TicketError, match="不在等候中"):
        check_step(ticket, TicketEventKind.CALLED, "A05")


def test_the_elderly_priority_comes_from_the_birth_date_on_the_day() -> None:
    day = date(2026, 11, 23)
    sixty_today = Holder("张*", date(1966, 11, 23))
    sixty_tomorrow = Holder("张*", date(1966, 11, 24))
    assert priority_at_issue(Priority.ORDINARY, sixty_today, day, 60) is Priority.ELDERLY
    assert priority_at_issue(Priority.ORDINARY, sixty_tomorrow, day, 60) is Priority.ORDINARY
    assert priority_at_issue(Priority.ORDINARY, Holder(), day, 60) is Priority.ORDINARY
    assert priority_at_issue(Priority.GREEN_CHANNEL, sixty_today, day, 60) is Priority.GREEN_CHANNEL


def test_numbers_come_from_the_leased_blocks_in_order_skipping_those_given() -> None:
    blocks = [Block(21, 23), Block(1, 2)]
    assert ticket_numbers.next_number("A", blocks, ["A001"], [], 7, standalone=False) == "A002"
    given = ["A001", "A002", "A021"]
    assert ticket_numbers.next_number("A", blocks, given, given, 7, standalone=False) == "A022"


def test_a_terminal_out_of_numbers_offline_counts_its_own_series_apart() -> None:
    given = ["A001", "A002", "A07-01"]
    number = ticket_numbers.next_number("A", [Block(1, 2)], given, given, 7, standalone=False)
    assert number == "A07-02"
    other = ticket_numbers.next_number("A", [], [], given, 8, standalone=False)
    assert other == "A08-01"
    assert ticket_numbers.leased_value("A07-02") is None
    assert ticket_numbers.leased_value("A012") == 12


def test_a_standalone_terminal_counts_on_from_the_days_highest() -> None:
    given = ["B003", "B011"]
    assert ticket_numbers.next_number("B", [], [], given, 1, standalone=True) == "B012"


def test_queue_letters_run_a_to_z_then_two_letters() -> None:
    assert [ticket_numbers.letter_for(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]
