"""The center's directory on the central (central migrations 0015, 0017): the staff, window
and center setting events a counter's administrators wrote, sent up in the sync round, and those the other
terminals of the center wrote, read down in the pull's window.

Each event is sent under a savepoint of its own (a directory changes a few times a day, not
thousands): one the central refuses (not an administrator, made against an older version)
is answered with the central's words and the others still go up; an event of the same person
or window after a refused one is not sent, since it builds on what the central did not take.
One the central holds already is skipped there (a push whose answer was lost)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import psycopg

from app.domain.messages import Message, msg
from app.storage.setting_repository import EVENT_COLUMNS as SETTING_COLUMNS
from app.storage.staff_repository import EVENT_COLUMNS as STAFF_COLUMNS
from app.storage.window_repository import EVENT_COLUMNS as WINDOW_COLUMNS
from app.sync.central_push import Row, is_refusal, not_understood, refusal_reason


@dataclass(frozen=True)
class DirectoryLog:
    """One of the three logs: its table on the central, what names its subject, its columns."""

    table: str
    subject: str
    version: str
    columns: tuple[str, ...]


STAFF = DirectoryLog("staff_events", "username", "version", STAFF_COLUMNS)
WINDOWS = DirectoryLog("window_events", "number", "position", WINDOW_COLUMNS)
SETTINGS = DirectoryLog("setting_events", "key", "version", SETTING_COLUMNS)


@dataclass(frozen=True)
class Directory:
    """The directory events written in a pull's window, each log in (subject, version)
    order: this terminal's own too (the few it holds already are skipped by id), since the
    owner's seeding may carry the name of the terminal it was published from."""

    staff: list[Row]
    windows: list[Row]
    settings: list[Row]


def push_events(
    connection: psycopg.Connection, log: DirectoryLog, rows: Sequence[Row], notice: tuple[str, str]
) -> dict[str, Message]:
    """Send `rows` in order; the reasons for those not taken, by id. The center's channel
    hears of the others (`notice`: channel, payload) when any was sent."""
    columns = ", ".join(f'"{name}"' for name in log.columns)
    values = ", ".join(
        f"%({name})s::uuid" if name == "id" else f"%({name})s" for name in log.columns
    )
    insert = f"INSERT INTO central.{log.table} ({columns}) VALUES ({values})"
    refused: dict[str, Message] = {}
    blocked: set[str] = set()  # subjects after a refused change
    with connection.transaction():
        for row in rows:
            subject = str(row[log.subject])
            if subject in blocked:
                refused[str(row["id"])] = msg("此修改接在一条中心未采纳的修改之后，一并未采纳")
                continue
            try:
                with connection.transaction():
                    connection.execute(insert, row)
            except psycopg.errors.Error as error:
                if not is_refusal(error):
                    raise not_understood(error) from error
                refused[str(row["id"])] = refusal_reason(error)
                blocked.add(subject)
        if len(refused) < len(rows):
            connection.execute("SELECT pg_notify(%s, %s)", notice)
    return refused


def read_directory(connection: psycopg.Connection, cursor: int, horizon: int) -> Directory:
    """The events of the caller's center (row-level security) written in the transactions
    from `cursor` up to `horizon`."""
    window = "xact >= %(cursor)s AND xact < %(horizon)s"
    bounds = {"cursor": cursor, "horizon": horizon}
    return Directory(
        *(_read(connection, log, window, bounds) for log in (STAFF, WINDOWS, SETTINGS))
    )


def read_events(connection: psycopg.Connection, ids: Sequence[str]) -> Directory:
    """The events of the caller's center among `ids` (those a pull set aside, read again)."""
    among = "id = ANY(%(ids)s::uuid[])"
    named = {"ids": list(ids)}
    return Directory(*(_read(connection, log, among, named) for log in (STAFF, WINDOWS, SETTINGS)))


def _read(
    connection: psycopg.Connection, log: DirectoryLog, where: str, params: Mapping[str, object]
) -> list[Row]:
    columns = ", ".join(f'"{name}"::text' for name in log.columns)
    found = connection.execute(
        f"SELECT {columns} FROM central.{log.table} WHERE {where}"
        f" ORDER BY {log.subject}, {log.version}",
        params,
    ).fetchall()
    return [dict(zip(log.columns, values, strict=True)) for values in found]


def notice(terminal: str, events: int) -> str:
    """What the center's listeners are told: who pushed, how many directory events."""
    return json.dumps({"terminal": terminal, "directory": events})
