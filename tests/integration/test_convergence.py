"""Two administrators (two chiefs) at two counters change the same person (decide the same
leave request) while offline from each other, then both sync, through a real central, the
second counter in processes of its own: the second is told, both counters then show the
central's version, what the second typed is still readable there, and the second
administrator's change made again on the new version is accepted."""

from __future__ import annotations

import logging
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from app.domain.audit import AuditAction, AuditQuery
from app.domain.leave import Half, LeaveKind, LeavePeriod
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.domain.sync import Direction
from app.services.sync_directory import DirectorySync
from app.services.sync_report import SyncReport
from app.storage.database import open_engine
from app.storage.unit_of_work import UnitOfWorkFactory
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.directory_process import sign_in_elsewhere
from tests.integration.second_admin_process import second_admin
from tests.integration.sync_harness import configure_counter, make_counter
from tests.integration.test_directory import CLERK, PASSWORD, Center, center, seed  # noqa: F401

NEW_PASSWORD = "Guanli2027x"


def test_two_administrators_change_one_clerk_and_both_counters_end_with_the_centrals(
    center: Center,  # noqa: F811
    central: CentralDatabase,  # noqa: F811
) -> None:
    first = center.first.services
    first.staff.create(
        center.admin, "admin2", Profile("第二管理员", Role.ADMINISTRATOR, None), PASSWORD
    )
    first.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    first.sync.sync_once()
    assert sign_in_elsewhere(center.second_home, "admin2", PASSWORD, NEW_PASSWORD) == (
        "signed in: admin2 administrator"
    )

    # offline from each other: each administrator changes wang01's version 1
    first.staff.change(center.admin, "wang01", 1, Profile("王晓明", Role.CLERK, "SCJG", ("A04",)))
    second_admin(center.second_home, "staff", "admin2", NEW_PASSWORD, "wang01", "王小明", "A05")
    first.sync.sync_once()
    seen = second_admin(center.second_home, "sync", "admin2")

    assert any("wang01" in w and "已被 admin 于" in w for w in seen["refused"]), seen
    assert seen["staff"]["wang01"] == ["王晓明", ["A04"], 2]  # the central's, as at the first
    assert first.staff.member(center.admin, "wang01").display_name == "王晓明"
    (typed,) = [c for c in seen["changes"] if c["subject"] == "wang01"]
    assert typed["what"] == "staff_changed"
    assert typed["values"]["display_name"] == "王小明" and typed["values"]["windows"] == "A05"
    assert "password_hash" not in typed["values"]

    # made again on the current version: accepted, and it reaches the first counter
    redo = second_admin(
        center.second_home, "staff", "admin2", NEW_PASSWORD, "wang01", "王小明", "A05", "sync"
    )
    assert [w for w in redo["refused"] if "wang01" in w] == [], redo
    assert redo["staff"]["wang01"] == ["王小明", ["A05"], 3]
    first.sync.sync_once()
    member = first.staff.member(center.admin, "wang01")
    assert (member.display_name, member.windows, member.version) == ("王小明", ("A05",), 3)
    with central.connect() as connection:
        name = connection.execute(
            "SELECT display_name FROM central.staff WHERE username = 'wang01'"
        ).fetchone()
    assert name == ("王小明",)


