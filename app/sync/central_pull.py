"""Pull reads by the transaction horizon: each pull takes its center's horizon from the central
(`central.pull_horizon()`: the snapshot's `xmin` leaving out other centers' transactions —
every transaction below it that could write what this counter reads has ended, and those
that committed are visible), fetches the events
whose writing transaction lies between the last horizon and this one, and makes this one the
next cursor. A transaction that commits late, after a newer one, is still below the next
horizon and is fetched then: nothing is skipped (a serial cursor would skip it). A case whose
earlier events lie in a later window is completed from the central by its id.

A counter reads events through `central.events_for_counter` (central migration 0010):
another department's receipts come masked, with the digest their hash covers.

A window is read in chunks of a bounded number of events, in (transaction, case, position)
order, each after the key of the last event of the one before: every transaction of the
window has ended, so that order is fixed and a later window (a larger horizon) only adds
events after it. A pull interrupted between chunks goes on after the last key it stored.
A chunk's keys are read from the table along the index on (center, xact, case_id, position)
(central migration 0013): one index scan stopped at the limit, however much of the window is
left (through the view, which is planned for every row, the whole rest was sorted); its
events are then read through the view by id. A joint window (central 0016) reads a second
scan, of the center above, where the read policy (central 0018) admits its own cases only
(the client names the center; which of its rows it may read is the database's word).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import psycopg

from app.domain.events import EVENT_FIELDS
from app.sync.central_push import Row

#: What a counter reads events from: its center's, receipts outside its work masked.
EVENTS_VIEW = "central.events_for_counter"
SELECT_COLUMNS = ", ".join(
    f"{name}::text" if name in ("id", "case_id") else f'"{name}"' for name in EVENT_FIELDS
)


def _keys(center: str) -> str:
    """The next keys of a window among one center's rows (those the policy lets this login
    read): one index scan, stopped at the limit."""
    return (
        f"(SELECT id, xact, case_id, position FROM central.events WHERE center = {center}"
        " AND xact < %(until)s AND terminal <> %(terminal)s"
        " AND (xact, case_id, position) > (%(xact)s::bigint, %(case)s::uuid, %(position)s::int)"
        " ORDER BY xact, case_id, position LIMIT %(size)s)"
    )


# A chunk of a window: the next events after a key, up to the window's horizon: of the own
# center, and at a joint window of the center above (its own cases there: the policy's word);
# elsewhere `joint` is NULL, which the planner reads as a scan of nothing
_CHUNK = (
    f"SELECT e.xact, {SELECT_COLUMNS} FROM {EVENTS_VIEW} e WHERE e.id = ANY (ARRAY("
    f" SELECT k.id FROM ({_keys('%(center)s')} UNION ALL"
    f" {_keys('%(joint)s')}) k"
    " ORDER BY k.xact, k.case_id, k.position LIMIT %(size)s))"
    " ORDER BY e.xact, e.case_id, e.position"
)

#: How many events this counter holds of each of the given cases (absent: none).
EventCounts = Callable[[Iterable[str]], dict[str, int]]


@dataclass(frozen=True)
class Reference:
    """The reference data that changed in a pull's window: the whole catalog when any of it
    changed (None otherwise), and the holiday schedules that changed, as published."""

    departments: list[dict[str, object]] | None
    items: list[dict[str, object]] | None
    years: list[dict[str, object]]


#: Where a pull stands inside its window: the last event taken, as (transaction, case,
#: position), the order a window is read in.
Key = tuple[int, str, int]
#: Before every case id.
FIRST_CASE = "00000000-0000-0000-0000-000000000000"


@dataclass(frozen=True)
class Window:
    """One pull: the events other terminals wrote in the transactions from `cursor` up to
    `horizon` (the next cursor), and the reference data that changed in them."""

    cursor: int
    horizon: int
    reference: Reference


@dataclass(frozen=True)
class Chunk:
    """Events of a window, in the order they are read (transaction, case, position), then the
    earlier events of their cases this counter lacks; `after` is the key to read the next chunk after, None when this one
    ends the window."""

    events: list[Row]
    after: Key | None


def fetch(connection: psycopg.Connection, where: str, params: Sequence[object]) -> list[Row]:
    """The events `where` picks, as this counter may read them."""
    values = connection.execute(
        f"SELECT {SELECT_COLUMNS} FROM {EVENTS_VIEW} WHERE {where}", params
    ).fetchall()
    return [dict(zip(EVENT_FIELDS, row, strict=True)) for row in values]


#: A case whose pulled events follow events this counter lacks: (case, events held here,
#: position of the first pulled event).
Gap = tuple[str, int, int]


def _gaps(rows: Sequence[Row], counts: EventCounts) -> list[Gap]:
    """The cases of `rows` whose first pulled event does not follow what this counter holds."""
    first: dict[str, int] = {}
    for row in rows:
        case_id = str(row["case_id"])
        first[case_id] = min(first.get(case_id, 1 << 30), int(str(row["position"])))
    known = counts(first)
    return [
        (case_id, known.get(case_id, 0), position)
        for case_id, position in first.items()
        if position > known.get(case_id, 0) + 1
    ]


def missing_before(connection: psycopg.Connection, gaps: Sequence[Gap]) -> list[Row]:
    """The events the gaps lack (they lie later in the window, or in a later one): visible
    now, since a later event of each case already is."""
    return fetch(
        connection,
        "(case_id, position) IN (SELECT g.case_id, p FROM unnest(%s::uuid[], %s::int[],"
        " %s::int[]) AS g(case_id, have, before), generate_series(g.have + 1, g.before - 1) p)",
        ([g[0] for g in gaps], [g[1] for g in gaps], [g[2] for g in gaps]),
    )


def _reference(connection: psycopg.Connection, cursor: int, horizon: int) -> Reference:
    window = "xact >= %s AND xact < %s"
    changed = connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM central.departments WHERE {window})"
        f" OR EXISTS (SELECT 1 FROM central.catalog_items WHERE {window})",
        (cursor, horizon, cursor, horizon),
    ).fetchone()
    departments = items = None
    if changed and changed[0]:
        departments = _json_rows(connection, "departments WHERE active ORDER BY ordinal", ())
        items = _json_rows(connection, "catalog_items WHERE active ORDER BY ordinal", ())
    years = _json_rows(
        connection, f"calendar_years WHERE {window} ORDER BY year", (cursor, horizon)
    )
    return Reference(departments, items, years)


def _json_rows(
    connection: psycopg.Connection, table_and_clauses: str, params: Sequence[object]
) -> list[dict[str, object]]:
    found = connection.execute(f"SELECT data FROM central.{table_and_clauses}", params)
    return [json.loads(data) for (data,) in found.fetchall()]


def _unique(rows: list[Row]) -> list[Row]:
    seen: set[str] = set()
    kept = []
    for row in rows:
        if str(row["id"]) not in seen:
            seen.add(str(row["id"]))
            kept.append(row)
    return kept


def read_window(connection: psycopg.Connection, cursor: int) -> Window:
    """The next pull's window from `cursor`: the horizon, and the reference data that
    changed below it (in the caller's snapshot)."""
    horizon = connection.execute("SELECT central.pull_horizon()").fetchone()[0]  # type: ignore[index]
    return Window(cursor, horizon, _reference(connection, cursor, horizon))


def read_chunk(
    connection: psycopg.Connection,
    window: Window,
    after: Key | None,
    terminal: str,
    size: int,
    center: str,
    joint: str | None = None,
) -> Chunk:
    """The next `size` events of `window` written by other terminals of `center` than
    `terminal` (and at a joint window, of its cases of the center above `joint`), after the
    key `after` (None: from the start of the window), as they stand on the central: not yet
    completed with the earlier events of their cases (`completed`)."""
    last = after or (window.cursor, FIRST_CASE, 0)
    where = dict(
        xact=last[0], case=last[1], position=last[2], until=window.horizon,
        terminal=terminal, size=size, center=center, joint=joint,
    )  # fmt: skip
    values = connection.execute(_CHUNK, where).fetchall()
    rows = [dict(zip(EVENT_FIELDS, row[1:], strict=True)) for row in values]
    if len(values) == size:
        next_key: Key | None = (int(values[-1][0]), str(values[-1][2]), int(values[-1][3]))
    else:
        next_key = None
    return Chunk(rows, next_key)


def completed(
    chunk: Chunk,
    known: EventCounts,
    ahead: set[str],
    missing: Callable[[Sequence[Gap]], list[Row]],
) -> Chunk:
    """`chunk` with the earlier events of its cases that this counter lacks after its own
    (storing takes each case's events in position order: the chunk is not sorted again).
    `known` tells how many events of given cases this counter holds; a case
    whose earlier events are missing locally is completed by `missing` (from the central:
    `missing_before`).

    `ahead`, kept by the caller across the chunks of one pull: the ids of events fetched
    so, before their own chunk; that chunk leaves them out (they were taken in already)."""
    rows = chunk.events
    if ahead:
        rows = [row for row in rows if str(row["id"]) not in ahead]
        ahead.difference_update(str(row["id"]) for row in chunk.events)
    gaps = _gaps(rows, known)
    if gaps:
        earlier = missing(gaps)
        ahead.update(str(row["id"]) for row in earlier)
        rows = _unique([*rows, *earlier])
    return Chunk(rows, chunk.after)
