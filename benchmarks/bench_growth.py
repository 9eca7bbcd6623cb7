"""Work that grows with the store (issue 13, "Speed"), at 1k, 100k and 300k cases.

    .venv/bin/python benchmarks/bench_growth.py [--sizes 1000,100000,300000] [--stores DIR]

Each store is made once with `onewindow demo-data --cases N` under DIR (default
/tmp/ow-growth/N, with the peak size of its WAL while it was written) and reused after;
opening it migrates it when this version's schema is newer. For each size it prints:

- the idle accept (the same-run baseline): from the click (`run()` on the storage worker of a
  real counter window) to the commit, with nothing else queued;
- an accept right after another accept: the first accept's answer refreshes the window's lists
  (`CounterWindow.refresh`, as after every stored case), then the second accept is clicked at
  once; from that click to its commit, for a clerk and for a chief representative;
- the chief's desk: the service call (`decision_queue`) and the longest the GUI thread was busy
  during one refresh of the desk;
- finding an applicant on record by ID number, `sync.status()` with nothing pushed, and the
  department's case list.

Figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.bootstrap import Services, bootstrap, open_store  # noqa: E402
from app.domain.roles import Actor  # noqa: E402
from app.paths import Paths  # noqa: E402
from app.services.cases import Accept  # noqa: E402
from app.services.demo import DEMO_PASSWORD, create_demo_accounts  # noqa: E402
from app.services.demo_people import demo_person  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402
from ui.counter_window import CounterWindow  # noqa: E402
from ui.garbage import GarbageCollector  # noqa: E402
from ui.operations import Operations, Workers  # noqa: E402

SIZES = (1_000, 100_000, 300_000)
CLERK, CHIEF = "scjg01", "scjg-chief"
ROUNDS = 8  # accepts after an accept, per actor (--rounds)
RUNS = 20  # calls timed for each query figure


def make_store(home: Path, cases: int) -> None:
    """`onewindow demo-data --cases N` into `home`, noting the WAL's peak size meanwhile."""
    wal = home / "onewindow.sqlite3-wal"
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.wait(0.5):
            peak = max(peak, wal.stat().st_size if wal.exists() else 0)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    env = dict(os.environ, ONEWINDOW_HOME=str(home))
    command = [sys.executable, "-m", "app", "demo-data", "--cases", str(cases)]
    made = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    done.set()
    watcher.join()
    if made.returncode != 0:
        raise RuntimeError(f"demo-data failed:\n{made.stdout}{made.stderr}")
    (home / "wal-peak").write_text(str(peak))
    print(f"  made: {made.stdout.strip()}")


def wal_peak(home: Path) -> str:
    mark = home / "wal-peak"
    return f"{int(mark.read_text()) / 2**20:.0f} MB" if mark.exists() else "not measured"


def logged_in(services: Services) -> tuple[Actor, Actor]:
    store = open_store(services.paths.database)
    with store.uow() as uow:
        has_staff = bool(uow.staff.all())
    store.close()
    if not has_staff:
        create_demo_accounts(services.staff, services.catalog)
    return (
        services.auth.login(CLERK, DEMO_PASSWORD),
        services.auth.login(CHIEF, DEMO_PASSWORD),
    )


def id_number_on_record(database: Path) -> str:
    """An ID number of a person received in this store (read directly, once)."""
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT json_extract(payload, '$.applicant.id_number') FROM events "
            "WHERE kind = 'received' AND json_extract(payload, '$.applicant.kind') = 'person' "
            "ORDER BY seq LIMIT 1"
        ).fetchone()
    return str(row[0])


def wait_until(app: QApplication, condition: Callable[[], bool]) -> None:
    while not condition():
        app.processEvents()
        time.sleep(0.0005)


def all_idle(workers: Workers) -> bool:
    return not any(o.busy for o in vars(workers).values() if isinstance(o, Operations))


class Accepting:
    """Accepts through the window's own storage worker, timing click → commit."""

    def __init__(self, app: QApplication, services: Services, workers: Workers) -> None:
        self._app, self._services, self._workers = app, services, workers
        self._n = 0

    def call(self, actor: Actor, committed: list[float]) -> Callable[[], object]:
        self._n += 1
        n = self._n
        items = [i for i in self._services.catalog.items() if i.department == actor.department]
        item = items[n % len(items)]
        materials = [m.name for m in item.required_materials]

        def accept() -> object:
            applicant = demo_person(random.Random(7000 + n))
            detail = self._services.cases.receive(actor, item.code, applicant, materials, Accept())
            committed.append(time.perf_counter())
            return detail

        return accept

    def idle(self, actor: Actor) -> float:
        committed: list[float] = []
        clicked = time.perf_counter()
        self._workers.storage.run(self.call(actor, committed), lambda _: None, print)
        wait_until(self._app, lambda: bool(committed) and all_idle(self._workers))
        return (committed[0] - clicked) * 1000

    def after_another(self, actor: Actor, window: CounterWindow) -> float:
        """The first accept's answer refreshes the lists; the second is clicked at once."""
        first: list[float] = []
        second: list[float] = []
        clicked: list[float] = []

        def first_done(_: object) -> None:
            window.refresh()  # what the window does after each stored case
            clicked.append(time.perf_counter())
            self._workers.storage.run(self.call(actor, second), lambda _: None, print)

        self._workers.storage.run(self.call(actor, first), first_done, print)
        wait_until(self._app, lambda: bool(second) and all_idle(self._workers))
        return (second[0] - clicked[0]) * 1000