def test_two_chiefs_decide_one_leave_request_and_both_counters_end_with_the_centrals(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter:
        first = counter.services
        registration = central.add_counter("C1", 2)
        home = tmp_path / "b"
        home.mkdir()
        configure_counter(home, 2, registration.name, registration.url(central.url))
        period = LeavePeriod(Half(date(2026, 11, 24)), Half(date(2026, 11, 25)))
        asked = first.leave.ask(counter.clerk, LeaveKind.PERSONAL, period, "家事")
        first.sync.sync_once()
        request = str(asked.id)
        assert second_admin(home, "sync", "chief2")["requests"][request][0] == "pending"

        # offline from each other: one chief approves, the other refuses
        first.leave.approve(counter.chief, asked.id, "同意")
        mine = second_admin(home, "decide", "chief2", request, "人手不足")
        assert mine["requests"][request] == ["refused", "chief2", 2]
        first.sync.sync_once()
        seen = second_admin(home, "sync", "chief2")

        assert any("请假记录" in w for w in seen["refused"]), seen
        assert seen["requests"][request] == ["approved", "scjg-chief", 2]
        (typed,) = seen["changes"]
        assert (typed["subject"], typed["what"]) == (request, "refused")
        assert typed["values"] == {"note": "人手不足"}
        first.sync.sync_once()
        (held,) = first.leave.requests(counter.chief)
        assert (held.status.value, held.decided_by, held.version) == ("approved", "scjg-chief", 2)
        with central.connect() as connection:
            kinds = connection.execute(
                "SELECT kind FROM central.leave_events WHERE request_id = %s ORDER BY position",
                (asked.id,),
            ).fetchall()
        assert kinds == [("asked",), ("approved",)]


def test_a_refusal_is_in_the_audit_trail_with_who_what_and_why(
    center: Center,  # noqa: F811
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
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
        admin2 = second.auth.set_own_password("admin2", PASSWORD, NEW_PASSWORD)
        first.staff.change(center.admin, "wang01", 1, Profile("王晓明", Role.CLERK, "SCJG", ()))
        first.sync.sync_once()
        second.staff.change(admin2, "wang01", 1, Profile("王小明", Role.CLERK, "SCJG", ()))
        with caplog.at_level(logging.INFO):
            second.sync.sync_once()

        found = second.audit.read(AuditQuery(action=AuditAction.CHANGE_REFUSED))
        (entry,) = found
        assert (entry.actor, entry.subject) == ("admin2", "wang01")
        assert entry.details["log"] == "staff_events" and entry.details["kind"] == "staff_changed"
        assert "已被 admin 于" in entry.details["reason"]
        assert "refused by the central" in caplog.text
        assert "王小明" not in caplog.text and "argon2" not in caplog.text


def test_a_change_pulled_aside_before_the_refusal_is_taken_in_at_the_next_pull(
    center: Center,  # noqa: F811
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    """As a counter of the earlier version left it: the central's change of a person set
    aside by a pull while this counter's own change of the same version was not yet
    refused. The next round records the refusal and reads the set-aside change again."""
    first = center.first.services
    first.staff.create(
        center.admin, "admin2", Profile("第二管理员", Role.ADMINISTRATOR, None), PASSWORD
    )
    first.staff.create(center.admin, "wang01", CLERK, PASSWORD)
    first.sync.sync_once()
    with closing(make_counter(tmp_path / "c3", central, "C1", 3)) as third:
        second = third.services
        second.sync.sync_once()
        admin2 = second.auth.set_own_password("admin2", PASSWORD, NEW_PASSWORD)
        first.staff.change(center.admin, "wang01", 1, Profile("王晓明", Role.CLERK, "SCJG", ()))
        first.sync.sync_once()
        second.staff.change(admin2, "wang01", 1, Profile("王小明", Role.CLERK, "SCJG", ()))
        engine = open_engine(second.paths.database)
        try:  # a pull of the directory alone, before this counter's change went up
            link = second.sync.link()
            directory = DirectorySync(
                UnitOfWorkFactory(engine),
                second.clock,
                third.registration.name,
                100,
                lambda: None,  # no center settings in this test
                second.sync.refusals,
            )
            directory.pull(link, link.window(0), SyncReport())
        finally:
            engine.dispose()
        aside = [
            q
            for q in second.sync.quarantined(third.supervisor)
            if q.case_id == "wang01" and q.direction is Direction.PULL
        ]
        assert len(aside) == 1
        assert second.staff.member(admin2, "wang01").display_name == "王小明"

        report = second.sync.sync_once()

        assert any("wang01" in str(w) for w in report.refused)
        member = second.staff.member(admin2, "wang01")
        assert (member.display_name, member.version) == ("王晓明", 2)
