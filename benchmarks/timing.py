"""Timing a call the way the benchmarks here do: wall-clock milliseconds per call."""

from __future__ import annotations

import time
from collections.abc import Callable


def milliseconds(call: Callable[[], object], runs: int) -> list[float]:
    """How long each of `runs` calls took, in milliseconds, fastest first."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)
