"""The queue on a real store: tickets numbered per queue and day, the waiting list in the
fair order, calling by the queues a window serves (a comprehensive window's several), recall,
no-show and one rejoin, transfer, served, a walk-in; the log append-only; a stale call
refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date

import pytest

from app.bootstrap import Services
from app.domain.roles import Actor, PermissionDenied, Role
from app.domain.tickets import Holder, Priority, TicketError, TicketStatus
from app.domain.windows import WindowSpec
from app.services.time_source import FixedClock
from tests.integration.store_harness import ADMIN, CLERK, KIOSK, SUPERVISOR

SECOND = replace(CLERK, username="scjg02", window="A05")
COMPREHENSIVE = Actor(
    "zh01",
    "综合窗口",
    Role.CLERK,
    "SCJG",
    "A01",
    "counter-01",
    departments=frozenset({"SCJG", "SW"}),
)


def test_queues_are_the_departments_lettered_in_the_order_of_their_codes(
    services: Services,
) -> None:
    queues = services.queue.queues()
    assert [(q.code, q.letter) for q in queues[:3]] == [("GA", "A"), ("GH", "B"), ("GJJ", "C")]
    scjg = services.queue.queue("SCJG")
    assert (scjg.letter, services.queue.queue("SW").letter) == ("J", "K")
    assert (scjg.hall, scjg.floor, scjg.windows[:2]) == ("A", "1", ("A01", "A02"))
    assert services.queue.queue_for_item("SCJG-XK-001") == scjg


def test_numbers_run_per_queue_and_the_slip_says_how_many_wait_before(services: Services) -> None:
    first = services.queue.issue(KIOSK, "SCJG")
    second = services.queue.issue(KIOSK, "SCJG")
    tax = services.queue.issue(KIOSK, "SW")
    assert [first.ticket.number, second.ticket.number, tax.ticket.number] == [
        "J001",
        "J002",
        "K001",
    ]
    assert (first.waiting_before, second.waiting_before, tax.waiting_before) == (0, 1, 0)
    assert second.queue.code == "SCJG" and first.ticket.day == date(2026, 11, 23)


def test_an_elderly_holder_goes_before_the_ordinary_waiting(services: Services) -> None:
    clock = services.clock
    assert isinstance(clock, FixedClock)
    services.queue.issue(KIOSK, "SCJG")
    clock.advance(minutes=5)
    old = services.queue.issue(KIOSK, "SCJG", holder=Holder("李*", date(1940, 1, 2)))
    assert old.ticket.priority is Priority.ELDERLY and old.waiting_before == 0
    assert [t.number for t in services.queue.waiting("SCJG")] == ["J002", "J001"]


def test_calling_recall_no_show_rejoin_and_served(services: Services) -> None:
    issued = services.queue.issue(KIOSK, "SCJG").ticket
    called = services.queue.call_next(CLERK)
    assert called is not None and called.id == issued.id
    assert (called.status, called.window) == (TicketStatus.CALLED, "A04")
    assert services.queue.call_next(SECOND) is None  # nobody else waits
    with pytest.raises(TicketError, match="A04"):
        services.queue.served(SECOND, issued.id)
    services.queue.recall(CLERK, issued.id)
    services.queue.no_show(CLERK, issued.id)
    services.queue.rejoin(CLERK, issued.id)
    again = services.queue.call_next(SECOND)
    assert again is not None and again.times_called == 3
    done = services.queue.served(SECOND, issued.id)
    assert done.status is TicketStatus.SERVED and services.queue.ticket(issued.id) == done


def test_a_comprehensive_window_calls_from_each_of_its_queues(services: Services) -> None:
    tax = services.queue.issue(KIOSK, "SW").ticket
    services.queue.issue(KIOSK, "GA")
    called = services.queue.call_next(COMPREHENSIVE)
    assert called is not None and called.id == tax.id
    assert services.queue.call_next(COMPREHENSIVE) is None  # 公安 is not its queue


def test_a_transfer_sends_the_ticket_to_a_window_of_another_queue(services: Services) -> None:
    services.windows.set_up(ADMIN, WindowSpec("A01", "综合窗口", departments=("SCJG", "SW")))
    services.windows.set_up(ADMIN, WindowSpec("A08", "税务窗口", departments=("SW",)))
    issued = services.queue.issue(KIOSK, "SCJG").ticket
    services.queue.call_next(CLERK)
    moved = services.queue.transfer(CLERK, issued.id, queue_code="SW", window="A01")
    assert (moved.queue, moved.for_window, moved.status) == ("SW", "A01", TicketStatus.WAITING)
    assert [t.number for t in services.queue.waiting("SW")] == ["J001"]
    called = services.queue.call_next(COMPREHENSIVE)
    assert called is not None and called.id == issued.id
    with pytest.raises(TicketError, match="没有编号为 B99 的窗口"):
        services.queue.transfer(COMPREHENSIVE, issued.id, window="B99")
    other = services.queue.issue(KIOSK, "SCJG").ticket
    to_tax = services.queue.transfer(CLERK, other.id, window="a08")  # its queue: the window's
    assert (to_tax.queue, to_tax.for_window) == ("SW", "A08")


def test_a_walk_in_is_issued_and_called_at_once(services: Services) -> None:
    ticket = services.queue.walk_in(CLERK)
    assert (ticket.number, ticket.status, ticket.window) == ("J001", TicketStatus.CALLED, "A04")


def test_who_may_issue_and_call(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        services.queue.issue(SUPERVISOR, "SCJG")
    with pytest.raises(PermissionDenied):
        services.queue.call_next(KIOSK)
    with pytest.raises(TicketError, match="队列"):
        services.queue.issue(KIOSK, "NOPE")


def test_the_ticket_log_is_append_only(services: Services) -> None:
    services.queue.issue(KIOSK, "SCJG")
    path = services.paths.database
    with closing(sqlite3.connect(path)) as connection:
        for statement in ("UPDATE ticket_events SET number = 'A999'", "DELETE FROM ticket_events"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                connection.execute(statement)


def test_the_demo_sets_up_its_windows_and_the_comprehensive_one_calls_its_queues(
    services: Services,
) -> None:
    assert services.demo.open(0) is not None
    windows = {w.number: w for w in services.windows.windows()}
    assert windows["A13"].comprehensive and windows["A13"].spec.departments == ("SCJG", "SW", "RH")
    assert windows["A01"].spec.departments == ("SCJG",) and windows["B01"].spec.floor == "2"
    assert "A13" in services.queue.queue("SW").windows
    member = next(m for m in services.auth.staff() if m.username == "zonghe01")
    at_comprehensive = services.auth.actor_for(member, windows["A13"])
    tax = services.queue.issue(KIOSK, "SW").ticket
    called = services.queue.call_next(at_comprehensive)
    assert called is not None and (called.id, called.window) == (tax.id, "A13")
