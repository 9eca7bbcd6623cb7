"""A counter in a process of its own, for the sync tests: `python -m
tests.integration.counter_process HOME ROUNDS CASES` writes CASES cases locally and syncs, ROUNDS
times, then prints how many of its events the central holds (by this store's bookkeeping).

The home must have been configured (`sync_harness.configure_counter`) beforehand.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from app.bootstrap import bootstrap
from app.central.errors import CentralError
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo_people import demo_person

FOOD = "SCJG-XK-001"
ROOT = Path(__file__).resolve().parents[2]


def run_counters(homes: Sequence[Path], rounds: int, cases: int) -> None:
    """Run one counter process per home at once; each must end with nothing left waiting."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", __name__, str(home), str(rounds), str(cases)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for home in homes
    ]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert out.strip() == "0", err  # nothing left waiting


def main(home: Path, rounds: int, cases: int) -> int:
    services = bootstrap(Paths(home, home, home / "logs"))
    terminal = services.settings["terminal_name"]
    clerk = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", terminal)
    item = services.catalog.item(FOOD)
    materials = [m.name for m in item.required_materials]
    people = random.Random(terminal)
    try:
        for _ in range(rounds):
            for _ in range(cases):
                services.cases.receive(clerk, FOOD, demo_person(people), materials, Accept())
            try:
                services.sync.sync_once()
            except CentralError as error:  # the next round tries again
                print(f"sync failed: {error}", file=sys.stderr, flush=True)
        services.sync.sync_once()
        print(services.sync.status().waiting, flush=True)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
