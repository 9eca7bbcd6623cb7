"""Bringing a lost store back: this terminal's own events from the central, in chunks.

A counter's own events never come down with the ordinary pull (it skips its own terminal), so
a store that was emptied or replaced by an older copy gets them back only here. The restore
first syncs (what waits goes up, the other terminals' events come down), then reads every case
that holds an event of this terminal, a thousand cases at a time, each chunk in a
transaction of its own on both sides (the next one read while this one is stored), checking
the chains as they come. In the chunk's own transaction it raises the terminal's case-number and credit-code counters past every number
the restored cases hold, and records the restored events as pushed (the central holds them)
when nothing else of this terminal waits to go up. It ends with a sync: what still waits goes
up (as duplicates, for restored events), so the store is no longer behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from app.domain.event_data import Decided, Received
from app.domain.events import Event
from app.domain.joint import credit_code_sequence
from app.domain.messages import Message, msg
from app.services.sync import SyncService
from app.services.sync_pull import decoded
from app.services.sync_push import PUSHED_THROUGH
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory
from app.sync.central_pull import FIRST_CASE
from app.sync.central_push import Row

log = logging.getLogger(__name__)

#: Cases read from the central per chunk (about four thousand events: bounded memory).
CHUNK_CASES = 1000


@dataclass(frozen=True)
class Restored:
    """What a restore from the central did."""

    cases: int  # cases of this terminal read from the central
    events: int  # events read (this terminal's and the others' of those cases)
    held_back: int  # events that did not continue the chains held here (quarantined)
    missing: tuple[int, int] | None  # still behind after it: (central, here)

    def words(self) -> Message:
        return msg(
            "已从中心取回本终端参与的 {cases} 件办件（{events} 条记录，{held} 条与本机记录冲突"
            "已隔离）",
            cases=self.cases,
            events=self.events,
            held=self.held_back,
        )


class StoreRestore:
    """`onewindow restore`: this terminal's events back from the central."""

    def __init__(
        self, uow: UnitOfWorkFactory, sync: SyncService, terminal_name: str, terminal_no: int
    ) -> None:
        self._uow = uow
        self._sync = sync
        self._terminal = terminal_name
        self._terminal_no = terminal_no

    def from_central(
        self, progress: Callable[[int], None] | None = None, chunk_cases: int = CHUNK_CASES
    ) -> Restored:
        """Restore; CentralError when the central cannot be reached (what came is kept, and
        running it again goes on safely: events already held are skipped)."""
        self._sync.sync_once()
        link = self._sync.central()
        cases, events, held = 0, 0, 0

        # the next chunk is read from the central on a thread while this one is stored
        def read(after: str) -> tuple[list[Row], dict[str, Event]]:
            rows = link.own_cases(self._terminal, after, chunk_cases)
            return rows, decoded(rows)

        with ThreadPoolExecutor(1, thread_name_prefix="restore") as reader:
            reading = reader.submit(read, FIRST_CASE)
            while (read_now := reading.result())[0]:
                rows, ready = read_now
                reading = reader.submit(read, str(rows[-1]["case_id"]))
                _, held_now = self._sync.take_in(
                    rows, also=partial(self._after_chunk, ready), decoded=ready
                )
                cases += len({str(row["case_id"]) for row in rows})
                events += len(rows)
                held += held_now
                if progress is not None:
                    progress(cases)
        self._sync.sync_once()  # the restored events go up again as duplicates: pushed
        with self._uow.reading() as uow:
            missing = uow.sync.missing_own()
        log.info(
            "restored %d cases (%d events, %d held back) from the central", cases, events, held
        )
        return Restored(cases, events, held, missing)

    def _after_chunk(self, events: dict[str, Event], uow: UnitOfWork) -> None:
        """In the transaction that stored a chunk (its `events` by id): raise this terminal's
        counters past their numbers, and count them as pushed when they are all that waits
        of this terminal."""
        uow.cases.raise_sequences(self._numbers_in(events.values()))
        pushed = int(uow.sync.mark(PUSHED_THROUGH) or 0)
        waiting = uow.sync.waiting_ids(self._terminal, pushed)
        if waiting and all(event_id in events for _, event_id in waiting):
            uow.sync.set_marks({PUSHED_THROUGH: str(waiting[-1][0])})

    def _numbers_in(self, events: Iterable[Event]) -> dict[str, int]:
        """The last case number of each of this terminal's days, and its last credit code,
        that `events` hold."""
        last: dict[str, int] = {}
        credit = f"credit-code-{self._terminal_no:02d}"
        for event in events:
            data = event.data
            if isinstance(data, Received):
                prefix, _, number = data.case_no.rpartition("-")  # YYMMDD-TT, NNN
                if prefix[6:] == f"-{self._terminal_no:02d}" and number.isdigit():
                    last[prefix + "-"] = max(last.get(prefix + "-", 0), int(number))
            elif isinstance(data, Decided) and data.credit_code:
                sequence = credit_code_sequence(data.credit_code, self._terminal_no)
                if sequence is not None:
                    last[credit] = max(last.get(credit, 0), sequence)
        return last
