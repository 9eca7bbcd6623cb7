"""Cases: their events (append-only) and the summaries derived from them, as rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, func, literal_column, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain.applicant import Applicant
from app.domain.case import Case, CaseStatus
from app.domain.events import EVENT_FIELDS, Event, event_from_row
from app.domain.roles import Role
from app.domain.summary import CaseSummary
from app.storage.tables import APPLICANT_ID, CaseNumberRow, CaseSummaryRow, EventRow

#: The events table for plain Core inserts: appending thousands of events skips the ORM.
EVENTS = cast(Table, EventRow.__table__)


def event_values(event: Event) -> tuple[object, ...]:
    """An event's stored fields, in the order of `EVENT_FIELDS` (as read, for one read
    from a row whose texts are canonical)."""
    if event.stored_row:
        return event.stored_row
    return (
        str(event.id),
        str(event.case_id),
        event.position,
        str(event.kind),
        event.payload_json,
        event.actor,
        event.window,
        event.terminal,
        event.at.isoformat(timespec="microseconds"),
        event.prev_hash,
        event.hash,
        event.digest,
    )


def event_to_row(event: Event) -> dict[str, object]:
    return dict(zip(EVENT_FIELDS, event_values(event), strict=True))


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _insert(table: str, columns: Sequence[str], upsert_on: str | None = None) -> str:
    """An INSERT of one row's values in `columns` order, as SQL text (run with many rows at
    once through the driver: SQLAlchemy's statement building was most of a bulk insert);
    `upsert_on`: the key whose row a new one replaces."""
    sql = f"INSERT INTO {table} ({_names(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    if upsert_on is None:
        return sql
    update = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != upsert_on)
    return f"{sql} ON CONFLICT ({upsert_on}) DO UPDATE SET {update}"


@dataclass(frozen=True)
class UnreadableRow:
    """An event row whose fields no longer parse (an id that is no UUID, a time that is no
    time): `verify` names it by its position."""

    position: object


#: The stored fields of an event, selected as plain rows: folding a list of cases reads
#: hundreds of events, and building ORM objects only to copy their fields out cost half of it.
EVENT_COLUMNS = [EVENTS.c[name] for name in EVENT_FIELDS]


#: A summary row's columns, in the order `summary_values` gives them.
SUMMARY_COLUMNS = (
    "case_id",
    "case_no",
    "item_code",
    "item_name",
    "department",
    "applicant_name",
    "applicant_masked_id",
    "received_by",
    "window",
    "received_at",
    "status",
    "due_date",
    "events",
    "last_event_at",
    "waits_for",
)
_INSERT_EVENTS = _insert("events", EVENT_FIELDS)
#: What `verify` reads, as SQL text with the cases' placeholders to fill (`_driver_rows`).
_STORED_EVENTS = (
    f"SELECT {_names(EVENT_FIELDS)} FROM events WHERE case_id IN ({{keys}})"
    " ORDER BY case_id, position"
)
_STORED_SUMMARIES = (
    f"SELECT {_names(SUMMARY_COLUMNS)} FROM case_summaries WHERE case_id IN ({{keys}})"
)
_CASE_ID, _POSITION = EVENT_FIELDS.index("case_id"), EVENT_FIELDS.index("position")
_UPSERT_SUMMARIES = _insert("case_summaries", SUMMARY_COLUMNS, upsert_on="case_id")


def summary_values(case: Case, due: date | None) -> tuple[object, ...]:
    """The summary of a case, in `SUMMARY_COLUMNS` order; `due` only while its completion
    clock runs."""
    first = case.events[0]
    return (
        str(case.case_id),
        case.case_no,
        case.terms.item_code,
        case.terms.item_name,
        case.terms.department,
        case.applicant.name,
        case.applicant.masked_id,
        first.actor,
        first.window,
        first.at.isoformat(timespec="microseconds"),
        case.status.value,
        due.isoformat() if due else None,
        len(case.events),
        case.events[-1].at.isoformat(timespec="microseconds"),
        waits_for(case),
    )


def summary_row(case: Case, due: date | None) -> dict[str, object]:
    """The summary row of a case, by column."""
    return dict(zip(SUMMARY_COLUMNS, summary_values(case, due), strict=True))


def waits_for(case: Case) -> str | None:
    """The role whose decision the case waits for now (the chief's desk lists them)."""
    if not case.awaiting_decision or case.is_parent:
        return None
    return case.terms.flow[case.terms.decision_step].role.value


class CaseRepository:
    """Cases: their events (append-only) and the summaries derived from them."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, case: Case, due: date | None) -> None:
        """Write the case's pending events and its refreshed summary, in this unit of work;
        `due` is the due date while its completion clock runs. A case with nothing pending is
        left as stored."""
        self.save_all([(case, due)])

    def save_all(self, cases: Iterable[tuple[Case, date | None]]) -> None:
        """`save` for many cases at once (one-form fan-out, demo history, a sync batch)."""
        events: list[tuple[object, ...]] = []
        summaries: list[tuple[object, ...]] = []
        for case, due in cases:
            pending = case.take_pending()
            if pending:
                events.extend(event_values(e) for e in pending)
                summaries.append(summary_values(case, due))
        if events:
            self._session.connection().exec_driver_sql(_INSERT_EVENTS, events)
        self._save_summaries(summaries)

    def _save_summaries(self, rows: Sequence[tuple[object, ...]]) -> None:
        if rows:
            self._session.connection().exec_driver_sql(_UPSERT_SUMMARIES, rows)

    def events_of(self, case_id: UUID) -> list[Event]:
        rows = self._session.execute(
            select(*EVENT_COLUMNS)
            .where(EVENTS.c.case_id == str(case_id))
            .order_by(EVENTS.c.position)
        )
        return [event_from_row(row) for row in rows]

    def latest_applicant(self, id_number: str) -> Applicant | None:
        """The person as last received with this ID number (a scan of the receipts)."""
        payload = self._session.scalar(
            select(EventRow.payload)  # spelt as ix_events_applicant_id is, so SQLite uses it
            .where(text("kind = 'received'"))
            .where(literal_column(APPLICANT_ID) == id_number)
            .where(func.json_extract(EventRow.payload, "$.applicant.kind") == "person")
            .order_by(EventRow.seq.desc())
            .limit(1)
        )
        return Applicant.from_dict(json.loads(payload)["applicant"]) if payload else None

    def events_of_many(self, case_ids: Iterable[UUID]) -> dict[UUID, list[Event]]:
        keys = [str(c) for c in case_ids]
        grouped: dict[UUID, list[Event]] = {UUID(k): [] for k in keys}
        for start in range(0, len(keys), 500):
            rows = self._session.execute(
                select(*EVENT_COLUMNS)
                .where(EVENTS.c.case_id.in_(keys[start : start + 500]))
                .order_by(EVENTS.c.case_id, EVENTS.c.position)
            )
            for row in rows:
                event = event_from_row(row)
                grouped[event.case_id].append(event)
        return grouped

    def case_id_of(self, case_no: str) -> UUID | None:
        found = self._session.scalar(
            select(CaseSummaryRow.case_id).where(CaseSummaryRow.case_no == case_no.strip())
        )
        return UUID(found) if found else None

    def event_counts(self) -> dict[UUID, tuple[str, int]]:
        """Each case's number and how many events its summary counted."""
        rows = self._session.execute(
            select(CaseSummaryRow.case_id, CaseSummaryRow.case_no, CaseSummaryRow.events)
        )
        return {UUID(case_id): (case_no, count) for case_id, case_no, count in rows}

    def all_case_ids(self) -> list[UUID]:
        return [UUID(c) for c in self._session.scalars(select(EventRow.case_id).distinct())]

    # ---- what `verify` reads: every row as stored, whatever it holds --------------------

    def stored_case_ids(self) -> list[str]:
        """Every case id the events or the summaries name, as stored (not parsed)."""
        ids = select(EventRow.case_id).union(select(CaseSummaryRow.case_id))
        return sorted(self._session.scalars(ids))

    def stored_logs(self, case_ids: Sequence[str]) -> dict[str, list[Event | UnreadableRow]]:
        """The events of these cases in order; a row that is not an event any more (a field
        that does not parse) is given as an `UnreadableRow`, never raised."""
        logs: dict[str, list[Event | UnreadableRow]] = {key: [] for key in case_ids}
        for row in self._driver_rows(_STORED_EVENTS, case_ids):
            try:
                event: Event | UnreadableRow = event_from_row(row)
            except (TypeError, ValueError):
                event = UnreadableRow(row[_POSITION])
            logs[str(row[_CASE_ID])].append(event)
        return logs

    def stored_summaries(self, case_ids: Sequence[str]) -> dict[str, dict[str, object]]:
        """The summary rows of these cases as stored, by case id."""
        rows = self._driver_rows(_STORED_SUMMARIES, case_ids)
        return {row[0]: dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in rows}

    def _driver_rows(self, query: str, keys: Sequence[str]) -> list[tuple[Any, ...]]:
        """The rows of `query` (SQL text with one `{keys}` for `keys`' placeholders), as the
        driver gives them, in this unit of work's transaction: `verify` reads every row of
        the store, and SQLAlchemy's statement and rows were a fifth of its time."""
        sql = query.format(keys=", ".join("?" * len(keys)))
        driver = self._session.connection().connection.driver_connection
        return driver.execute(sql, tuple(keys)).fetchall()  # type: ignore[union-attr]

    def log_position(self) -> tuple[int, int]:
        """(the last event's seq, how many events): where the log stands, for `verify`'s mark."""
        row = self._session.execute(select(func.coalesce(func.max(EVENTS.c.seq), 0), func.count()))
        last, count = row.one()
        return int(last), int(count)

    def events_through(self, seq: int) -> int:
        """How many events have a seq up to `seq`: all of them (counted on an index) less the
        few after it (counting the range itself would read every row of the log)."""
        after = select(func.count()).select_from(EVENTS).where(EVENTS.c.seq > seq)
        return self.log_position()[1] - (self._session.scalar(after) or 0)

    def cases_written_after(self, seq: int) -> list[str]:
        """The cases, as stored, with an event whose seq is past `seq`."""
        query = select(EVENTS.c.case_id).where(EVENTS.c.seq > seq).distinct()
        return sorted(self._session.scalars(query))

    def cases_written_by(self, terminal: str, start: str, end: str) -> list[str]:
        """The cases, as stored, with an event of `terminal` stamped from `start` up to `end`
        (ISO 8601 text, compared as stored: the caller leaves a margin for other offsets)."""
        query = (
            select(EVENTS.c.case_id)
            .where(EVENTS.c.terminal == terminal, EVENTS.c.at >= start, EVENTS.c.at < end)
            .distinct()
        )
        return sorted(self._session.scalars(query))

    def short_sequences(self) -> dict[str, int]:
        """The number counters (prefix: last handed out) whose numbers 1…last are not all
        held by a summary, counted in SQLite on the case number's index."""
        query = text(
            "SELECT n.prefix, n.last FROM case_numbers AS n LEFT JOIN case_summaries AS s"
            " ON s.case_no > n.prefix AND s.case_no < n.prefix || ':'"
            " AND CAST(substr(s.case_no, length(n.prefix) + 1) AS INTEGER) BETWEEN 1 AND n.last"
            " AND s.case_no = n.prefix"
            " || printf('%03d', CAST(substr(s.case_no, length(n.prefix) + 1) AS INTEGER))"
            " GROUP BY n.prefix, n.last HAVING count(s.case_no) < n.last"
        )
        return {prefix: last for prefix, last in self._session.execute(query)}

    def case_numbers_under(self, prefixes: Iterable[str]) -> set[str]:
        """The case numbers of the summaries held under these prefixes."""
        held: set[str] = set()
        for prefix in prefixes:
            within = (CaseSummaryRow.case_no > prefix) & (CaseSummaryRow.case_no < prefix + ":")
            held.update(self._session.scalars(select(CaseSummaryRow.case_no).where(within)))
        return held

    def append_only_guards(self) -> set[str]:
        """The names of the triggers that keep the events append-only, as they stand."""
        query = text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
        )
        return set(self._session.scalars(query))

    def summaries(
        self,
        *,
        departments: Iterable[str] | None = None,
        received_by: str | None = None,
        statuses: Iterable[CaseStatus] | None = None,
        item_codes: Iterable[str] | None = None,
        limit: int | None = 200,
    ) -> list[CaseSummary]:
        """The newest summaries matching every filter given (`limit` None: all of them)."""
        query = select(CaseSummaryRow).order_by(CaseSummaryRow.received_at.desc()).limit(limit)
        if departments is not None:
            query = query.where(CaseSummaryRow.department.in_(list(departments)))
        if received_by is not None:
            query = query.where(CaseSummaryRow.received_by == received_by)
        if statuses is not None:
            query = query.where(CaseSummaryRow.status.in_([s.value for s in statuses]))
        if item_codes is not None:
            query = query.where(CaseSummaryRow.item_code.in_(list(item_codes)))
        return [_summary(row) for row in self._session.scalars(query)]

    def waiting_for(
        self,
        role: Role,
        department: str | None,
        item_codes: Iterable[str],
        limit: int,
        offset: int = 0,
    ) -> tuple[list[CaseSummary], int]:
        """`limit` cases of the department waiting for this role's decision from the `offset`-th,
        earliest due first, and how many there are in all (ix_case_summaries_waits_for)."""
        where = [
            CaseSummaryRow.department == department,
            CaseSummaryRow.waits_for == role.value,
            CaseSummaryRow.item_code.in_(list(item_codes)),
        ]
        query = (
            select(CaseSummaryRow)
            .where(*where)
            # a case waiting for a decision has a due date; the number keeps pages apart
            .order_by(CaseSummaryRow.due_date, CaseSummaryRow.case_no)
            .offset(offset)
            .limit(limit)
        )
        total = self._session.scalar(select(func.count()).select_from(CaseSummaryRow).where(*where))
        return [_summary(row) for row in self._session.scalars(query)], total or 0

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(CaseSummaryRow)) or 0

    def case_numbers(self, case_ids: Iterable[str]) -> dict[str, str]:
        """The case number of each of these cases this store holds."""
        keys = list(case_ids)
        rows = self._session.execute(
            select(CaseSummaryRow.case_id, CaseSummaryRow.case_no).where(
                CaseSummaryRow.case_id.in_(keys)
            )
        )
        return {case_id: case_no for case_id, case_no in rows}

    def sequences(self) -> dict[str, int]:
        return {r.prefix: r.last for r in self._session.scalars(select(CaseNumberRow))}

    def raise_sequences(self, last: dict[str, int]) -> None:
        """Record numbers handed out in bulk (demo history), never lowering a counter."""
        if not last:
            return
        statement = sqlite_insert(CaseNumberRow)
        self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["prefix"],
                set_={"last": func.max(CaseNumberRow.last, statement.excluded.last)},
            ),
            [{"prefix": p, "last": n} for p, n in last.items()],
        )

    def next_sequence(self, prefix: str) -> int:
        """The next number for a terminal's day; the row lock holds until commit."""
        statement = (
            sqlite_insert(CaseNumberRow)
            .values(prefix=prefix, last=1)
            .on_conflict_do_update(index_elements=["prefix"], set_={"last": CaseNumberRow.last + 1})
            .returning(CaseNumberRow.last)
        )
        return int(self._session.execute(statement).scalar_one())


def _summary(row: CaseSummaryRow) -> CaseSummary:
    return CaseSummary(
        case_id=UUID(row.case_id),
        case_no=row.case_no,
        item_code=row.item_code,
        item_name=row.item_name,
        department=row.department,
        applicant_name=row.applicant_name,
        applicant_masked_id=row.applicant_masked_id,
        received_by=row.received_by,
        window=row.window,
        received_at=datetime.fromisoformat(row.received_at),
        status=CaseStatus(row.status),
        due_date=date.fromisoformat(row.due_date) if row.due_date else None,
        events=row.events,
        last_event_at=datetime.fromisoformat(row.last_event_at),
    )
