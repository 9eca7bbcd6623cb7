"""Writing and searching the audit trail (`app.domain.audit`).

A change and its audit entry are written in the same unit of work: a service that changes
staff, windows or settings adds `trail.entry(...)` to `uow.audit` before it commits, so
neither is stored without the other. What stands alone (a login, a failed login) is written
by `record`.
"""

from __future__ import annotations

from uuid import uuid4

from app.domain.audit import AuditAction, AuditEntry, AuditQuery
from app.domain.messages import msg
from app.domain.roles import Actor, Permission
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWorkFactory


class AuditTrail:
    def __init__(self, uow: UnitOfWorkFactory, terminal: str, clock: Clock) -> None:
        self._uow = uow
        self._terminal = terminal
        self._clock = clock

    def entry(
        self,
        actor: str,
        action: AuditAction,
        subject: str = "",
        details: dict[str, str] | None = None,
    ) -> AuditEntry:
        """A new entry, at this terminal, now: for the caller's own unit of work."""
        return AuditEntry(
            id=uuid4(),
            at=self._clock.now(),
            actor=actor,
            terminal=self._terminal,
            action=action,
            subject=subject,
            details=dict(details or {}),
        )

    def record(
        self,
        actor: str,
        action: AuditAction,
        subject: str = "",
        details: dict[str, str] | None = None,
    ) -> AuditEntry:
        """Write one entry in a unit of work of its own."""
        entry = self.entry(actor, action, subject, details)
        self.keep([entry])
        return entry

    def keep(self, entries: list[AuditEntry]) -> None:
        """Write entries made by `entry` together, in a unit of work of their own (what
        changed outside the store: the settings file, the central)."""
        with self._uow() as uow:
            for entry in entries:
                uow.audit.add(entry)
            uow.commit()

    def search(self, actor: Actor, query: AuditQuery) -> list[AuditEntry]:
        """The entries an administrator or a supervisor asks for, newest first."""
        actor.require(Permission.VIEW_ALL_CASES, msg("查看操作日志"))
        return self.read(query)

    def read(self, query: AuditQuery) -> list[AuditEntry]:
        """The entries, for a service that has checked its own permission (attendance)."""
        with self._uow.reading() as uow:
            return uow.audit.search(query)
