"""A printer reached by writing to a file: a device node (/dev/usb/lp0), a port (LPT1) or a
shared printer (\\\\server\\printer), through python-escpos' `File`.

Such a connection carries nothing back, so the status is NOT_SUPPORTED. Opening or writing a
device file can block for as long as the printer refuses data, and Python has no timeout for
that; the write runs on a helper thread, and if it has not finished by the deadline the caller
gets a `PrinterUnavailable` while the stuck thread is left to end when the device lets it go.
"""

from __future__ import annotations

import logging
import os
import stat
import threading

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import File

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.slip_printer import SlipPrinter, format_seconds
from app.devices.printer.status import StatusReport
from app.devices.printer.target import PrinterTarget
from app.domain.messages import Message, msg
from app.private_files import FILE_MODE

log = logging.getLogger(__name__)


class FilePrinter(SlipPrinter):
    """A `file:PATH` printer. A regular file holds the last job (it is rewritten each time),
    readable by this account only: a slip carries the applicant's name."""

    def __init__(self, target: PrinterTarget) -> None:
        self.target = target

    def describe(self) -> Message:
        return self.target.label

    def status(self, timeout: float = 1.0) -> StatusReport:
        return StatusReport.not_supported()

    def send(self, data: bytes, timeout: float = 5.0) -> None:
        failure: list[BaseException] = []

        def write() -> None:
            printer = File(self.target.path)
            try:
                _owner_only_if_a_file(self.target.path)
                printer.open()
                printer._raw(data)
            except BaseException as error:  # handed to the caller's thread below
                failure.append(error)
            finally:
                try:
                    printer.close()
                except OSError as error:
                    failure.append(error)

        worker = threading.Thread(target=write, name="printer-file-write", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise PrinterUnavailable(
                msg(
                    "{printer} 在 {seconds} 秒内没有收下打印内容（请检查打印机是否开机、缺纸）",
                    printer=self.target.label,
                    seconds=format_seconds(timeout),
                )
            )
        if failure:
            error = failure[0]
            cause = error.__context__ if isinstance(error, DeviceNotFoundError) else error
            raise PrinterUnavailable(
                msg(
                    "无法写入{printer}：请检查打印机是否连接、路径是否正确（{detail}）",
                    printer=self.target.label,
                    detail=str(cause),
                )
            ) from error
        log.info("wrote %d bytes to %s", len(data), self.target.path)


def _owner_only_if_a_file(path: str) -> None:
    """Make `path` 0600 if it is a regular file or not there yet (then made so, in a folder
    that must exist); a device node, a port or a share is left as it is."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return
    except FileNotFoundError:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    os.chmod(path, FILE_MODE)
