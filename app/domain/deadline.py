"""The case clock (电子监察计时): what the law counts for a case on a given day.

A case is in one of four phases, and only one of them counts down to completion:

- intake (待受理): the materials arrived and the case is not accepted yet. The organ accepts,
  or tells at once and in full what is missing, within five working days; otherwise the case
  counts as accepted from the day the materials arrived (Art. 32). The clock shows how long
  the applicant has waited and warns on the last of the five days; no completion date yet.
- correction (待补正): the applicant was told what is missing. Nothing counts down; the clock
  shows how long the applicant has been waited for.
- running: accepted. The committed working days (plus a valid extension) count from the day
  the complete materials arrived — the day of receipt, or the day of the supplement after a
  correction notice given in time (the correction slip says so) — held by Art. 45 procedures
  and by steps whose time does not count.
- stopped: decided, refused or withdrawn. No due date any more: the record says how and when
  the case closed, and how many working days late it was.

Lateness is never undone. A held day moves the due date and the day together, so a late case
stays late by as many days; an Art. 42 extension counts only when it was granted within the
time limit as it stood that day (the service refuses any other, and one found in a log from
elsewhere is void). A 即办件 is due the day it is accepted; materials that arrive on a day
off count from the next working day. All days are working days (Art. 82).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from app.domain.calendar import WorkCalendar
from app.domain.case import CLOCK_STOPPING_KINDS, Case, CaseStatus, Pause
from app.domain.event_data import Decided, EventKind, Extended
from app.domain.events import Event

#: Share of the committed time after which a case turns yellow.
WARNING_SHARE = 0.9
#: Art. 32: working days within which the organ accepts or tells what is missing.
NOTICE_DAYS = 5


class ClockPhase(StrEnum):
    INTAKE = "intake"  # 待受理：五个工作日内受理或一次性告知补正
    CORRECTION = "correction"  # 待补正：等待申请人补齐材料
    RUNNING = "running"  # 已受理：计算办理时限
    STOPPED = "stopped"  # 已作出决定、不予受理或撤回


class ClockLevel(StrEnum):
    ON_TIME = "on_time"  # 正常（绿）
    WARNING = "warning"  # 预警（黄）：已用九成时限，或只剩一个工作日
    OVERDUE = "overdue"  # 超时（红）
    DONE = "done"  # 按时办结
    DONE_LATE = "done_late"  # 超时办结
    WAITING = "waiting"  # 等待申请人补正：不计时
    NOTICE_LATE = "notice_late"  # 逾期未受理也未告知补正：自材料送达之日起视为受理
    CLOSED = "closed"  # 未受理即结束（不予受理、撤回）：不计办理时限


#: The levels in Chinese, as the command line prints them (the window translates its own).
LEVEL_TITLES: dict[ClockLevel, str] = {
    ClockLevel.ON_TIME: "正常",
    ClockLevel.WARNING: "预警",
    ClockLevel.OVERDUE: "超时",
    ClockLevel.DONE: "按时办结",
    ClockLevel.DONE_LATE: "超时办结",
    ClockLevel.WAITING: "等待补正",
    ClockLevel.NOTICE_LATE: "逾期未告知",
    ClockLevel.CLOSED: "未受理",
}
#: The status the event that stopped the clock put the case in.
_CLOSED_AS: dict[str, CaseStatus] = {
    EventKind.ISSUED: CaseStatus.ISSUED,
    EventKind.REFUSED: CaseStatus.REFUSED,
    EventKind.WITHDRAWN: CaseStatus.WITHDRAWN,
}


@dataclass(frozen=True)
class Deadline:
    """Where a case stands against the law's time limits on a given day."""

    phase: ClockPhase
    level: ClockLevel
    #: The completion date, only while the completion clock runs: none before acceptance,
    #: none once the case is decided or closed.
    due: date | None
    days_allowed: int  # committed days plus a valid extension
    days_used: int
    #: Working days left to the deadline that runs (completion, or the Art. 32 notice);
    #: negative when late; at the stop for a stopped case; 0 while waiting for corrections.
    days_left: int
    #: Working days the completion was late, as of today or of the stop: never undone.
    days_overdue: int
    paused: bool  # the completion clock runs but stands still today
    unloaded_years: tuple[int, ...]  # years of the span whose holiday schedule is not loaded
    step_due: date | None = None  # the current step's own limit
    step_overdue: bool = False
    #: The first day a running case shows the warning, unless the clock is held again.
    warning_from: date | None = None
    #: Intake and correction: since when the applicant waits (or is waited for), how long.
    waiting_since: date | None = None
    days_waited: int = 0
    #: Intake: the last day to accept, or to tell what is missing (Art. 32).
    notice_due: date | None = None
    #: Stopped: the day, and the status the case closed with (准予、不予许可、不予受理…).
    stopped_on: date | None = None
    closed_as: CaseStatus | None = None
    #: Stopped after acceptance: the due date the case was held to (the record of a closed
    #: case, printed on a reprinted acceptance receipt; never shown as a date still to meet).
    was_due: date | None = None


