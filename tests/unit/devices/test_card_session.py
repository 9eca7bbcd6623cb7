"""find → select → read against a scripted reader: statuses, the one retry of a card moved away,
the empty reader, and the polling loop's rules (300 ms, one report per placement)."""

from __future__ import annotations

import pytest

from app.devices.idcard.errors import CardReaderError, ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import Command, Reply, decode_request
from app.devices.idcard.session import (
    PLACE_AGAIN,
    POLL_INTERVAL,
    CardFailed,
    CardLifted,
    CardMovedAway,
    CardRead,
    CardSession,
    CardWatcher,
    NoCard,
)
from app.devices.idcard.simulator import SimulatedTransport
from app.devices.idcard.status import StatusError
from app.devices.idcard.virtual_cards import hk_macau_taiwan_permit, read_body, resident_card

FIND, SELECT, READ = Command.FIND_CARD, Command.SELECT_CARD, Command.READ_TEXT_PHOTO


def status(sw3: int, data: bytes = b"") -> Reply:
    return Reply(0x00, 0x00, sw3, data)


FOUND, NOTHING, OK, MOVED, SELECT_FAILED = (status(c) for c in (0x9F, 0x80, 0x90, 0x41, 0x81))
RESIDENT = status(0x90, read_body(resident_card()))
PERMIT = status(0x90, read_body(hk_macau_taiwan_permit()))
READ_OK = (FOUND, OK, RESIDENT)


