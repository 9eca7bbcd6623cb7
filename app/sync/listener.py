"""Hearing at once when events arrive on the central (`LISTEN`), so that a counter or a
supervisor's screen pulls them within a second instead of at its next scheduled round. Each
center has a channel of its own (`central.events_channel()`): a counter hears its own
center's pushes only.

A thread of its own waits on the connection; a central that cannot be reached is tried again
after a pause, and the scheduled rounds of sync go on meanwhile (the safety net).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable

import psycopg

from app.central.errors import CentralError
from app.sync.central_link import CONNECT_TIMEOUT_S, registration

log = logging.getLogger(__name__)


class CentralListener:
    """Calls `heard(terminal)` on its own thread for each batch another terminal pushed."""

    def __init__(
        self,
        url: str,
        own_terminal: str,
        heard: Callable[[str], None],
        retry_seconds: float = 5.0,
    ) -> None:
        self._url = url
        self._own = own_terminal
        self._heard = heard
        self._retry = retry_seconds
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="central-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=3)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except (psycopg.Error, CentralError) as error:
                log.info("not listening to the central (%s); trying again", type(error).__name__)
            self._stopping.wait(self._retry)

    def _listen(self) -> None:
        with psycopg.connect(
            self._url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
        ) as connection:
            # the center's own channel: its name is known to the center's counters only
            channel = registration(connection).channel
            connection.execute(f'LISTEN "{channel}"')
            while not self._stopping.is_set():
                for notice in connection.notifies(timeout=0.5):
                    terminal = _terminal_of(notice.payload)
                    if terminal != self._own:
                        self._heard(terminal)


def _terminal_of(payload: str) -> str:
    try:
        return str(json.loads(payload).get("terminal", ""))
    except (ValueError, AttributeError):
        return ""
