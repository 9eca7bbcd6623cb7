"""How soon a staff change and a center setting's change reach another counter of the center
(issue 15: ≤ 2 s after it is saved while they are online), against a real PostgreSQL started
here.

    python benchmarks/bench_directory.py [--changes 20]

Two counters of one center, each a store of its own, the second listening at the central as
the window does. Each change: an administrator at counter 1 creates a clerk (saved); counter 1
runs its sync round (the window asks for one after each save); the central notifies the
center's channel; counter 2, told, runs its round and folds the clerk in. Then the same for
the administrator changing the center's idle lock, until counter 2 has it in effect. Printed
for each: save → in effect at counter 2, median and worst; beside it, measured in the same
run, the baseline: two rounds with nothing to send or take (one at each counter), what any change
costs at least on this machine.

Prints figures to read, not a timed test: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import queue
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.bootstrap import Services, bootstrap  # noqa: E402
from app.central.directory import publish_staff  # noqa: E402
from app.central.logins import add_center, add_counter  # noqa: E402
from app.central.schema import central_engine  # noqa: E402
from app.domain.roles import Role  # noqa: E402
from app.domain.staff_events import Profile  # noqa: E402
from app.paths import Paths  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402

CENTER = "D1"
PASSWORD = "Chuangkou2026"


def counter(home: Path, url: str, number: int) -> Services:
    with central_engine(url) as engine, engine.begin() as connection:
        login = add_counter(connection, CENTER, number)
    services = bootstrap(Paths(home, home, home / "logs"))
    services.settings.update(
        {"terminal_no": number, "terminal_name": login.name, "central_url": login.url(url)}
    )
    return services


def reach(
    first: Services,
    second: Services,
    heard: queue.Queue[str],
    change: Callable[[], object],
    arrived: Callable[[], bool],
) -> float:
    """Seconds from `change` saved at counter 1 to `arrived` true at counter 2: counter 1's
    round, the central's notice heard at counter 2, counter 2's round."""
    while not heard.empty():
        heard.get_nowait()
    change()
    saved = time.perf_counter()
    first.sync.sync_once()
    heard.get(timeout=10)
    second.sync.sync_once()
    assert arrived()
    return time.perf_counter() - saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    with scratch_central("bench-directory-") as (_, url), tempfile.TemporaryDirectory() as homes:
        with central_engine(url) as engine, engine.begin() as connection:
            add_center(connection, CENTER, "目录中心", "city", None)
        first = counter(Path(homes) / "c1", url, 1)
        second = counter(Path(homes) / "c2", url, 2)
        try:
            first.staff.create(None, "admin", Profile("管理员", Role.ADMINISTRATOR, None), PASSWORD)
            with central_engine(url) as engine, engine.begin() as connection:
                publish_staff(connection, CENTER, first.auth.staff(), first.auth.staff_logs())
            admin = first.auth.login("admin", PASSWORD)
            first.sync.sync_once()
            second.sync.sync_once()
            baseline = []
            for _ in range(args.changes):
                started = time.perf_counter()
                first.sync.sync_once()
                second.sync.sync_once()
                baseline.append(time.perf_counter() - started)
            heard: queue.Queue[str] = queue.Queue()
            listener = second.sync.listener(heard.put)
            assert listener is not None
            listener.start()
            time.sleep(1.0)  # the listener connects and LISTENs
            clerk = Profile("窗口人员", Role.CLERK, "SCJG", ("A04",))
            try:
                staff = [
                    reach(
                        first,
                        second,
                        heard,
                        lambda n=n: first.staff.create(admin, f"clerk{n:03d}", clerk, PASSWORD),
                        lambda n=n: f"clerk{n:03d}" in {m.username for m in second.auth.staff()},
                    )
                    for n in range(args.changes)
                ]
                settings = [
                    reach(
                        first,
                        second,
                        heard,
                        lambda n=n: first.counter_settings.change(
                            admin, {"idle_lock_minutes": 20 + n}
                        ),
                        lambda n=n: second.settings["idle_lock_minutes"] == 20 + n,
                    )
                    for n in range(args.changes)
                ]
            finally:
                listener.stop()
        finally:
            first.close()
            second.close()
    print(f"{args.changes} changes each, saved at counter 1 → in effect at counter 2:")
    for what, reached in (("staff (a clerk created)", staff), ("center setting", settings)):
        print(
            f"  {what}: median {statistics.median(reached) * 1000:.0f} ms,"
            f" worst {max(reached) * 1000:.0f} ms  (target ≤ 2000 ms)"
        )
    print(
        f"  baseline, two empty rounds (counter 1 then 2): median"
        f" {statistics.median(baseline) * 1000:.0f} ms, worst {max(baseline) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