def deadline(case: Case, calendar: WorkCalendar, now: datetime) -> Deadline:
    """The case's clock as seen at `now` (a time-zone aware moment)."""
    today = now.date()
    step_due, step_overdue = _step_clock(case, calendar, today)
    return replace(
        _phase_clock(case, calendar, today), step_due=step_due, step_overdue=step_overdue
    )


def due_date(case: Case, calendar: WorkCalendar, now: datetime) -> date | None:
    """`deadline(case, calendar, now).due` alone: what a case's summary stores (a pull stores
    thousands of them, and the rest of the clock was most of the cost)."""
    if (
        case.stopped_at is not None
        or case.status in (CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION)
        or _last(case.events, EventKind.ACCEPTED) is None
    ):
        return None
    return _committed(case, calendar, now.date()).due


def _phase_clock(case: Case, calendar: WorkCalendar, today: date) -> Deadline:
    if case.stopped_at is None and case.status is CaseStatus.RECEIVED:
        return _intake(case, calendar, today)
    if case.stopped_at is None and case.status is CaseStatus.AWAITING_CORRECTION:
        asked = _last(case.events, EventKind.CORRECTION_REQUESTED)
        since = asked.at.date() if asked else case.received_at.date()
        return replace(
            _not_running(case, ClockPhase.CORRECTION, ClockLevel.WAITING),
            unloaded_years=tuple(calendar.unloaded_years(since, today)),
            waiting_since=since,
            days_waited=calendar.working_days_between(since, today),
        )
    if _last(case.events, EventKind.ACCEPTED) is None:  # refused or withdrawn on receipt
        return _closed_unaccepted(case, calendar)
    return _completion(case, calendar, today)


def _intake(case: Case, calendar: WorkCalendar, today: date) -> Deadline:
    arrived = _arrival(case, calendar)
    notice_due = calendar.add_working_days(_first_working(calendar, arrived), NOTICE_DAYS)
    left = _days_left(calendar, notice_due, today)
    if left < 0:
        level = ClockLevel.NOTICE_LATE
    else:
        level = ClockLevel.WARNING if left <= 1 else ClockLevel.ON_TIME
    return replace(
        _not_running(case, ClockPhase.INTAKE, level),
        days_left=left,
        unloaded_years=tuple(calendar.unloaded_years(arrived, max(notice_due, today))),
        waiting_since=arrived,
        days_waited=calendar.working_days_between(arrived, today),
        notice_due=notice_due,
    )


def _closed_unaccepted(case: Case, calendar: WorkCalendar) -> Deadline:
    assert case.stopped_at is not None
    stopped = case.stopped_at.date()
    return replace(
        _not_running(case, ClockPhase.STOPPED, ClockLevel.CLOSED),
        unloaded_years=tuple(calendar.unloaded_years(case.received_at.date(), stopped)),
        stopped_on=stopped,
        closed_as=_closed_as(case),
    )


def _not_running(case: Case, phase: ClockPhase, level: ClockLevel) -> Deadline:
    """A clock whose completion time never ran: before acceptance, or closed without it. The
    caller adds what its phase counts instead."""
    return Deadline(
        phase=phase,
        level=level,
        due=None,
        days_allowed=case.terms.committed_days,
        days_used=0,
        days_left=0,
        days_overdue=0,
        paused=False,
        unloaded_years=(),
    )


@dataclass(frozen=True)
class _Committed:
    """An accepted case's committed time: counted from `start` to `end` (today, or the day
    it stopped), `allowed` days with extensions, `held` days not counted, due on `due`."""

    start: date
    end: date
    allowed: int
    held: int
    due: date


def _committed(case: Case, calendar: WorkCalendar, today: date) -> _Committed:
    start = _first_working(calendar, _arrival(case, calendar))
    end = case.stopped_at.date() if case.stopped_at else today
    allowed = case.terms.committed_days + _granted_days(case, calendar, start)
    held = _held_days(case.pauses, calendar, start, end)
    return _Committed(start, end, allowed, held, calendar.add_working_days(start, allowed + held))


