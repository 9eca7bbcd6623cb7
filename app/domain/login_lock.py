"""Locking an account after wrong passwords in a row, from the audit trail alone.

Nothing counts failures in place: the count is read back from the trail (a restart of the
program changes nothing). Walking a person's sign-in entries from the newest, the streak of
wrong passwords ends at a successful sign-in, at a lock that has run out, or at the moment an
administrator unlocked the account or reset its password. A wrong password typed while the
account is locked is recorded but does not lengthen the lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.audit import AuditAction, AuditEntry

#: Set in a LOGIN_FAILED entry's details when the account was locked at the time.
WHILE_LOCKED = "while_locked"
#: Set in an ACCOUNT_LOCKED entry's details: the end of the lock, ISO 8601.
LOCKED_UNTIL = "until"


@dataclass(frozen=True)
class LoginStreak:
    """Wrong passwords in a row so far, and the end of the lock in force (None: not locked)."""

    failures: int
    locked_until: datetime | None

    def delay(self) -> float:
        """Seconds to wait before answering the next wrong password: one more each time."""
        return float(min(self.failures + 1, 10))


def streak(entries: Iterable[AuditEntry], now: datetime, since: datetime | None) -> LoginStreak:
    """The streak `entries` (a person's entries as actor, newest first) show at `now`; other
    actions than signing in are passed over."""
    failures = 0
    for entry in entries:
        if entry.action is AuditAction.LOGIN or (since is not None and entry.at <= since):
            break
        if entry.action is AuditAction.ACCOUNT_LOCKED:
            until = datetime.fromisoformat(entry.details[LOCKED_UNTIL])
            return LoginStreak(failures, until if now < until else None)
        if entry.action is AuditAction.LOGIN_FAILED and WHILE_LOCKED not in entry.details:
            failures += 1
    return LoginStreak(failures, None)


def lock_after(failures: int, limit: int, now: datetime, minutes: int) -> datetime | None:
    """The end of the lock that `failures` wrong passwords in a row begin (None: no lock)."""
    return now + timedelta(minutes=minutes) if failures >= limit else None
