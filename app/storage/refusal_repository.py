"""The central's refusals of events pushed from here, as stored (`refusals`, append-only):
what the folds of the staff, window and leave logs leave out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain.messages import stored, to_json
from app.domain.refusals import Refusal, RefusedLog
from app.storage.tables import RefusalRow


class RefusalRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, refusals: Sequence[Refusal]) -> None:
        """Record these; one recorded already stays as first recorded."""
        if not refusals:
            return
        self._session.execute(
            sqlite_insert(RefusalRow).on_conflict_do_nothing(),
            [
                {
                    "event_id": str(refusal.event_id),
                    "log": refusal.log.value,
                    "subject": refusal.subject,
                    "position": refusal.position,
                    "reason": to_json(refusal.reason),
                    "at": refusal.at.isoformat(timespec="microseconds"),
                }
                for refusal in refusals
            ],
        )

    def ids(self, log: RefusedLog, subject: str | None = None) -> set[UUID]:
        """The refused events of `log` (of one subject's log if named)."""
        query = select(RefusalRow.event_id).where(RefusalRow.log == log.value)
        if subject is not None:
            query = query.where(RefusalRow.subject == subject)
        return {UUID(event_id) for event_id in self._session.scalars(query)}

    def all(self) -> list[Refusal]:
        """Every refusal, newest first."""
        rows = self._session.scalars(select(RefusalRow).order_by(RefusalRow.seq.desc()))
        return [
            Refusal(
                event_id=UUID(row.event_id),
                log=RefusedLog(row.log),
                subject=row.subject,
                position=row.position,
                reason=stored(row.reason),
                at=datetime.fromisoformat(row.at),
            )
            for row in rows
        ]
