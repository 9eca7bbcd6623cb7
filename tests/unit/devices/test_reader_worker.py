"""The reader's thread with the simulator: cards placed and lifted, a reader pulled out and
plugged in again, a broken transport or event handler that must not end the thread."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from app.devices.idcard.frame import Reply
from app.devices.idcard.session import CardEvent, CardFailed, CardRead, ReaderBack, ReaderLost
from app.devices.idcard.simulator import DEMO_CARDS, SimulatedTransport
from app.devices.idcard.worker import UNEXPECTED, ReaderWorker

#: Long enough for two polls (300 ms apart) on a slow CI machine.
WAIT = 3.0
#: How long the card is left off the reader so that a poll sees it gone.
LIFTED = 0.7


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


@pytest.fixture
def events() -> Events:
    return Events()


@pytest.fixture
def reader() -> SimulatedTransport:
    return SimulatedTransport()


@pytest.fixture
def worker(reader: SimulatedTransport, events: Events) -> Iterator[ReaderWorker]:
    running = ReaderWorker(reader, events, retry_interval=0.05)
    yield running
    running.stop()
    assert not running.running


def test_a_placed_card_is_read_once_and_again_after_it_was_lifted(
    worker: ReaderWorker, reader: SimulatedTransport, events: Events
) -> None:
    started = time.monotonic()
    worker.start()
    assert time.monotonic() - started < 0.1  # start does not wait on the device
    assert events.next() == ReaderBack("simulator")

    reader.place("resident")
    first = events.next()
    assert isinstance(first, CardRead) and first.card.name == "李文华"
    assert events.none_within(LIFTED)  # still on the reader: not read twice

    reader.lift()
    time.sleep(LIFTED)
    reader.place("permit")
    second = events.next()
    assert isinstance(second, CardRead) and second.card.name == "陈嘉欣"
    assert events.threads == {"card-reader simulator"}


def test_an_expired_card_is_read_and_left_to_the_clerk(
    worker: ReaderWorker, reader: SimulatedTransport, events: Events
) -> None:
    reader.place("expired")
    worker.start()
    assert isinstance(events.next(), ReaderBack)
    event = events.next()
    assert isinstance(event, CardRead)
    assert event.card.is_expired(date(2026, 1, 1)) and not event.card.problems


def test_an_unplugged_reader_is_reported_once_and_noticed_when_plugged_in_again(
    worker: ReaderWorker, reader: SimulatedTransport, events: Events
) -> None:
    reader.unplug()
    worker.start()
    lost = events.next()
    assert isinstance(lost, ReaderLost) and "拔出" in lost.message
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


def test_any_exception_from_the_transport_is_survived(events: Events) -> None:
    worker = ReaderWorker(Flaky(), events, retry_interval=0.05)
    worker.start()
    try:
        assert isinstance(events.next(), ReaderBack)
        assert events.next() == ReaderLost(UNEXPECTED)
        assert isinstance(events.next(), ReaderBack)
        assert isinstance(events.next(), CardRead)
    finally:
        worker.stop()


def test_a_failing_event_handler_does_not_end_the_thread(reader: SimulatedTransport) -> None:
    seen: list[CardEvent] = []

    def handler(event: CardEvent) -> None:
        seen.append(event)
        if isinstance(event, ReaderBack):
            raise ValueError("the window was closing")

    worker = ReaderWorker(reader, handler)
    worker.start()
    reader.place("resident")
    deadline = time.monotonic() + WAIT
    while not any(isinstance(event, CardRead) for event in seen) and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.stop()
    assert any(isinstance(event, CardRead) for event in seen)


def test_stop_ends_the_thread_promptly_and_closes_the_reader(
    worker: ReaderWorker, reader: SimulatedTransport, events: Events
) -> None:
    worker.start()
    assert isinstance(events.next(), ReaderBack)
    started = time.monotonic()
    worker.stop()
    assert time.monotonic() - started < 0.5
    assert not worker.running and not reader.is_open
    reader.place("resident")
    assert events.none_within(0.4)


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
        assert isinstance(failed, CardFailed) and "重新放在读卡器上" in failed.message
    finally:
        worker.stop()
