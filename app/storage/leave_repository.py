"""Leave events as stored: appended, read back per request, per person or per department."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.leave import LeaveEvent, LeaveEventKind
from app.domain.refusals import RefusedLog, standing
from app.storage.pulled_logs import take_pulled, written_here
from app.storage.refusal_repository import RefusalRepository
from app.storage.tables import LeaveEventRow

#: An event as it goes up to the central: its columns as text.
LeaveRow = dict[str, str]
LEAVE_COLUMNS = (
    "id",
    "terminal",
    "request_id",
    "position",
    "kind",
    "at",
    "actor",
    "person",
    "department",
    "data",
)

log = logging.getLogger(__name__)


class LeaveRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: LeaveEvent) -> None:
        """Append; a position already taken fails the flush (the store's unique key)."""
        self._session.add(
            LeaveEventRow(
                id=str(event.id),
                request_id=str(event.request_id),
                position=event.position,
                kind=event.kind.value,
                at=event.at.isoformat(),
                actor=event.actor,
                terminal=event.terminal,
                person=event.person,
                department=event.department,
                data=json.dumps(event.data, ensure_ascii=False, sort_keys=True),
            )
        )
        self._session.flush()

    def events(
        self, request_id: UUID | None = None, person: str = "", department: str | None = None
    ) -> list[LeaveEvent]:
        """The events that stand (those the central refused left out) of one request, of one
        person's or of one department's requests (all when nothing is named), in order of
        request and position."""
        found = select(LeaveEventRow).order_by(LeaveEventRow.seq)
        if request_id is not None:
            found = found.where(LeaveEventRow.request_id == str(request_id))
        if person:
            found = found.where(LeaveEventRow.person == person)
        if department is not None:
            found = found.where(LeaveEventRow.department == department)
        rows = sorted(self._session.scalars(found), key=lambda r: (r.request_id, r.position))
        refused = RefusalRepository(self._session).ids(RefusedLog.LEAVE)
        return standing((_event(row) for row in rows), refused)

    def event(self, event_id: str) -> LeaveEvent | None:
        row = self._session.scalar(select(LeaveEventRow).where(LeaveEventRow.id == event_id))
        return _event(row) if row else None

    def take(self, rows: list[LeaveRow]) -> tuple[int, int]:
        """The events other counters wrote (`take_pulled`): (how many were new, how many
        were left out, their place taken by a decision made here)."""
        return take_pulled(self._session, LeaveEventRow, rows)

    def outbox(self, after: int, limit: int) -> list[tuple[int, LeaveRow]]:
        """What the push sends next (`written_here`)."""
        return written_here(self._session, LeaveEventRow, LEAVE_COLUMNS, after, limit)


def _event(row: LeaveEventRow) -> LeaveEvent:
    return LeaveEvent(
        id=UUID(row.id),
        request_id=UUID(row.request_id),
        position=row.position,
        kind=LeaveEventKind(row.kind),
        at=datetime.fromisoformat(row.at),
        actor=row.actor,
        terminal=row.terminal,
        person=row.person,
        department=row.department,
        data=json.loads(row.data),
    )
