"""A counter's waiting events sent up to the central: the push half of a sync round.

Events go in local order (never by wall clock: a counter's clock may be hours off), in
batches of `sync_batch`; what the central answered is recorded with the batch's last seq, and
a batch whose answer was lost is simply sent again (its events come back as duplicates).
Events the central refuses go to the quarantine with the reason, and the queue moves on.

The central checks a batch while the counter reads the next one and records the answers of
the one before: one thread sends, in order, so a catch-up after days offline costs about what
the central's checks cost, not that plus the counter's own reading and writing. A batch is
thus sent before the answers of the one before are recorded; a counter stopped in between
sends both again, and they come back as duplicates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from app.central.errors import CentralError
from app.domain.messages import Message, msg
from app.domain.refusals import RefusedLog
from app.domain.sync import Quarantined
from app.services.refusals import Refusals
from app.services.sync_report import SyncReport
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from app.sync.central_link import CentralLink
from app.sync.central_push import Answer, CentralUnreachable, Row

log = logging.getLogger(__name__)

PUSHED_THROUGH = "pushed_through"
#: The local seq of the last audit entry the central answered for.
AUDIT_PUSHED_THROUGH = "audit_pushed_through"
#: The local seq of the last leave event the central answered for.
LEAVE_PUSHED_THROUGH = "leave_pushed_through"
#: When the central received the newest leave event pulled (ISO time).
LEAVE_PULLED_SINCE = "leave_pulled_since"

#: Told how far a long catch-up has come: (done, of).
Progress = Callable[[int, int], None]
#: What the quarantine keeps of an event the central refused, with its answer.
Hold = Callable[[Row, Answer], Quarantined]
#: Events waiting to go up, with their local seq.
Batch = list[tuple[int, Row]]


class Push:
    """One push of this terminal's waiting events, batch after batch."""

    def __init__(self, uow: UnitOfWorkFactory, terminal: str, size: int, hold: Hold) -> None:
        self._uow = uow
        self._terminal = terminal
        self._size = size
        self._hold = hold

    def run(self, link: CentralLink, report: SyncReport, progress: Progress | None) -> None:
        """Send every waiting event; each batch's answers counted in `report`."""
        with self._uow.reading() as uow:
            pushed = int(uow.sync.mark(PUSHED_THROUGH) or 0)
            total = uow.sync.waiting(self._terminal, pushed)
        batch = self._waiting(pushed)
        if not batch:
            return
        done = 0
        with ThreadPoolExecutor(1, thread_name_prefix="push") as sender:
            answered = sender.submit(link.push, _rows(batch), self._terminal)
            while batch:  # each turn: read the next batch, take the answers, send the next
                following = self._waiting(batch[-1][0])
                answers = answered.result()
                if following:
                    answered = sender.submit(link.push, _rows(following), self._terminal)
                self._record(batch, answers, report)
                done += len(batch)
                if progress is not None:
                    progress(done, max(total, done))
                batch = following

    def _waiting(self, after: int) -> Batch:
        with self._uow.reading() as uow:
            return uow.sync.outbox(self._terminal, after, self._size)

    def _record(self, batch: Batch, answers: list[Answer], report: SyncReport) -> None:
        """Keep what the central answered for a batch: the refused in the quarantine, and
        the batch's last seq as pushed."""
        refused = [
            self._hold(row, answer)
            for (_, row), answer in zip(batch, answers, strict=True)
            if not answer.outcome.delivered
        ]
        with self._uow() as uow:
            uow.sync.quarantine(refused)
            uow.sync.set_marks({PUSHED_THROUGH: str(batch[-1][0])})
            uow.commit()
        for answer in answers:
            report.outcomes[answer.outcome] = report.outcomes.get(answer.outcome, 0) + 1
        for item in refused:
            log.warning(
                "event %s (case %s, position %d) quarantined: %s",
                item.event_id,
                item.case_id,
                item.position,
                item.reason,
            )


def _rows(batch: Batch) -> list[Row]:
    return [row for _, row in batch]


