"""A counter's connection to the central PostgreSQL: events pushed up, events pulled down.

Push sends a batch in one transaction (how one INSERT takes it, and what each event is
answered: `app/sync/central_push.py`): the quick way first, the careful way when the central
refused the batch as a whole. One `pg_notify` per batch, on the center's own
channel, tells the center's listening screens that something arrived.

Pull reads by the transaction horizon, in chunks: `app/sync/central_pull.py`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import psycopg

from app.central.errors import CentralError
from app.central.schema import safe_url
from app.domain.audit import AuditEntry, AuditQuery
from app.domain.checkpoints import Checkpoint
from app.domain.events import EVENT_FIELDS
from app.domain.messages import Message, msg
from app.domain.sync import PushOutcome
from app.domain.ticket_numbers import Block
from app.storage.audit_repository import AuditRow
from app.storage.leave_repository import LEAVE_COLUMNS, LeaveRow
from app.storage.ticket_repository import TICKET_COLUMNS, TicketRow
from app.sync.central_audit import (
    LEAVE_INSERT,
    leave_since,
    push_entries,
    push_rows,
    search_entries,
)
from app.sync.central_directory import (
    Directory,
    DirectoryLog,
    push_events,
    read_directory,
    read_events,
)
from app.sync.central_directory import notice as directory_notice
from app.sync.central_disclosed import disclosed, reported_to_me
from app.sync.central_pull import (
    EVENTS_VIEW,
    SELECT_COLUMNS,
    Chunk,
    EventCounts,
    Gap,
    Key,
    Window,
    completed,
    fetch,
    missing_before,
    read_chunk,
    read_window,
)
from app.sync.central_push import (
    Answer,
    CentralUnreachable,
    Row,
    already_there,
    insert,
    insert_whole,
)
from app.sync.central_tickets import TICKET_INSERT, claim, lease, tickets_since

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5


@dataclass(frozen=True)
class Registration:
    """What the central registered this login as: terminal name and number, its center, the
    center's channel for notifications, and the center's name ("" when the central has none)."""

    terminal: str
    number: int
    center: str
    channel: str
    center_name: str = ""
    #: its center's level and the center above ("" at the top); at a joint window (of its
    #: center and the center above) the level of the center above, else ""
    level: str = ""
    above: str = ""
    joint_level: str = ""


class CentralLink:
    """One counter's login to the central (its own role: row-level security does the rest).

    The connection is opened on first use and kept; a connection that broke is opened again
    on the next call. Not for use from two threads at once.
    """

    def __init__(self, url: str) -> None:
        self._url = url
        self._open: psycopg.Connection | None = None
        self._registered: Registration | None = None

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        if self._open is None or self._open.closed:
            try:
                self._open = psycopg.connect(self._url, connect_timeout=CONNECT_TIMEOUT_S)
            # ProgrammingError: an address psycopg cannot read (a mistyped setting)
            except (psycopg.OperationalError, psycopg.ProgrammingError) as error:
                raise CentralUnreachable(_unreachable(self._url, error)) from error
        try:
            yield self._open
        except psycopg.OperationalError as error:
            self.close()
            raise CentralUnreachable(_unreachable(self._url, error)) from error

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
        self._open = None

    def registration(self) -> Registration:
        """What the central registered this login as (asked once per connection)."""
        with self._connection() as connection:
            if self._registered is None:
                with connection.transaction():
                    self._registered = registration(connection)
        return self._registered

    def check_terminal(self, terminal: str, number: int) -> None:
        """CentralError unless the central registered this login as `terminal` with this
        terminal number: events carry the terminal's name, and the central accepts only its
        own from each login; case numbers carry the number, unique in the center."""
        registered = self.registration()
        if (registered.terminal, registered.number) != (terminal, number):
            raise CentralError(
                msg(
                    "本终端在中心登记为 {registered}（{number} 号），本机设置为 {terminal}"
                    "（{local} 号）；请执行 onewindow register 按中心登记改正设置后再同步",
                    registered=registered.terminal,
                    number=registered.number,
                    terminal=terminal,
                    local=number,
                )
            )

    # ---- push ---------------------------------------------------------------------------

    def push(self, rows: Sequence[Row], terminal: str) -> list[Answer]:
        """Send `rows` (in local order); one answer per row, same order. Rows of the cases of
        another center (a joint window's, `center` in the row) go to that center, each
        center's in one transaction. The caller has checked the registration
        (`check_terminal`)."""
        registered = self.registration()
        by_center: dict[str, list[Row]] = {}
        for row in rows:
            by_center.setdefault(str(row.get("center") or registered.center), []).append(row)
        answers: dict[str, Answer] = {}
        for center, own in by_center.items():
            answers.update(self._push_to(center, own, terminal))
        return [answers[str(row["id"])] for row in rows]

    def _push_to(self, center: str, rows: Sequence[Row], terminal: str) -> dict[str, Answer]:
        registered = self.registration()
        with self._connection() as connection:
            notice = (registered.channel, _notice(terminal, len(rows)))
            if insert_whole(connection, rows, center, notice):
                return {
                    str(row["id"]): Answer(str(row["id"]), PushOutcome.ACCEPTED) for row in rows
                }
            with connection.transaction():
                answers = insert(connection, rows, center)
                there = [row for row in rows if str(row["id"]) not in answers]
                if there:  # ids the central already holds: the same event, or another
                    answers.update(already_there(connection, there))
                accepted = sum(1 for a in answers.values() if a.outcome is PushOutcome.ACCEPTED)
                if accepted:
                    connection.execute(
                        "SELECT pg_notify(%s, %s)",
                        (registered.channel, _notice(terminal, accepted)),
                    )
        return answers

    def push_audit(self, rows: Sequence[AuditRow]) -> dict[str, Message]:
        """Send audit entries (`app/sync/central_audit.py`); the reasons for those refused,
        by id."""
        with self._connection() as connection:
            return push_entries(connection, rows)

    def push_leave(self, rows: Sequence[LeaveRow]) -> dict[str, Message]:
        """Send leave events (`app/sync/central_audit.py`); the reasons for those refused,
        by id."""
        with self._connection() as connection:
            return push_rows(connection, LEAVE_INSERT, LEAVE_COLUMNS, rows)

    def leave_since(self, since: str) -> tuple[list[LeaveRow], str]:
        """The center's leave events received since `since`, and the next `since`."""
        with self._connection() as connection:
            return leave_since(connection, since)

    def push_tickets(self, rows: Sequence[TicketRow]) -> dict[str, Message]:
        """Send ticket events (`app/sync/central_tickets.py`); the reasons for those refused,
        by id."""
        with self._connection() as connection:
            return push_rows(connection, TICKET_INSERT, TICKET_COLUMNS, rows)

    def tickets_since(self, since: str) -> tuple[list[TicketRow], str]:
        """The center's ticket events received since `since`, and the next `since`."""
        with self._connection() as connection:
            return tickets_since(connection, since)

    def claim_ticket(self, row: TicketRow) -> bool:
        """One ticket event written on the central at once; False when its step was taken."""
        with self._connection() as connection:
            return claim(connection, row)

    def lease_numbers(self, queue: str, day: date, size: int) -> Block:
        """The next block of the center's numbers of `queue` on `day`, for this terminal."""
        with self._connection() as connection:
            return lease(connection, queue, day, size)

    def audit_entries(self, query: AuditQuery) -> list[AuditEntry]:
        """The center's audit trail as `query` asks for it, newest first."""
        with self._connection() as connection:
            return search_entries(connection, query)

    def push_directory(
        self, log: DirectoryLog, rows: Sequence[Row], terminal: str
    ) -> dict[str, Message]:
        """Send staff or window events (`app/sync/central_directory.py`); the reasons for
        those refused, by id."""
        channel = self.registration().channel
        with self._connection() as connection:
            return push_events(
                connection, log, rows, (channel, directory_notice(terminal, len(rows)))
            )

    # ---- pull ---------------------------------------------------------------------------

    def directory(self, window: Window) -> Directory:
        """The staff and window events of this center written in `window`."""
        with self._connection() as connection, _snapshot(connection):
            return read_directory(connection, window.cursor, window.horizon)

    def directory_events(self, ids: Sequence[str]) -> Directory:
        """The staff and window events of this center among `ids` (set aside before)."""
        with self._connection() as connection, _snapshot(connection):
            return read_events(connection, ids)

    def window(self, cursor: int) -> Window:
        """The next pull's window from `cursor` (`central_pull.read_window`)."""
        with self._connection() as connection, _snapshot(connection):
            return read_window(connection, cursor)

    def read_chunk(self, window: Window, after: Key | None, terminal: str, size: int) -> Chunk:
        """The next `size` events of `window` after `after` (`central_pull.read_chunk`). A
        pull reads the next chunk this way while it stores the one before."""
        registered = self.registration()
        joint = registered.above if registered.joint_level else None
        with self._connection() as connection, _snapshot(connection):
            return read_chunk(connection, window, after, terminal, size, registered.center, joint)

    def completed(self, chunk: Chunk, known: EventCounts, ahead: set[str]) -> Chunk:
        """`chunk` with the earlier events of its cases that this counter lacks
        (`central_pull.completed`)."""
        return completed(chunk, known, ahead, self._missing_before)

    def _missing_before(self, gaps: Sequence[Gap]) -> list[Row]:
        with self._connection() as connection, _snapshot(connection):
            return missing_before(connection, gaps)

    def checkpoints(self, after: int) -> list[Checkpoint]:
        """This terminal's signed checkpoints larger than `after` (row-level security shows a
        counter its own terminal's only)."""
        with self._connection() as connection, connection.transaction():
            rows = connection.execute(
                "SELECT center, terminal, size, root, signed_at, key, signature"
                " FROM central.checkpoints WHERE size > %s ORDER BY size",
                (after,),
            ).fetchall()
        return [Checkpoint(*row) for row in rows]

    def held_of(self, terminal: str) -> int:
        """How many events of `terminal` the central holds (what this counter pushed). The
        caller has checked the registration (`check_terminal`)."""
        with self._connection() as connection, _snapshot(connection):
            found = connection.execute(
                "SELECT count(*) FROM central.events WHERE terminal = %s", (terminal,)
            ).fetchone()
        return int(found[0]) if found else 0

    def own_cases(self, terminal: str, after_case: str, cases: int) -> list[Row]:
        """Every event of the next `cases` cases (by id, after `after_case`) that hold an
        event of `terminal`, in (case, position) order: one chunk of a restore, read in a
        transaction of its own. The caller has checked the registration (a restore syncs
        first)."""
        with self._connection() as connection, _snapshot(connection):
            return fetch(
                connection,
                # `= ANY (ARRAY(…))`, not `IN (…)`: PostgreSQL joined an IN by a scan of the
                # whole table, once per chunk; the array is looked up on the case index
                "case_id = ANY (ARRAY(SELECT DISTINCT case_id FROM central.events"
                " WHERE terminal = %s AND case_id > %s::uuid ORDER BY case_id LIMIT %s))"
                " ORDER BY case_id, position",
                (terminal, after_case, cases),
            )

    def reported_to_me(self) -> list[Row]:
        """The 上报件 sent up to this center (`central_disclosed.reported_to_me`)."""
        with self._connection() as connection, _snapshot(connection):
            return reported_to_me(connection)

    def full_case(self, case_id: str, asked_by: str, purpose: str) -> list[Row]:
        """Every event of one case of this center whole, in order, for a step that needs
        what the pull brought masked: the central records who asked and why
        (`central.full_case`); CentralError with its words when it refuses."""
        with self._connection() as connection:
            return disclosed(connection, "full_case", case_id, asked_by, purpose)

    def reported_case(self, case_id: str, asked_by: str, purpose: str) -> list[Row]:
        """Every event of one case sent up to this center whole, in order, each with its
        case's `center`: the central records who asked and why (`central.reported_case`)."""
        with self._connection() as connection:
            return disclosed(connection, "reported_case", case_id, asked_by, purpose)

    def events_of_center(self) -> Iterator[Row]:
        """Every event this counter reads, each with its case's `center`: its center's and, at
        a joint window, its cases of the center above (for `verify --central`)."""
        with (
            self._connection() as connection,
            _snapshot(connection),
            connection.cursor(name="verify") as cursor,
        ):
            cursor.itersize = 5_000
            cursor.execute(f"SELECT center, {SELECT_COLUMNS} FROM {EVENTS_VIEW}")
            for center, *values in cursor:
                yield {"center": center, **dict(zip(EVENT_FIELDS, values, strict=True))}


@contextmanager
def _snapshot(connection: psycopg.Connection) -> Iterator[None]:
    """A read-only transaction that sees one snapshot throughout."""
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def registration(connection: psycopg.Connection) -> Registration:
    """What the central registered this login as; CentralError when it did not."""
    found = connection.execute(
        "SELECT t.name, t.number, t.center, central.events_channel(), c.name, c.level,"
        " c.parent, j.level FROM central.terminals t"
        " LEFT JOIN central.centers c ON c.code = t.center"
        " LEFT JOIN central.centers j ON j.code = t.joint_center"
        " WHERE t.role_name = current_user AND t.active"
    ).fetchone()
    if found is None:
        raise CentralError(msg("本终端的登录在中心没有登记或已停用，请联系中心管理员"))
    name, number, center, channel, *rest = found
    return Registration(
        str(name), int(number), str(center), str(channel), *(str(v or "") for v in rest)
    )


def _notice(terminal: str, events: int) -> str:
    """What the center's listeners are told: who pushed, how many events arrived."""
    return json.dumps({"terminal": terminal, "events": events})


def _unreachable(url: str, error: psycopg.Error) -> Message:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "password authentication failed" in text:
        return msg("中心数据库拒绝登录（用户名或密码不对）：{url}", url=safe_url(url))
    return msg("无法连接中心数据库 {url}：{reason}", url=safe_url(url), reason=text)
