"""Pushing a batch of events into the central.

First the quick way, for a batch new to the central (every batch of a catch-up): one plain
INSERT and the notification, in one transaction sent in one go (psycopg's pipeline mode: one
round trip, no savepoint, no speculative insertion of ON CONFLICT). If the central refuses
it, nothing was written and the batch goes the careful way: one INSERT skipping what the
central already holds, which is then looked at (the same hash a harmless duplicate, another
an integrity error); a batch refused as a whole tried event by event under savepoints, so
that one bad event is named and the others still go up. The answers, one per event, are what a
counter stores (`app/services/sync.py`); `CentralLink.push` runs this in its transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import psycopg
from psycopg import errors as pg_errors

from app.central.errors import CentralError
from app.domain.events import EVENT_FIELDS
from app.domain.messages import Message, msg, verbatim
from app.domain.sync import PushOutcome

log = logging.getLogger(__name__)

Row = dict[str, object]

_CAST = {"id": "uuid", "case_id": "uuid", "position": "int"}
_INSERT = (
    "INSERT INTO central.events ("
    + ", ".join(f'"{name}"' for name in EVENT_FIELDS)
    + ', "center") SELECT '
    + ", ".join(f'"{name}"::{_CAST.get(name, "text")}' for name in EVENT_FIELDS)
    # the center named once per batch: the policy checks it once, not a default per row
    + ", %(center)s::text FROM unnest("
    + ", ".join(f"%({name})b::text[]" for name in EVENT_FIELDS)  # binary: no escaping
    + ") WITH ORDINALITY AS batch("
    + ", ".join(f'"{name}"' for name in EVENT_FIELDS)
    + ", ordinal) ORDER BY ordinal"
)

_INSERT_NEW = _INSERT + " ON CONFLICT (id) DO NOTHING RETURNING id::text"


class CentralUnreachable(CentralError):
    """The central cannot be reached or refused the login; nothing was sent."""


@dataclass(frozen=True)
class Answer:
    """The central's answer for one event pushed."""

    event_id: str
    outcome: PushOutcome
    reason: Message | None = None


def already_there(connection: psycopg.Connection, rows: Sequence[Row]) -> dict[str, Answer]:
    by_id = {str(row["id"]): row for row in rows}
    found = connection.execute(
        "SELECT id::text, hash FROM central.events WHERE id = ANY(%s::uuid[])", (list(by_id),)
    ).fetchall()
    # an id this counter cannot see is taken elsewhere: said without saying where
    answers = {
        event_id: Answer(event_id, PushOutcome.INTEGRITY, msg("中心不能使用这条记录的编号"))
        for event_id in by_id
    }
    for event_id, central_hash in found:
        if central_hash == by_id[event_id]["hash"]:
            answers[event_id] = Answer(event_id, PushOutcome.DUPLICATE)
        else:
            answers[event_id] = Answer(
                event_id, PushOutcome.INTEGRITY, msg("中心已有同编号的记录，但内容不同")
            )
    return answers


def insert_whole(
    connection: psycopg.Connection, rows: Sequence[Row], center: str, notice: tuple[str, str]
) -> bool:
    """The batch and its `notice` (channel, payload) in one transaction, sent at once: True
    when the central took the whole batch; False when it refused it (an id it holds, a
    check), and nothing was written."""
    try:
        with connection.pipeline(), connection.transaction():
            connection.execute(_INSERT, _as_arrays(rows, center))
            connection.execute("SELECT pg_notify(%s, %s)", notice)
    except psycopg.errors.Error as error:
        if not is_refusal(error):
            raise not_understood(error) from error
        return False
    return True


def insert(connection: psycopg.Connection, rows: Sequence[Row], center: str) -> dict[str, Answer]:
    """All in one statement; if refused, each on its own to name the ones refused. An event
    whose id the central already holds is skipped and gets no answer here."""
    try:
        with connection.transaction():
            inserted = _insert_new(connection, rows, center)
    except psycopg.errors.Error as error:
        if not is_refusal(error):
            raise not_understood(error) from error
        log.info("a batch of %d events was refused as a whole; trying each", len(rows))
    else:
        return {event_id: Answer(event_id, PushOutcome.ACCEPTED) for event_id in inserted}
    answers = {}
    for row in rows:
        event_id = str(row["id"])
        try:
            with connection.transaction():
                if _insert_new(connection, [row], center):
                    answers[event_id] = Answer(event_id, PushOutcome.ACCEPTED)
        except pg_errors.UniqueViolation:  # the id is free: the case's position is not
            answers[event_id] = _position_taken(connection, row)
        except psycopg.errors.Error as error:
            if not is_refusal(error):
                raise not_understood(error) from error
            answers[event_id] = Answer(event_id, PushOutcome.REJECTED, refusal_reason(error))
    return answers


def _position_taken(connection: psycopg.Connection, row: Row) -> Answer:
    """The answer for an event whose case already has another event at its position: a fork
    when the case is this center's, else the words for an id that cannot be used (a case of
    another center is not named as such)."""
    event_id = str(row["id"])
    visible = connection.execute(
        "SELECT 1 FROM central.events WHERE case_id = %s::uuid LIMIT 1", (str(row["case_id"]),)
    ).fetchone()
    if visible is None:
        return Answer(event_id, PushOutcome.INTEGRITY, msg("中心不能使用这条记录的编号"))
    reason = msg("中心该办件的第{position}条记录已是另一条", position=int(str(row["position"])))
    return Answer(event_id, PushOutcome.FORK, reason)


def _insert_new(connection: psycopg.Connection, rows: Sequence[Row], center: str) -> set[str]:
    """Insert the events whose id is new to the central; the ids inserted."""
    found = connection.execute(_INSERT_NEW, _as_arrays(rows, center)).fetchall()
    return {event_id for (event_id,) in found}


def _as_arrays(rows: Sequence[Row], center: str) -> dict[str, object]:
    return {"center": center, **{name: [str(row[name]) for row in rows] for name in EVENT_FIELDS}}


def is_refusal(error: psycopg.errors.Error) -> bool:
    """The central refused the data (its checks, its policies, a constraint), as opposed to
    not understanding the request: only a refusal may put an event in quarantine."""
    state = error.sqlstate or ""
    return state.startswith(("OW", "22", "23")) or state == "42501"


def not_understood(error: psycopg.errors.Error) -> CentralError:
    if isinstance(error, psycopg.OperationalError):
        return CentralUnreachable(
            msg("与中心数据库的连接中断：{reason}", reason=refusal_reason(error))
        )
    return CentralError(
        msg(
            "中心数据库没有接受上传请求（{state}：{reason}）；"
            "中心的结构可能与本程序版本不符，请联系中心管理员。记录仍在本机，未丢失",
            state=error.sqlstate or "",
            reason=refusal_reason(error),
        )
    )


def refusal_reason(error: psycopg.errors.Error) -> Message:
    """The central's own words for a refusal (the triggers write them for the clerk)."""
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return msg("中心拒收：这条记录不属于本终端或本中心")
    return verbatim((error.diag.message_primary or str(error)).strip())
