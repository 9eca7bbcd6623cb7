"""Writing one staff event: the next in the person's log, folded into the staff table, with
its audit entry, all in the caller's unit of work (so that none is stored without the
others); and the password hashes both the sign-in and the administrator's changes make."""

from __future__ import annotations

from uuid import uuid4

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.staff import StaffMember, apply
from app.domain.staff_events import StaffChange, StaffEvent
from app.services.audit import AuditTrail
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWork

#: Who acts when no one is signed in yet (the first set-up, the demo).
SET_UP = "system"


class Passwords:
    """argon2 hashes; a hash never leaves the services."""

    def __init__(self) -> None:
        self._hasher = PasswordHasher()

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, member: StaffMember, password: str) -> bool:
        try:
            return self._hasher.verify(member.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


class StaffLog:
    """Appends staff events at this terminal, stamped with the clock's time."""

    def __init__(self, clock: Clock, terminal: str, audit: AuditTrail) -> None:
        self._clock = clock
        self._terminal = terminal
        self._audit = audit

    def write(
        self,
        uow: UnitOfWork,
        username: str,
        member: StaffMember | None,
        change: StaffChange,
        actor: str,
        details: dict[str, str] | None = None,
    ) -> StaffMember:
        """Append `change` after `member` (None: the account is new), and its audit entry
        (with `details`: never a password or a hash); the account after it."""
        event = StaffEvent(
            id=uuid4(),
            username=username,
            version=1 if member is None else member.version + 1,
            at=self._clock.now(),
            actor=actor,
            terminal=self._terminal,
            change=change,
        )
        after = apply(member, event)
        uow.staff.append(event, after)
        uow.audit.add(self._audit.entry(actor, event.action, username, details))
        return after
