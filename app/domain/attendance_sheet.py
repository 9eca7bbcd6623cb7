"""The monthly attendance sheet (考勤表) of one person: working days, days present, late
arrivals and early departures by the center's hours, leave by kind, days absent.

Counted over the month's working days (the center's calendar, 调休 included) up to and
including `today`: the days still to come are neither present nor absent. A day with a sign-in
is a day present; late when the sign-in is after the hour the center opens, early when the
sign-out is before the hour it closes — unless leave covers that half of the day. Leave counts
half a day per approved half on a working day; what leave does not cover of a day without a
sign-in is absence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from app.domain.attendance import DayPresence
from app.domain.events import CHINA_TIME
from app.domain.leave import LEAVE_KIND_MESSAGES, Half, HalfDay, LeaveKind, LeaveRequest
from app.domain.messages import MessageError, msg


class MonthError(MessageError, ValueError):
    """A month that is not written as YYYY-MM."""


@dataclass(frozen=True)
class OfficeHours:
    """When the center opens and closes (the settings `office_opens`, `office_closes`)."""

    opens: time
    closes: time


@dataclass(frozen=True)
class SheetLine:
    """One person's month."""

    person: str
    name: str
    department: str
    working_days: int
    present: int
    late: int
    early: int
    leave: dict[LeaveKind, float] = field(default_factory=dict)
    absent: float = 0.0


def month_days(month: str) -> tuple[date, date]:
    """The first and last day of `2026-12`."""
    try:
        year, number = (int(part) for part in month.strip().split("-"))
        first = date(year, number, 1)
    except ValueError:
        raise MonthError(msg("月份应写成 2026-12")) from None
    following = date(year + number // 12, number % 12 + 1, 1)
    return first, following - timedelta(days=1)


def leave_halves(requests: Iterable[LeaveRequest], day: date) -> dict[LeaveKind, set[HalfDay]]:
    """Which halves of `day` each kind of approved leave covers."""
    covered: dict[LeaveKind, set[HalfDay]] = {}
    for request in requests:
        taken = request.taken
        if taken is None:
            continue
        for half in HalfDay:
            if taken.first <= Half(day, half) <= taken.last:
                covered.setdefault(request.kind, set()).add(half)
    return covered


def sheet_line(
    person: str,
    name: str,
    department: str,
    month: str,
    *,
    is_working_day: Callable[[date], bool],
    presence: Mapping[date, DayPresence],
    requests: list[LeaveRequest],
    hours: OfficeHours,
    today: date,
) -> SheetLine:
    first, last = month_days(month)
    counted = [
        first + timedelta(days=n)
        for n in range((min(last, today) - first).days + 1)
        if is_working_day(first + timedelta(days=n))
    ]
    present = late = early = 0
    leave: dict[LeaveKind, float] = {}
    absent = 0.0
    for day in counted:
        halves = leave_halves(requests, day)
        on_leave = set().union(*halves.values()) if halves else set()
        for kind, covered in halves.items():
            leave[kind] = leave.get(kind, 0.0) + 0.5 * len(covered)
        seen = presence.get(day)
        if seen is None:
            absent += 0.5 * (2 - len(on_leave))
            continue
        present += 1
        if HalfDay.MORNING not in on_leave and _clock(seen.signed_in) > hours.opens:
            late += 1
        if HalfDay.AFTERNOON not in on_leave and _clock(seen.signed_out) < hours.closes:
            early += 1
    return SheetLine(person, name, department, len(counted), present, late, early, leave, absent)


def _clock(moment: datetime) -> time:
    return moment.astimezone(CHINA_TIME).time()


#: The sheet's columns, as the screen, the command line and the Excel file show them.
COLUMNS = (
    "用户名",
    "姓名",
    "部门",
    "应出勤（天）",
    "出勤（天）",
    "迟到（次）",
    "早退（次）",
    *(f"{LEAVE_KIND_MESSAGES[kind]}（天）" for kind in LeaveKind),
    "缺勤（天）",
)


def sheet_row(line: SheetLine) -> list[str | int | float]:
    """A line's cells, in the order of `COLUMNS` (the screen shows the same)."""
    return [
        line.person,
        line.name,
        line.department,
        line.working_days,
        line.present,
        line.late,
        line.early,
        *(line.leave.get(kind, 0.0) for kind in LeaveKind),
        line.absent,
    ]
