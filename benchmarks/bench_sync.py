"""The sync figures issue 5 asks for, measured against a real PostgreSQL started here.

    python benchmarks/bench_sync.py [--events 100000] [--notifications 200]

(a) push: N events from realistic demo cases sent up the way a counter sends them (batches of
    `sync_batch`, each checked by the central's hash and chain check), in events per second,
    beside a plain COPY of the same events into an identical empty table (same columns,
    generated column, constraints and indexes; no triggers), measured in the same run:
    target ≥ 50 % of the COPY rate;
(b) live: a new case pushed at a counter → the notification at a listening connection,
    p50 / p99 over M cases: target p99 ≤ 1 s;
(c) supervision: the case clocks of the pushed cases folded on the central (cases/s), then
    overdue and warning counts per center over 1,000,000 cases (`central.clock_counts`),
    median and worst of 20: target ≤ 50 ms.

Prints figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import queue
import statistics
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from app.central.logins import Counter, add_center, add_counter  # noqa: E402
from app.central.schema import central_engine  # noqa: E402
from app.domain.events import CHINA_TIME, EVENT_FIELDS  # noqa: E402
from app.paths import resources_dir  # noqa: E402
from app.services.calendar import CalendarService  # noqa: E402
from app.services.catalog import CatalogService  # noqa: E402
from app.services.demo_history import DemoHistory  # noqa: E402
from app.services.time_source import FixedClock  # noqa: E402
from app.storage.case_repository import event_to_row  # noqa: E402
from app.storage.database import migrate, open_engine  # noqa: E402
from app.storage.unit_of_work import UnitOfWorkFactory  # noqa: E402
from app.sync.central_link import CentralLink  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)
BATCH = 1000


def demo_rows(events: int, spare_cases: int, scratch: Path) -> tuple[list[dict], list[list[dict]]]:
    """About `events` event rows of demo cases, and `spare_cases` more cases kept apart."""
    engine = open_engine(scratch / "catalog.sqlite3")
    migrate(engine)
    uow = UnitOfWorkFactory(engine)
    catalog = CatalogService(uow)
    catalog.load_json(resources_dir() / "catalog")
    calendar = CalendarService(uow, FixedClock(NOW))
    for path in sorted((resources_dir() / "calendar").glob("*.json")):
        calendar.load_file(None, path)
    history = DemoHistory(
        catalog.items(), calendar.calendar(), NOW, defaultdict(int), (90,), seed=5
    )
    rows: list[dict] = []
    cases = history.cases(10**9)
    while len(rows) < events:
        rows += [event_to_row(e) for e in next(cases).events]
    spare = [[event_to_row(e) for e in case.events] for case in islice(cases, spare_cases)]
    engine.dispose()
    return rows, spare


def register(url: str, terminals: set[str]) -> dict[str, Counter]:
    with central_engine(url) as engine, engine.begin() as connection:
        add_center(connection, "B1", "基准测试中心", "city", None)
        return {
            name: add_counter(connection, "B1", number, name)
            for number, name in enumerate(sorted(terminals), start=1)
        }


def push_all(url: str, counters: dict[str, Counter], rows: list[dict]) -> float:
    by_terminal: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_terminal[str(row["terminal"])].append(row)
    links = {name: CentralLink(counter.url(url)) for name, counter in counters.items()}
    for name, link in links.items():
        link.check_terminal(name, counters[name].number)  # connected before the clock starts
    started = time.perf_counter()
    for name, own in by_terminal.items():
        for start in range(0, len(own), BATCH):
            answers = links[name].push(own[start : start + BATCH], name)
            assert all(a.outcome.delivered for a in answers), answers[0]
    elapsed = time.perf_counter() - started
    for link in links.values():
        link.close()
    return elapsed


def copy_all(url: str, rows: list[dict]) -> float:
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CREATE TABLE central.bench_copy (LIKE central.events INCLUDING ALL)")
        columns = ", ".join(f'"{name}"' for name in (*EVENT_FIELDS, "center"))
        started = time.perf_counter()
        with (
            connection.transaction(),
            connection.cursor().copy(f"COPY central.bench_copy ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row([*(row[name] for name in EVENT_FIELDS), "B1"])
        elapsed = time.perf_counter() - started
        connection.execute("DROP TABLE central.bench_copy")
    return elapsed


def notification_latency(url: str, counters: dict[str, Counter], cases: list[list[dict]]):
    arrived: queue.Queue[float] = queue.Queue()
    ready = threading.Event()
    stop = threading.Event()

    links = {name: CentralLink(counter.url(url)) for name, counter in counters.items()}
    channel = next(iter(links.values())).registration().channel  # the center's own

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
        terminal = str(rows[0]["terminal"])
        links[terminal].check_terminal(terminal, counters[terminal].number)
        sent = time.perf_counter()
        links[terminal].push(rows, terminal)
        latencies.append(arrived.get(timeout=10) - sent)
    stop.set()
    listener.join(2)
    for link in links.values():
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
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--notifications", type=int, default=200)
    args = parser.parse_args()
    with scratch_central("onewindow-bench-sync-") as (scratch, url):
        rows, spare = demo_rows(args.events, args.notifications, scratch)
        counters = register(url, {str(r["terminal"]) for r in rows})
        print(f"{len(rows)} events of demo cases from {len(counters)} terminals")
        pushed = push_all(url, counters, rows)
        copied = copy_all(url, rows)
        push_rate, copy_rate = len(rows) / pushed, len(rows) / copied
        print(
            f"push  {push_rate:9.0f} events/s ({pushed:.1f} s, batches of {BATCH}, hash and"
            " chain checked)"
        )
        print(f"COPY  {copy_rate:9.0f} events/s ({copied:.1f} s, same rows, no triggers)")
        print(f"push / COPY = {100 * push_rate / copy_rate:.0f} %   target ≥ 50 %")
        latencies = sorted(notification_latency(url, counters, spare))
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
