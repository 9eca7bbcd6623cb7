"""The sync figures issues 5 and 14 ask for, measured against a real PostgreSQL started here.

    python benchmarks/bench_sync.py [--events 20000] [--notifications 200] [--profile FILE]

(a) catch-up push: a counter that was offline (a store holding `--events` events of its own
    terminal, whole demo cases, none pushed yet) runs `onewindow sync --once` in a process of
    its own, as a counter does; beside it, in the same run, a COPY of the same rows into the
    same table of a second database of the same central (the same triggers: the hash and
    chain, content, signer and time checks and the cases' refresh; as the superuser, who
    passes row-level security). Printed: both rates and push / COPY, for the whole process
    and for its sync round alone (as its log times it: login, push, pull, checks; the
    interpreter, imports and store opening taken out): target ≥ 70 %. `--profile FILE` runs the push under
    cProfile and writes its statistics to FILE;
(b) live: a new case pushed at a counter → the notification at a listening connection,
    p50 / p99 over M cases: target p99 ≤ 1 s;
(c) supervision: the case clocks of the pushed cases folded on the central (cases/s), then
    overdue and warning counts per center over 1,000,000 cases (`central.clock_counts`),
    median and worst of 20: target ≤ 50 ms.

Prints figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from sqlalchemy import make_url  # noqa: E402

from app.bootstrap import bootstrap  # noqa: E402
from app.central.logins import Counter, add_center, add_counter  # noqa: E402
from app.central.schema import central_engine, initialise  # noqa: E402
from app.domain.case import Case  # noqa: E402
from app.domain.events import EVENT_FIELDS  # noqa: E402
from app.logs import LOG_FILE  # noqa: E402
from app.paths import HOME_VARIABLE, Paths  # noqa: E402
from app.storage.case_repository import event_to_row  # noqa: E402
from app.sync.central_link import CentralLink  # noqa: E402
from benchmarks.demo_cases import NOW, demo_history  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402

CENTER = "B1"
NUMBER = 1  # the terminal number of the counter that catches up
ROUND = re.compile(r"sync: .* in ([0-9.]+) s$", re.MULTILINE)  # how long the round took


class Backlog:
    """A counter's store holding `events` events of its own terminal that were never pushed
    (whole demo cases of one department's terminal), and `spare` more cases of it apart."""

    def __init__(self, home: Path, events: int, spare: int) -> None:
        self.home = home
        services = bootstrap(Paths(home, home, home / "logs"))
        try:
            history = demo_history(services)
            cases = _of_one_terminal(history.cases(10**9))
            self.cases: list[Case] = []
            while sum(len(case.events) for case in self.cases) < events:
                self.cases.append(next(cases))
            self.spare = [[event_to_row(e) for e in next(cases).events] for _ in range(spare)]
            services.cases.import_events([e for case in self.cases for e in case.events])
        finally:
            services.close()
        self.terminal = self.cases[0].events[0].terminal
        self.rows = [event_to_row(e) for case in self.cases for e in case.events]

    def connect(self, counter: Counter, url: str) -> None:
        """Make the store the counter registered on the central at `url`."""
        services = bootstrap(Paths(self.home, self.home, self.home / "logs"))
        try:
            services.settings.update(
                {
                    "terminal_no": counter.number,
                    "terminal_name": counter.name,
                    "central_url": counter.url(url),
                }
            )
        finally:
            services.close()

    def sync(self, profile: Path | None = None) -> tuple[float, float, str]:
        """`onewindow sync --once` in a process of its own: (seconds, the seconds its sync
        round took by its own log, what it printed). Its modules are compiled to bytecode
        first, as in the bundle a counter runs: an environment that sets
        PYTHONDONTWRITEBYTECODE would otherwise compile them from source at every start."""
        compileall = [sys.executable, "-m", "compileall", "-q", "app", "printing"]
        subprocess.run(compileall, cwd=ROOT, capture_output=True, check=True)
        command = [sys.executable, "-m", "app", "sync", "--once"]
        if profile is not None:
            command[1:3] = ["-m", "cProfile", "-o", str(profile), "-m", "app"]
        environment = {**os.environ, HOME_VARIABLE: str(self.home), "QT_QPA_PLATFORM": "offscreen"}
        started = time.perf_counter()
        done = subprocess.run(
            command, cwd=ROOT, env=environment, capture_output=True, text=True, check=True
        )
        elapsed = time.perf_counter() - started
        logged = (self.home / "logs" / LOG_FILE).read_text("utf-8")
        return elapsed, float(ROUND.findall(logged)[-1]), done.stdout.strip()


def _of_one_terminal(cases: Iterator[Case]) -> Iterator[Case]:
    """The cases written at the terminal of the first case (one department's counter)."""
    first = next(cases)
    yield first
    terminal = first.events[0].terminal
    for case in cases:
        if all(event.terminal == terminal for event in case.events):
            yield case


def register(url: str, terminal: str) -> Counter:
    with central_engine(url) as engine, engine.begin() as connection:
        add_center(connection, CENTER, "基准测试中心", "city", None)
        return add_counter(connection, CENTER, NUMBER, terminal)


def copy_baseline(url: str, rows: list[dict], database: str) -> float:
    """Seconds to COPY `rows` into central.events of a fresh `database` of the same central,
    with its triggers (the superuser passes row-level security)."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {database}")
    copy_url = make_url(url).set(database=database).render_as_string(hide_password=False)
    initialise(copy_url)
    with central_engine(copy_url) as engine, engine.begin() as connection:
        add_center(connection, CENTER, "基准测试中心", "city", None)
    columns = ", ".join(f'"{name}"' for name in (*EVENT_FIELDS, "center"))
    with psycopg.connect(copy_url) as connection:
        started = time.perf_counter()
        with (
            connection.transaction(),
            connection.cursor().copy(f"COPY central.events ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([*(row[name] for name in EVENT_FIELDS), CENTER])
        elapsed = time.perf_counter() - started
        held = connection.execute("SELECT count(*) FROM central.events").fetchone()
    assert held == (len(rows),), held
    return elapsed


def catch_up(url: str, backlog: Backlog, counter: Counter, profile: Path | None) -> None:
    """(a): the counter's `onewindow sync` between two COPYs of the same rows (the load of a
    shared machine drifts: their mean is the baseline), printed side by side."""
    backlog.connect(counter, url)
    before = copy_baseline(url, backlog.rows, "bench_copy_before")
    pushed, round_, said = backlog.sync(profile)
    after = copy_baseline(url, backlog.rows, "bench_copy_after")
    copied = (before + after) / 2
    events = len(backlog.rows)
    print(said)
    print(f"{events} events of {len(backlog.cases)} cases waiting at terminal {backlog.terminal}")
    print(
        f"COPY, same rows, same table and triggers: {copied:6.2f} s,"
        f" {events / copied:7.0f} events/s (before the push {before:.2f} s, after {after:.2f} s)"
    )
    for label, seconds in (
        ("onewindow sync, the whole process     ", pushed),
        ("its sync round (start-up taken out)   ", round_),
    ):
        print(
            f"{label}: {seconds:6.2f} s, {events / seconds:7.0f} events/s,"
            f" {100 * copied / seconds:3.0f} % of COPY   target ≥ 70 %"
        )
    print(f"(start-up: {pushed - round_:.2f} s: the interpreter, the imports, the store)")


def notification_latency(url: str, counter: Counter, cases: list[list[dict]]) -> list[float]:
    arrived: queue.Queue[float] = queue.Queue()
    ready = threading.Event()
    stop = threading.Event()

    link = CentralLink(counter.url(url))
    link.check_terminal(counter.name, counter.number)
    channel = link.registration().channel  # the center's own

    def listen() -> None:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f'LISTEN "{channel}"')
            ready.set()
            while not stop.is_set():
                for _ in connection.notifies(timeout=0.2, stop_after=1):
                    arrived.put(time.perf_counter())

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    ready.wait(10)
    latencies = []
    for rows in cases:
        sent = time.perf_counter()
        link.push(rows, counter.name)
        latencies.append(arrived.get(timeout=10) - sent)
    stop.set()
    listener.join(2)
    link.close()
    return latencies


def clocks_and_counts(url: str) -> tuple[float, int, list[float]]:
    from app.central.supervision import refresh_clocks

    started = time.perf_counter()
    folded = refresh_clocks(url, NOW)
    folding = time.perf_counter() - started
    with psycopg.connect(url, autocommit=True) as connection:
        # a million cases over 60 centers: one in six with its clock running, due over 60 days
        connection.execute(
            "INSERT INTO central.case_clocks (case_id, center, open, paused, due, warning_from)"
            " SELECT gen_random_uuid(), 'X' || (n %% 60), n %% 6 = 0, n %% 97 = 0,"
            " date '2026-10-01' + (n %% 90), date '2026-10-01' + (n %% 90) - 2"
            " FROM generate_series(1, 1000000 - %s) n",
            (folded,),
        )
        connection.execute("VACUUM ANALYZE central.case_clocks")
        total = connection.execute("SELECT count(*) FROM central.case_clocks").fetchone()[0]
        timings = []
        for _ in range(21):
            started = time.perf_counter()
            connection.execute("SELECT * FROM central.clock_counts(%s)", (NOW.date(),)).fetchall()
            timings.append(time.perf_counter() - started)
    return folded / folding, total, timings[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--notifications", type=int, default=200)
    parser.add_argument("--profile", type=Path, help="cProfile statistics of the push to FILE")
    args = parser.parse_args()
    with scratch_central("onewindow-bench-sync-") as (scratch, url):
        backlog = Backlog(scratch / "counter", args.events, args.notifications)
        counter = register(url, backlog.terminal)
        catch_up(url, backlog, counter, args.profile)
        latencies = sorted(notification_latency(url, counter, backlog.spare))
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        print(
            f"new case pushed → notification: p50 {1000 * p50:.1f} ms, p99 {1000 * p99:.1f} ms"
            f" over {len(latencies)} cases   target p99 ≤ 1000 ms"
        )
        rate, total, timings = clocks_and_counts(url)
        print(f"case clocks folded on the central: {rate:.0f} cases/s")
        print(
            f"overdue and warning counts per center over {total:,} cases:"
            f" median {1000 * statistics.median(timings):.1f} ms,"
            f" worst {1000 * max(timings):.1f} ms   target ≤ 50 ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
