"""A printer without hardware, for the demo mode and the tests: jobs become numbered files.

Each job `send`s into a new file in the spool folder it is given (0001.bin, 0002.bin, …,
counting on from what the folder already holds), and the last job's bytes stay in memory.
It answers status queries like a printer on the network: `READY` says "打印机就绪". It can be
told to play a printer in trouble so that the demo and the GUI tests can show one:

    PAPER_NEAR_END   reports "纸将用尽" (still ready) and prints
    PAPER_OUT        reports "缺纸"; a job sent anyway fails with the same words
    COVER_OPEN       reports "盖未关好"; a job sent anyway fails
    UNREACHABLE      every call fails as if the network printer were switched off

Called from two threads (the printer worker sends, the demo menu changes the state), so its
state is behind a lock.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.status import PrinterStatus, SimulatedState, StatusReport
from app.domain.messages import Message, msg
from app.private_files import private_folder, write_private

log = logging.getLogger(__name__)


_REPORTED: dict[SimulatedState, PrinterStatus] = {
    SimulatedState.PAPER_NEAR_END: PrinterStatus(paper_near_end=True),
    SimulatedState.PAPER_OUT: PrinterStatus(offline=True, paper_out=True, paper_near_end=True),
    SimulatedState.COVER_OPEN: PrinterStatus(offline=True, cover_open=True),
}


class SimulatedPrinter(SlipPrinter):
    """The `simulator` printer, spooling into `spool_dir`."""

    def __init__(self, spool_dir: Path, state: SimulatedState = SimulatedState.READY) -> None:
        self.spool_dir = spool_dir
        self._lock = threading.Lock()
        self._state = state
        self._last_job: bytes | None = None
        self._last_path: Path | None = None

    @property
    def state(self) -> SimulatedState:
        with self._lock:
            return self._state

    @state.setter
    def state(self, state: SimulatedState) -> None:
        with self._lock:
            self._state = state

    @property
    def last_job(self) -> bytes | None:
        """The bytes of the last job printed since this object was made, if any."""
        with self._lock:
            return self._last_job

    @property
    def last_path(self) -> Path | None:
        """The spool file of the last job printed, if any."""
        with self._lock:
            return self._last_path

    def describe(self) -> Message:
        return msg("模拟打印机（打印内容保存在 {folder}）", folder=str(self.spool_dir))

    def status(self, timeout: float = 1.0) -> StatusReport:
        state = self.state
        self._refuse_if_unreachable(state)
        return StatusReport.of(_REPORTED.get(state, PrinterStatus()))

    def send(self, data: bytes, timeout: float = 5.0) -> None:
        with self._lock:
            self._refuse_if_unreachable(self._state)
            reported = _REPORTED.get(self._state)
            if reported is not None and not reported.ready:
                raise PrinterUnavailable(
                    msg(
                        "{printer}：{words}，没有打印",
                        printer=self.describe(),
                        words=StatusReport.of(reported).message,
                    )
                )
            path = self._write(data)
            self._last_job, self._last_path = data, path
        log.info("simulated printer spooled %d bytes as %s", len(data), path.name)

    def _write(self, data: bytes) -> Path:
        try:
            private_folder(self.spool_dir)  # slips carry names
            path = self.spool_dir / f"{_next_number(self.spool_dir):04d}.bin"
            partial = path.with_suffix(".part")
            write_private(partial, data)
            partial.replace(path)
        except OSError as error:
            raise PrinterUnavailable(
                msg(
                    "模拟打印机无法写入 {folder}：{detail}",
                    folder=str(self.spool_dir),
                    detail=str(error.strerror or error),
                )
            ) from error
        return path

    def _refuse_if_unreachable(self, state: SimulatedState) -> None:
        if state is SimulatedState.UNREACHABLE:
            raise PrinterUnavailable(msg("无法连接模拟打印机：连接被拒绝（演示：打印机未开机）"))


def _next_number(folder: Path) -> int:
    numbers = [int(path.stem) for path in folder.glob("*.bin") if path.stem.isdigit()]
    return max(numbers, default=0) + 1
