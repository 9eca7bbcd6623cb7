"""One read of an ID card (find → select → read) and the polling loop the counter runs on it.

`CardSession.read_card` drives any `Transport` through the GA/T 467 sequence and checks every
reply's SW3 with `status`. A card moved away in the middle (41, a failed select 81, the
authentication and random failures of the same category) is retried once from the find; a
second failure asks the applicant to place the card again. An empty reader is `NoCard`, which
the polling loop treats as the normal, silent case.

`CardWatcher` is that loop, one step per call: it polls no faster than every 300 ms, reports a
card once when it appears and does not read it again until a find has come back empty (the
card was lifted) — what both the counter and the kiosk need. It reports what the clerk must
see as `CardEvent`s; faults of the reader itself (unplugged, silent, SAM broken) are raised
to the caller, the `ReaderWorker`, which reopens the reader.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

from app.devices.idcard.errors import CardReaderError, ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import Command, Reply
from app.devices.idcard.records import IdCard, parse_card
from app.devices.idcard.status import ReaderStatus, StatusCategory, StatusError, describe, expect
from app.devices.idcard.transport import Transport
from app.domain.messages import Message, msg

log = logging.getLogger(__name__)

#: GA/T 467: a reader must not be asked to find a card more often than this (seconds).
POLL_INTERVAL = 0.3
#: Time allowed for one whole read, both attempts included (a read takes about one second).
READ_TIMEOUT = 3.0
PLACE_AGAIN = msg("请将身份证重新放在读卡器上")


class NoCard(CardReaderError):
    """Nothing on the reader: the find came back empty (80). Normal while polling."""


class CardMovedAway(CardReaderError):
    """The card was moved during the read, twice in a row; the applicant must place it again."""


def is_reader_fault(error: BaseException) -> bool:
    """True when the reader itself cannot go on (not the card): it must be reopened."""
    if isinstance(error, StatusError):
        return error.info.category is StatusCategory.SAM_FAULT
    return isinstance(error, ReaderUnavailable | ReaderTimeout) or not isinstance(
        error, CardReaderError
    )


class CardSession:
    """Reads the card on one open transport; the transport's owner opens and closes it."""

    def __init__(
        self,
        transport: Transport,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.transport = transport
        self._clock = clock
        self._sleep = sleep

    def read_card(self, timeout: float = READ_TIMEOUT) -> IdCard:
        """The card on the reader, checked; NoCard when there is none, else a CardReaderError."""
        deadline = self._clock() + timeout
        try:
            return self._read_once(deadline)
        except StatusError as error:
            if error.info.category is not StatusCategory.CARD_MOVED:
                raise
            log.info("card moved during the read (SW3 %02X); retrying once", error.info.code)
        self._sleep(POLL_INTERVAL)
        try:
            return self._read_once(deadline)
        except (NoCard, StatusError) as error:
            if isinstance(error, StatusError) and error.info.category is not (
                StatusCategory.CARD_MOVED
            ):
                raise
            raise CardMovedAway(
                msg("读卡时证件被移动，没有读完：{then}", then=PLACE_AGAIN)
            ) from error

    def card_present(self, timeout: float = READ_TIMEOUT) -> bool:
        """One find: is a card (of any kind) on the reader? Reader faults are raised."""
        reply = self._exchange(Command.FIND_CARD, self._clock() + timeout)
        if reply.sw3 == ReaderStatus.FIND_FAILED:
            return False
        info = describe(reply.sw3)
        if info.category is StatusCategory.SAM_FAULT:
            raise StatusError(info)
        return True

    def _read_once(self, deadline: float) -> IdCard:
        found = self._exchange(Command.FIND_CARD, deadline)
        if found.sw3 == ReaderStatus.FIND_FAILED:
            raise NoCard(describe(found.sw3).message)
        expect(found, ReaderStatus.CARD_FOUND, ReaderStatus.SUCCESS)
        expect(self._exchange(Command.SELECT_CARD, deadline))
        read = expect(self._exchange(Command.READ_TEXT_PHOTO, deadline))
        return parse_card(read.data, with_fingerprint=False)

    def _exchange(self, command: Command, deadline: float) -> Reply:
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise ReaderTimeout(msg("读卡超时：读卡器没有及时读完证件，{then}", then=PLACE_AGAIN))
        return self.transport.exchange(command.request(), remaining)


@dataclass(frozen=True)
class CardRead:
    """A card was placed and read; `card.problems` and `card.is_expired` are for the clerk."""

    card: IdCard


@dataclass(frozen=True)
class CardFailed:
    """A card was placed but could not be read; `message` says what to do."""

    message: Message


@dataclass(frozen=True)
class CardLifted:
    """The card reported last was taken off the reader (the kiosk forgets its holder)."""


@dataclass(frozen=True)
class ReaderLost:
    """The reader cannot be used (unplugged, silent, broken); the counter goes on by typing."""

    message: Message


@dataclass(frozen=True)
class ReaderBack:
    """The reader is open and ready: at start and after every `ReaderLost`."""

    name: str


CardEvent: TypeAlias = CardRead | CardFailed | CardLifted | ReaderLost | ReaderBack


class CardWatcher:
    """The polling loop of one reader, one step per `poll_once`.

    After a card has been reported (read or failed) the watcher only asks whether a card is
    there, until a find comes back empty; only then is the next card read. A reader that
    halts a card after reading it answers "no card" while it still lies there, which keeps
    it from being read twice too. Reader faults are raised, not reported: see module doc.
    """

    def __init__(
        self,
        session: CardSession,
        clock: Callable[[], float] = time.monotonic,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self.session = session
        self._clock = clock
        self._read_timeout = read_timeout
        self._next_poll: float | None = None
        self._awaiting_lift = False

    def seconds_until_next_poll(self) -> float:
        """How long the caller may sleep before `poll_once` will talk to the reader again."""
        if self._next_poll is None:
            return 0.0
        return max(0.0, self._next_poll - self._clock())

    def poll_once(self) -> CardEvent | None:
        """Talk to the reader if 300 ms have passed; the event the clerk must see, if any."""
        now = self._clock()
        if self._next_poll is not None and now < self._next_poll:
            return None
        self._next_poll = now + POLL_INTERVAL
        if self._awaiting_lift:
            return CardLifted() if self._lifted() else None
        try:
            card = self.session.read_card(self._read_timeout)
        except NoCard:
            return None
        except CardReaderError as error:
            if is_reader_fault(error):
                raise
            log.info("card not read: %s", type(error).__name__)
            self._awaiting_lift = True
            return CardFailed(error.message)
        self._awaiting_lift = True
        log.info("card read: %r", card)
        return CardRead(card)

    def _lifted(self) -> bool:
        """Whether the card reported last is gone now (then the next card is read)."""
        try:
            present = self.session.card_present(self._read_timeout)
        except CardReaderError as error:
            if is_reader_fault(error):
                raise
            log.debug("presence check failed (%s); card taken as still there", error)
            return False
        self._awaiting_lift = present
        return not present
