"""`onewindow queue …` for scripts: list, issue, call in a clerk's name, recall, no-show,
rejoin, transfer, served, walk-in, and the waiting and serving times; a wrong number told in
words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.domain.windows import WindowSpec
from app.paths import Paths
from tests.integration.cli_calls import call
from tests.integration.store_harness import ADMIN


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"))
    for username, window in (("zhang", "A04"), ("li", "A05")):
        profile = Profile(f"窗口{window}", Role.CLERK, "SCJG", (window,))
        services.staff.create(None, username, profile, "Clerk2026x")
        services.windows.set_up(ADMIN, WindowSpec(window, f"窗口{window}", departments=("SCJG",)))
    services.close()
    yield tmp_path


def test_a_day_at_the_queue_from_the_command_line(home: Path) -> None:
    assert call(home, "queue", "issue", "SCJG").out.startswith("J001  市场监管")
    second = call(home, "queue", "issue", "scjg", "--priority", "green_channel")
    assert second.out.startswith("J002") and "前面还有 0 人" in second.out
    waiting = call(home, "queue", "list", "--queue", "SCJG", "--json").json()
    assert [t["number"] for t in waiting] == ["J002", "J001"]
    listed = call(home, "queue", "list", "--json").json()
    assert {"code": "SCJG", "letter": "J", "name": "市场监管", "waiting": 2} in listed

    assert "J002" in call(home, "queue", "call", "--by", "zhang").out
    assert "已叫号 A04" in call(home, "queue", "recall", "J002", "--by", "zhang").out.replace(
        " 号窗口", ""
    )
    assert "已过号" in call(home, "queue", "no-show", "J002", "--by", "zhang").out
    assert "等候中" in call(home, "queue", "rejoin", "J002", "--by", "zhang").out
    assert "J002" in call(home, "queue", "call", "--by", "li").out
    assert "已办结" in call(home, "queue", "served", "J002", "--by", "li").out
    assert "J001" in call(home, "queue", "call", "--by", "zhang").out
    moved = call(home, "queue", "transfer", "J001", "--by", "zhang", "--to-window", "A05")
    assert "等候中" in moved.out
    assert "没有等候的号" in call(home, "queue", "call", "--by", "zhang").out
    assert "J001" in call(home, "queue", "call", "--by", "li").out
    walk_in = call(home, "queue", "walk-in", "--by", "zhang")
    assert walk_in.out.startswith("J003") and "已叫号" in walk_in.out

    times = call(home, "queue", "times", "--json").json()
    assert times["windows"]["A05"]["served"] == 1 and times["windows"]["A04"]["calls"] == 3
    assert set(times["clerks"]) == {"zhang", "li"}
    assert call(home, "queue", "times").out.startswith("窗口\t叫号")


def test_mistakes_are_told_in_words(home: Path) -> None:
    unknown = call(home, "queue", "recall", "J404", "--by", "zhang")
    assert unknown.code != 0 and "今天没有 J404 号" in unknown.err
    assert "没有代码为 NOPE 的队列" in call(home, "queue", "issue", "NOPE").err
    call(home, "queue", "issue", "SCJG")
    early = call(home, "queue", "served", "J001", "--by", "zhang")
    assert early.code != 0 and "还没有被叫到" in early.err
    assert "Traceback" not in unknown.err + early.err
