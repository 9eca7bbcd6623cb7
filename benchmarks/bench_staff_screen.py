"""The staff screen's figures issue 15 asks for, measured on this machine beside their target.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_staff_screen.py [--staff 400]

A center of `--staff` generated fictional people (clerks and chief representatives of every
department, a few supervisors and administrators). Opening: from building the screen (管理 →
人员) to its list holding every account — the read on the storage worker and the rows filled
on the GUI thread. Filtering: typing in the filter box until the list, on the screen, shows what matches.
Target: each ≤ 100 ms at 400 staff. Baseline in the same run: the same screen over the demo's
accounts only (the store as `onewindow --demo` makes it), and the bare read from the store.
Hashes are made with argon2's cheapest settings: the passwords are not what is measured.

Figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import app.services.staff_log  # noqa: E402
from app.bootstrap import Services, bootstrap  # noqa: E402
from app.domain.events import CHINA_TIME  # noqa: E402
from app.domain.roles import Actor, Role  # noqa: E402
from app.domain.staff_events import Profile  # noqa: E402
from app.paths import Paths  # noqa: E402
from app.services.demo import create_demo_accounts  # noqa: E402
from app.services.demo_people import GIVEN, SURNAMES  # noqa: E402
from app.services.time_source import FixedClock  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402
from ui.operations import Workers  # noqa: E402
from ui.staff_screen import StaffScreen  # noqa: E402

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
TARGET_MS = 100
RUNS = 20
FILTERS = ("scjg", "王", "A1", "首席代表", "nobody-matches")


def fill(services: Services, count: int, rng: random.Random) -> None:
    """`count` fictional people on top of the demo's accounts."""
    departments = sorted(services.catalog.departments())
    for n in range(count):
        department = departments[n % len(departments)]
        role = Role.CHIEF_REPRESENTATIVE if n % 20 == 0 else Role.CLERK
        if n % 50 == 1:
            role = Role.SUPERVISOR
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2)))
        windows = (f"{chr(65 + n % 6)}{n % 40 + 1:02d}",)
        profile = Profile(name, role, None if role is Role.SUPERVISOR else department, windows)
        services.staff.create(None, f"{department.lower()}{n:04d}", profile, f"Bench{n:04d}x")


def open_screen(services: Services, workers: Workers) -> StaffScreen:
    """The screen, once its list holds every account."""
    loop = QEventLoop()
    screen = StaffScreen(services, workers.reading, ADMIN, None)
    screen.model.modelReset.connect(loop.quit)
    loop.exec()
    return screen


def measure(services: Services, workers: Workers, label: str) -> None:
    screens: list[StaffScreen] = []
    opened = milliseconds(lambda: screens.append(open_screen(services, workers)), RUNS)
    read = milliseconds(lambda: services.staff.members(ADMIN), RUNS)
    screen = screens[-1]
    screen.show()
    QApplication.processEvents()
    shown = screen.model.rowCount()
    filtered: list[float] = []
    for text in FILTERS * (RUNS // len(FILTERS)):
        started = time.perf_counter()
        screen.filter.setText(text)
        QApplication.processEvents()  # the list drawn again
        filtered.append((time.perf_counter() - started) * 1000)
        screen.filter.clear()
        QApplication.processEvents()
    print(
        f"{label} ({shown} accounts): open median {statistics.median(opened):.1f} ms, "
        f"max {opened[-1]:.1f} ms; filter median {statistics.median(filtered):.2f} ms, "
        f"max {max(filtered):.2f} ms; read from the store alone median "
        f"{statistics.median(read):.1f} ms (target ≤ {TARGET_MS} ms for open and filter)"
    )
    for made in screens:
        made.deleteLater()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=400)
    args = parser.parse_args()
    app.services.staff_log.PasswordHasher = lambda: PasswordHasher(  # type: ignore[assignment,misc]
        time_cost=1, memory_cost=1024, parallelism=1
    )
    application = QApplication.instance() or QApplication(sys.argv)
    workers = Workers()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        services = bootstrap(Paths(home, home, home / "logs"), FixedClock(NOW))
        try:
            create_demo_accounts(services.staff, services.catalog)
            measure(services, workers, "baseline: the demo's accounts")
            fill(services, args.staff - len(services.staff.members(ADMIN)), random.Random(15))
            measure(services, workers, f"a center of {args.staff} staff")
        finally:
            services.close()
            workers.stop()
    del application
    return 0


if __name__ == "__main__":
    sys.exit(main())
