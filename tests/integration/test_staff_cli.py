"""`onewindow staff …`: add (password typed, never an argument), list (no hash), disable,
enable, reset-password, grant and unlock, each through the staff service."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import app.cli.staff_commands
from app.bootstrap import bootstrap
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.paths import Paths
from tests.integration.cli_calls import call


class Typed:
    """What the person types at each getpass prompt, in order."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        return self.answers.pop(0)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"))
    services.staff.create(
        None, "chief1", Profile("陈首席", Role.CHIEF_REPRESENTATIVE, "SCJG", ("A06",)), "Chief2026x"
    )
    services.close()
    yield tmp_path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def type_passwords(monkeypatch: pytest.MonkeyPatch, *answers: str) -> Typed:
    typed = Typed(*answers)
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(app.cli.staff_commands.getpass, "getpass", typed)
    return typed


def test_a_script_pipes_the_password_in_one_line_each(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Counter2026\nCounter2026\n"))
    added = call(
        home,
        "staff",
        "add",
        "scjg02",
        "--name",
        "赵窗口",
        "--role",
        "clerk",
        "--department",
        "SCJG",
    )
    assert added.code == 0 and "scjg02" in added.out, added.err

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    nothing = call(
        home,
        "staff",
        "add",
        "scjg03",
        "--name",
        "钱窗口",
        "--role",
        "clerk",
        "--department",
        "SCJG",
    )
    assert nothing.code == 1 and "没有读到密码" in nothing.err


def test_add_reads_the_password_twice_and_states_the_policy(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = type_passwords(monkeypatch, "Counter2026", "Counter2026")
    added = call(
        home, "staff", "add", "wangxy", "--name", "王晓燕", "--role", "clerk",
        "--department", "SCJG", "--window", "A02", "--window", "A03",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert "至少8位" in added.out and "首次登录" in added.out
    assert len(typed.prompts) == 2
    listed = call(home, "staff", "list", "--json").json()
    wang = next(m for m in listed if m["username"] == "wangxy")
    assert wang["windows"] == ["A02", "A03"] and wang["must_change_password"]
    assert "argon2" not in json.dumps(listed) and "hash" not in json.dumps(listed)


def test_add_refuses_with_the_reason(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    type_passwords(monkeypatch, "Counter2026", "Counter2027")
    differ = call(home, "staff", "add", "wangxy", "--name", "王晓燕", "--role", "supervisor")
    assert (differ.code, differ.err.strip()) == (1, "错误：两次输入的密码不一致")
    type_passwords(monkeypatch, "Counter2026", "Counter2026")
    taken = call(home, "staff", "add", "chief1", "--name", "另一人", "--role", "supervisor")
    assert (taken.code, taken.err.strip()) == (1, "错误：用户名 chief1 已存在")
    type_passwords(monkeypatch, "Counter2026", "Counter2026")
    no_department = call(home, "staff", "add", "zhaoliu", "--name", "赵六", "--role", "clerk")
    assert no_department.code == 1 and "须属于一个部门" in no_department.err
    type_passwords(monkeypatch, "short", "short")
    weak = call(home, "staff", "add", "zhaoliu", "--name", "赵六", "--role", "supervisor")
    assert (weak.code, weak.err.strip()) == (1, "错误：密码至少8位")
    as_argument = call(
        home, "staff", "add", "x1", "--name", "x", "--role", "clerk", "--password", "p"
    )
    assert as_argument.code == 2  # no such option: a password is never an argument


def test_disable_enable_reset_unlock_and_grant(home: Path) -> None:
    assert call(home, "staff", "disable", "chief1").code == 0
    listed = call(home, "staff", "list").out
    assert "chief1" in listed and "停用" in listed
    assert call(home, "staff", "enable", "chief1").code == 0
    reset = call(home, "staff", "reset-password", "chief1")
    assert reset.code == 0 and "一次性密码" in reset.out
    assert call(home, "staff", "unlock", "chief1").code == 0
    grant = call(
        home, "staff", "grant", "chief1", "SCJG-XK-001", "--document", "江市监授〔2026〕3号",
        "--date", "2026-03-01",
    )  # fmt: skip
    assert grant.code == 0, grant.err
    assert "SCJG-XK-001" in grant.out
    foreign = call(
        home, "staff", "grant", "chief1", "SCJG-XK-001", "GA-XK-001", "--document", "x1",
        "--date", "2026-03-01",
    )  # fmt: skip
    assert foreign.code == 1 and "事项 GA-XK-001 属于" in foreign.err and "不能授权" in foreign.err
    chief = next(
        m for m in call(home, "staff", "list", "--json").json() if m["username"] == "chief1"
    )
    assert chief["scope"] == ["SCJG-XK-001"]
    assert chief["authorisation"] == {"number": "江市监授〔2026〕3号", "issued": "2026-03-01"}
    kinds = [
        "staff_created", "staff_disabled", "staff_enabled", "password_reset",
        "account_unlocked", "scope_granted",
    ]  # fmt: skip
    assert chief["version"] == len(kinds)
    missing = call(home, "staff", "disable", "nobody")
    assert (missing.code, missing.err.strip()) == (1, "错误：没有用户名为 nobody 的人员")
