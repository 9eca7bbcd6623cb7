"""The reader's thread with the simulator: cards placed and lifted, a reader pulled out and
plugged in again, a broken transport or event handler that must not end the thread."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from app.devices.idcard.frame import Reply
from app.devices.idcard.session import (
    CardEvent,
    CardFailed,
    CardLifted,
    CardRead,
    ReaderBack,
    ReaderLost,
)
from app.devices.idcard.simulator import DEMO_CARDS, SimulatedTransport
from app.devices.idcard.worker import UNEXPECTED, ReaderWorker
from tests.card_polls import PolledSimulator
from tests.logfail import ExpectLog

#: How long to wait for an event that comes with the next poll (300 ms apart) or two: only
#: a failing test waits this long.
WAIT = 10.0


class Events:
    """Collects what the worker reports, from its thread."""

    def __init__(self) -> None:
        self.queue: queue.Queue[CardEvent] = queue.Queue()
        self.threads: set[str] = set()

    def __call__(self, event: CardEvent) -> None:
        self.threads.add(threading.current_thread().name)
        self.queue.put(event)

    def next(self) -> CardEvent:
        return self.queue.get(timeout=WAIT)

    def none_within(self, seconds: float) -> bool:
        try:
            event = self.queue.get(timeout=seconds)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected {event}")

    def none_yet(self) -> bool:
        return self.none_within(0)


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def reader() -> PolledSimulator:
    return PolledSimulator()


@pytest.fixture
def worker(reader: PolledSimulator, events: Events) -> Iterator[ReaderWorker]:
    running = ReaderWorker(reader, events, retry_interval=0.05)
    yield running
    running.stop()
    assert not running.running


class Stuck(PolledSimulator):
    """A reader whose driver takes as long to open as the test wants."""

    def __init__(self) -> None:
        super().__init__()
        self.opening = threading.Event()
        self.let_open = threading.Event()

    def open(self) -> None:
        self.opening.set()
        assert self.let_open.wait(WAIT), "the test never let the reader open"
        super().open()


def test_start_returns_while_the_reader_is_still_opening(events: Events) -> None:
    reader = Stuck()
    worker = ReaderWorker(reader, events)
    worker.start()  # returns although open() blocks on the worker's thread
    try:
        assert reader.opening.wait(WAIT) and events.none_yet()
        reader.let_open.set()
        assert events.next() == ReaderBack("simulator")
    finally:
        worker.stop()


def test_a_placed_card_is_read_once_and_again_after_it_was_lifted(
    worker: ReaderWorker, reader: PolledSimulator, events: Events
) -> None:
    worker.start()
    assert events.next() == ReaderBack("simulator")

    reader.place("resident")
    first = events.next()
    assert isinstance(first, CardRead) and first.card.name == "李文华"
    reader.wait_for_finds(found=True, after=reader.finds(found=True), more=3)
    assert events.none_yet()  # three polls found it still on the reader: not read twice

    reader.lift_and_wait()
    assert isinstance(events.next(), CardLifted)
    reader.place("permit")
    second = events.next()
    assert isinstance(second, CardRead) and second.card.name == "陈嘉欣"
    assert events.threads == {"card-reader simulator"}


def test_an_expired_card_is_read_and_left_to_the_clerk(
    worker: ReaderWorker, reader: PolledSimulator, events: Events
) -> None:
    reader.place("expired")
    worker.start()
    assert isinstance(events.next(), ReaderBack)
    event = events.next()
    assert isinstance(event, CardRead)
    assert event.card.is_expired(date(2026, 1, 1)) and not event.card.problems


def test_an_unplugged_reader_is_reported_once_and_noticed_when_plugged_in_again(
    worker: ReaderWorker, reader: PolledSimulator, events: Events
) -> None:
    reader.unplug()
    worker.start()
    lost = events.next()
    assert isinstance(lost, ReaderLost) and "拔出" in str(lost.message)
    assert events.none_within(0.3)  # retried every 50 ms, reported once

    reader.plug_in()
    assert events.next() == ReaderBack("simulator")
    reader.unplug()  # pulled out while polling
    assert isinstance(events.next(), ReaderLost)
    reader.plug_in()
    assert events.next() == ReaderBack("simulator")
    reader.place("foreign-2023")
    event = events.next()
    assert isinstance(event, CardRead) and event.card.english_name == "WHITE ANNA ELIZABETH"


class Flaky(SimulatedTransport):
    """A transport whose driver fails in a way nobody planned for, once."""

    def __init__(self) -> None:
        super().__init__("resident")
        self.failures = 1

    def exchange(self, request: bytes, timeout: float) -> Reply:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("driver bug")
        return super().exchange(request, timeout)


def test_any_exception_from_the_transport_is_survived(
    events: Events, expect_log: ExpectLog
) -> None:
    worker = ReaderWorker(Flaky(), events, retry_interval=0.05)
    try:
        with expect_log("app.devices.idcard.worker", "failed unexpectedly"):
            worker.start()
            assert isinstance(events.next(), ReaderBack)
            assert events.next() == ReaderLost(UNEXPECTED)
        assert isinstance(events.next(), ReaderBack)
        assert isinstance(events.next(), CardRead)
    finally:
        worker.stop()


def test_a_failing_event_handler_does_not_end_the_thread(
    reader: PolledSimulator, expect_log: ExpectLog
) -> None:
    read = threading.Event()

    def handler(event: CardEvent) -> None:
        if isinstance(event, CardRead):
            read.set()
        if isinstance(event, ReaderBack):
            raise ValueError("the window was closing")

    worker = ReaderWorker(reader, handler)
    with expect_log("app.devices.idcard.worker", "handler failed on ReaderBack"):
        worker.start()
        reader.place("resident")
        try:
            assert read.wait(WAIT)  # the card placed after the failure was still read
        finally:
            worker.stop()


def test_stop_ends_the_thread_and_closes_the_reader(
    worker: ReaderWorker, reader: PolledSimulator, events: Events
) -> None:
    worker.start()
    assert isinstance(events.next(), ReaderBack)
    worker.stop()
    assert not worker.running and not reader.is_open
    reader.place("resident")
    assert events.none_within(0.4)


def test_stop_interrupts_the_wait_between_attempts(reader: PolledSimulator, events: Events) -> None:
    reader.unplug()
    worker = ReaderWorker(reader, events, retry_interval=3600)
    worker.start()
    assert isinstance(events.next(), ReaderLost)  # now waiting an hour for the next attempt
    worker.stop(timeout=WAIT)
    assert not worker.running  # the join did not run out: the wait was cut short


def test_the_demo_menu_offers_every_card_and_refuses_an_unknown_one() -> None:
    assert set(DEMO_CARDS) == {"resident", "permit", "foreign-2017", "foreign-2023", "expired"}
    with pytest.raises(ValueError, match="没有演示证件"):
        SimulatedTransport("passport")


def test_a_card_that_cannot_be_read_is_a_card_failure(events: Events) -> None:
    class MovingCard(SimulatedTransport):
        def exchange(self, request: bytes, timeout: float) -> Reply:
            reply = super().exchange(request, timeout)
            return Reply(0, 0, 0x41, b"") if reply.data else reply  # every read fails

    worker = ReaderWorker(MovingCard("resident"), events)
    worker.start()
    try:
        assert isinstance(events.next(), ReaderBack)
        failed = events.next()
        assert isinstance(failed, CardFailed) and "重新放在读卡器上" in str(failed.message)
    finally:
        worker.stop()
