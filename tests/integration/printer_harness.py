"""Printers that tests can talk to through real sockets and ttys: a network printer on loopback
and a serial printer on a pseudo-terminal. Both record every byte and answer `DLE EOT n` the
way the `state` says, so a test can drive the whole print path and then read what arrived.

    with FakeNetworkPrinter() as printer:          # listens on 127.0.0.1, a free port
        printer.state = FakeState.PAPER_OUT
        ...open_printer(parse_target(printer.target), spool)...
        printer.received                           # the bytes of the last job

A connection that carries nothing but status questions is not a job. Answers are given
wherever `DLE EOT n` appears, inside a job's image data too, as a real printer does.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import struct
import threading
import time
import tty
from enum import Enum
from types import TracebackType

DLE_EOT = b"\x10\x04"


class FakeState(Enum):
    """What the fake printer plays."""

    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    GARBLED = "garbled"  # answers bytes whose fixed bits are wrong
    SILENT = "silent"  # records everything, never answers
    HANG_UP = "hang_up"  # closes each connection at once (network only)
    STALLED = "stalled"  # accepts the connection but never reads (network only)


#: Answers to DLE EOT 1, 2, 3, 4 (printer, offline cause, error cause, paper sensor).
ANSWERS: dict[FakeState, dict[int, int]] = {
    FakeState.READY: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x12},
    FakeState.PAPER_NEAR_END: {1: 0x12, 2: 0x12, 3: 0x12, 4: 0x1E},
    FakeState.PAPER_OUT: {1: 0x1A, 2: 0x32, 3: 0x12, 4: 0x7E},
    FakeState.COVER_OPEN: {1: 0x1A, 2: 0x16, 3: 0x12, 4: 0x12},
    FakeState.OFFLINE: {1: 0x1A, 2: 0x12, 3: 0x12, 4: 0x12},
    FakeState.GARBLED: {1: 0x00, 2: 0xFF, 3: 0x00, 4: 0xFF},
}


def only_status_questions(data: bytes) -> bool:
    """Whether `data` is nothing but DLE EOT n questions."""
    return (
        not data.replace(DLE_EOT + b"\x01", b"")
        .replace(DLE_EOT + b"\x02", b"")
        .replace(DLE_EOT + b"\x03", b"")
        .replace(DLE_EOT + b"\x04", b"")
    )


class _Questions:
    """Finds DLE EOT n in a byte stream that arrives in pieces."""

    def __init__(self) -> None:
        self.data = bytearray()
        self._scanned = 0

    def feed(self, chunk: bytes) -> list[int]:
        self.data += chunk
        found: list[int] = []
        while (at := self.data.find(DLE_EOT, self._scanned)) >= 0:
            if at + 2 >= len(self.data):
                self._scanned = at
                return found
            if self.data[at + 2] in (1, 2, 3, 4):
                found.append(self.data[at + 2])
            self._scanned = at + 2
        self._scanned = max(self._scanned, len(self.data) - 1)
        return found


class _Recorder:
    """What both fakes share: the state, the answers and the record of jobs."""

    def __init__(self) -> None:
        self.state = FakeState.READY
        self.answer_delay = 0.0  # seconds before each answer
        self.queries: list[int] = []  # every n asked, in order
        self.connections: list[bytes] = []  # every connection's bytes, once it ended
        self._changed = threading.Condition()

    def answers(self, questions: list[int]) -> bytes:
        with self._changed:
            self.queries += questions
        table = ANSWERS.get(self.state)
        if table is None or not questions:
            return b""
        if self.answer_delay:
            time.sleep(self.answer_delay)
        return bytes(table[n] for n in questions)

    def record(self, data: bytes) -> None:
        with self._changed:
            self.connections.append(bytes(data))
            self._changed.notify_all()

    @property
    def jobs(self) -> list[bytes]:
        """The bytes of every connection that carried more than status questions."""
        with self._changed:
            return [data for data in self.connections if not only_status_questions(data)]

    @property
    def received(self) -> bytes:
        """The bytes of the last job, b"" if none came."""
        jobs = self.jobs
        return jobs[-1] if jobs else b""

    def wait_for_jobs(self, count: int, timeout: float = 10.0) -> list[bytes]:
        """The jobs once there are `count` of them; AssertionError after `timeout` seconds."""
        with self._changed:
            done = self._changed.wait_for(
                lambda: sum(not only_status_questions(c) for c in self.connections) >= count,
                timeout,
            )
        assert done, f"expected {count} print jobs, got {len(self.jobs)}"
        return self.jobs


class FakeNetworkPrinter(_Recorder):
    """A raw-port (9100) printer on 127.0.0.1; a context manager that starts and stops it."""

    def __init__(self) -> None:
        super().__init__()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.port: int = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[socket.socket] = []

    @property
    def target(self) -> str:
        """The `printer` setting that names this printer."""
        return f"tcp:127.0.0.1:{self.port}"

    def __enter__(self) -> FakeNetworkPrinter:
        self._spawn(self._accept)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        accepting, *_ = self._threads
        accepting.join()  # then no thread is added: every one polls the stop and ends
        for thread in self._threads:
            thread.join()
        self._server.close()
        for client in self._clients:
            with contextlib.suppress(OSError):
                client.close()

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._clients.append(client)
            if self.state is FakeState.HANG_UP:
                # close with a reset, as a printer busy with another computer may
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                self.record(b"")
                continue
            self._spawn(self._serve, client)

    def _serve(self, client: socket.socket) -> None:
        questions = _Questions()
        try:
            client.settimeout(0.05)
            while not self._stop.is_set():
                if self.state is FakeState.STALLED:
                    time.sleep(0.02)
                    continue
                try:
                    chunk = client.recv(65536)
                except TimeoutError:
                    continue
                if not chunk:
                    break
                if answer := self.answers(questions.feed(chunk)):
                    client.sendall(answer)
        except OSError:
            pass  # the client went away; what came until then is recorded
        finally:
            self.record(questions.data)
            with contextlib.suppress(OSError):
                client.close()


class FakeSerialPrinter(_Recorder):
    """A serial printer on the master end of a pseudo-terminal; `tty_name` is the port to open.

    Jobs on a serial line have no end marker: the bytes seen so far are one job, taken with
    `take_job` (or read with `wait_for_bytes`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.tty_name = os.ttyname(self.slave)
        self._questions = _Questions()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def target(self) -> str:
        return f"serial:{self.tty_name}"

    @property
    def buffer(self) -> bytes:
        """Everything read since the last `take_job`."""
        return bytes(self._questions.data)

    def wait_for_bytes(self, count: int, timeout: float = 10.0) -> bytes:
        deadline = time.monotonic() + timeout
        while len(self._questions.data) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.buffer

    def take_job(self) -> bytes:
        """Record what arrived so far as one connection and start afresh."""
        data = self.buffer
        self.record(data)
        self._questions = _Questions()
        return data

    def __enter__(self) -> FakeSerialPrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(2)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _run(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if answer := self.answers(self._questions.feed(chunk)):
                os.write(self.master, answer)
