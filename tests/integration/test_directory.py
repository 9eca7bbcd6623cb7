"""Staff and windows published through a real central (central migration 0015): a clerk
created at one counter signs in at another (a process of its own) after its pull; a disabled
one cannot; a change from anyone but an administrator of the center is refused by the
central; two administrators changing the same person: the second is told, nothing is lost; a
counter cannot read or write the staff of another center."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from app.central.directory import publish_staff
from app.central.schema import central_engine
from app.domain.roles import Actor, Role
from app.domain.staff_events import Profile
from app.domain.sync import Direction
from app.domain.windows import WindowSpec
from app.services.sync_directory import STAFF_PUSHED_THROUGH, WINDOWS_PUSHED_THROUGH
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.directory_process import sign_in_elsewhere
from tests.integration.sync_harness import SyncedCounter, configure_counter, make_counter

PASSWORD = "Chuangkou2026"
CLERK = Profile("王小明", Role.CLERK, "SCJG", ("A04",))
PUSH_MARKS = (STAFF_PUSHED_THROUGH, WINDOWS_PUSHED_THROUGH)


@dataclass
class Center:
    """Counter 1 (in this process, its first administrator seeded by the owner) and the
    home of counter 2 (run in processes of its own)."""

    first: SyncedCounter
    admin: Actor
    second_home: Path


def seed(central: CentralDatabase, counter: SyncedCounter, center: str = "C1") -> Actor:  # noqa: F811
    """The center's first administrator, made at set-up on `counter` and published by the
    owner; signed in there."""
    staff = counter.services.staff
    staff.create(None, "admin", Profile("中心管理员", Role.ADMINISTRATOR, None), PASSWORD)
    auth = counter.services.auth
    with central_engine(central.url) as engine, engine.begin() as connection:
        publish_staff(connection, center, auth.staff(), auth.staff_logs())
    return auth.login("admin", PASSWORD)


@pytest.fixture
def center(tmp_path: Path, central: CentralDatabase) -> Iterator[Center]:  # noqa: F811
    central.add_center("C1")
    with closing(make_counter(tmp_path / "c1", central, "C1", 1)) as first:
        admin = seed(central, first)
        second = central.add_counter("C1", 2)
        home = tmp_path / "c2"
        home.mkdir()
        configure_counter(home, 2, second.name, second.url(central.url))
        yield Center(first, admin, home)


def staff_on_central(central: CentralDatabase) -> dict[str, tuple[str, bool]]:  # noqa: F811
    with central.connect() as connection:
        rows = connection.execute("SELECT username, role, active FROM central.staff").fetchall()
    return {name: (role, active) for name, role, active in rows}


def test_a_clerk_created_at_one_counter_signs_in_at_another_after_its_pull(
    center: Center,
    central: CentralDatabase,  # noqa: F811
) -> None:
    staff = center.first.services.staff
    staff.create(center.admin, "wang01", CLERK, PASSWORD)
    center.first.services.sync.sync_once()
    assert staff_on_central(central)["wang01"] == ("clerk", True)

    # a first password: counter 2 asks for a new one, and that goes up from there
    signed = sign_in_elsewhere(center.second_home, "wang01", PASSWORD, "Xinmima2027")
    assert signed == "signed in: wang01 clerk"

    report = center.first.services.sync.sync_once()
    assert report.directory == 1  # the new password, set at counter 2
    assert center.first.services.auth.login("wang01", "Xinmima2027").username == "wang01"


def test_a_disabled_clerk_cannot_sign_in_anywhere_after_the_next_pull(
    center: Center,
) -> None:
    staff = center.first.services.staff
    member = staff.create(center.admin, "wang01", CLERK, PASSWORD)
    center.first.services.sync.sync_once()
    assert sign_in_elsewhere(center.second_home, "wang01", PASSWORD, "Xinmima2027").startswith(
        "signed in"
    )
    center.first.services.sync.sync_once()  # the new password set at counter 2
    member = staff.member(center.admin, "wang01")
    staff.disable(center.admin, "wang01", member.version)
    center.first.services.sync.sync_once()

    assert sign_in_elsewhere(center.second_home, "wang01", "Xinmima2027") == "LoginFailed"


def test_a_window_set_up_at_one_counter_reaches_the_other(
    center: Center,
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    spec = WindowSpec("A09", "综合窗口", "一楼大厅", "1", ("SCJG",))
    center.first.services.windows.set_up(center.admin, spec)
    center.first.services.sync.sync_once()
    third = make_counter(tmp_path / "c3", central, "C1", 3)
    with closing(third):
        third.services.sync.sync_once()
        assert [w.number for w in third.services.windows.windows()] == ["A09"]


def test_the_central_refuses_a_change_from_anyone_but_an_administrator_of_the_center(
    center: Center,
    central: CentralDatabase,  # noqa: F811
) -> None:
    services = center.first.services
    # an administrator made here at set-up only: the central does not know them
    services.staff.create(None, "rogue", Profile("冒名", Role.ADMINISTRATOR, None), PASSWORD)
    rogue = services.auth.login("rogue", PASSWORD)
    services.staff.create(rogue, "wang02", CLERK, PASSWORD)

    report = services.sync.sync_once()

    assert "wang02" not in staff_on_central(central)
    words = [str(reason) for reason in report.refused]
    assert any("rogue 不是本中心在册的管理员" in w and "wang02" in w for w in words), words
    held = {q.case_id for q in services.sync.quarantined(center.first.supervisor)}
    assert "wang02" in held and "rogue" not in held  # the set-up's own are not sent
    assert services.staff.member(center.admin, "wang02").active  # kept here, nothing lost

    # a clerk's event written straight into the central, as counter 1's login
    login = center.first.registration
    with central.connect(login) as connection, pytest.raises(psycopg.errors.Error) as refused:
        connection.execute(
            "INSERT INTO central.staff_events (id, username, version, kind, at, actor,"
            " terminal, data) VALUES (gen_random_uuid(), 'wang03', 1, 'staff_created',"
            " '2026-12-07T10:00:00+08:00', 'scjg01', %s, '{}')",
            (center.first.registration.name,),
        )
    assert refused.value.sqlstate == "OWA02"


def test_two_administrators_changing_the_same_person_the_second_is_told_and_nothing_is_lost(
    center: Center,
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    first = center.first.services
    first.staff.create(
        center.admin, "admin2", Profile("第二管理员", Role.ADMINISTRATOR, None), PASSWORD
    )
    first.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    first.sync.sync_once()
    with closing(make_counter(tmp_path / "c3", central, "C1", 3)) as third:
        second = third.services
        second.sync.sync_once()
        admin2 = second.auth.set_own_password("admin2", PASSWORD, "Guanli2027x")
        version = second.staff.member(admin2, "wang01").version

        first.staff.change(
            center.admin, "wang01", version, Profile("王晓明", Role.CLERK, "SCJG", ("A04",))
        )
        first.sync.sync_once()
        typed = Profile("王小明", Role.CLERK, "SCJG", ("A05",))
        mine = second.staff.change(admin2, "wang01", version, typed)  # not yet pulled
        report = second.sync.sync_once()

        words = [str(reason) for reason in report.refused]
        assert any("已被 admin 于" in w and "wang01" in w for w in words), words
        held = [
            q
            for q in second.sync.quarantined(third.supervisor)
            if q.case_id == "wang01" and q.direction is Direction.PUSH
        ]
        assert len(held) == 1 and held[0].position == mine.version
        assert '"A05"' in str(held[0].event["data"])  # what admin2 typed is kept
        assert "password_hash" not in str(held[0].event["data"])
    with central.connect() as connection:
        name = connection.execute(
            "SELECT display_name FROM central.staff WHERE username = 'wang01'"
        ).fetchone()
    assert name == ("王晓明",)


def test_a_counter_cannot_read_or_write_the_staff_of_another_center(
    center: Center,
    central: CentralDatabase,  # noqa: F811
) -> None:
    center.first.services.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    center.first.services.sync.sync_once()
    central.add_center("C2")
    other = central.add_counter("C2", 1)
    with central.connect(other) as connection:
        for table in ("staff_events", "staff", "window_events"):
            rows = connection.execute(f"SELECT count(*) FROM central.{table}".encode()).fetchone()
            assert rows == (0,), table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(
                "INSERT INTO central.staff_events (id, center, username, version, kind, at,"
                " actor, terminal, data) VALUES (gen_random_uuid(), 'C1', 'wang09', 1,"
                " 'staff_created', '2026-12-07T10:00:00+08:00', 'admin', %s, '{}')",
                (other.name,),
            )
        with pytest.raises(psycopg.errors.Error) as refused:  # its own center: not its admin
            connection.execute(
                "INSERT INTO central.staff_events (id, username, version, kind, at, actor,"
                " terminal, data) VALUES (gen_random_uuid(), 'wang09', 1, 'staff_created',"
                " '2026-12-07T10:00:00+08:00', 'admin', %s, '{}')",
                (other.name,),
            )
        assert refused.value.sqlstate == "OWA02"


def test_a_push_whose_answer_was_lost_is_sent_again_and_nothing_doubles(
    center: Center,
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    services = center.first.services
    services.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    services.sync.sync_once()
    # as if the central's answer had been lost: the marks say nothing went up
    with sqlite3.connect(tmp_path / "c1" / "onewindow.sqlite3") as store:
        store.execute("DELETE FROM sync_marks WHERE name IN (?, ?)", PUSH_MARKS)

    report = services.sync.sync_once()

    assert report.refused == []
    with central.connect() as connection:
        count = connection.execute(
            "SELECT count(*) FROM central.staff_events WHERE username = 'wang01'"
        ).fetchone()
    assert count == (1,)
