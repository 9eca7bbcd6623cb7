"""`verify --since-last`: the check a counter can afford at every start, against the mark the
last clean `verify` left in the store.

A clean check (full or incremental) records how far the log stood when it held: the last
event's seq and the number of events (`VERIFIED_THROUGH`, a bookkeeping mark beside sync's).
The incremental check then reads only what was written after it, plus what is cheap to read
of the whole store:

- every case with an event past the mark, in full (chain, fold, summary): a forged event
  appended to an old case, or a new case tampered with, is named as the full check names it;
- the append-only triggers, still in place;
- the count of events up to the mark, unchanged: an old event deleted, or one slipped in
  below the mark, is told (not which case: the full check names it);
- the case numbers this terminal handed out against the summaries held: a case deleted
  whole is named.

What it cannot catch: an old event, already verified, changed in place and re-hashed
consistently (with the triggers dropped and put back), and an old case's summary edited on
its own — it reads neither. The full `verify` catches both, and so do the checkpoints the
central signed (`checkpoint_audit`), whose Merkle roots the incremental check does not
recompute. Nor does it hold against whoever rewrites the mark itself: it is a start-up check
against careless or late damage (the window runs it at every start: `start_check`); the full
`verify` is the auditor's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.domain.messages import Message, msg
from app.services.full_audit import Processes, audit_store
from app.services.store_audit import Finding, case_findings, guard_findings, numbers_missing
from app.storage.store_health import StoreError
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
#: The mark: "seq/count" of the log when it last verified clean.
VERIFIED_THROUGH = "verified_through"
#: The check of the store file's pages (`PRAGMA integrity_check`): what is wrong, or None.
PageCheck = Callable[[], Message | None]


@dataclass(frozen=True)
class LogMark:
    """Where the log stood: the last event's seq and how many events it held."""

    seq: int
    count: int

    def __str__(self) -> str:
        return f"{self.seq}/{self.count}"


def verified_mark(uow: UnitOfWork) -> LogMark | None:
    """The mark of the last clean check, when one was recorded (and reads)."""
    value = uow.sync.mark(VERIFIED_THROUGH) or ""
    seq, _, count = value.partition("/")
    if not (seq.isdigit() and count.isdigit()):
        return None
    return LogMark(int(seq), int(count))


def current_mark(uow: UnitOfWork) -> LogMark:
    return LogMark(*uow.cases.log_position())


def audit(
    uow: UnitOfWork,
    database: Path,
    terminal: str,
    since_last: bool,
    processes: Processes | None = None,
) -> list[Finding]:
    """The full check of the store of `terminal` (shared among `processes` on a large
    store), or, with `since_last` and a mark recorded, the incremental one."""
    mark = verified_mark(uow) if since_last else None
    if mark is None:
        return audit_store(uow, database, terminal, processes)
    return audit_since(uow, mark, terminal)


def audit_since(uow: UnitOfWork, mark: LogMark, terminal: str) -> list[Finding]:
    """The findings of what was written after `mark`, plus the cheap whole-store checks."""
    findings = guard_findings(uow)
    counted = uow.cases.events_through(mark.seq)
    if counted != mark.count:
        findings.append(
            Finding(
                None,
                msg(
                    "上次校验时已有{expected}条记录，如今其中有{actual}条：旧记录被删除或插入，请运行完整校验",
                    expected=mark.count,
                    actual=counted,
                ),
            )
        )
    findings.extend(case_findings(uow, uow.cases.cases_written_after(mark.seq), set(), terminal))
    short = uow.cases.short_sequences()  # the numbers of those alone are read
    findings.extend(numbers_missing(short, uow.cases.case_numbers_under(short)))
    return findings


def checked(
    store: UnitOfWorkFactory,
    terminal: str,
    since_last: bool,
    processes: Processes | None = None,
    pages: PageCheck | None = None,
) -> list[Finding]:
    """The check `audit` chooses, on `store`; a clean one leaves its mark for the next.

    `pages`, the check of the file's pages, runs on a thread beside it (SQLite's C code
    lets go of the interpreter while it reads): pages that do not hold raise StoreError with
    their words, whatever the cases gave — what was read from a damaged page proves
    nothing either way, an error it raised included — and no mark is left."""

    def audited(uow: UnitOfWork) -> list[Finding]:
        return audit(uow, store.path, terminal, since_last, processes)

    if pages is None:
        return _marking(store, audited)
    with ThreadPoolExecutor(1, thread_name_prefix="pages") as beside:
        damage = beside.submit(pages)
        try:
            findings = _marking(store, audited, lambda: damage.result() is None)
        except Exception as error:  # read from a damaged page: told as the page's
            _tell_damage(damage.result(), error)
            raise
        _tell_damage(damage.result())
    return findings


def _tell_damage(problem: Message | None, cause: Exception | None = None) -> None:
    if problem is not None:
        raise StoreError(problem) from cause


def start_check(store: UnitOfWorkFactory, terminal: str) -> list[Finding] | None:
    """The incremental check a counter runs at every start, each finding logged with its case;
    None when no clean check has left its mark yet: the full check is then the
    administrator's (`onewindow verify`, minutes on a large store: too long for a start)."""
    with store.reading() as uow:
        mark = verified_mark(uow)
    if mark is None:
        log.info("start check: no clean verify has left its mark yet; run onewindow verify")
        return None
    findings = _marking(store, lambda uow: audit_since(uow, mark, terminal))
    for finding in findings:
        log.warning("start check: %s: %s", finding.case_no or "the store", finding.problem)
    log.info("start check since %s: %d findings", mark, len(findings))
    return findings


def _marking(
    store: UnitOfWorkFactory,
    check: Callable[[UnitOfWork], list[Finding]],
    pages_hold: Callable[[], bool] = lambda: True,
) -> list[Finding]:
    """`check`'s findings; the mark of how far the log stood is left when none is broken
    and the pages hold (`pages_hold` waits for their check)."""
    with store.reading() as uow:
        findings = check(uow)
        reached = current_mark(uow)
    if pages_hold() and not any(finding.broken for finding in findings):
        with store() as uow:
            uow.sync.set_marks({VERIFIED_THROUGH: str(reached)})
            uow.commit()
    return findings
