"""Attendance and leave through the real store: sittings read from the logins and logouts the
services write, who sat at a window when, leave asked, decided and cut short with its audit
entries, the monthly sheet, its Excel file read back, and the command line."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.bootstrap import Services, bootstrap
from app.domain.audit import AuditAction, AuditQuery
from app.domain.events import CHINA_TIME
from app.domain.leave import Half, HalfDay, LeaveError, LeaveKind, LeavePeriod, LeaveStatus
from app.domain.roles import Actor, PermissionDenied, Role
from app.domain.staff_events import Profile
from app.paths import Paths
from app.services.time_source import FixedClock
from tests.integration.cli_calls import call

MONDAY = datetime(2026, 12, 7, 8, 50, tzinfo=CHINA_TIME)
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
PASSWORD = "Zhang2026!"
PEOPLE = (  # username, name, role, department, window
    ("scjg01", "张三", Role.CLERK, "SCJG", "A04"),
    ("scjg02", "李四", Role.CLERK, "SCJG", "A05"),
    ("scjgcr", "王首席", Role.CHIEF_REPRESENTATIVE, "SCJG", "A01"),
    ("gajcr", "赵首席", Role.CHIEF_REPRESENTATIVE, "GAJ", "B01"),
)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY)


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    services = bootstrap(Paths(data=tmp_path, config=tmp_path, logs=tmp_path / "logs"), clock)
    for username, name, role, department, window in PEOPLE:
        services.staff.create(None, username, Profile(name, role, department, (window,)), PASSWORD)
    yield services
    services.close()


def sit(services: Services, clock: FixedClock, who: str, start: datetime, end: datetime | None):  # noqa: ANN201
    """`who` logs in at `start` and out at `end` (None: the program ends without a logout,
    after a screen lock an hour later)."""
    clock.moment = start
    actor = services.auth.login(who, PASSWORD)
    if end is None:
        clock.moment = start + timedelta(hours=1)
        services.session.lock(actor)
        return actor
    clock.moment = end
    services.session.logout(actor)
    return actor


def test_who_sat_at_a_window_and_where_a_person_was_come_from_the_trail(
    services: Services, clock: FixedClock
) -> None:
    sit(services, clock, "scjg01", MONDAY, MONDAY.replace(hour=12))
    sit(services, clock, "scjg02", MONDAY.replace(hour=13), None)  # no logout: lock at 14:00

    at_10_15 = services.attendance.who_at(ADMIN, "A04", MONDAY.replace(hour=10, minute=15))
    assert [(s.person, s.logged_out) for s in at_10_15.stints] == [("scjg01", True)]
    assert "本终端" in str(at_10_15.source)  # no central set: this terminal's own trail
    assert services.attendance.who_at(ADMIN, "A05", MONDAY.replace(hour=15)).stints == []
    day = services.attendance.where_was(ADMIN, "scjg02", MONDAY.date()).stints
    assert [(s.window, s.start.hour, s.end.hour, s.logged_out) for s in day] == [
        ("A05", 13, 14, False)
    ]


def test_a_leave_is_asked_decided_by_the_departments_chief_and_cut_short(
    services: Services, clock: FixedClock
) -> None:
    clerk = services.auth.login("scjg01", PASSWORD)
    chief = services.auth.login("scjgcr", PASSWORD)
    other_chief = services.auth.login("gajcr", PASSWORD)
    period = LeavePeriod(Half(date(2026, 12, 8)), Half(date(2026, 12, 10), HalfDay.AFTERNOON))
    asked = services.leave.ask(clerk, LeaveKind.SICK, period, "发烧")
    with pytest.raises(LeaveError, match="本部门"):
        services.leave.approve(other_chief, asked.id)
    assert services.leave.requests(other_chief) == []  # another department's: not shown
    approved = services.leave.approve(chief, asked.id, "注意休息")
    with pytest.raises(LeaveError, match="已经审批过"):  # a second decision, made late
        services.leave.refuse(chief, asked.id, "晚了")
    back = services.leave.back(clerk, asked.id, Half(date(2026, 12, 9), HalfDay.AFTERNOON))
    assert (approved.status, back.version) == (LeaveStatus.APPROVED, 3)
    assert back.taken == LeavePeriod(period.first, Half(date(2026, 12, 9)))
    assert [r.id for r in services.leave.requests(clerk)] == [asked.id]

    trail = services.audit.search(ADMIN, AuditQuery(actor=""))
    leave_actions = [e.action for e in trail if e.action.value.startswith("leave")]
    assert leave_actions == [
        AuditAction.LEAVE_BACK,
        AuditAction.LEAVE_APPROVED,
        AuditAction.LEAVE_ASKED,
    ]
    services.close()
    with closing(sqlite3.connect(services.paths.database)) as db:
        for statement in ("UPDATE leave_events SET actor = 'x'", "DELETE FROM leave_events"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                db.execute(statement)


def test_the_monthly_sheet_and_its_excel_file(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    for day in range(1, 5):  # Tuesday 1st to Friday 4th: late on the 3rd, no logout on the 4th
        start = datetime(2026, 12, day, 8, 50, tzinfo=CHINA_TIME)
        start = start.replace(hour=9, minute=20) if day == 3 else start
        sit(
            services,
            clock,
            "scjg01",
            start,
            None if day == 4 else start.replace(hour=17, minute=30),
        )
    clock.moment = datetime(2026, 12, 7, 9, tzinfo=CHINA_TIME)  # on leave in the morning
    clerk = services.auth.login("scjg01", PASSWORD)
    request = services.leave.ask(
        clerk,
        LeaveKind.PERSONAL,
        LeavePeriod(Half(date(2026, 12, 7)), Half(date(2026, 12, 7))),
        "家事",
    )
    services.leave.approve(services.auth.login("scjgcr", PASSWORD), request.id)
    clock.moment = datetime(2026, 12, 7, 18, tzinfo=CHINA_TIME)

    sheet = services.attendance.sheet(ADMIN, "2026-12")
    line = next(line for line in sheet.lines if line.person == "scjg01")
    # early: the 4th (its last entry, the lock at 09:50) and the 7th (the chief's login at
    # this terminal ended the clerk's sitting at 09:00); the 7th's morning is leave, not late
    assert (line.working_days, line.present, line.late, line.early) == (5, 5, 1, 2)
    assert (line.leave, line.absent) == ({LeaveKind.PERSONAL: 0.5}, 0.0)
    assert [line.person for line in sheet.lines] == ["gajcr", "scjg01", "scjg02", "scjgcr"]
    chief = services.auth.login("scjgcr", PASSWORD)
    assert {line.department for line in services.attendance.sheet(chief, "2026-12").lines} == {
        "SCJG"
    }
    with pytest.raises(PermissionDenied):
        services.attendance.sheet(clerk, "2026-12")

    file = tmp_path / "考勤.xlsx"
    assert services.attendance.export(chief, "2026-12", file) == 3
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    rows = list(load_workbook(file).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("用户名", "姓名", "部门", "应出勤（天）", "出勤（天）")
    assert rows[1][:7] == ("scjg01", "张三", "SCJG", 5, 5, 1, 2)
    assert "身份证" not in str(rows)


def test_the_command_line_asks_decides_and_prints_the_sheet(
    services: Services, tmp_path: Path
) -> None:
    services.auth.login("scjg01", PASSWORD)
    services.close()
    asked = call(
        tmp_path,
        "leave",
        "ask",
        "--user",
        "scjg01",
        "--kind",
        "年休假",
        "--from",
        "2026-12-21",
        "--to",
        "2026-12-22am",
        "--reason",
        "探亲",
    )
    assert asked.code == 0, asked.err
    short = asked.out.split()[1]
    refused = call(tmp_path, "leave", "approve", short, "--by", "gajcr")
    assert refused.code == 1 and "没有编号" in refused.err  # another department's: unseen
    approved = call(tmp_path, "leave", "approve", short, "--by", "scjgcr")
    assert approved.code == 0 and "已批准" in approved.out
    back = call(tmp_path, "leave", "back", short, "--by", "scjg01", "--on", "2026-12-22am")
    assert back.code == 0 and "销假 2026-12-22am" in back.out
    listed = call(tmp_path, "leave", "list")
    assert "年休假" in listed.out and "2026-12-22am" in listed.out

    sheet = call(tmp_path, "attendance", "sheet", "--month", "2026-12", "--user", "scjg01")
    assert sheet.code == 0 and sheet.out.splitlines()[1].startswith("scjg01\t张三\tSCJG")
    xlsx = tmp_path / "sheet.xlsx"
    exported = call(tmp_path, "attendance", "sheet", "--month", "2026-12", "--xlsx", str(xlsx))
    assert exported.code == 0 and load_workbook(xlsx).active.max_row == 5
    bad = call(tmp_path, "attendance", "sheet", "--month", "12/2026")
    assert bad.code == 1 and "2026-12" in bad.err
    who = call(tmp_path, "attendance", "who", "--window", "A04", "--at", "2026-12-07 08:50")
    assert who.code == 0 and "scjg01" in who.out
    where = call(tmp_path, "attendance", "where", "--user", "scjg01", "--day", "2026-12-07")
    assert where.code == 0 and "窗口 A04" in where.out and "（最后操作）" in where.out
