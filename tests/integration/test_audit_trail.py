"""The audit trail on a real store: logins and failed logins are written, entries are
searched by person, terminal, action and date, and none can be changed or removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.audit import AuditAction
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, PermissionDenied, Role
from app.domain.staff_events import Profile
from app.paths import Paths
from app.services.errors import LoginFailed
from app.services.time_source import FixedClock
from app.storage.audit_repository import AuditQuery

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = bootstrap(
        Paths(data=tmp_path, config=tmp_path, logs=tmp_path / "logs"), FixedClock(NOW)
    )
    services.staff.create(
        None, "scjg01", Profile("市场监管窗口", Role.CLERK, "SCJG", ("A04",)), "Zhang2026!"
    )
    yield services
    services.close()


def test_a_login_and_a_failed_login_are_in_the_trail(services: Services) -> None:
    services.auth.login("scjg01", "Zhang2026!")
    with pytest.raises(LoginFailed):
        services.auth.login("scjg01", "wrong password")

    found = services.audit.search(ADMIN, AuditQuery(actor="scjg01"))

    assert [e.action for e in found] == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN]
    assert {e.terminal for e in found} == {"counter-01"}
    assert "wrong password" not in repr(found)


def test_search_by_action_terminal_and_date(services: Services) -> None:
    services.audit.record("admin", AuditAction.SETTINGS_CHANGED, "idle_lock_minutes", {"to": "5"})
    services.auth.login("scjg01", "Zhang2026!")

    assert [
        e.subject
        for e in services.audit.search(ADMIN, AuditQuery(action=AuditAction.SETTINGS_CHANGED))
    ] == ["idle_lock_minutes"]
    assert services.audit.search(ADMIN, AuditQuery(terminal="counter-02")) == []
    # the account's creation (set-up), the setting and the sign-in
    assert len(services.audit.search(ADMIN, AuditQuery(since=NOW, until=NOW + timedelta(1)))) == 3
    assert services.audit.search(ADMIN, AuditQuery(until=NOW)) == []


def test_a_clerk_may_not_read_the_trail(services: Services) -> None:
    with pytest.raises(PermissionDenied):
        services.audit.search(CLERK, AuditQuery())


def test_the_trail_is_append_only(services: Services) -> None:
    services.auth.login("scjg01", "Zhang2026!")
    services.close()
    with closing(sqlite3.connect(services.paths.database)) as db:
        for statement in ("UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                db.execute(statement)
