"""The lock after wrong passwords in a row, read from the person's audit entries."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4

from app.domain.audit import AuditAction, AuditEntry
from app.domain.events import CHINA_TIME
from app.domain.login_lock import LOCKED_UNTIL, WHILE_LOCKED, lock_after, streak

NOW = datetime(2026, 12, 7, 10, 20, tzinfo=CHINA_TIME)


def entry(action: AuditAction, minutes_ago: float, **details: str) -> AuditEntry:
    at = NOW - timedelta(minutes=minutes_ago)
    return AuditEntry(uuid4(), at, "wangxy", "counter-01", action, "", dict(details))


FAILED = AuditAction.LOGIN_FAILED


def test_failures_count_back_to_the_last_sign_in() -> None:
    entries = [entry(FAILED, 1), entry(FAILED, 2), entry(AuditAction.LOGIN, 3), entry(FAILED, 4)]
    found = streak(entries, NOW, None)
    assert (found.failures, found.locked_until) == (2, None)
    assert found.delay() == 3.0  # the next wrong one is the third: answered after 3 s


def test_a_lock_in_force_and_one_run_out() -> None:
    until = (NOW + timedelta(minutes=5)).isoformat()
    locked = [
        entry(FAILED, 0.5, **{WHILE_LOCKED: "1"}),
        entry(AuditAction.ACCOUNT_LOCKED, 10, **{LOCKED_UNTIL: until}),
    ]
    assert streak(locked, NOW, None).locked_until == NOW + timedelta(minutes=5)
    past = (NOW - timedelta(minutes=1)).isoformat()
    run_out = [
        entry(FAILED, 0.5),
        entry(AuditAction.ACCOUNT_LOCKED, 16, **{LOCKED_UNTIL: past}),
        entry(FAILED, 17),
    ]
    found = streak(run_out, NOW, None)
    assert (found.failures, found.locked_until) == (1, None)


def test_an_unlock_ends_the_streak() -> None:
    entries = [entry(FAILED, 1), entry(FAILED, 5), entry(FAILED, 6)]
    assert streak(entries, NOW, NOW - timedelta(minutes=2)).failures == 1


def test_the_lock_begins_at_the_limit() -> None:
    assert lock_after(4, 5, NOW, 15) is None
    assert lock_after(5, 5, NOW, 15) == NOW + timedelta(minutes=15)
