"""The full `verify`: the store-wide checks of `store_audit` and every case, the cases
shared among worker processes on a large store.

Each case's chain, fold and summary depend on that case alone, and checking them is Python's
work, one core per process. The main process lists the cases in its own read transaction and
hands them out in batches; each worker opens the store itself (read-only units of work on an
engine of its own: a process cannot share its parent's connections; the parent has opened
and migrated the store) and checks each batch in one read transaction, a view at least as
new as the parent's. The log is append-only, so every case the parent listed is there as it
was or with events added after; what a worker finds is named as `case_findings` names it in
one process, and in the same order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from app.services.checkpoint_audit import checkpoint_problems
from app.services.store_audit import BATCH, Finding, case_findings, guard_findings, numbers_missing
from app.storage.database import open_engine
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

#: Below this many cases one process checks them all: starting the workers costs more.
PARALLEL_FROM = 20_000

#: The store as the worker process opened it (`_open_store`, once per process).
_store: UnitOfWorkFactory | None = None


def audit_store(uow: UnitOfWork, database: Path, workers: int = 1) -> list[Finding]:
    """Every finding of the store (the file `database`), the store-wide ones first; the
    cases are checked by `workers` processes when there are enough of them."""
    findings = guard_findings(uow)
    held: set[str] = set()
    findings.extend(checked_cases(uow, uow.cases.stored_case_ids(), held, database, workers))
    findings.extend(numbers_missing(uow.cases.sequences(), held))
    findings.extend(Finding(*problem) for problem in checkpoint_problems(uow))
    return findings


def checked_cases(
    uow: UnitOfWork, case_ids: Sequence[str], held: set[str], database: Path, workers: int
) -> Iterator[Finding]:
    """`case_findings` of these cases, in this process or in `workers` processes that open
    `database` themselves; the number of each case checked is added to `held`."""
    if workers < 2 or len(case_ids) < PARALLEL_FROM:
        yield from case_findings(uow, case_ids, held)
        return
    batches = [case_ids[start : start + BATCH] for start in range(0, len(case_ids), BATCH)]
    with ProcessPoolExecutor(workers, initializer=_open_store, initargs=(database,)) as pool:
        for findings, numbers in pool.map(_check, batches):
            held.update(numbers)
            yield from findings


def _open_store(database: Path) -> None:
    """In a worker process: the store, opened once for every batch it checks."""
    global _store  # one per worker process, set by the pool's initializer
    _store = UnitOfWorkFactory(open_engine(database))


def _check(case_ids: Sequence[str]) -> tuple[list[Finding], set[str]]:
    """In a worker process: the findings of one batch and the numbers of its cases."""
    assert _store is not None, "the pool's initializer opens the store"
    held: set[str] = set()
    with _store.reading() as uow:
        return list(case_findings(uow, case_ids, held)), held
