"""The audit trail on the central (central migration 0011): a counter's entries sent up after
its events, and its center's trail searched for the audit screen; the leave events (0014) go
up the same way (`push_rows`).

An entry the central already holds is skipped (ON CONFLICT (id) DO NOTHING): a batch whose
answer was lost is simply sent again. A batch the central refuses as a whole (one entry out of
its bounds) is sent again entry by entry, each under a savepoint, so that the others still go
up and the refused one is named with the central's reason; it stays in the counter's store.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import psycopg

from app.central.errors import CentralError
from app.domain.audit import AuditAction, AuditEntry, AuditQuery
from app.domain.messages import Message, msg
from app.storage.audit_repository import AUDIT_COLUMNS, AuditRow, entry_of
from app.storage.leave_repository import LEAVE_COLUMNS
from app.sync.central_push import is_refusal, not_understood, refusal_reason

log = logging.getLogger(__name__)


def batch_insert(table: str, columns: Sequence[str], casts: Mapping[str, str]) -> str:
    """An INSERT of a batch sent as one text array per column (cast where the table wants
    it); a row already there (the same id) is skipped, so a batch sent again doubles nothing."""
    return (
        f"INSERT INTO central.{table} ({', '.join(columns)}) SELECT "
        + ", ".join(f"{name}::{casts[name]}" if name in casts else name for name in columns)
        + " FROM unnest("
        + ", ".join(f"%({name})s::text[]" for name in columns)
        + f") AS batch({', '.join(columns)}) ON CONFLICT (id) DO NOTHING"
    )


_INSERT = batch_insert("audit_entries", AUDIT_COLUMNS, {"id": "uuid"})
#: The central's insert of a batch of leave events (central migration 0014).
LEAVE_INSERT = batch_insert(
    "leave_events", LEAVE_COLUMNS, {"id": "uuid", "request_id": "uuid", "position": "integer"}
)


_SEARCH = (
    "SELECT id::text, at, actor, terminal, action, subject, details"
    " FROM central.audit_entries"
    " WHERE (%(actor)s = '' OR actor = %(actor)s)"
    " AND (%(terminal)s = '' OR terminal = %(terminal)s)"
    " AND (%(action)s = '' OR action = %(action)s)"
    " AND (%(since)s::timestamptz IS NULL OR at_time >= %(since)s::timestamptz)"
    " AND (%(until)s::timestamptz IS NULL OR at_time < %(until)s::timestamptz)"
    " ORDER BY at_time DESC, id LIMIT %(limit)s OFFSET %(offset)s"
)


def push_entries(connection: psycopg.Connection, rows: Sequence[AuditRow]) -> dict[str, Message]:
    """Send `rows`; the central's reasons for those it refused (the others are on the
    central, sent now or before)."""
    return push_rows(connection, _INSERT, AUDIT_COLUMNS, rows)


def push_rows(
    connection: psycopg.Connection,
    insert: str,
    columns: Sequence[str],
    rows: Sequence[dict[str, str]],
) -> dict[str, Message]:
    """Send the rows of an append-only log with `insert` (arrays named by `columns`, a row
    already there skipped); the reasons for those refused, by id. A batch refused as a whole
    is sent again row by row, so that the others still go up."""
    try:
        with connection.transaction():
            connection.execute(insert, _arrays(rows, columns))
    except psycopg.errors.Error as error:
        if not is_refusal(error):
            raise not_understood(error) from error
        log.info("a batch of %d rows was refused as a whole; trying each", len(rows))
    else:
        return {}
    refused: dict[str, Message] = {}
    with connection.transaction():
        for row in rows:
            try:
                with connection.transaction():
                    connection.execute(insert, _arrays([row], columns))
            except psycopg.errors.Error as error:
                if not is_refusal(error):
                    raise not_understood(error) from error
                refused[row["id"]] = refusal_reason(error)
    return refused


def leave_since(connection: psycopg.Connection, since: str) -> tuple[list[dict[str, str]], str]:
    """The leave events of the caller's own center received after `since` (`log_since`)."""
    return log_since(connection, "leave_events", LEAVE_COLUMNS, "request_id, position", since)


def log_since(
    connection: psycopg.Connection,
    table: str,
    columns: Sequence[str],
    order: str,
    since: str,
) -> tuple[list[dict[str, str]], str]:
    """The rows of an append-only log of the caller's own center received after `since` less
    a margin (ISO time; "" for all), oldest first (then by `order`), and the newest time
    received among them (`since` when none): the next call's `since`. The margin outlasts
    any transaction still open (the central ends one idle for a minute), so none committed
    late is passed over; those read twice are skipped by the store."""
    try:
        with connection.transaction():
            connection.execute("SET TRANSACTION READ ONLY")
            found = connection.execute(
                "SELECT " + ", ".join(f"{name}::text" for name in columns) + ","
                f" received_at FROM central.{table}"
                " WHERE center = (SELECT central.center_of(current_user::text))"
                " AND (%(since)s = '' OR received_at > %(since)s::timestamptz - interval '5 minutes')"
                f" ORDER BY received_at, {order}",
                {"since": since},
            ).fetchall()
    except psycopg.errors.Error as error:
        if isinstance(error, psycopg.OperationalError):
            raise  # the link tells it as unreachable
        raise not_understood(error) from error  # a central not yet upgraded, say
    rows = [dict(zip(columns, values[:-1], strict=True)) for values in found]
    return rows, (found[-1][-1].isoformat() if found else since)


def search_entries(connection: psycopg.Connection, query: AuditQuery) -> list[AuditEntry]:
    """The entries the caller may read (row-level security: its center's and the central's
    own) that `query` asks for, newest first."""
    try:
        with connection.transaction():
            connection.execute("SET TRANSACTION READ ONLY")
            found = connection.execute(
                _SEARCH,
                {
                    "actor": query.actor,
                    "terminal": query.terminal,
                    "action": query.action.value if query.action else "",
                    "since": query.since,
                    "until": query.until,
                    "limit": query.limit,
                    "offset": query.offset,
                },
            ).fetchall()
    except psycopg.errors.Error as error:
        if isinstance(error, psycopg.OperationalError):
            raise  # the link tells it as unreachable
        raise CentralError(  # a central not yet upgraded to 0011, say
            msg(
                "中心数据库不能查询操作日志（{state}：{reason}）；中心的结构可能与本程序版本不符，"
                "请联系中心管理员",
                state=error.sqlstate or "",
                reason=refusal_reason(error),
            )
        ) from error
    known = {action.value for action in AuditAction}
    rows = [dict(zip(AUDIT_COLUMNS, values, strict=True)) for values in found]
    for row in rows:
        if row["action"] not in known:  # written by a newer version: left out, said here
            log.info("audit entry %s of an action this version does not know", row["id"])
    return [entry_of(row) for row in rows if row["action"] in known]


def _arrays(rows: Sequence[dict[str, str]], columns: Sequence[str]) -> dict[str, list[str]]:
    return {name: [row[name] for row in rows] for name in columns}
