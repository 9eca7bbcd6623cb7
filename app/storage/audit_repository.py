"""The audit trail as stored: appended, read back by what an auditor searches on."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit import AuditAction, AuditEntry
from app.storage.tables import AuditEntryRow


@dataclass(frozen=True)
class AuditQuery:
    """What to look for; None (or "") matches everything. `since` and `until` bound `at`
    (until excluded)."""

    actor: str = ""
    terminal: str = ""
    action: AuditAction | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 1000


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, entry: AuditEntry) -> None:
        self._session.add(
            AuditEntryRow(
                id=str(entry.id),
                at=entry.at.isoformat(),
                actor=entry.actor,
                terminal=entry.terminal,
                action=entry.action.value,
                subject=entry.subject,
                details=json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
            )
        )
        self._session.flush()

    def search(self, query: AuditQuery) -> list[AuditEntry]:
        """The newest entries first."""
        found = select(AuditEntryRow).order_by(AuditEntryRow.seq.desc()).limit(query.limit)
        if query.actor:
            found = found.where(AuditEntryRow.actor == query.actor)
        if query.terminal:
            found = found.where(AuditEntryRow.terminal == query.terminal)
        if query.action is not None:
            found = found.where(AuditEntryRow.action == query.action.value)
        if query.since is not None:
            found = found.where(AuditEntryRow.at >= query.since.isoformat())
        if query.until is not None:
            found = found.where(AuditEntryRow.at < query.until.isoformat())
        return [_entry(row) for row in self._session.scalars(found)]


def _entry(row: AuditEntryRow) -> AuditEntry:
    return AuditEntry(
        id=UUID(row.id),
        at=datetime.fromisoformat(row.at),
        actor=row.actor,
        terminal=row.terminal,
        action=AuditAction(row.action),
        subject=row.subject,
        details=json.loads(row.details),
    )
