"""The pull issue 14 asks for ("Speed and memory"), against a real PostgreSQL started here.

    python benchmarks/bench_pull.py [--events 50000] [--chunk 4000] [--before DIR]

Other terminals' demo cases (about N events) are pushed to the central; then a new counter of
the same center, with an empty store, pulls them all, in a process of its own:
  - chunked: `onewindow sync` as a counter runs it (chunks of `--chunk` events, the
    `pull_chunk` setting, each stored in a transaction of its own);
  - baseline: the whole window read and stored at once (one chunk as large as the backlog),
    the way the pull worked before;
  - with `--before DIR`: the chunked pull again by the code of another checkout (`git
    worktree add DIR main`, or `git archive main | tar -x -C DIR`), from the same central.
Each prints events/s, the CPU seconds the pull took (all its threads: a figure the load of
a shared machine moves less than the wall clock), the process's peak memory (VmHWM:
ru_maxrss would keep the parent's peak across the exec), and how much of it the pull added
to the process as it was before pulling: targets ≥ 10,000 events/s, peak ≤ 150 MB.

Prints figures to read, not timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from app.bootstrap import bootstrap  # noqa: E402
from app.central.logins import Counter, add_center, add_counter  # noqa: E402
from app.central.schema import central_engine  # noqa: E402
from app.paths import Paths  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.storage.case_repository import event_to_row  # noqa: E402
from app.sync.central_link import CentralLink  # noqa: E402
from benchmarks.demo_cases import demo_history  # noqa: E402
from benchmarks.scratch_central import scratch_central  # noqa: E402

PUSH_BATCH = 1000
PULLER = 99  # the terminal number of the counter that pulls
UNLIMITED = 0  # --chunk 0 in the child: the whole window at once


def demo_rows(events: int, home: Path) -> list[dict[str, object]]:
    """About `events` event rows of demo cases (the catalog and calendar of a fresh store)."""
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        history = demo_history(services)
        rows: list[dict[str, object]] = []
        cases = history.cases(10**9)
        while len(rows) < events:
            rows += [event_to_row(e) for e in next(cases).events]
    finally:
        services.close()
    return rows


def register(url: str, terminals: set[str]) -> tuple[dict[str, Counter], Counter]:
    """The pushing terminals, and the counter that pulls."""
    with central_engine(url) as engine, engine.begin() as connection:
        add_center(connection, "B1", "基准测试中心", "city", None)
        pushers = {
            name: add_counter(connection, "B1", number, name)
            for number, name in enumerate(sorted(terminals), start=1)
        }
        return pushers, add_counter(connection, "B1", PULLER)


def push_all(url: str, counters: dict[str, Counter], rows: list[dict[str, object]]) -> None:
    by_terminal: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        by_terminal[str(row["terminal"])].append(row)
    for name, own in by_terminal.items():
        link = CentralLink(counters[name].url(url))
        link.check_terminal(name, counters[name].number)
        for start in range(0, len(own), PUSH_BATCH):
            answers = link.push(own[start : start + PUSH_BATCH], name)
            assert all(a.outcome.delivered for a in answers), answers[0]
        link.close()


def pull_in_child(
    home: Path, url: str, puller: Counter, chunk: int, code: Path = ROOT
) -> dict[str, float]:
    """Pull everything into a fresh store at `home`, in a process of its own running the
    code at `code`; its figures."""
    home.mkdir()
    settings = Settings.load(Paths(home, home, home / "logs").settings)
    settings.update(
        {
            "terminal_no": puller.number,
            "terminal_name": puller.name,
            "central_url": puller.url(url),
            "pull_chunk": chunk or 1000,
        }
    )
    found = subprocess.run(
        [sys.executable, "benchmarks/bench_pull.py", "--child", str(home), "--chunk", str(chunk)],
        check=True,
        capture_output=True,
        text=True,
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
    )
    return dict(json.loads(found.stdout.strip().splitlines()[-1]))


def child(home: Path, chunk: int) -> None:
    """The pull itself: `sync_once` (chunked), or the window as one chunk (baseline)."""
    services = bootstrap(Paths(home, home, home / "logs"))
    sync = services.sync
    link = sync.central()
    link.registration()  # connected before the clock starts
    before = peak_kib()
    started, cpu = time.perf_counter(), time.process_time()
    if chunk:
        pulled = sync.sync_once().pulled
    else:
        window = link.window(0)
        terminal = services.settings["terminal_name"]
        whole = link.completed(link.read_chunk(window, None, terminal, 10**9), lambda _: {}, set())
        pulled, _ = sync.take_in(whole.events)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = peak_kib()
    services.close()
    figures = {"events": pulled, "seconds": elapsed, "cpu": cpu, "before": before, "peak": peak}
    print(json.dumps(figures))


def peak_kib() -> int:
    """This process's peak resident memory so far, in KiB (Linux)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--chunk", type=int, default=4000)  # the `pull_chunk` default
    parser.add_argument("--before", type=Path, help="a checkout to compare with (main)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.chunk)
        return 0
    with scratch_central("onewindow-bench-pull-") as (scratch, url):
        rows = demo_rows(args.events, scratch / "demo")
        pushers, puller = register(url, {str(r["terminal"]) for r in rows})
        push_all(url, pushers, rows)
        print(f"{len(rows)} events of demo cases from {len(pushers)} terminals on the central")
        runs = [
            (f"chunked ({args.chunk})", args.chunk, ROOT),
            ("baseline (one window)", UNLIMITED, ROOT),
        ]
        if args.before:
            runs.insert(0, (f"before: {args.before}", args.chunk, args.before.resolve()))
        for number, (label, chunk, code) in enumerate(runs):
            figures = pull_in_child(scratch / f"pull{number}", url, puller, chunk, code)
            mb = 1024
            cpu = f", {figures['cpu']:.1f} s CPU" if "cpu" in figures else ""
            print(
                f"{label}: {figures['events']:.0f} events in {figures['seconds']:.1f} s{cpu},"
                f" {figures['events'] / figures['seconds']:7.0f} events/s;"
                f" peak {figures['peak'] / mb:.0f} MB"
                f" (+{(figures['peak'] - figures['before']) / mb:.0f} MB for the pull)"
            )
        print("targets: ≥ 10,000 events/s, peak ≤ 150 MB whatever the backlog")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
