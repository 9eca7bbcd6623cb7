"""How a SAM frame reaches a reader and its answer comes back, whatever the wire.

A transport sends one request frame and returns the reader's reply frame, or raises a
`CardReaderError` subclass (see `errors`): `ReaderUnavailable` when the reader is gone (unplugged, driver
missing), `ReaderTimeout` when it does not answer in time. PC/SC, serial and the simulator
each implement `Transport`; `app.devices.idcard.session` drives any of them through
find → select → read. Transports are used from one worker thread only.
"""

from __future__ import annotations

from typing import Protocol

from app.devices.idcard.frame import Reply


class Transport(Protocol):
    """One reader, as a channel for SAM request and reply frames."""

    @property
    def name(self) -> str:
        """The reader as the settings and the status bar name it."""
        ...

    def open(self) -> None:
        """Connect; raises ReaderUnavailable with the reason in words a clerk understands."""
        ...

    def exchange(self, request: bytes, timeout: float) -> Reply:
        """Send one request frame, return the decoded reply frame."""
        ...

    def close(self) -> None:
        """Release the reader; safe to call twice."""
        ...
