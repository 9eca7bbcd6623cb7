"""The audit trail as stored: appended, read back by what an auditor searches on."""

from __future__ import annotations

import json
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit import AuditAction, AuditEntry, AuditQuery
from app.storage.tables import AuditEntryRow

__all__ = ["AuditQuery", "AuditRepository"]

#: An entry as it goes up to the central: its columns, `details` the stored JSON text.
AuditRow = dict[str, str]
AUDIT_COLUMNS = ("id", "at", "actor", "terminal", "action", "subject", "details")


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
        found = (
            select(AuditEntryRow)
            .order_by(AuditEntryRow.seq.desc())
            .limit(query.limit)
            .offset(query.offset)
        )
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
        return [entry_of(_columns(row)) for row in self._session.scalars(found)]

    def outbox(self, after: int, limit: int) -> list[tuple[int, AuditRow]]:
        """The entries after the local seq `after`, in order, with their seq: what the push
        sends next (every entry here was written at this terminal)."""
        found = self._session.scalars(
            select(AuditEntryRow)
            .where(AuditEntryRow.seq > after)
            .order_by(AuditEntryRow.seq)
            .limit(limit)
        )
        return [(row.seq, _columns(row)) for row in found]


def _columns(row: AuditEntryRow) -> AuditRow:
    return {name: getattr(row, name) for name in AUDIT_COLUMNS}


def entry_of(row: AuditRow) -> AuditEntry:
    """An entry from its columns (this store's, or the central's)."""
    return AuditEntry(
        id=UUID(row["id"]),
        at=datetime.fromisoformat(row["at"]),
        actor=row["actor"],
        terminal=row["terminal"],
        action=AuditAction(row["action"]),
        subject=row["subject"],
        details=json.loads(row["details"]),
    )
