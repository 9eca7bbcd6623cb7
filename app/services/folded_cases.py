"""The cases the lists show, kept folded between refreshes, with their clocks.

A list refresh (the case list after every action, on the reading worker) used to read and
fold each of the 200 cases it shows, and count each one's clock: tens of milliseconds holding
the GIL while the clerk's next accept waited for it. A case's log only grows, and its summary
counts its events, so a case folded from as many events as its summary counts is the case as
stored; and a clock depends only on the case, the work calendar and the day
(`deadline(case, calendar, now)` reads `now.date()`). So only the cases that changed since the
last refresh are read and folded again, and only their clocks — or every clock once a day, or
when a new holiday schedule is loaded — counted again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from app.domain.calendar import WorkCalendar
from app.domain.case import Case
from app.domain.deadline import Deadline, deadline
from app.domain.summary import CaseSummary


@dataclass(frozen=True)
class _Held:
    case: Case
    clock: Deadline
    day: date
    calendar: WorkCalendar


class FoldedCases:
    """At most `size` folded cases by id with their clocks, the least recently shown forgotten
    first. The cases held are never handed out to be acted on (a command changes its case)."""

    def __init__(self, size: int = 2000) -> None:
        self._size = size
        self._held: OrderedDict[UUID, _Held] = OrderedDict()
        self._lock = threading.Lock()

    def changed(self, summaries: Iterable[CaseSummary]) -> list[CaseSummary]:
        """The summaries whose case is not held as folded from as many events as they count."""
        with self._lock:
            return [s for s in summaries if self._current(s) is None]

    def clock(self, summary: CaseSummary, calendar: WorkCalendar, now: datetime) -> Deadline | None:
        """The clock of the case as its summary counts it, if held; counted again when the day
        or the calendar is not the one it was counted for."""
        with self._lock:
            held = self._current(summary)
            if held is None:
                return None
            if held.day != now.date() or held.calendar is not calendar:
                held = _Held(held.case, deadline(held.case, calendar, now), now.date(), calendar)
                self._held[summary.case_id] = held
            self._held.move_to_end(summary.case_id)
            return held.clock

    def keep(self, case: Case, calendar: WorkCalendar, now: datetime) -> Deadline:
        """Hold the case, newly folded, and give its clock."""
        clock = deadline(case, calendar, now)
        with self._lock:
            self._held[case.case_id] = _Held(case, clock, now.date(), calendar)
            self._held.move_to_end(case.case_id)
            while len(self._held) > self._size:
                self._held.popitem(last=False)
        return clock

    def _current(self, summary: CaseSummary) -> _Held | None:
        held = self._held.get(summary.case_id)
        return held if held is not None and len(held.case.events) == summary.events else None
