"""A crash loses no committed event: a process receiving cases in a loop is killed with
SIGKILL, and every case it reported as committed is there afterwards, intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

from app.bootstrap import bootstrap
from app.domain.roles import Actor, Role
from app.paths import Paths

ROOT = Path(__file__).resolve().parents[2]
SUPERVISOR = Actor("jiancha", "监察室", Role.SUPERVISOR, None, "", "test")

#: Receives and accepts cases for ever, printing each number once its transaction committed.
WRITER = textwrap.dedent(
    """
    import random
    from app.bootstrap import bootstrap
    from app.domain.roles import Actor, Role
    from app.services.cases import Accept
    from app.services.demo_people import demo_person

    services = bootstrap()
    clerk = Actor("scjg01", "窗口", Role.CLERK, "SCJG", "A04", "crash-test")
    item = services.catalog.item("SCJG-XK-001")
    materials = [m.name for m in item.required_materials]
    rng = random.Random(7)
    print("ready", flush=True)
    while True:
        detail = services.cases.receive(clerk, item.code, demo_person(rng), materials, Accept())
        print(detail.case.case_no, flush=True)
    """
)


def test_every_case_reported_committed_survives_a_sigkill(tmp_path: Path) -> None:
    bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs")).close()  # set up outside the race
    env = {**os.environ, "ONEWINDOW_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    committed: list[str] = []
    deadline = time.monotonic() + 30
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr
        while len(committed) < 25 and time.monotonic() < deadline:
            line = writer.stdout.readline().strip()
            assert line, "the writer stopped before it was killed"
            committed.append(line)
    finally:
        writer.send_signal(signal.SIGKILL)  # mid-way through the next case, most likely
        writer.wait(10)
        # what it printed before it died, still in the pipe, was committed too
        committed += writer.stdout.read().split()  # type: ignore[union-attr]
        writer.stdout.close()  # type: ignore[union-attr]
        writer.stderr.close()  # type: ignore[union-attr]
    assert writer.returncode == -signal.SIGKILL
    assert len(committed) >= 25

    with closing(sqlite3.connect(tmp_path / "onewindow.sqlite3")) as raw, raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"))
    try:
        stored = {e.summary.case_no for e in services.cases.list_cases(SUPERVISOR, limit=10_000)}
        assert set(committed) <= stored
        assert len(stored) - len(committed) <= 1  # at most the one whose line was not read
        for case_no in committed:
            events = services.cases.detail(SUPERVISOR, case_no).case.events
            assert [e.kind.value for e in events] == ["received", "accepted"]
        assert services.cases.verify() == []
    finally:
        services.close()
