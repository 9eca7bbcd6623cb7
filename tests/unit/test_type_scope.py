"""mypy checks the whole program: every package the build ships is in pyproject's mypy run,
and the test command runs it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_checks_every_package_the_program_ships() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {
        path.parent.name
        for pattern in config["tool"]["setuptools"]["packages"]["find"]["include"]
        for path in ROOT.glob(f"{pattern.removesuffix('*')}/__init__.py")
    }
    assert shipped == {"app", "ui", "printing"}
    assert set(config["tool"]["mypy"]["packages"]) == shipped
    assert config["tool"]["mypy"]["strict"] is True


def test_the_test_command_runs_mypy() -> None:
    lines = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8").splitlines()
    assert any("-m mypy" in line and not line.lstrip().startswith("#") for line in lines)
