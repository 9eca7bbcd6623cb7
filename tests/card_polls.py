"""The simulated reader, telling the test each time the poll looked for a card.

A test that lifts a card waits until a poll has found the reader empty, and a test that
checks a card is not read twice waits for polls that found it still there: events, where a
pause of "long enough for a poll" would fail on a busy machine.
"""

from __future__ import annotations

import threading

from app.devices.idcard.frame import Command, Reply, decode_request
from app.devices.idcard.simulator import SimulatedTransport
from app.devices.idcard.status import ReaderStatus

#: Seconds to wait for a poll: a poll comes every 0.3 s, but a busy machine may be slow.
POLL_WAIT = 10.0


class PolledSimulator(SimulatedTransport):
    """`SimulatedTransport` counting the finds it answered, with a card and without."""

    def __init__(self, card_key: str | None = None) -> None:
        super().__init__(card_key)
        self._answered = threading.Condition()
        self._finds = {True: 0, False: 0}  # card found → how many finds answered so

    def exchange(self, request: bytes, timeout: float) -> Reply:
        reply = super().exchange(request, timeout)
        received = decode_request(request)
        if (received.command << 8) | received.parameter == Command.FIND_CARD:
            with self._answered:
                self._finds[reply.sw3 == ReaderStatus.CARD_FOUND] += 1
                self._answered.notify_all()
        return reply

    def finds(self, *, found: bool) -> int:
        """How many finds so far answered that a card was there (`found`) or not."""
        with self._answered:
            return self._finds[found]

    def wait_for_finds(self, *, found: bool, after: int, more: int = 1) -> None:
        """Wait until `more` finds answered `found` since `finds(found=found)` was `after`."""
        with self._answered:
            done = self._answered.wait_for(lambda: self._finds[found] >= after + more, POLL_WAIT)
        assert done, f"no poll found the reader {'holding a card' if found else 'empty'}"

    def lift_and_wait(self) -> None:
        """Take the card off and wait until a poll has found the reader empty."""
        self.lift()
        self.wait_for_finds(found=False, after=self.finds(found=False))
