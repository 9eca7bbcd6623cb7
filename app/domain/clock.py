"""The case clock (电子监察计时): due dates, working days left, warning and overdue.

Time is counted in working days from the day the materials were received; correction waits,
Art. 45 procedures and steps whose time does not count hold the clock; an Art. 42 extension
adds days. A 即办件 is due the day it is received; a case received on a day off counts from the next
working day.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.domain.calendar import WorkCalendar
from app.domain.case import Case, Pause

#: Share of the committed time after which a case turns yellow.
WARNING_SHARE = 0.9


class ClockLevel(StrEnum):
    ON_TIME = "on_time"  # 正常（绿）
    WARNING = "warning"  # 预警（黄）：已用九成时限，或只剩一个工作日
    OVERDUE = "overdue"  # 超时（红）
    DONE = "done"  # 按时办结
    DONE_LATE = "done_late"  # 超时办结


@dataclass(frozen=True)
class Deadline:
    """Where a case stands against its committed time on a given day."""

    due: date
    days_allowed: int  # committed days plus any extension
    days_used: int
    days_left: int  # negative when overdue
    level: ClockLevel
    paused: bool  # the clock stands still today
    step_due: date | None  # the current step's own limit
    step_overdue: bool
    unloaded_years: tuple[int, ...]  # years of the span whose holiday schedule is not loaded
    #: The first day the case shows the warning, unless the clock stops or is held again.
    warning_from: date


def deadline(case: Case, calendar: WorkCalendar, now: datetime) -> Deadline:
    """The case's clock as seen at `now` (a time-zone aware moment)."""
    today = now.date()
    received = case.received_at.date()
    # received on a day off (weekend service, the kiosk): counting begins on the next working day
    start = received if calendar.is_working_day(received) else calendar.next_working_day(received)
    end = case.stopped_at.date() if case.stopped_at else today
    held = _held_days(case.pauses, calendar, end)
    allowed = case.terms.committed_days + case.extension_days
    due = calendar.add_working_days(start, allowed + held)
    used = max(0, calendar.working_days_between(start, end) - held)
    left = calendar.working_days_between(end, due) if due >= end else -_late_by(calendar, due, end)
    step_due, step_overdue = _step_clock(case, calendar, today)
    paused = case.stopped_at is None and bool(case.pauses) and case.pauses[-1].end is None
    level = _level(case, allowed, used, left, end, due)
    # yellow from the day nine tenths of the time are used, or the last working day before due
    nine_tenths = calendar.add_working_days(start, math.ceil(WARNING_SHARE * allowed) + held)
    last_day = calendar.previous_working_day(due)
    return Deadline(
        due=due,
        days_allowed=allowed,
        days_used=used,
        days_left=left,
        level=level,
        paused=paused,
        step_due=step_due,
        step_overdue=step_overdue,
        unloaded_years=tuple(calendar.unloaded_years(start, max(due, end))),
        warning_from=max(start, min(nine_tenths, last_day)),
    )


def _level(case: Case, allowed: int, used: int, left: int, end: date, due: date) -> ClockLevel:
    if case.stopped_at is not None:
        return ClockLevel.DONE_LATE if end > due else ClockLevel.DONE
    if end > due:
        return ClockLevel.OVERDUE
    if used >= WARNING_SHARE * allowed or left <= 1:
        return ClockLevel.WARNING
    return ClockLevel.ON_TIME


def _late_by(calendar: WorkCalendar, due: date, end: date) -> int:
    """Working days past the due date; at least one on the first day late."""
    return max(1, calendar.working_days_between(due, end))


def _held_days(pauses: list[Pause], calendar: WorkCalendar, end: date) -> int:
    """Working days in which the clock stood still, each counted once however many pauses."""
    spans: list[tuple[date, date]] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        first = pause.start.date()
        last = pause.end.date() if pause.end else end
        if spans and first <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], last))
        else:
            spans.append((first, last))
    return sum(calendar.working_days_between(a, b) for a, b in spans)


def _step_clock(case: Case, calendar: WorkCalendar, today: date) -> tuple[date | None, bool]:
    """The current step's own deadline; a step over its limit warns even if the case is on time."""
    step = case.step
    if step is None or case.current_step is None or not case.is_open:
        return None, False
    started = case.step_started[case.current_step]
    in_step = [p for p in case.pauses if p.start >= started and p.reason != step.element.value]
    due = calendar.add_working_days(
        started.date(), step.days + _held_days(in_step, calendar, today)
    )
    return due, today > due