def list_query(services: Services, clerk: Actor) -> list[float]:
    """The department's 200 newest summaries, the query under the case list."""

    store = open_store(services.paths.database)

    def query() -> None:
        with store.uow() as uow:
            uow.cases.summaries(department=clerk.department, limit=200)

    try:
        return milliseconds(query, RUNS)
    finally:
        store.close()


def gui_busy_during(app: QApplication, workers: Workers, start: Callable[[], None]) -> float:
    """The longest the GUI thread went without turning its event loop while `start()`'s work
    ran (a 0 ms timer ticks whenever the loop is free)."""
    longest = 0.0
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.setInterval(0)

    def tick() -> None:
        nonlocal longest
        longest = max(longest, clock.restart())

    timer.timeout.connect(tick)
    timer.start()
    start()
    wait_until(app, lambda: all_idle(workers))
    app.processEvents()
    timer.stop()
    return float(longest)


def median(samples: Sequence[float]) -> str:
    return f"{statistics.median(samples):.1f} ms"


def spread(samples: Sequence[float]) -> str:
    """Median (lowest–highest), and the 90th percentile where there are ten samples or more."""
    figure = f"{statistics.median(samples):.1f} ms ({min(samples):.1f}–{max(samples):.1f})"
    if len(samples) >= 10:
        figure += f" p90 {statistics.quantiles(samples, n=10)[-1]:.1f}"
    return figure


def bench_size(
    app: QApplication, collector: GarbageCollector, home: Path, cases: int, rounds: int
) -> list[tuple[str, str, str]]:
    if not (home / "onewindow.sqlite3").exists():
        make_store(home, cases)
    started = time.perf_counter()
    services = bootstrap(Paths(home, home, home / "logs"))
    opened = (time.perf_counter() - started) * 1000
    workers = Workers()
    try:
        clerk, chief = logged_in(services)
        accepting = Accepting(app, services, workers)
        rows = [("store opened (and migrated when behind)", f"{opened:.0f} ms", "")]
        rows.append(("WAL peak while demo-data wrote the store", wal_peak(home), "~200 MB"))
        idle = [accepting.idle(clerk) for _ in range(rounds)]
        rows.append(("accept, storage worker idle (baseline)", spread(idle), ""))
        for actor in (clerk, chief):
            window = CounterWindow(services, workers, actor)
            wait_until(app, lambda: all_idle(workers))
            collector.freeze_start_up()  # as the program does once its first window is up
            after = [accepting.after_another(actor, window) for _ in range(rounds)]
            rows.append(
                (f"accept right after an accept, {actor.role.value}", spread(after), "≤ 30 ms")
            )
            if window.desk is not None:
                desk = window.desk
                queue = milliseconds(lambda: services.cases.decision_queue(chief), 5)
                rows.append(("chief's desk: decision_queue()", median(queue), "≤ 100 ms"))
                busy = [gui_busy_during(app, workers, desk.refresh) for _ in range(5)]
                rows.append(("chief's desk: GUI thread busy per refresh", spread(busy), "≤ 50 ms"))
            window.close()
            window.deleteLater()
            app.processEvents()
        id_number = id_number_on_record(services.paths.database)
        found = milliseconds(lambda: services.cases.applicant_on_record(clerk, id_number), RUNS)
        rows.append(("applicant on record by ID number", median(found), "≤ 5 ms"))
        status = milliseconds(services.sync.status, RUNS)
        rows.append(("sync.status(), nothing pushed", median(status), "≤ 5 ms"))
        rows.append(
            ("department's list query (200 newest)", median(list_query(services, clerk)), "≤ 20 ms")
        )
        listing = milliseconds(lambda: services.cases.list_cases(clerk), RUNS)
        rows.append(("  and the list with each case's clock", median(listing), ""))
        return rows
    finally:
        workers.stop()
        services.close()
        gc.unfreeze()  # the next size starts as a program does


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--stores", type=Path, default=Path("/tmp/ow-growth"))
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="accepts timed per figure")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    collector = GarbageCollector(app)  # collects on the GUI thread only, as the window does
    for cases in (int(s) for s in args.sizes.split(",")):
        print(f"\n== {cases:,} cases ({args.stores / str(cases)})", flush=True)
        for what, value, target in bench_size(
            app, collector, args.stores / str(cases), cases, args.rounds
        ):
            print(f"  {what:<48} {value:>26}  {('target ' + target) if target else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
