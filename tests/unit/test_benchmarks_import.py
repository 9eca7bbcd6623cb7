"""Every benchmark still imports what it uses: a benchmark is run by hand, so nothing else
notices when a name it imports moves or goes (bench_sync once imported a channel that §2 of
issue 14 made per center)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted(Path(__file__).resolve().parents[2].joinpath("benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda path: path.stem)
def test_the_benchmark_imports(path: Path) -> None:
    module = importlib.import_module(f"benchmarks.{path.stem}")
    assert callable(module.main)
