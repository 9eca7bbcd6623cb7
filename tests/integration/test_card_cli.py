"""`python -m app card …` in its own process: a demo card read and printed (masked unless
--full), one line of reason and exit 1 when the reader cannot be reached, no database opened."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain.identity import validate_resident_id

ROOT = Path(__file__).resolve().parents[2]
MASKED = re.compile(r"\d{6}\*{8}\d{3}[\dX]")


#: Every command of this module, started side by side (each process takes about a second).
COMMANDS: dict[str, tuple[str, ...]] = {
    "json": ("read", "--simulator", "resident", "--json"),
    "full": ("read", "--simulator", "resident", "--json", "--full"),
    "expired": ("read", "--simulator", "expired"),
    "serial": ("read", "--serial", "/dev/nonexistent"),
    "unknown": ("read", "--simulator", "passport"),
    "list": ("list",),
    "reader": ("read", "--reader", "No Such Reader 00 00", "--timeout", "0.5"),
}


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    home: Path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    started = {}
    for key, args in COMMANDS.items():
        home = tmp_path_factory.mktemp(key)
        env = {**os.environ, "ONEWINDOW_HOME": str(home), "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "card", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        started[key] = (process, home)
    done = {}
    for key, (process, home) in started.items():
        out, err = process.communicate(timeout=60)
        done[key] = Run(process.returncode, out, err, home)
    return done


def test_a_demo_card_is_printed_as_json_with_the_number_masked(runs: dict[str, Run]) -> None:
    run = runs["json"]
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert MASKED.fullmatch(data["number"])
    assert data["card_type"] == "resident" and data["name"] == "李文华"
    assert data["photo_bytes"] == 1024 and data["expired"] is False
    assert not re.search(r"\d{17}[\dX]", run.out)
    assert sorted(p.name for p in run.home.iterdir()) == ["logs"]  # no database, no settings


def test_full_shows_the_whole_number(runs: dict[str, Run]) -> None:
    run = runs["full"]
    assert run.code == 0, run.err
    number = json.loads(run.out)["number"]
    assert validate_resident_id(number).number == number


def test_an_expired_card_is_read_with_a_warning(runs: dict[str, Run]) -> None:
    run = runs["expired"]
    assert run.code == 0, run.err
    assert "证件已过期" in run.out and "王秀英" in run.out
    assert MASKED.search(run.out)


def test_a_missing_serial_port_is_one_line_and_exit_1(runs: dict[str, Run]) -> None:
    run = runs["serial"]
    assert run.code == 1
    assert run.out == ""
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and "/dev/nonexistent" in lines[0]


def test_an_unknown_demo_card_is_a_usage_error(runs: dict[str, Run]) -> None:
    assert runs["unknown"].code == 2


@pytest.mark.parametrize("key", ["list", "reader"])
def test_pcsc_commands_answer_in_one_line_or_list_readers(runs: dict[str, Run], key: str) -> None:
    """With pcscd running `card list` exits 0; without it (or the reader), one line and exit 1."""
    run = runs[key]
    assert "Traceback" not in run.err
    if run.code == 0:
        assert key == "list"
        assert run.out.strip() and run.err == ""
    else:
        assert run.code == 1 and run.out == ""
        lines = run.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("错误：")
