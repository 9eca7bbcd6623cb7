"""`onewindow verify` against its same-run baseline (issue 14, "Speed").

    .venv/bin/python benchmarks/bench_verify.py [--cases 300000] [--stores DIR]

The store is made once with `onewindow demo-data --cases N` under DIR (default
/tmp/ow-verify-bench/N) and reused after. It prints, in one run on the same store:

- the baseline: the lean check of the chains alone (every event read, hashed and linked, the
  payload decoded once), what `verify` did before issue 14;
- `verify` as a counter runs it: chains, a fresh fold of every case against its summary, the
  case numbers handed out, the triggers, the signed checkpoints held; in one process (unless
  `--no-single`), then with the cases shared among `--workers` processes (default: one per
  core); the `PRAGMA integrity_check` alone; and both as the command runs them, the pages
  on a thread beside the processes;
- `verify --since-last` (what a counter can run at every start), the mark of the last clean
  check set back by a day's work (`--since EVENTS`, default 4000 events, about 1000 cases).

Figures to read, not a timed test: the script exits 0 whatever they are. The targets are
≤ 30 s for 300k cases on an idle machine, and ≤ 1 s for the incremental check.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.bootstrap import bootstrap, open_store  # noqa: E402
from app.domain.events import verify_chain  # noqa: E402
from app.paths import Paths  # noqa: E402
from app.services.full_audit import Processes  # noqa: E402
from app.services.incremental_audit import VERIFIED_THROUGH  # noqa: E402
from app.storage.database import open_engine  # noqa: E402
from app.storage.unit_of_work import UnitOfWorkFactory  # noqa: E402


def make_store(home: Path, cases: int) -> None:
    if (home / "onewindow.sqlite3").exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "app", "demo-data", "--cases", str(cases)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def lean_check(home: Path) -> float:
    """The chains alone, in batches as `verify` reads them: seconds."""
    engine = open_engine(home / "onewindow.sqlite3")
    started = time.perf_counter()
    with UnitOfWorkFactory(engine).reading() as uow:
        case_ids = uow.cases.stored_case_ids()
        for start in range(0, len(case_ids), 2000):
            logs = uow.cases.stored_logs(case_ids[start : start + 2000])
            for log in logs.values():
                verify_chain(log, decoded_from_payload=True)  # type: ignore[arg-type]
    engine.dispose()
    return time.perf_counter() - started


def set_mark_back(home: Path, events: int) -> None:
    """The mark of a clean check as if the last `events` events had been written after it."""
    with closing(sqlite3.connect(home / "onewindow.sqlite3")) as raw, raw:
        query = "SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?"
        (seq,) = raw.execute(query, (events,)).fetchone()
        (count,) = raw.execute("SELECT count(*) FROM events WHERE seq <= ?", (seq,)).fetchone()
        mark = "UPDATE sync_marks SET value = ? WHERE name = ?"
        raw.execute(mark, (f"{seq}/{count}", VERIFIED_THROUGH))


def full_verify(
    home: Path, since_last: bool = False, workers: int = 1, pages: bool = False
) -> tuple[float, int]:
    """`verify` on the store: seconds and findings; `pages`, with the page check beside the
    cases, as `onewindow verify` runs it."""
    services = bootstrap(Paths(home, home, home / "logs"))
    page_check = services.store_care.page_problems if pages else None
    started = time.perf_counter()
    findings = services.cases.verify(since_last, Processes(workers, open_store), page_check)
    elapsed = time.perf_counter() - started
    services.close()
    return elapsed, len(findings)


def page_check(home: Path) -> float:
    """`PRAGMA integrity_check`, which `onewindow verify` runs before the chains: seconds."""
    services = bootstrap(Paths(home, home, home / "logs"))
    started = time.perf_counter()
    services.store_care.page_problems()
    elapsed = time.perf_counter() - started
    services.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300_000)
    parser.add_argument("--stores", type=Path, default=Path("/tmp/ow-verify-bench"))
    parser.add_argument("--since", type=int, default=4000, metavar="EVENTS")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--no-single", action="store_true", help="leave out the one-process run")
    args = parser.parse_args()
    home = args.stores / str(args.cases)
    make_store(home, args.cases)
    full_verify(home)  # migrates the store once, outside the timing
    baseline = lean_check(home)
    single = None if args.no_single else full_verify(home)[0]
    elapsed, findings = full_verify(home, workers=args.workers)
    pages = page_check(home)
    whole, _ = full_verify(home, workers=args.workers, pages=True)
    per_case = elapsed / args.cases * 1000
    print(f"{args.cases} cases")
    print(f"  baseline, chains alone:  {baseline:7.1f} s  (one process)")
    if single is not None:
        print(
            f"  verify, one process:     {single:7.1f} s  ({single / baseline:.1f}× the baseline)"
        )
    print(
        f"  verify, {args.workers} processes:     {elapsed:7.1f} s  ({per_case:.3f} ms/case, "
        f"{elapsed / baseline:.1f}× the baseline; {findings} findings)"
    )
    print(
        f"  integrity_check alone:   {pages:7.1f} s  (one after the other: {pages + elapsed:.1f} s)"
    )
    print(
        f"  onewindow verify's check: {whole:6.1f} s  (the pages on a thread beside the"
        f" {args.workers} processes; target ≤ 30 s)"
    )
    set_mark_back(home, args.since)  # the clean verify above left its mark at the end
    quick, findings = full_verify(home, since_last=True)
    print(
        f"  verify --since-last:     {quick:7.1f} s  ({args.since} events after the mark; "
        f"{findings} findings; target ≤ 1 s)"
    )


if __name__ == "__main__":
    main()
