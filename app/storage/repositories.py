"""Repositories: the only code that turns rows into domain objects and back (cases and their
events in `app.storage.case_repository`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain.calendar import YearSchedule
from app.domain.catalog import Department, Item
from app.domain.events import EVENT_FIELDS
from app.domain.messages import Message, stored, to_json
from app.domain.print_jobs import PrintJob
from app.domain.sync import Direction, PushOutcome, Quarantined
from app.storage.case_repository import EVENTS
from app.storage.tables import (
    CalendarYearRow,
    CaseCenterRow,
    CaseSummaryRow,
    DepartmentRow,
    ItemRow,
    PrintJobRow,
    QuarantineRow,
    SyncMarkRow,
)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class CatalogRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def departments(self) -> list[Department]:
        rows = self._session.scalars(select(DepartmentRow).order_by(DepartmentRow.code))
        return [Department.from_dict(json.loads(r.data)) for r in rows]

    def items(self) -> list[Item]:
        rows = self._session.scalars(select(ItemRow).order_by(ItemRow.ordinal))
        return [Item.from_dict(json.loads(r.data)) for r in rows]

    def holds_items(self) -> bool:
        """Whether the store holds any item, read without parsing one."""
        return self._session.scalar(select(ItemRow.code).limit(1)) is not None

    def item(self, code: str) -> Item | None:
        row = self._session.get(ItemRow, code)
        return Item.from_dict(json.loads(row.data)) if row else None

    def most_received(self, limit: int) -> list[str]:
        """The codes of the items with the most cases in this store, most first (the
        kiosk's common items of this hall)."""
        count = func.count()
        rows = self._session.execute(
            select(CaseSummaryRow.item_code, count)
            .group_by(CaseSummaryRow.item_code)
            .order_by(count.desc(), CaseSummaryRow.item_code)
            .limit(limit)
        )
        return [code for code, _ in rows]

    def replace_all(self, departments: Sequence[Department], items: Sequence[Item]) -> None:
        self._session.execute(delete(ItemRow))
        self._session.execute(delete(DepartmentRow))
        self._session.add_all(
            DepartmentRow(code=d.code, data=_dumps(d.to_dict())) for d in departments
        )
        self._session.add_all(
            ItemRow(
                code=item.code,
                name=item.name,
                department=item.department,
                ordinal=ordinal,
                data=_dumps(item.to_dict()),
            )
            for ordinal, item in enumerate(items)
        )


class CalendarRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def schedules(self) -> list[YearSchedule]:
        rows = self._session.scalars(select(CalendarYearRow).order_by(CalendarYearRow.year))
        return [YearSchedule.from_json(json.loads(r.data)) for r in rows]

    def save(self, schedule: YearSchedule, loaded_at: datetime) -> None:
        self._session.merge(
            CalendarYearRow(
                year=schedule.year,
                data=_dumps(schedule.to_json()),
                loaded_at=loaded_at.isoformat(timespec="seconds"),
            )
        )


class PrintJobRepository:
    """The reprint queue of this terminal."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, job: PrintJob) -> None:
        self._session.add(
            PrintJobRow(
                id=str(job.id),
                case_no=job.case_no,
                kind=job.kind,
                queued_at=job.queued_at.isoformat(timespec="seconds"),
                queued_by=job.queued_by,
                reason=to_json(job.reason),
                attempts=job.attempts,
                done_at=None,
            )
        )

    def waiting(self) -> list[PrintJob]:
        rows = self._session.scalars(
            select(PrintJobRow).where(PrintJobRow.done_at.is_(None)).order_by(PrintJobRow.queued_at)
        )
        return [_print_job(row) for row in rows]

    def get(self, job_id: UUID) -> PrintJob | None:
        row = self._session.get(PrintJobRow, str(job_id))
        return _print_job(row) if row else None

    def failed_again(self, job_id: UUID, reason: Message) -> None:
        row = self._session.get_one(PrintJobRow, str(job_id))
        row.attempts += 1
        row.reason = to_json(reason)

    def done(self, job_id: UUID, at: datetime) -> None:
        row = self._session.get_one(PrintJobRow, str(job_id))
        row.done_at = at.isoformat(timespec="seconds")


def _print_job(row: PrintJobRow) -> PrintJob:
    return PrintJob(
        id=UUID(row.id),
        case_no=row.case_no,
        kind=row.kind,
        queued_at=datetime.fromisoformat(row.queued_at),
        queued_by=row.queued_by,
        reason=stored(row.reason),  # plain text in rows older than messages: shown as it is
        attempts=row.attempts,
        done_at=datetime.fromisoformat(row.done_at) if row.done_at else None,
    )


#: The mark a store behind the central carries: "central/local" counts of this terminal's
#: events, or empty when the store holds all the central does.
MISSING_OWN = "missing_own"


class SyncRepository:
    """How far sync has come, the events waiting to go up, and the quarantine."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def mark(self, name: str) -> str | None:
        return self._session.scalar(select(SyncMarkRow.value).where(SyncMarkRow.name == name))

    def marks(self) -> dict[str, str]:
        """Every mark, in one read (the table holds a handful of rows)."""
        return {row.name: row.value for row in self._session.scalars(select(SyncMarkRow))}

    def set_marks(self, marks: dict[str, str]) -> None:
        statement = sqlite_insert(SyncMarkRow)
        self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["name"], set_={"value": statement.excluded.value}
            ),
            [{"name": name, "value": value} for name, value in marks.items()],
        )

    def missing_own(self) -> tuple[int, int] | None:
        """(held at the central, held here) of this terminal's pushed events when the central
        holds more than this store (it was emptied or replaced by an older copy), else None."""
        value = self.mark(MISSING_OWN)
        if not value:
            return None
        central, local = value.split("/")
        return int(central), int(local)

    def set_missing_own(self, central: int, local: int) -> None:
        self.set_marks({MISSING_OWN: f"{central}/{local}" if central > local else ""})

    def outbox(
        self, terminal: str, after_seq: int, limit: int
    ) -> list[tuple[int, dict[str, object]]]:
        """This terminal's events after `after_seq`, in local order, with their seq; an
        event of a case of another center (a joint window's) carries that `center`."""
        columns = [EVENTS.c[name] for name in EVENT_FIELDS]
        rows = self._session.execute(
            select(EVENTS.c.seq, *columns, CaseCenterRow.center)
            .outerjoin(CaseCenterRow, CaseCenterRow.case_id == EVENTS.c.case_id)
            .where(EVENTS.c.seq > after_seq, EVENTS.c.terminal == terminal)
            .order_by(EVENTS.c.seq)
            .limit(limit)
        )
        return [
            (
                row[0],
                dict(zip(EVENT_FIELDS, row[1:-1], strict=True))
                | ({"center": row[-1]} if row[-1] else {}),
            )
            for row in rows
        ]

    def belongs_to(self, case_id: UUID, center: str) -> None:
        """Note that the case `case_id` is `center`'s (a joint window's case of the center
        above): its events go there."""
        self._session.add(CaseCenterRow(case_id=str(case_id), center=center))

    def waiting(self, terminal: str, after_seq: int) -> int:
        return (
            self._session.scalar(
                select(func.count())
                .select_from(EVENTS)
                .where(EVENTS.c.seq > after_seq, EVENTS.c.terminal == terminal)
            )
            or 0
        )

    def waiting_ids(self, terminal: str, after_seq: int) -> list[tuple[int, str]]:
        """(seq, id) of this terminal's events after `after_seq`, in local order."""
        rows = self._session.execute(
            select(EVENTS.c.seq, EVENTS.c.id)
            .where(EVENTS.c.seq > after_seq, EVENTS.c.terminal == terminal)
            .order_by(EVENTS.c.seq)
        )
        return [(int(seq), str(event_id)) for seq, event_id in rows]

    def delivered(self, terminal: str, through_seq: int) -> int:
        """How many of this terminal's events up to `through_seq` the central took (pushed,
        not refused): as many as the central holds of this terminal, unless this store lost
        some."""
        refused = select(QuarantineRow.event_id).where(
            QuarantineRow.direction == Direction.PUSH.value
        )
        return (
            self._session.scalar(
                select(func.count())
                .select_from(EVENTS)
                .where(
                    EVENTS.c.seq <= through_seq,
                    EVENTS.c.terminal == terminal,
                    EVENTS.c.id.not_in(refused),
                )
            )
            or 0
        )

    def event_counts(self, case_ids: Iterable[str]) -> dict[str, int]:
        """How many events this store holds of each of these cases (absent: none)."""
        keys = list(case_ids)
        counts: dict[str, int] = {}
        for start in range(0, len(keys), 500):
            rows = self._session.execute(
                select(EVENTS.c.case_id, func.count())
                .where(EVENTS.c.case_id.in_(keys[start : start + 500]))
                .group_by(EVENTS.c.case_id)
            )
            counts.update({case_id: count for case_id, count in rows})
        return counts

    def all_events(self) -> Iterator[dict[str, object]]:
        columns = [EVENTS.c[name] for name in EVENT_FIELDS]
        for row in self._session.execute(select(*columns).order_by(EVENTS.c.seq)):
            yield dict(zip(EVENT_FIELDS, row, strict=True))

    def quarantine(self, held: Sequence[Quarantined]) -> None:
        """Keep these events aside; one already held stays as first held."""
        if not held:
            return
        statement = sqlite_insert(QuarantineRow).on_conflict_do_nothing()
        self._session.execute(
            statement,
            [
                {
                    "event_id": q.event_id,
                    "direction": q.direction.value,
                    "case_id": q.case_id,
                    "position": q.position,
                    "outcome": q.outcome.value,
                    "reason": to_json(q.reason),
                    "at": q.at.isoformat(timespec="microseconds"),
                    "event": _dumps(q.event),
                }
                for q in held
            ],
        )

    def quarantined(self) -> list[Quarantined]:
        rows = self._session.scalars(select(QuarantineRow).order_by(QuarantineRow.at))
        return [
            Quarantined(
                event_id=row.event_id,
                case_id=row.case_id,
                position=row.position,
                direction=Direction(row.direction),
                outcome=PushOutcome(row.outcome),
                reason=stored(row.reason),
                at=datetime.fromisoformat(row.at),
                event=json.loads(row.event),
            )
            for row in rows
        ]

    def quarantined_count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(QuarantineRow)) or 0