class Clock:
    """Monotonic time that moves only when told to."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class ScriptedReader:
    """A `Transport` answering each request with the next scripted reply (or raising it)."""

    name = "scripted"

    def __init__(self, *script: Reply | Exception, clock: Clock | None = None) -> None:
        self.script = list(script)
        self.sent: list[int] = []
        self.timeouts: list[float] = []
        self.clock = clock

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def add(self, *script: Reply | Exception) -> None:
        self.script += script

    def exchange(self, request: bytes, timeout: float) -> Reply:
        received = decode_request(request)
        self.sent.append(received.command << 8 | received.parameter)
        self.timeouts.append(timeout)
        if self.clock is not None:
            self.clock.now += 0.2  # a reader takes its time
        answer = self.script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def session(reader: ScriptedReader, clock: Clock | None = None) -> CardSession:
    clock = clock or Clock()
    return CardSession(reader, clock=clock, sleep=clock.sleep)


# ---------------------------------------------------------------------------- one read


def test_a_card_is_found_selected_and_read_in_that_order() -> None:
    reader = ScriptedReader(*READ_OK)
    card = session(reader).read_card()
    assert card.name == "李文华"
    assert reader.sent == [FIND, SELECT, READ]
    assert reader.script == []


def test_an_empty_reader_is_no_card_and_a_card_placed_later_is_read() -> None:
    reader = ScriptedReader(NOTHING)
    reading = session(reader)
    with pytest.raises(NoCard) as raised:
        reading.read_card()
    assert isinstance(raised.value, CardReaderError)
    assert "没有证件" in str(raised.value)
    assert reader.sent == [FIND]
    reader.add(*READ_OK)
    assert reading.read_card().name == "李文华"


@pytest.mark.parametrize("failure", [MOVED, SELECT_FAILED], ids=["read 41", "select 81"])
def test_a_card_moved_away_once_is_read_on_the_retry(failure: Reply) -> None:
    first = (FOUND, failure) if failure is SELECT_FAILED else (FOUND, OK, failure)
    reader = ScriptedReader(*first, *READ_OK)
    clock = Clock()
    card = session(reader, clock).read_card()
    assert card.name == "李文华"
    assert reader.sent == [FIND, SELECT, READ][: len(first)] + [FIND, SELECT, READ]
    assert clock.slept == [POLL_INTERVAL]  # the retry's find keeps the 300 ms rule


def test_a_card_moved_away_twice_asks_to_place_it_again() -> None:
    reader = ScriptedReader(FOUND, OK, MOVED, FOUND, OK, MOVED)
    with pytest.raises(CardMovedAway) as raised:
        session(reader).read_card()
    assert str(PLACE_AGAIN) in str(raised.value)
    assert reader.sent.count(FIND) == 2 and reader.script == []


def test_a_card_taken_away_during_the_retry_asks_to_place_it_again() -> None:
    reader = ScriptedReader(FOUND, OK, MOVED, NOTHING)
    with pytest.raises(CardMovedAway, match=str(PLACE_AGAIN)):
        session(reader).read_card()


def test_a_sam_fault_is_not_retried() -> None:
    reader = ScriptedReader(status(0x60))
    with pytest.raises(StatusError, match="安全模块自检失败"):
        session(reader).read_card()
    assert reader.sent == [FIND]


def test_a_card_that_is_not_an_id_card_is_refused_with_its_own_message() -> None:
    with pytest.raises(StatusError, match="不是身份证件"):
        session(ScriptedReader(status(0x40))).read_card()


def test_transport_errors_reach_the_caller_unchanged() -> None:
    gone = ReaderUnavailable("读卡器已拔出")
    with pytest.raises(ReaderUnavailable) as raised:
        session(ScriptedReader(gone)).read_card()
    assert raised.value is gone


def test_the_whole_read_shares_one_timeout() -> None:
    clock = Clock()
    reader = ScriptedReader(FOUND, OK, RESIDENT, clock=clock)
    with pytest.raises(ReaderTimeout, match="读卡超时"):
        session(reader, clock).read_card(timeout=0.3)  # each exchange takes 0.2 s
    assert reader.sent == [FIND, SELECT]
    assert reader.timeouts[0] == pytest.approx(0.3)
    assert reader.timeouts[1] == pytest.approx(0.1)


def test_card_present_is_one_find() -> None:
    reader = ScriptedReader(FOUND, NOTHING, status(0x40))
    reading = session(reader)
    assert [reading.card_present() for _ in range(3)] == [True, False, True]
    assert reader.sent == [FIND, FIND, FIND]


# ---------------------------------------------------------------------------- the polling loop


def watcher(reader: ScriptedReader, clock: Clock) -> CardWatcher:
    return CardWatcher(session(reader, clock), clock=clock)


def test_the_reader_is_polled_no_faster_than_every_300_ms() -> None:
    clock = Clock()
    reader = ScriptedReader(NOTHING, NOTHING)
    polling = watcher(reader, clock)
    assert polling.seconds_until_next_poll() == 0
    assert polling.poll_once() is None
    assert reader.sent == [FIND]
    clock.now += 0.29
    assert polling.seconds_until_next_poll() == pytest.approx(0.01)
    assert polling.poll_once() is None
    assert reader.sent == [FIND]  # too early: the reader was not asked
    clock.now += 0.01
    assert polling.poll_once() is None
    assert reader.sent == [FIND, FIND]


def test_a_card_is_reported_once_until_it_is_lifted() -> None:
    clock = Clock()
    reader = ScriptedReader(NOTHING, *READ_OK)
    polling = watcher(reader, clock)
    assert polling.poll_once() is None
    clock.now += POLL_INTERVAL
    event = polling.poll_once()
    assert isinstance(event, CardRead) and event.card.name == "李文华"

    reader.add(FOUND, FOUND)  # still lying there: only asked whether it is there
    for _ in range(2):
        clock.now += POLL_INTERVAL
        assert polling.poll_once() is None
    assert reader.sent[-2:] == [FIND, FIND]

    reader.add(NOTHING, FOUND, OK, PERMIT)  # lifted, then the next card
    clock.now += POLL_INTERVAL
    assert isinstance(polling.poll_once(), CardLifted)
    clock.now += POLL_INTERVAL
    event = polling.poll_once()
    assert isinstance(event, CardRead) and event.card.name == "陈嘉欣"
    assert reader.script == []


def test_a_card_that_fails_is_reported_once_and_not_retried_until_lifted() -> None:
    clock = Clock()
    reader = ScriptedReader(FOUND, OK, MOVED, FOUND, OK, MOVED, FOUND)
    polling = watcher(reader, clock)
    event = polling.poll_once()
    assert isinstance(event, CardFailed) and str(PLACE_AGAIN) in str(event.message)
    clock.now += POLL_INTERVAL
    assert polling.poll_once() is None
    assert reader.sent[-1] == FIND and reader.script == []


def test_bad_card_data_is_a_card_failure_not_a_reader_failure() -> None:
    clock = Clock()
    broken = status(0x90, read_body(resident_card(birth_date="19851345")))
    event = watcher(ScriptedReader(FOUND, OK, broken), clock).poll_once()
    assert isinstance(event, CardFailed) and "不是有效日期" in str(event.message)


@pytest.mark.parametrize(
    "fault",
    [ReaderUnavailable("读卡器已拔出"), ReaderTimeout("没有应答"), status(0x66)],
    ids=["unplugged", "silent", "SAM not authorised"],
)
def test_reader_faults_are_raised_for_the_worker(fault: Reply | Exception) -> None:
    clock = Clock()
    with pytest.raises(CardReaderError):
        watcher(ScriptedReader(fault), clock).poll_once()


def test_reader_faults_are_raised_while_waiting_for_the_lift_too() -> None:
    clock = Clock()
    reader = ScriptedReader(*READ_OK, ReaderUnavailable("读卡器已拔出"))
    polling = watcher(reader, clock)
    assert isinstance(polling.poll_once(), CardRead)
    clock.now += POLL_INTERVAL
    with pytest.raises(ReaderUnavailable):
        polling.poll_once()


def test_a_simulated_card_placed_on_another_is_the_new_card() -> None:
    """Lift and place in one motion: the reader sees no card for one find, then the new one."""
    clock = Clock()
    reader = SimulatedTransport("resident")
    reader.open()
    polling = CardWatcher(session(reader, clock), clock=clock)  # type: ignore[arg-type]
    first = polling.poll_once()
    assert isinstance(first, CardRead) and first.card.name == "李文华"
    clock.now += POLL_INTERVAL
    assert polling.poll_once() is None  # still lying there: not read again
    reader.place("permit")
    seen = []
    for _ in range(3):
        clock.now += POLL_INTERVAL
        seen.append(polling.poll_once())
    reads = [event for event in seen if isinstance(event, CardRead)]
    assert [event.card.name for event in reads] == ["陈嘉欣"]
