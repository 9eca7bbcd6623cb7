"""Where services get the time: the system clock in China time, or a fixed one for demos."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from app.domain.events import CHINA_TIME


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(CHINA_TIME)


class FixedClock:
    """A clock that stands still until moved: for tests and for generating demo history."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
