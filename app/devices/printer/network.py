"""A printer on the network, spoken to on its raw port (9100) through python-escpos' `Network`.

Each call connects, does its work and disconnects: such printers often serve one connection
at a time. A job ends with a half-close; the printer closing its side in turn confirms that
it read everything, and a printer that keeps the connection open is left after `LINGER`
seconds (the bytes are delivered by then). Status answers come back on the same socket, read
one byte at a time against a deadline, never through python-escpos' `_read`, which waits
without end and takes silence for "paper OK".
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Iterator

from escpos.printer import Network

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

#: How long to wait for the printer to close its side after the whole job went out.
LINGER = 1.0


class NetworkPrinter(SlipPrinter):
    """A `tcp:HOST:PORT` printer."""

    def __init__(self, target: PrinterTarget) -> None:
        self.target = target

    def describe(self) -> Message:
        return self.target.label

    def status(self, timeout: float = 1.0) -> StatusReport:
        with self._connection(timeout) as printer:
            sock = _socket_of(printer)
            _drain(sock)
            return ask_status(lambda n, deadline: self._ask(sock, n, deadline), timeout)

    def send(self, data: bytes, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        with self._connection(timeout) as printer:
            sock = _socket_of(printer)
            try:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
                printer._raw(data)  # sendall: the timeout bounds the whole job
                sock.shutdown(socket.SHUT_WR)
                self._await_close(sock, min(deadline, time.monotonic() + LINGER))
            except TimeoutError as error:
                raise PrinterUnavailable(
                    msg(
                        "打印机连接超时：{printer} 在 {seconds} 秒内没有收下打印内容"
                        "（请检查打印机是否缺纸或卡纸）",
                        printer=self.target.label,
                        seconds=format_seconds(timeout),
                    )
                ) from error
            except OSError as error:
                raise self._dropped(error) from error
        log.info("sent %d bytes to %s", len(data), self.target.address)

    @contextlib.contextmanager
    def _connection(self, timeout: float) -> Iterator[Network]:
        address = self._resolve(timeout)
        try:  # not Network.open(): it leaves the socket of a failed connect unclosed
            sock = socket.create_connection((address, self.target.port), timeout=timeout)
        except OSError as error:
            raise self._refused(error, timeout) from error
        printer = Network(address, self.target.port, timeout=timeout)
        printer.device = sock  # python-escpos closes it, with a shutdown first
        try:
            yield printer
        finally:
            printer.close()

    def _resolve(self, timeout: float) -> str:
        """The printer's IP address; a host name is looked up with a deadline (connect has none
        for the lookup, and a slow name server would hold the counter)."""
        host = self.target.host
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(host))
        found: list[str] = []
        failure: list[OSError] = []

        def look_up() -> None:
            try:
                infos = socket.getaddrinfo(host, self.target.port, type=socket.SOCK_STREAM)
                found.extend(str(info[4][0]) for info in infos if info[0] == socket.AF_INET)
            except OSError as error:
                failure.append(error)

        lookup = threading.Thread(target=look_up, name="printer-lookup", daemon=True)
        lookup.start()
        lookup.join(timeout)
        if lookup.is_alive():
            raise self._refused(TimeoutError(), timeout)
        if failure or not found:
            raise self._refused(failure[0] if failure else socket.gaierror(), timeout)
        return found[0]

    def _ask(self, sock: socket.socket, n: int, deadline: float) -> int | None:
        def read(seconds: float) -> bytes:
            sock.settimeout(seconds)
            try:
                chunk = sock.recv(16)
            except TimeoutError:
                return b""
            if not chunk:
                raise PrinterUnavailable(
                    msg("{printer} 断开了连接，没有回答状态查询", printer=self.target.label)
                )
            return chunk

        try:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            sock.sendall(query(n))
            return first_answer_byte(read, deadline)
        except TimeoutError:
            return None
        except PrinterUnavailable:
            raise
        except OSError as error:
            raise self._dropped(error) from error

    def _await_close(self, sock: socket.socket, until: float) -> None:
        """Read (and drop) whatever comes back until the printer closes its side, or `until`."""
        while (remaining := until - time.monotonic()) > 0:
            sock.settimeout(remaining)
            try:
                if not sock.recv(4096):
                    return
            except TimeoutError:
                return

    def _refused(self, cause: OSError, timeout: float) -> PrinterUnavailable:
        label = self.target.label
        if isinstance(cause, TimeoutError):
            return PrinterUnavailable(
                msg(
                    "打印机连接超时：{printer} 在 {seconds} 秒内没有响应（请检查打印机电源和网线）",
                    printer=label,
                    seconds=format_seconds(timeout),
                )
            )
        if isinstance(cause, ConnectionRefusedError):
            reason = msg("连接被拒绝（请检查打印机是否开机、IP 地址和端口是否正确）")
        elif isinstance(cause, ConnectionResetError):
            reason = msg("打印机断开了连接（可能正被其他电脑占用，请稍后重试）")
        elif isinstance(cause, socket.gaierror):
            reason = msg("找不到主机“{host}”（请检查打印机的 IP 地址）", host=self.target.host)
        else:
            reason = msg(
                "网络不通（请检查网线和 IP 地址；{detail}）", detail=str(cause.strerror or cause)
            )
        return PrinterUnavailable(msg("无法连接{printer}：{reason}", printer=label, reason=reason))

    def _dropped(self, error: OSError) -> PrinterUnavailable:
        return PrinterUnavailable(
            msg(
                "{printer} 断开了连接，打印内容可能没有送到（{detail}）",
                printer=self.target.label,
                detail=str(error.strerror or error),
            )
        )


def _socket_of(printer: Network) -> socket.socket:
    sock = printer.device
    assert isinstance(sock, socket.socket)
    return sock


def _drain(sock: socket.socket) -> None:
    """Drop bytes that arrived unasked (automatic status back), so answers pair with questions."""
    sock.setblocking(False)
    try:
        while sock.recv(4096):
            pass
    except (BlockingIOError, InterruptedError):
        pass
    except OSError as error:
        log.debug("draining the printer's socket: %s", error)
    finally:
        sock.setblocking(True)
