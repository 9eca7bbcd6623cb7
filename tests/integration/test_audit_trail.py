"""The audit trail on a real store: logins and failed logins are written, entries are
searched by person, terminal, action and date, and none can be changed or removed."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.audit import AuditAction
from app.domain.calendar import CalendarError
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, PermissionDenied, Role
from app.domain.staff_events import Profile
from app.paths import Paths
from app.services.errors import LoginFailed
from app.services.time_source import FixedClock
from app.storage.audit_repository import AuditQuery
from tests.personal_data import FULL_ID

ROOT = Path(__file__).resolve().parents[2]
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


def test_an_id_number_typed_as_the_user_name_is_recorded_masked(services: Services) -> None:
    typed = "110101199003071234"  # fictional: a clerk typed the applicant's number by mistake
    with pytest.raises(LoginFailed):
        services.auth.login(typed, "whatever1")

    failed = services.audit.search(ADMIN, AuditQuery(action=AuditAction.LOGIN_FAILED))

    assert [e.actor for e in failed] == ["110101********1234"]
    assert FULL_ID.search(repr(failed)) is None


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


def actions(services: Services, **query: object) -> list[tuple[AuditAction, str]]:
    """(action, subject) of the entries, oldest first."""
    found = services.audit.search(ADMIN, AuditQuery(**query))  # type: ignore[arg-type]
    return [(e.action, e.subject) for e in reversed(found)]


def test_the_screen_lock_and_the_sign_out_are_in_the_trail(services: Services) -> None:
    clerk = services.auth.login("scjg01", "Zhang2026!")
    services.session.lock(clerk)
    assert not services.session.unlock(clerk, "not it")
    assert services.session.unlock(clerk, "Zhang2026!")
    services.session.logout(clerk)

    assert actions(services, actor="scjg01") == [
        (AuditAction.LOGIN, ""),
        (AuditAction.SCREEN_LOCKED, ""),
        (AuditAction.SCREEN_UNLOCK_FAILED, ""),
        (AuditAction.SCREEN_UNLOCKED, ""),
        (AuditAction.LOGOUT, ""),
    ]


def test_a_catalog_sheet_and_a_holiday_file_loaded_are_in_the_trail_with_the_change(
    services: Services, tmp_path: Path
) -> None:
    sheet = tmp_path / "items.xlsx"
    count = services.catalog.export_sheet(sheet)
    services.catalog.import_sheet(ADMIN, sheet)
    calendar = next((ROOT / "resources" / "calendar").glob("2026.json"))
    services.calendar.load_file(ADMIN, calendar)

    found = services.audit.search(ADMIN, AuditQuery(actor="admin"))
    assert [(e.action, e.subject, e.details) for e in reversed(found)] == [
        (AuditAction.CATALOG_IMPORTED, "", {"file": "items.xlsx", "items": str(count)}),
        (AuditAction.CALENDAR_IMPORTED, "2026", {"file": "2026.json"}),
    ]


def test_a_refused_import_leaves_no_entry(services: Services, tmp_path: Path) -> None:
    bad = tmp_path / "2030.json"
    bad.write_text('{"year": 2030, "holidays": ["2031-01-01"]}', encoding="utf-8")
    with pytest.raises(CalendarError):
        services.calendar.load_file(ADMIN, bad)
    assert services.audit.search(ADMIN, AuditQuery(actor=ADMIN.username)) == []


def test_each_setting_changed_is_in_the_trail_from_what_to_what(services: Services) -> None:
    services.counter_settings.change(ADMIN, {"idle_lock_minutes": 5, "backup_keep": 7})
    setup = services.printing.setup()
    services.printing.configure(ADMIN, replace(setup, printer="tcp:10.0.0.9", paper_mm=58))

    found = services.audit.search(ADMIN, AuditQuery(actor=ADMIN.username))
    assert [(e.action, e.subject, e.details) for e in reversed(found)] == [
        (AuditAction.SETTINGS_CHANGED, "idle_lock_minutes", {"from": "10", "to": "5"}),
        (AuditAction.PRINTER_SETTINGS_CHANGED, "paper_mm", {"from": "80", "to": "58"}),
        (
            AuditAction.PRINTER_SETTINGS_CHANGED,
            "printer",
            {"from": "simulator", "to": "tcp:10.0.0.9"},
        ),
    ]  # backup_keep was 7 already: nothing changed, nothing recorded


def test_the_central_password_never_reaches_the_trail(services: Services) -> None:
    url = "postgresql://counter_c1_01:s3cret-pass@central.example:5432/onewindow"
    services.counter_settings.change(ADMIN, {"central_url": url})
    (entry,) = services.audit.search(ADMIN, AuditQuery(actor=ADMIN.username))
    assert entry.subject == "central_url" and "s3cret" not in repr(entry)
