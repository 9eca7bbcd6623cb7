"""The cases the lists show, kept folded between refreshes.

A list refresh (the case list after every action, on the reading worker) used to read and
fold each of the 200 cases it shows, for their clocks: tens of milliseconds holding the GIL
while the clerk's next accept waited for it. A case's log only grows, and its summary counts
its events, so a case folded from as many events as its summary counts is the case as stored:
only the cases that changed since the last refresh are read and folded again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from uuid import UUID

from app.domain.case import Case
from app.domain.summary import CaseSummary


class FoldedCases:
    """At most `size` folded cases by id, the least recently shown forgotten first. The cases
    held are never handed out to be acted on (a command changes its case): only read."""

    def __init__(self, size: int = 2000) -> None:
        self._size = size
        self._cases: OrderedDict[UUID, Case] = OrderedDict()
        self._lock = threading.Lock()

    def changed(self, summaries: Iterable[CaseSummary]) -> list[CaseSummary]:
        """The summaries whose case is not held as folded from as many events as they count."""
        with self._lock:
            return [s for s in summaries if _events(self._cases.get(s.case_id)) != s.events]

    def case(self, summary: CaseSummary) -> Case | None:
        """The case as its summary counts it, if held."""
        with self._lock:
            case = self._cases.get(summary.case_id)
            if case is None or len(case.events) != summary.events:
                return None
            self._cases.move_to_end(summary.case_id)
            return case

    def keep(self, case: Case) -> None:
        with self._lock:
            self._cases[case.case_id] = case
            self._cases.move_to_end(case.case_id)
            while len(self._cases) > self._size:
                self._cases.popitem(last=False)


def _events(case: Case | None) -> int | None:
    return None if case is None else len(case.events)
