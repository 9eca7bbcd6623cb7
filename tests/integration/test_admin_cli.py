"""`onewindow window …`, `onewindow settings …` and `central add-counter` + `register` as an
administrator types them: the output in words, a refusal with its reason (exit 1), every
change in the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from app.bootstrap import bootstrap
from app.cli.main import main
from app.domain.audit import AuditAction
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.storage.audit_repository import AuditQuery
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.cli_calls import call

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs")).close()
    return tmp_path


def trail(home: Path, action: AuditAction) -> list[tuple[str, str]]:
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        found = services.audit.search(ADMIN, AuditQuery(action=action))
    finally:
        services.close()
    return [(e.actor, e.subject) for e in found]


def test_windows_are_set_up_listed_changed_and_closed(home: Path) -> None:
    added = call(
        home, "window", "add", "a01", "综合窗口", "--department", "SCJG", "--department", "SW",
        "--hall", "一楼大厅", "--floor", "1", "--terminal", "counter-01",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert added.out.startswith("已设立窗口 A01 综合窗口")
    assert "综合窗口，受理 SCJG、SW" in added.out

    taken = call(home, "window", "add", "A01", "另一个", "--department", "GA")
    assert (taken.code, taken.err.strip()) == (1, "错误：窗口编号 A01 已存在，不能重复设立")
    unknown = call(home, "window", "add", "A02", "某窗口", "--department", "XX")
    assert (unknown.code, unknown.err.strip()) == (1, "错误：部门 XX 不在部门名单中")

    changed = call(home, "window", "change", "A01", "--terminal", "", "--department", "GA")
    assert changed.code == 0, changed.err
    assert "受理 GA" in changed.out and "终端 不固定" in changed.out
    listed = call(home, "window", "list", "--json").json()
    assert [(w["number"], w["departments"], w["version"]) for w in listed] == [("A01", ["GA"], 2)]

    assert call(home, "window", "close", "A01").code == 0
    assert call(home, "window", "list").out.strip() == "尚未设立窗口"
    assert "（已撤销）" in call(home, "window", "list", "--all").out
    assert call(home, "window", "close", "A01").err.strip() == "错误：没有编号为 A01 的窗口"
    assert trail(home, AuditAction.WINDOW_CHANGED) == [("shell", "A01")] * 3


def test_settings_are_read_and_set_by_their_declaration(home: Path) -> None:
    listed = call(home, "settings", "get")
    assert "terminal_no = 1" in listed.out and "printer_raster = false" in listed.out
    assert "无操作多少分钟后锁屏（1-240）" in listed.out  # each with its description
    assert call(home, "settings", "get", "terminal_name").out == "counter-01\n"

    assert call(home, "settings", "set", "terminal_no", "5").out == "已保存：terminal_no = 5\n"
    assert call(home, "settings", "set", "printer_raster", "true").code == 0
    assert call(home, "settings", "get", "printer_raster").out == "true\n"

    word = call(home, "settings", "set", "terminal_no", "five")
    assert word.code == 1 and "terminal_no 的值 five 无效" in word.err and "1-99" in word.err
    out_of_range = call(home, "settings", "set", "idle_lock_minutes", "0")
    assert out_of_range.code == 1 and "（1-240）" in out_of_range.err
    assert call(home, "settings", "set", "colour", "red").err.strip() == (
        "错误：没有这样的设置：colour"
    )
    assert "Traceback" not in word.err + out_of_range.err
    assert call(home, "settings", "get", "terminal_no").out == "5\n"
    kept = call(home, "settings", "set", "central_url", "postgresql://c07:s3cret@10.0.0.9/ow")
    assert kept.out == "已保存：central_url = postgresql://c07@10.0.0.9/ow\n"  # kept apart
    assert trail(home, AuditAction.SETTINGS_CHANGED) == [
        ("shell", "central_url"),
        ("shell", "terminal_no"),
    ]
    assert trail(home, AuditAction.PRINTER_SETTINGS_CHANGED) == [("shell", "printer_raster")]


def test_add_counter_prints_the_one_line_that_sets_up_a_counter(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    central.add_center("230203", level="district", name="江川区政务服务中心")
    assert main(["central", "add-counter", "--url", central.url, "--center", "230203",
                 "--terminal", "12"]) == 0  # fmt: skip
    line = next(x for x in capsys.readouterr().out.splitlines() if "onewindow register" in x)
    home = tmp_path / "fresh"
    bootstrap(Paths(home, home, home / "logs")).close()

    registered = call(home, "register", line.split("'")[1])

    assert registered.code == 0, registered.err
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        settings = services.settings
        assert (settings["terminal_no"], settings["terminal_name"]) == (12, "counter-12")
        assert settings["center_name"] == "江川区政务服务中心"  # printed on every slip
        assert settings["division_code"] == "230203"  # credit codes are given under it
        assert make_url(settings["central_url"]).password is None  # kept apart
        assert str(services.sync.check_central(settings["central_url"])).startswith("中心可以连接")
    finally:
        services.close()
    help_text = call(home, "central", "add-counter", "--help").out
    assert "一次写入终端所需的全部设置" in " ".join(help_text.split())
