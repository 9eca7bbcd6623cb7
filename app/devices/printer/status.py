"""What a thermal printer says about itself when asked `DLE EOT n`, in words for the clerk.

The printer answers each real-time status query with one byte (Epson ESC/POS reference,
"DLE EOT n: transmit real-time status"), whose bits 0, 1, 4 and 7 are fixed (0, 1, 1, 0):

    n = 1  printer status   bit 3: offline
    n = 2  offline cause    bit 2: cover open, bit 5: stopped at paper end, bit 6: error
    n = 4  roll paper       bits 2-3: paper near its end, bits 5-6: paper out

A byte whose fixed bits are wrong is not an answer (a printer that does not speak ESC/POS,
noise on a serial line), and is treated like silence. Paper near its end is a warning only:
the printer is still ready. python-escpos' own `paper_status` says "paper OK" when nothing
comes back; here silence is `NO_ANSWER` and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from app.domain.messages import Clauses, Message, msg

#: DLE EOT: the real-time status query; the byte after it says which status (1, 2 or 4).
DLE_EOT = b"\x10\x04"
PRINTER_STATUS = 1
OFFLINE_CAUSE = 2
PAPER_SENSOR = 4

_FIXED_MASK = 0x93  # bits 7, 4, 1, 0
_FIXED_VALUE = 0x12  # bit 4 and bit 1 on, bits 7 and 0 off

_OFFLINE = 0x08
_COVER_OPEN = 0x04
_PAPER_END_STOP = 0x20
_ERROR = 0x40
_NEAR_END = 0x0C
_PAPER_OUT = 0x60

WORDS_READY = msg("打印机就绪")
WORDS_NO_ANSWER = msg("打印机没有回应状态查询（可能未开机或不支持状态查询）")
WORDS_GARBLED = msg("打印机对状态查询的回答无法识别（可能不支持状态查询或串口设置不对）")
WORDS_NOT_SUPPORTED = msg("该打印机无法报告状态")


def query(n: int) -> bytes:
    """The bytes that ask for status `n` (1, 2 or 4)."""
    return DLE_EOT + bytes([n])


def is_status_byte(byte: int) -> bool:
    """Whether `byte` has the fixed bits of a `DLE EOT` answer."""
    return byte & _FIXED_MASK == _FIXED_VALUE


class Problem(Enum):
    """One thing the printer reports, with the words a clerk reads for it."""

    PAPER_OUT = msg("打印机缺纸")
    COVER_OPEN = msg("打印机盖未关好")
    ERROR = msg("打印机故障（如切刀卡住或过热），请检查后重新开机")
    OFFLINE = msg("打印机离线")
    PAPER_NEAR_END = msg("打印机纸将用尽")

    @property
    def blocks_printing(self) -> bool:
        return self is not Problem.PAPER_NEAR_END


@dataclass(frozen=True)
class PrinterStatus:
    """The printer's condition as its status bytes describe it."""

    offline: bool = False
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Most telling first; "offline" only when nothing else explains it."""
        found = [
            problem
            for problem, present in (
                (Problem.PAPER_OUT, self.paper_out),
                (Problem.COVER_OPEN, self.cover_open),
                (Problem.ERROR, self.error),
            )
            if present
        ]
        if self.offline and not found:
            found.append(Problem.OFFLINE)
        if self.paper_near_end and not self.paper_out:
            found.append(Problem.PAPER_NEAR_END)
        return tuple(found)

    @property
    def ready(self) -> bool:
        return not any(problem.blocks_printing for problem in self.problems)


def status_from_replies(replies: Mapping[int, int]) -> PrinterStatus:
    """The status from the answers received, by query number; a missing answer tells nothing.

    Every byte given must have passed `is_status_byte`.
    """
    printer = replies.get(PRINTER_STATUS, 0x12)
    cause = replies.get(OFFLINE_CAUSE, 0x12)
    paper = replies.get(PAPER_SENSOR, 0x12)
    return PrinterStatus(
        offline=bool(printer & _OFFLINE),
        cover_open=bool(cause & _COVER_OPEN),
        paper_out=bool(paper & _PAPER_OUT) or bool(cause & _PAPER_END_STOP),
        paper_near_end=bool(paper & _NEAR_END),
        error=bool(cause & _ERROR),
    )


class StatusState(Enum):
    """What the status query found out, in one word."""

    READY = "ready"
    NOT_READY = "not_ready"
    NO_ANSWER = "no_answer"
    NOT_SUPPORTED = "not_supported"


@dataclass(frozen=True)
class StatusReport:
    """The outcome of asking a printer how it is; `message` is shown to the clerk."""

    state: StatusState
    message: Message
    status: PrinterStatus | None = None

    @property
    def words(self) -> str:
        """The message in Chinese (the command line, the log, the reprint queue)."""
        return str(self.message)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.status.problems if self.status is not None else ()

    @property
    def ready(self) -> bool:
        """The printer said it can print (perhaps with a warning such as paper near its end)."""
        return self.state is StatusState.READY

    @property
    def may_print(self) -> bool:
        """Worth sending a job: not known to be unable (silent and status-less printers may)."""
        return self.state is not StatusState.NOT_READY

    @classmethod
    def of(cls, status: PrinterStatus) -> StatusReport:
        problems = status.problems
        said = Clauses(tuple(problem.value for problem in problems))
        words = msg("{problems}", problems=said) if problems else WORDS_READY
        state = StatusState.READY if status.ready else StatusState.NOT_READY
        return cls(state, words, status)

    @classmethod
    def no_answer(cls, words: Message = WORDS_NO_ANSWER) -> StatusReport:
        return cls(StatusState.NO_ANSWER, words)

    @classmethod
    def not_supported(cls, words: Message = WORDS_NOT_SUPPORTED) -> StatusReport:
        return cls(StatusState.NOT_SUPPORTED, words)


def report_from_replies(replies: Mapping[int, int | None]) -> StatusReport:
    """The report for the raw answers to `DLE EOT 1` (needed) and 2 and 4 (when asked).

    An answer is None when nothing came back in time. Without a valid answer to `DLE EOT 1`
    nothing is known; a missing answer to 2 or 4 only leaves that part unknown.
    """
    first = replies.get(PRINTER_STATUS)
    if first is None:
        return StatusReport.no_answer()
    if not is_status_byte(first):
        return StatusReport.no_answer(WORDS_GARBLED)
    valid = {n: byte for n, byte in replies.items() if byte is not None and is_status_byte(byte)}
    return StatusReport.of(status_from_replies(valid))


class SimulatedState(Enum):
    """What the simulated printer plays (here, not in the simulator, so that the window's
    demo menu names the states without importing a device backend)."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    UNREACHABLE = "unreachable"