@dataclass(frozen=True)
class AppendOnlyLog:
    """A log other than the events that goes up after them (the audit trail, the leave
    events): where its push stands, what waits, how it is sent (the reasons for the rows
    refused, by id), a refusal in words, and whether a refusal is recorded as a fact that
    its fold leaves out (`app.services.refusals`)."""

    mark: str
    outbox: Callable[[UnitOfWork, int, int], list[tuple[int, dict[str, str]]]]
    send: Callable[[CentralLink, list[dict[str, str]]], dict[str, Message]]
    refused: Callable[[Message], Message]
    recorded: RefusedLog | None = None


AUDIT_LOG = AppendOnlyLog(
    AUDIT_PUSHED_THROUGH,
    lambda uow, after, size: uow.audit.outbox(after, size),
    lambda link, rows: link.push_audit(rows),
    lambda reason: msg("中心拒收一条操作日志：{reason}", reason=reason),
)
LEAVE_LOG = AppendOnlyLog(
    LEAVE_PUSHED_THROUGH,
    lambda uow, after, size: uow.leave.outbox(after, size),
    lambda link, rows: link.push_leave(rows),
    lambda reason: msg("中心拒收一条请假记录：{reason}", reason=reason),
    RefusedLog.LEAVE,
)


def push_log(
    uow: UnitOfWorkFactory,
    link: CentralLink,
    size: int,
    report: SyncReport,
    kind: AppendOnlyLog,
    refusals: Refusals | None = None,
) -> int:
    """Send the rows of `kind` written here since the last push, after the events, in batches
    of `size`; each batch's last seq is kept as pushed once the central answered. A batch cut
    short is sent again, its rows already there skipped: none is lost or doubled. One the
    central refuses stays here, and the reason is in the report; so does the reason when the
    central cannot take the log at all (its schema older than this counter), and the rows
    wait for the next round; a refusal of a log that records them is recorded (`refusals`).
    How many the central took."""
    taken = 0
    with uow.reading() as reading:
        pushed = int(reading.sync.mark(kind.mark) or 0)
    while True:
        with uow.reading() as reading:
            batch = kind.outbox(reading, pushed, size)
        if not batch:
            return taken
        try:
            refused = kind.send(link, [row for _, row in batch])
        except CentralUnreachable:
            raise
        except CentralError as error:  # a central not upgraded yet: the pull still goes on
            log.warning("%s not sent: %s", kind.mark, error)
            report.refused.append(error.message)
            return taken
        pushed = batch[-1][0]
        with uow() as writing:
            if kind.recorded is not None and refusals is not None:
                not_taken = [(row, refused[row["id"]]) for _, row in batch if row["id"] in refused]
                refusals.record(writing, kind.recorded, not_taken)
                report.refusals += len(not_taken)
            writing.sync.set_marks({kind.mark: str(pushed)})
            writing.commit()
        taken += len(batch) - len(refused)
        for reason in refused.values():
            log.warning("a row refused by the central (%s): %s", kind.mark, reason)
            report.refused.append(kind.refused(reason))


def push_audit(uow: UnitOfWorkFactory, link: CentralLink, size: int, report: SyncReport) -> None:
    """The audit trail (`push_log`)."""
    report.audit += push_log(uow, link, size, report, AUDIT_LOG)


def push_leave(
    uow: UnitOfWorkFactory, link: CentralLink, size: int, report: SyncReport, refusals: Refusals
) -> None:
    """The leave events (`push_log`), after the audit trail, their refusals recorded; then
    those the other counters of the center wrote come down, so that a chief decides at any
    counter what was asked at another. One that clashes with an event written here (not yet
    refused) keeps the mark where it was, so that it is read again next time."""
    report.leave += push_log(uow, link, size, report, LEAVE_LOG, refusals)
    with uow.reading() as reading:
        since = reading.sync.mark(LEAVE_PULLED_SINCE) or ""
    try:
        rows, newest = link.leave_since(since)
    except CentralUnreachable:
        raise
    except CentralError as error:  # a central older than 0014: the rest of the round goes on
        log.warning("leave events not pulled: %s", error)
        report.refused.append(error.message)
        return
    with uow() as writing:
        taken, left_out = writing.leave.take(rows)
        report.leave_pulled += taken
        writing.sync.set_marks({LEAVE_PULLED_SINCE: since if left_out else newest})
        writing.commit()
