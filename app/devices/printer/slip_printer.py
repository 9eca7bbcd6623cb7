"""The slip printer as the rest of the program sees it, and what every backend shares.

`SlipPrinter` is the interface: `describe` names the printer, `status` asks it how it is and
`send` hands it one finished ESC/POS job. A backend opens its connection for each call and
closes it after (a network printer usually serves one connection at a time, and a printer
switched off between two cases must not leave a dead handle behind). Every connect, write and
read has a deadline; what cannot be done raises `PrinterUnavailable` (see `errors`).
`backends.open_printer` is the one place that picks a backend.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable

from app.devices.printer.status import (
    OFFLINE_CAUSE,
    PAPER_SENSOR,
    PRINTER_STATUS,
    StatusReport,
    is_status_byte,
    report_from_replies,
    status_from_replies,
)
from app.domain.messages import Message

#: XON and XOFF: flow-control bytes a serial printer may send between status answers.
_FLOW_CONTROL = frozenset({0x11, 0x13})


class SlipPrinter(ABC):
    """One counter's slip printer. Used from one worker thread at a time."""

    @abstractmethod
    def describe(self) -> Message:
        """The printer in the clerk's words, e.g. "网络打印机 192.168.1.50:9100"."""

    @abstractmethod
    def status(self, timeout: float = 1.0) -> StatusReport:
        """Ask the printer how it is, within about `timeout` seconds.

        A printer that cannot be reached at all raises PrinterUnavailable; one that is reached
        but does not answer is a NO_ANSWER report; one whose connection cannot carry answers
        (a file, the simulator) is NOT_SUPPORTED.
        """

    @abstractmethod
    def send(self, data: bytes, timeout: float = 5.0) -> None:
        """Hand the printer one whole job; raises PrinterUnavailable if it cannot be delivered."""


#: One status question: send DLE EOT n, return the answer byte, or None if none came by the
#: deadline (a `time.monotonic()` value). Raises PrinterUnavailable if the connection drops.
AskStatus = Callable[[int, float], "int | None"]


def ask_status(ask: AskStatus, timeout: float) -> StatusReport:
    """Ask DLE EOT 1, then 2 if the printer is offline, then 4, all within `timeout` seconds.

    Stops at the first question without a valid answer to DLE EOT 1; a later silence only
    leaves that part unknown.
    """
    deadline = time.monotonic() + timeout
    replies: dict[int, int | None] = {PRINTER_STATUS: ask(PRINTER_STATUS, deadline)}
    first = replies[PRINTER_STATUS]
    if first is None or not is_status_byte(first):
        return report_from_replies(replies)
    if status_from_replies({PRINTER_STATUS: first}).offline:
        replies[OFFLINE_CAUSE] = ask(OFFLINE_CAUSE, deadline)
    replies[PAPER_SENSOR] = ask(PAPER_SENSOR, deadline)
    return report_from_replies(replies)


def first_answer_byte(read: Callable[[float], bytes], deadline: float) -> int | None:
    """The first byte `read(seconds)` delivers before the deadline, skipping XON / XOFF.

    `read` waits at most the given seconds and returns b"" when nothing came.
    """
    while (remaining := deadline - time.monotonic()) > 0:
        for byte in read(remaining):
            if byte not in _FLOW_CONTROL:
                return byte
    return None


def format_seconds(value: float) -> str:
    """A duration for the clerk: "5", "1.5", "0.3"."""
    return f"{value:.1f}".removesuffix(".0")
