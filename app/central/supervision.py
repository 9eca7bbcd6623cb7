"""The cases of the central and their clocks for electronic supervision.

Each refresh takes the events that arrived since the last one (by the transaction horizon, as
the counters' pull does), folds every case they touch with the same domain code the counters
use, and writes the case's summary (`central.cases`: number, item, status, last event) and its
clock (`central.case_clocks`: due date and first day of warning, over the holiday schedules
published to the central; none for a case not yet accepted or closed). Counting overdue and warning cases per center is then one indexed
scan (`central.clock_counts(today)`), however many cases the central holds.

Runs with the owner's (or the superuser's) URL: it reads every center.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import psycopg

from app.central.errors import CentralError
from app.domain.calendar import WorkCalendar, YearSchedule
from app.domain.case import Case
from app.domain.deadline import ClockPhase, Deadline, deadline
from app.domain.events import EVENT_FIELDS, Event, event_from_fields
from app.domain.messages import msg

log = logging.getLogger(__name__)

CHUNK = 2_000
_COLUMNS = ", ".join(
    f"{name}::text" if name in ("id", "case_id") else f'"{name}"' for name in EVENT_FIELDS
)


@dataclass(frozen=True)
class CenterCounts:
    center: str
    overdue: int
    warning: int


def refresh_clocks(url: str, now: datetime) -> int:
    """Bring the cases and their clocks up to date; how many cases were refreshed."""
    try:
        with psycopg.connect(url) as connection:
            return _refresh(connection, now)
    except psycopg.OperationalError as error:
        raise CentralError(msg("无法连接中心数据库：{reason}", reason=str(error))) from error


def clock_counts(url: str, today: date) -> list[CenterCounts]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT center, overdue, warning FROM central.clock_counts(%s) ORDER BY center",
            (today,),
        ).fetchall()
    return [CenterCounts(center, int(overdue), int(warning)) for center, overdue, warning in rows]


def set_aside(url: str) -> list[tuple[str, str, str]]:
    """The cases supervision could not fold: (case id, center, why), newest first."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT case_id::text, center, reason FROM central.set_aside ORDER BY noted_at DESC"
        ).fetchall()
    return [(str(case_id), str(center), str(reason)) for case_id, center, reason in rows]


def _refresh(connection: psycopg.Connection, now: datetime) -> int:
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor = connection.execute(
            "SELECT xact FROM central.clock_cursor FOR UPDATE"  # one refresher at a time
        ).fetchone()
        # every center's: no counter's session left idle in a transaction holds it back
        horizon = connection.execute("SELECT central.pull_horizon()").fetchone()
        assert cursor is not None and horizon is not None
        changed = [
            case_id
            for (case_id,) in connection.execute(
                "SELECT DISTINCT case_id::text FROM central.events WHERE xact >= %s AND xact < %s",
                (cursor[0], horizon[0]),
            ).fetchall()
        ]
        calendar = _calendar(connection)
        refreshed = 0
        for start in range(0, len(changed), CHUNK):
            folded, aside = _fold(connection, changed[start : start + CHUNK], calendar, now)
            _write(connection, folded, aside)
            refreshed += len(folded)
        connection.execute("UPDATE central.clock_cursor SET xact = %s", (horizon[0],))
    log.info("case clocks refreshed: %d cases", refreshed)
    return refreshed


def _calendar(connection: psycopg.Connection) -> WorkCalendar:
    years = connection.execute("SELECT data FROM central.calendar_years ORDER BY year")
    return WorkCalendar([YearSchedule.from_json(json.loads(data)) for (data,) in years])


@dataclass(frozen=True)
class _Folded:
    """One case as the central keeps it: its summary row and its clock row."""

    case: tuple[object, ...]
    clock: tuple[object, ...]


def _fold(
    connection: psycopg.Connection, case_ids: Sequence[str], calendar: WorkCalendar, now: datetime
) -> tuple[list[_Folded], list[tuple[str, str, str]]]:
    """The cases folded, and those set aside: (case id, center, why) for each case that
    cannot be folded — a log that does not begin with a readable receipt, a time limit beyond
    any calendar. One such case never stops the others, nor moves the cursor back."""
    found = connection.execute(
        f"SELECT {_COLUMNS}, center, xact FROM central.events WHERE case_id = ANY(%s::uuid[])"
        " ORDER BY case_id, position",
        (list(case_ids),),
    ).fetchall()
    folded: list[_Folded] = []
    aside: list[tuple[str, str, str]] = []
    events: list[Event] = []
    for number, values in enumerate(found):
        events.append(event_from_fields(dict(zip(EVENT_FIELDS, values, strict=False))))
        if number + 1 < len(found) and found[number + 1][1] == values[1]:
            continue  # the case goes on in the next row
        center, xact = values[-2], values[-1]
        try:
            case = Case.from_events(events)
            folded.append(_folded(case, center, xact, deadline(case, calendar, now)))
        except (ValueError, ArithmeticError) as error:
            why = (
                str(error)
                if isinstance(error, ValueError)
                else str(msg("办件期限超出可计算的范围"))
            )
            log.warning("case %s set aside, not folded: %s", events[0].case_id, why)
            aside.append((str(events[0].case_id), center, why))
        events = []
    return folded, aside


def _folded(case: Case, center: str, xact: int, clock: Deadline) -> _Folded:
    first, last = case.events[0], case.events[-1]
    case_id = str(case.case_id)
    return _Folded(
        case=(
            case_id,
            center,
            case.case_no,
            case.terms.item_code,
            case.terms.department,
            first.window,
            case.terms.committed_days,
            case.received_at,
            case.status.value,
            len(case.events),
            str(last.kind),
            last.at,
            last.hash,
            xact,
        ),
        clock=(
            case_id,
            center,
            clock.phase is ClockPhase.RUNNING,  # the completion clock runs
            clock.paused,
            clock.due,
            clock.warning_from,
        ),
    )


def _write(
    connection: psycopg.Connection, folded: list[_Folded], aside: list[tuple[str, str, str]]
) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO central.set_aside (case_id, center, reason) VALUES (%s, %s, %s)"
            " ON CONFLICT (case_id) DO UPDATE SET reason = excluded.reason, noted_at = now()",
            aside,
        )
        cursor.executemany(
            "INSERT INTO central.cases (case_id, center, case_no, item_code, department,"
            ' "window", committed_days, received_at, status, events, last_kind,'
            " last_event_at, last_hash, xact)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (case_id) DO UPDATE SET status = excluded.status,"
            " events = excluded.events, last_kind = excluded.last_kind,"
            " last_event_at = excluded.last_event_at, last_hash = excluded.last_hash,"
            " xact = excluded.xact",
            [f.case for f in folded],
        )
        if not folded:
            return
        # one statement for the chunk: the clocks' tallies (central migration 0012) are kept
        # by statement triggers, once per statement (once per row took four times as long)
        cursor.execute(
            "INSERT INTO central.case_clocks"
            " (case_id, center, open, paused, due, warning_from)"
            " SELECT * FROM unnest(%s::uuid[], %s::text[], %s::boolean[], %s::boolean[],"
            " %s::date[], %s::date[])"
            " ON CONFLICT (case_id) DO UPDATE SET open = excluded.open,"
            " paused = excluded.paused, due = excluded.due,"
            " warning_from = excluded.warning_from, refreshed_at = now()",
            [list(column) for column in zip(*(f.clock for f in folded), strict=True)],
        )
