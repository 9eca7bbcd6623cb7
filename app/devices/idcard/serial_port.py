"""A SAM reader on a serial port (or a USB adapter that shows up as one), through pyserial.

The reader talks 115200 8N1 by default. Its reply arrives in pieces, sometimes after line
noise, so every byte read goes into a `FrameDecoder`, which skips to the next preamble; the
exchange ends at the first whole reply, or after `timeout` seconds. Silence is a
`ReaderTimeout`; bytes that never make a frame are a `FrameError` that says so, because the
remedy differs (a wrong port or baud rate, not a slow reader). A port that cannot be opened,
or disappears while in use, is `ReaderUnavailable`.
"""

from __future__ import annotations

import logging
import time

import serial

from app.devices.idcard.errors import FrameError, ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import FrameDecoder, Reply
from app.domain.messages import msg

log = logging.getLogger(__name__)

#: How long one read from the port may block, so that the deadline is checked often.
READ_SLICE = 0.05


class SerialTransport:
    """One serial SAM reader; implements `Transport`. Used from one worker thread only."""

    def __init__(self, port: str, baudrate: int = 115200) -> None:
        self.port = port
        self.baudrate = baudrate
        self._serial: serial.Serial | None = None

    @property
    def name(self) -> str:
        return f"serial:{self.port}"

    def open(self) -> None:
        if self._serial is not None:
            return
        try:
            self._serial = serial.Serial(
                self.port,
                self.baudrate,
                bytesize=serial.EIGHTBITS,
                parity=serial.PARITY_NONE,
                stopbits=serial.STOPBITS_ONE,
                timeout=READ_SLICE,
                write_timeout=1.0,
            )
        except (serial.SerialException, OSError, ValueError) as error:
            raise ReaderUnavailable(
                msg(
                    "打不开串口读卡器 {port}：请检查读卡器是否插好、串口名是否正确（{detail}）",
                    port=self.port,
                    detail=str(error),
                )
            ) from error

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                log.debug("closing %s failed; the port is gone anyway", self.port)

    def exchange(self, request: bytes, timeout: float) -> Reply:
        port = self._serial
        if port is None:
            raise ReaderUnavailable(msg("串口读卡器 {port} 尚未打开", port=self.port))
        decoder = FrameDecoder()
        deadline = time.monotonic() + timeout
        try:
            port.reset_input_buffer()  # a late answer to an earlier command is not this one's
            port.write(request)
            port.flush()
            while (remaining := deadline - time.monotonic()) > 0:
                port.timeout = min(READ_SLICE, remaining)
                chunk = port.read(max(1, port.in_waiting))
                if chunk:
                    replies = decoder.feed(chunk)
                    if replies:
                        return replies[0]
        except (serial.SerialException, OSError) as error:
            self.close()
            raise ReaderUnavailable(
                msg(
                    "串口读卡器 {port} 已断开：请检查连接线，或先手工录入（{detail}）",
                    port=self.port,
                    detail=str(error),
                )
            ) from error
        if decoder.discarded_bytes:
            raise FrameError(
                msg(
                    "串口读卡器 {port} 发来 {count} 字节无法识别的数据，"
                    "没有完整应答：请检查串口和波特率设置（默认115200）",
                    port=self.port,
                    count=decoder.discarded_bytes,
                )
            )
        raise ReaderTimeout(
            msg(
                "串口读卡器 {port} 在 {seconds} 秒内没有应答：请检查读卡器",
                port=self.port,
                seconds=f"{timeout:.1f}",
            )
        )
