"""A printer on a serial port (or a USB adapter that shows up as one), through python-escpos'
`Serial` (8N1, its DSR/DTR default) and pyserial.

A serial line is slow: at 9600 baud a kilobyte takes about a second, so `send` allows the
time the line needs on top of the timeout it is given. A printer that stops taking bytes
(paper out with hardware flow control, switched off) makes the write time out; the bytes still
queued are then thrown away rather than waited for, because closing a port with unsent output
waits for it, without a deadline. Status answers are read one byte at a time against a deadline.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator

import serial
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Serial

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.slip_printer import (
    SlipPrinter,
    ask_status,
    first_answer_byte,
    format_seconds,
)
from app.devices.printer.status import StatusReport, query
from app.devices.printer.target import PrinterTarget
from app.domain.messages import Message, msg

log = logging.getLogger(__name__)

#: How long one read may block, so that the deadline is checked often.
READ_SLICE = 0.05
#: How often the output queue is looked at while the printer takes the job.
DRAIN_SLICE = 0.02


class SerialPrinter(SlipPrinter):
    """A `serial:DEVICE:BAUD` printer."""

    def __init__(self, target: PrinterTarget) -> None:
        self.target = target

    def describe(self) -> Message:
        return self.target.label

    def status(self, timeout: float = 1.0) -> StatusReport:
        with self._port() as port:
            return ask_status(lambda n, deadline: self._ask(port, n, deadline), timeout)

    def send(self, data: bytes, timeout: float = 5.0) -> None:
        allowed = timeout + self.line_seconds(len(data))
        deadline = time.monotonic() + allowed
        with self._port() as port:
            try:
                port.write_timeout = allowed
                port.write(data)
                while port.out_waiting and time.monotonic() < deadline:
                    time.sleep(DRAIN_SLICE)
                if port.out_waiting:
                    raise serial.SerialTimeoutException("output still queued")
            except serial.SerialTimeoutException as error:
                _discard_output(port)
                raise PrinterUnavailable(
                    msg(
                        "{printer} 在 {seconds} 秒内没有收下打印内容"
                        "（请检查是否缺纸、是否开机，以及波特率和流控设置）",
                        printer=self.target.label,
                        seconds=format_seconds(allowed),
                    )
                ) from error
            except (serial.SerialException, OSError) as error:
                _discard_output(port)
                raise self._lost(error) from error
        log.info("sent %d bytes to %s", len(data), self.target.device)

    def line_seconds(self, size: int) -> float:
        """How long `size` bytes take on the line (10 bits a byte), with half again to spare."""
        return size * 10 / self.target.baudrate * 1.5

    @contextlib.contextmanager
    def _port(self) -> Iterator[serial.Serial]:
        printer = Serial(self.target.device, self.target.baudrate, timeout=READ_SLICE)
        try:
            printer.open()
        except DeviceNotFoundError as error:
            cause = error.__context__
            raise PrinterUnavailable(
                msg(
                    "串口 {device} 无法打开：请检查打印机连接线和串口名是否正确（{detail}）",
                    device=self.target.device,
                    detail=str(cause or error),
                )
            ) from error
        port = printer.device
        assert isinstance(port, serial.Serial)
        try:
            yield port
        finally:
            try:
                printer.close()
            except (serial.SerialException, OSError):
                log.debug("closing %s failed; the port is gone anyway", self.target.device)

    def _ask(self, port: serial.Serial, n: int, deadline: float) -> int | None:
        def read(seconds: float) -> bytes:
            port.timeout = min(READ_SLICE, seconds)
            return bytes(port.read(1))

        try:
            port.reset_input_buffer()  # a late answer to an earlier question is not this one's
            port.write_timeout = max(0.01, deadline - time.monotonic())
            port.write(query(n))
            return first_answer_byte(read, deadline)
        except serial.SerialTimeoutException:
            _discard_output(port)
            return None
        except (serial.SerialException, OSError) as error:
            raise self._lost(error) from error

    def _lost(self, error: Exception) -> PrinterUnavailable:
        return PrinterUnavailable(
            msg(
                "{printer} 已断开：请检查连接线，打印内容可能没有送到（{detail}）",
                printer=self.target.label,
                detail=str(error),
            )
        )


def _discard_output(port: serial.Serial) -> None:
    with contextlib.suppress(serial.SerialException, OSError):
        port.reset_output_buffer()
