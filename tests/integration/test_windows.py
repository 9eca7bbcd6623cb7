"""Windows on a real store: each change appended with its audit entry in one unit of work, a
taken number refused, the log append-only, and a clerk at a comprehensive window accepting
the items of each of its departments, the case still belonging to the item's department."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.audit import AuditAction
from app.domain.case import IllegalTransition
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, PermissionDenied, Role
from app.domain.staff_events import Profile
from app.domain.windows import WindowError, WindowSpec
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock
from app.storage.audit_repository import AuditQuery

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)  # a Monday
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
COMPANY, TAX, MEDICAL = "SCJG-DJ-001", "SW-DJ-001", "WJ-DJ-001"
#: A comprehensive window (综合窗口) at this terminal, for market regulation and tax.
COMPREHENSIVE = WindowSpec("A01", "综合窗口", "一楼大厅", "1", ("SCJG", "SW"), "counter-01")


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


def test_setting_up_changing_and_closing_a_window_each_write_the_audit(
    services: Services,
) -> None:
    window = services.windows.set_up(ADMIN, COMPREHENSIVE)
    assert (window.number, window.version, window.comprehensive) == ("A01", 1, True)
    moved = WindowSpec("A01", "综合窗口", "二楼大厅", "2", ("SCJG", "SW", "GA"), "")
    assert services.windows.change(ADMIN, moved, 1).spec == moved
    services.windows.close(ADMIN, "a01", 2)

    assert services.windows.windows() == []
    assert [w.open for w in services.windows.windows(closed=True)] == [False]
    found = services.audit.search(ADMIN, AuditQuery(action=AuditAction.WINDOW_CHANGED))
    assert [(e.subject, e.details["change"]) for e in found] == [
        ("A01", "撤销"),
        ("A01", "修改"),
        ("A01", "设立"),
    ]
    assert found[1].details["departments"] == "SCJG,SW,GA"
    assert {e.actor for e in found} == {"admin"}


def test_a_taken_number_is_refused_and_nothing_is_written(services: Services) -> None:
    services.windows.set_up(ADMIN, COMPREHENSIVE)
    with pytest.raises(WindowError, match="窗口编号 A01 已存在"):
        services.windows.set_up(ADMIN, WindowSpec("a01", "另一个", departments=("GA",)))
    assert len(services.audit.search(ADMIN, AuditQuery(action=AuditAction.WINDOW_CHANGED))) == 1


def test_a_second_administrator_s_stale_change_is_refused(services: Services) -> None:
    services.windows.set_up(ADMIN, COMPREHENSIVE)
    services.windows.change(ADMIN, COMPREHENSIVE, 1)  # the first administrator saves
    with pytest.raises(WindowError, match="刚被他人修改过"):
        services.windows.change(ADMIN, COMPREHENSIVE, 1)  # the second saw version 1


def test_only_an_administrator_changes_windows(services: Services) -> None:
    clerk = services.auth.login("scjg01", "Zhang2026!")
    with pytest.raises(PermissionDenied):
        services.windows.set_up(clerk, COMPREHENSIVE)


def test_the_window_log_is_append_only(services: Services) -> None:
    services.windows.set_up(ADMIN, COMPREHENSIVE)
    with closing(sqlite3.connect(services.paths.database)) as db:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("UPDATE window_events SET number = 'A02'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute("DELETE FROM window_events")


def receive(services: Services, actor: Actor, item_code: str) -> str:
    item = services.catalog.item(item_code)
    materials = [m.name for m in item.required_materials]
    person = demo_person(random.Random(7))
    return services.cases.receive(actor, item_code, person, materials, Accept()).case.case_no


def test_a_clerk_at_a_comprehensive_window_accepts_each_of_its_departments(
    services: Services,
) -> None:
    alone = services.auth.login("scjg01", "Zhang2026!")
    assert (alone.window, alone.handled_departments) == ("A04", {"SCJG"})  # no window set up
    assert not services.cases.can_accept(alone, services.catalog.item(TAX))

    services.windows.set_up(ADMIN, COMPREHENSIVE)
    clerk = services.auth.login("scjg01", "Zhang2026!")

    assert (clerk.window, clerk.handled_departments) == ("A01", {"SCJG", "SW"})
    tax_case = receive(services, clerk, TAX)
    company_case = receive(services, clerk, COMPANY)
    with pytest.raises(IllegalTransition, match="不属于|不是"):
        receive(services, clerk, MEDICAL)
    listed = {e.summary.case_no: e.summary.department for e in services.cases.list_cases(clerk)}
    assert listed == {tax_case: "SW", company_case: "SCJG"}  # each the item's department
    assert services.cases.detail(clerk, tax_case).case.terms.department == "SW"


def test_a_terminal_without_a_window_seats_the_clerk_at_their_own(services: Services) -> None:
    services.windows.set_up(
        ADMIN, WindowSpec("A04", "市场监管窗口", departments=("SCJG", "GA"), terminal="")
    )
    clerk = services.auth.login("scjg01", "Zhang2026!")
    assert (clerk.window, clerk.handled_departments) == ("A04", {"SCJG", "GA"})
