"""`onewindow settings get|set` on the center's settings: `get` says where a value comes from
(中心统一设置 / 本机); `set` on a center setting is made in the name of an administrator of the
center (`--by`), written as the center's (not in the file), with its audit entry; a clerk,
or no one named, is refused in words (exit 1), the value's rule told first."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.domain.audit import AuditAction
from app.domain.roles import Actor, Role
from app.domain.staff_events import Profile
from app.paths import Paths
from app.settings import Settings
from app.storage.audit_repository import AuditQuery
from tests.integration.cli_calls import call

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
PASSWORD = "Chuangkou2026"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"))
    try:
        staff = services.staff
        staff.create(None, "admin", Profile("中心管理员", Role.ADMINISTRATOR, None), PASSWORD)
        staff.create(None, "wang01", Profile("王小明", Role.CLERK, "SCJG", ("A04",)), PASSWORD)
    finally:
        services.close()
    return tmp_path


def test_a_center_setting_is_set_in_an_administrator_s_name_and_said_to_be_the_center_s(
    home: Path,
) -> None:
    before = call(home, "settings", "get", "office_closes")
    assert (before.out, before.err.strip()) == ("17:00\n", "本机")
    listed = call(home, "settings", "get").out
    assert "office_closes = 17:00  [本机（中心尚未统一设置）]" in listed
    assert "terminal_no = 1  [本机]" in listed

    done = call(home, "settings", "set", "office_closes", "18:00", "--by", "admin")
    assert done.code == 0 and done.out == "已保存：office_closes = 18:00\n"
    after = call(home, "settings", "get", "office_closes")
    assert (after.out, after.err.strip()) == ("18:00\n", "中心统一设置")
    assert Settings.load(Paths(home, home, home / "logs").settings)["office_closes"] == "17:00"
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        entries = services.audit.search(ADMIN, AuditQuery(action=AuditAction.SETTINGS_CHANGED))
    finally:
        services.close()
    assert [(e.actor, e.subject, e.details) for e in entries] == [
        ("admin", "office_closes", {"from": "17:00", "to": "18:00"})
    ]


def test_a_clerk_or_no_one_named_is_refused_in_words(home: Path) -> None:
    clerk = call(home, "settings", "set", "idle_lock_minutes", "30", "--by", "wang01")
    assert clerk.code == 1 and "无权修改中心统一设置" in clerk.err
    nobody = call(home, "settings", "set", "idle_lock_minutes", "30")
    assert nobody.code == 1 and "请用 --by 给出其用户名" in nobody.err
    unknown = call(home, "settings", "set", "idle_lock_minutes", "30", "--by", "zhao09")
    assert unknown.code == 1 and "没有用户名为 zhao09 的人员" in unknown.err
    out_of_range = call(home, "settings", "set", "idle_lock_minutes", "0", "--by", "admin")
    assert out_of_range.code == 1 and "（1-240）" in out_of_range.err
    assert "Traceback" not in clerk.err + nobody.err + unknown.err + out_of_range.err
    assert call(home, "settings", "get", "idle_lock_minutes").out == "10\n"
