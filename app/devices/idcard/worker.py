"""The one thread that talks to a card reader, so that nothing else ever waits on it.

`ReaderWorker` opens the transport, runs the `CardWatcher` loop and hands every `CardEvent`
to `on_event` — from the worker thread: the Qt layer marshals it to the GUI thread. Whatever
the transport raises (unplugged, silent, a driver bug) the worker reports `ReaderLost` once,
closes the transport and tries to open it again every `retry_interval` seconds; when that
works it reports `ReaderBack`, so a reader pulled out and plugged in again is noticed without
the clerk doing anything. `stop` ends the loop and joins the thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from app.devices.idcard.errors import CardReaderError
from app.devices.idcard.session import (
    READ_TIMEOUT,
    CardEvent,
    CardSession,
    CardWatcher,
    ReaderBack,
    ReaderLost,
)
from app.devices.idcard.transport import Transport
from app.domain.messages import Message, msg

log = logging.getLogger(__name__)

#: Seconds between attempts to open a reader that is unplugged or broken.
RETRY_INTERVAL = 2.0
UNEXPECTED = msg("读卡器出现意外错误，正在重新连接；可先手工录入（详情见日志）")


class ReaderWorker:
    """One reader, one thread: all its I/O happens here, events go out through `on_event`."""

    def __init__(
        self,
        transport: Transport,
        on_event: Callable[[CardEvent], None],
        *,
        retry_interval: float = RETRY_INTERVAL,
        read_timeout: float = READ_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self._on_event = on_event
        self._retry_interval = retry_interval
        self._read_timeout = read_timeout
        self._clock = clock
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"card-reader {transport.name}", daemon=True
        )

    def start(self) -> None:
        """Start the thread; returns at once."""
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the loop to end and wait for it (at most `timeout`, default: a read's length)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(self._read_timeout + 1.0 if timeout is None else timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        lost = False
        while not self._stopping.is_set():
            try:
                self.transport.open()
            except Exception as error:
                if not lost:
                    self._emit(ReaderLost(_message(error)))
                    lost = True
                self._close()
                self._stopping.wait(self._retry_interval)
                continue
            lost = False
            self._emit(ReaderBack(self.transport.name))
            try:
                self._watch()
            except Exception as error:
                self._emit(ReaderLost(_message(error)))
                lost = True
                self._close()
                self._stopping.wait(self._retry_interval)
        self._close()

    def _watch(self) -> None:
        """Poll until stopped; a reader fault leaves by an exception."""
        session = CardSession(self.transport, clock=self._clock)
        watcher = CardWatcher(session, clock=self._clock, read_timeout=self._read_timeout)
        while not self._stopping.is_set():
            event = watcher.poll_once()
            if event is not None:
                self._emit(event)
            self._stopping.wait(watcher.seconds_until_next_poll())

    def _emit(self, event: CardEvent) -> None:
        try:
            self._on_event(event)
        except Exception:
            log.exception("the card event handler failed on %s", type(event).__name__)

    def _close(self) -> None:
        try:
            self.transport.close()
        except Exception:
            log.exception("closing the card reader %s failed", self.transport.name)


def _message(error: BaseException) -> Message:
    if isinstance(error, CardReaderError):
        log.warning("card reader lost: %s", type(error).__name__)
        return error.message
    log.error("card reader failed unexpectedly", exc_info=error)
    return UNEXPECTED
