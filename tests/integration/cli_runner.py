"""Running `python -m app …` in its own process, several side by side, as an administrator does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


def run_all(home: Path, *commands: list[str]) -> list[Run]:
    """Start every command at once, then wait for them all."""
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "PYTHONPATH": str(ROOT)}
    started = [
        (
            tuple(command),
            subprocess.Popen(
                [sys.executable, "-m", "app", *command],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for command in commands
    ]
    runs = []
    for args, process in started:
        out, err = process.communicate(timeout=120)
        runs.append(Run(args, process.returncode, out, err))
    return runs