def _completion(case: Case, calendar: WorkCalendar, today: date) -> Deadline:
    """The committed time of an accepted case: running, or stopped with its record."""
    counted = _committed(case, calendar, today)
    used = max(0, calendar.working_days_between(counted.start, counted.end) - counted.held)
    left = _days_left(calendar, counted.due, counted.end)
    years = tuple(calendar.unloaded_years(counted.start, max(counted.due, counted.end)))
    if case.stopped_at is not None:
        return Deadline(
            phase=ClockPhase.STOPPED,
            level=ClockLevel.DONE_LATE if left < 0 else ClockLevel.DONE,
            due=None,
            days_allowed=counted.allowed,
            days_used=used,
            days_left=left,
            days_overdue=max(0, -left),
            paused=False,
            unloaded_years=years,
            stopped_on=counted.end,
            closed_as=_closed_as(case),
            was_due=counted.due,
        )
    # yellow from the day nine tenths of the time are used, or the last working day before due
    nine_tenths = calendar.add_working_days(
        counted.start, math.ceil(WARNING_SHARE * counted.allowed) + counted.held
    )
    last_day = calendar.previous_working_day(counted.due)
    if left < 0:
        level = ClockLevel.OVERDUE
    elif used >= WARNING_SHARE * counted.allowed or left <= 1:
        level = ClockLevel.WARNING
    else:
        level = ClockLevel.ON_TIME
    return Deadline(
        phase=ClockPhase.RUNNING,
        level=level,
        due=counted.due,
        days_allowed=counted.allowed,
        days_used=used,
        days_left=left,
        days_overdue=max(0, -left),
        paused=bool(case.pauses) and case.pauses[-1].end is None,
        unloaded_years=years,
        warning_from=max(counted.start, min(nine_tenths, last_day)),
    )


def _arrival(case: Case, calendar: WorkCalendar) -> date:
    """The day the complete materials arrived, from which an accepted case counts.

    The day of receipt; after a correction notice given within the five days of Art. 32, the
    day of the latest supplement. A notice given later came too late: the case counted as
    accepted from receipt.
    """
    received = case.received_at.date()
    asked = next((e for e in case.events if e.kind is EventKind.CORRECTION_REQUESTED), None)
    supplied = _last(case.events, EventKind.MATERIALS_SUPPLEMENTED)
    if asked is None or supplied is None:
        return received
    in_time = calendar.add_working_days(_first_working(calendar, received), NOTICE_DAYS)
    return supplied.at.date() if asked.at.date() <= in_time else received


def _granted_days(case: Case, calendar: WorkCalendar, start: date) -> int:
    """Days of Art. 42 extension granted within the time limit as it stood on their day."""
    granted = 0
    for event in case.events:
        if isinstance(event.data, Extended):
            day = event.at.date()
            held = _held_days(case.pauses, calendar, start, day)
            limit = calendar.add_working_days(start, case.terms.committed_days + granted + held)
            if day <= limit:
                granted += event.data.days
    return granted


def _closed_as(case: Case) -> CaseStatus:
    """The status the event that stopped the clock (the first of its kind) put the case in."""
    stop = next(e for e in case.events if e.kind in CLOCK_STOPPING_KINDS)
    if isinstance(stop.data, Decided):
        return CaseStatus.APPROVED if stop.data.approved else CaseStatus.DENIED
    return _CLOSED_AS[stop.kind]


def _last(events: Iterable[Event], kind: EventKind) -> Event | None:
    found = None
    for event in events:
        if event.kind is kind:
            found = event
    return found


def _first_working(calendar: WorkCalendar, day: date) -> date:
    """Time arriving on a day off (weekend service, the kiosk) counts from the next working day."""
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


def _days_left(calendar: WorkCalendar, due: date, day: date) -> int:
    """Working days from `day` to the due date; negative, the working days past it.

    Late begins on the first working day after the due date: the days off in between miss
    nothing, and a case held on such a day is not late when the hold ends.
    """
    late = calendar.working_days_between(due, day)
    return -late if late else calendar.working_days_between(day, due)


def _held_days(pauses: list[Pause], calendar: WorkCalendar, start: date, end: date) -> int:
    """Working days between start and end in which the clock stood still, each counted once
    however many pauses."""
    spans: list[tuple[date, date]] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        first = max(pause.start.date(), start)
        last = min(pause.end.date() if pause.end else end, end)
        if last <= first:
            continue
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
    held = _held_days(in_step, calendar, started.date(), today)
    due = calendar.add_working_days(started.date(), step.days + held)
    return due, today > due
