"""Restoring a lost store from the central (issue 14 "Speed and memory"), against a real
PostgreSQL started here.

    python benchmarks/bench_restore.py [--cases 300000]

The central is filled with N demo cases of one terminal (one department's items, so that
every event carries that department's demo terminal), written by COPY (the central's checks
switched off for it: they are not what is measured), in transactions of about a push's
size. Then, each in a process of its own:
  - baseline: a new counter of the center pulls the same events (`onewindow sync`);
  - restore: the counter that wrote them, with an empty store, runs `onewindow restore`;
and, in this process, a COPY of the same rows out of the central (the floor: the rows alone).
Each prints its time, events/s and the process's peak memory (VmHWM, read by the process
itself: ru_maxrss would keep the parent's peak across the exec), and its memory once the
command line was imported. Targets: restore of 300k cases ≤ 5 minutes, peak ≤ 150 MB.

Prints figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from app.bootstrap import bootstrap  # noqa: E402
from app.central.logins import Counter, add_center, add_counter  # noqa: E402
from app.central.schema import central_engine  # noqa: E402
from app.domain.events import EVENT_FIELDS  # noqa: E402
from app.paths import HOME_VARIABLE, Paths  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.storage.case_repository import event_to_row  # noqa: E402
from benchmarks.demo_cases import demo_history  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402

DEPARTMENT = "SCJG"  # the department whose demo terminal writes every case
TERMINAL = f"demo-{DEPARTMENT.lower()}"  # its demo clerk's and chief's terminal
CENTER = "R14"  # a code of its own: the logins are named after it
WRITER, PULLER = 90, 99  # terminal numbers: the one that wrote the cases, a new counter
BATCH_CASES = 250  # cases COPYed per transaction: about the 1,000 events of a push
#: Runs `onewindow` and prints its memory: once imported, and its peak at the end.
CHILD = """
import json, sys
from pathlib import Path
def kib(key):
    status = Path("/proc/self/status").read_text().splitlines()
    return int(next(line for line in status if line.startswith(key)).split()[1])
from app.cli.main import main
imported = kib("VmRSS")
code = main(sys.argv[1:])
print(json.dumps({"code": code, "imported": imported, "peak": kib("VmHWM")}))
"""


def fill(url: str, cases: int, scratch: Path) -> tuple[str, int]:
    """`cases` demo cases of one department, COPYed into the central; (terminal, events)."""
    # a store of its own, in a folder below the scratch folder: a store makes its folder
    # private (0700), and the central's server, under root an account of its own, must
    # still pass through the scratch folder to its data (it stopped at its next checkpoint)
    home = scratch / "writer"
    services = bootstrap(Paths(home, home, home / "logs"))
    history = demo_history(services, (WRITER,), seed=14, department=DEPARTMENT)
    services.close()
    columns = ", ".join(f'"{name}"' for name in (*EVENT_FIELDS, "center"))
    events, terminal = 0, ""
    made = history.cases(cases)
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("ALTER TABLE central.events DISABLE TRIGGER USER")
        while batch := list(islice(made, BATCH_CASES)):
            # one transaction per batch, as pushes make them: the pull reads by transaction
            with (
                connection.transaction(),
                connection.cursor().copy(f"COPY central.events ({columns}) FROM STDIN") as copy,
            ):
                for case in batch:
                    for event in case.events:
                        row = event_to_row(event)
                        copy.write_row([*(row[name] for name in EVENT_FIELDS), CENTER])
                        terminal = event.terminal
                    events += len(case.events)
        connection.execute("ALTER TABLE central.events ENABLE TRIGGER USER")
        connection.execute("ANALYZE central.events")
    return terminal, events


def register(url: str, terminal: str) -> tuple[Counter, Counter]:
    """The counter that wrote the cases, and a new counter of the same center."""
    with central_engine(url) as engine, engine.begin() as connection:
        add_center(connection, CENTER, "基准测试中心", "city", None)
        return add_counter(connection, CENTER, WRITER, terminal), add_counter(
            connection, CENTER, PULLER
        )


def copy_out(url: str, terminal: str) -> float:
    """Seconds to COPY the terminal's rows out of the central (the rows alone)."""
    columns = ", ".join(f'"{name}"' for name in EVENT_FIELDS)
    query = f"SELECT {columns} FROM central.events WHERE terminal = %s ORDER BY case_id, position"
    started = time.perf_counter()
    with (
        psycopg.connect(url) as connection,
        connection.cursor() as cursor,
        cursor.copy(f"COPY ({query}) TO STDOUT", (terminal,)) as copy,
    ):
        for _ in copy:
            pass
    return time.perf_counter() - started


def run(home: Path, url: str, counter: Counter, command: str) -> dict[str, float]:
    """`onewindow COMMAND` for `counter` with an empty store at `home`: its figures."""
    home.mkdir()
    Settings.load(Paths(home, home, home / "logs").settings).update(
        {"terminal_no": counter.number, "terminal_name": counter.name,
         "central_url": counter.url(url)}
    )  # fmt: skip
    started = time.perf_counter()
    found = subprocess.run(
        [sys.executable, "-c", CHILD, *command.split()],
        env={HOME_VARIABLE: str(home), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - started
    last = (found.stdout.strip().splitlines() or ["{}"])[-1]
    figures = dict(json.loads(last)) if last.startswith("{") else {}
    if found.returncode != 0 or figures.get("code") != 0:
        log = (home / "logs" / "onewindow.log").read_text(errors="replace")
        raise SystemExit(
            f"onewindow {command} failed: {found.stderr[-2000:]}\nits log ends:\n{log[-3000:]}"
        )
    return {**figures, "seconds": elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300_000)
    args = parser.parse_args()
    with scratch_central("onewindow-bench-restore-") as (scratch, url):
        started = time.perf_counter()
        writer, puller = register(url, TERMINAL)
        terminal, events = fill(url, args.cases, scratch)
        assert terminal == TERMINAL, terminal
        print(
            f"{args.cases} cases ({events} events) of terminal {terminal} on the central,"
            f" filled in {time.perf_counter() - started:.0f} s"
        )
        seconds = copy_out(url, terminal)
        print(f"COPY out of the same rows: {seconds:.1f} s, {events / seconds:8.0f} events/s")
        for label, counter, command in (
            ("pull by a new counter", puller, "sync --once"),
            ("restore (lost store)", writer, "restore"),
        ):
            figures = run(scratch / command.split()[0], url, counter, command)
            mb = 1024
            print(
                f"{label:22}: {figures['seconds']:.1f} s (the whole command),"
                f" {events / figures['seconds']:6.0f} events/s; peak {figures['peak'] / mb:.0f} MB"
                f" ({figures['imported'] / mb:.0f} MB once imported)"
            )
        print("targets: restore of 300k cases ≤ 5 minutes, peak ≤ 150 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
