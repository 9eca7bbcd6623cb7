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
against careless or late damage; the full `verify` is the auditor's.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.messages import msg
from app.services.store_audit import (
    Finding,
    audit_store,
    case_findings,
    guard_findings,
    numbers_missing,
)
from app.storage.unit_of_work import UnitOfWork

#: The mark: "seq/count" of the log when it last verified clean.
VERIFIED_THROUGH = "verified_through"


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


def audit(uow: UnitOfWork, since_last: bool, terminal: str) -> list[Finding]:
    """The full check, or, with `since_last` and a mark recorded, the incremental one, of the
    store of `terminal`."""
    mark = verified_mark(uow) if since_last else None
    return audit_store(uow, terminal) if mark is None else audit_since(uow, mark, terminal)


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
