"""The full `verify`: the store-wide checks of `store_audit` and every case, the cases
shared among worker processes on a large store.

Each case's chain, fold and summary depend on that case alone, and checking them is Python's
work, one core per process. The main process lists the cases in its own read transaction and
hands them out in batches; each worker opens the store itself with the composition root's
`open_store` (a process cannot share its parent's connections) and checks each batch in one
read transaction, a view at least as new as the parent's. The log is append-only, so every case the parent listed is there as it
was or with events added after; what a worker finds is named as `case_findings` names it in
one process, and in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from app.services.checkpoint_audit import checkpoint_problems
from app.services.store_audit import BATCH, Finding, case_findings, guard_findings, numbers_missing
from app.services.store_opener import OpenedStore, StoreOpener
from app.storage.unit_of_work import UnitOfWork

#: Below this many cases one process checks them all: starting the workers costs more.
PARALLEL_FROM = 20_000

#: The store as the worker process opened it (`_open_store`, once per process).
_store: OpenedStore | None = None


@dataclass(frozen=True)
class Processes:
    """How many processes may share the cases, and how each opens the store (the
    composition root's `open_store`)."""

    count: int
    open_store: StoreOpener


def audit_store(
    uow: UnitOfWork, database: Path, terminal: str, processes: Processes | None = None
) -> list[Finding]:
    """Every finding of the store of `terminal` (the file `database`), the store-wide ones
    first; the cases are shared among `processes` when there are enough of them."""
    findings = guard_findings(uow)
    held: set[str] = set()
    case_ids = uow.cases.stored_case_ids()
    findings.extend(checked_cases(uow, case_ids, held, terminal, database, processes))
    findings.extend(numbers_missing(uow.cases.sequences(), held))
    findings.extend(Finding(*problem) for problem in checkpoint_problems(uow))
    return findings


def checked_cases(
    uow: UnitOfWork,
    case_ids: Sequence[str],
    held: set[str],
    terminal: str,
    database: Path,
    processes: Processes | None,
) -> Iterator[Finding]:
    """`case_findings` of these cases, in this process or in worker `processes` that open
    `database` themselves; the number of each case checked is added to `held`."""
    if processes is None or processes.count < 2 or len(case_ids) < PARALLEL_FROM:
        yield from case_findings(uow, case_ids, held, terminal)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: on a large store only

    batches = [case_ids[start : start + BATCH] for start in range(0, len(case_ids), BATCH)]
    opening = (processes.open_store, database)
    with ProcessPoolExecutor(processes.count, initializer=_open_store, initargs=opening) as pool:
        for findings, numbers in pool.map(_check, batches, repeat(terminal)):
            held.update(numbers)
            yield from findings


def _open_store(open_store: StoreOpener, database: Path) -> None:
    """In a worker process: the store, opened once for every batch it checks (and closed
    with the process)."""
    global _store  # one per worker process, set by the pool's initializer
    _store = open_store(database)


def _check(case_ids: Sequence[str], terminal: str) -> tuple[list[Finding], set[str]]:
    """In a worker process: the findings of one batch and the numbers of its cases."""
    assert _store is not None, "the pool's initializer opens the store"
    held: set[str] = set()
    with _store.uow.reading() as uow:
        return list(case_findings(uow, case_ids, held, terminal)), held
