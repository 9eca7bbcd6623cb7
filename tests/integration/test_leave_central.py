"""Leave events on a real central (central migration 0014): they go up after the audit trail
in the same round, once, with the counter's center; another center reads none of them; no
counter changes or removes one; a second decision of the same request is refused there."""

from __future__ import annotations

from contextlib import closing
from datetime import date
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest

from app.domain.leave import Half, LeaveKind, LeavePeriod
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import make_counter

PERIOD = LeavePeriod(Half(date(2026, 11, 24)), Half(date(2026, 11, 25)))


def test_leave_goes_up_once_readable_by_its_center_only_and_never_changed(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    central.add_center("C2")
    with (
        closing(make_counter(tmp_path / "a", central, "C1", 1)) as counter,
        closing(make_counter(tmp_path / "b", central, "C2", 1)) as elsewhere,
    ):
        leave = counter.services.leave
        asked = leave.ask(counter.clerk, LeaveKind.ANNUAL, PERIOD, "探亲")
        leave.approve(counter.chief, asked.id)

        report = counter.services.sync.sync_once()

        assert report.leave == 2 and "上传请假记录 2 条" in str(report.words())
        with central.connect() as connection:
            rows = connection.execute(
                b"SELECT center, terminal, position, kind, person, department, actor"
                b" FROM central.leave_events ORDER BY position"
            ).fetchall()
        terminal = counter.registration.name
        assert rows == [
            ("C1", terminal, 1, "asked", "scjg01", "SCJG", "scjg01"),
            ("C1", terminal, 2, "approved", "scjg01", "SCJG", "scjg-chief"),
        ]
        assert counter.services.sync.sync_once().leave == 0  # nothing sent twice

        with central.connect(elsewhere.registration) as connection:
            assert connection.execute(b"SELECT count(*) FROM central.leave_events").fetchone() == (
                0,
            )
        with central.connect(counter.registration) as connection:
            assert connection.execute(b"SELECT count(*) FROM central.leave_events").fetchone() == (
                2,
            )
            for statement in (
                "UPDATE central.leave_events SET actor = 'nobody'",
                "DELETE FROM central.leave_events",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    connection.execute(statement.encode())
            with pytest.raises(psycopg.errors.UniqueViolation):  # a second decision, elsewhere
                connection.execute(
                    "INSERT INTO central.leave_events (id, terminal, request_id, position, kind,"
                    " at, actor, person, department, data) VALUES (%s, %s, %s, 2, 'refused',"
                    " '2026-11-23T10:05:00+08:00', 'other-chief', 'scjg01', 'SCJG', '{}')",
                    (uuid4(), terminal, asked.id),
                )


def test_a_leave_asked_at_one_counter_is_decided_at_another_and_seen_at_both(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with (
        closing(make_counter(tmp_path / "a", central, "C1", 1)) as first,
        closing(make_counter(tmp_path / "b", central, "C1", 2)) as second,
    ):
        asked = first.services.leave.ask(first.clerk, LeaveKind.SICK, PERIOD, "发烧")
        first.services.sync.sync_once()
        report = second.services.sync.sync_once()
        assert report.leave_pulled == 1 and report.leave == 0  # nothing of its own to send
        assert [r.id for r in second.services.leave.requests(second.chief)] == [asked.id]

        second.services.leave.approve(second.chief, asked.id, "注意休息")
        assert second.services.sync.sync_once().leave == 1  # its decision only, not the asking
        assert first.services.sync.sync_once().leave_pulled == 1
        (seen,) = first.services.leave.requests(first.clerk)
        assert (seen.status.value, seen.decided_by, seen.version) == ("approved", "scjg-chief", 2)
        assert first.services.sync.sync_once().leave_pulled == 0  # read again, kept once
