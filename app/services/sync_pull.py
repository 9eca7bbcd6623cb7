"""The pull's events: a window read in chunks of `pull_chunk` events and stored chunk by chunk.

Each chunk is stored in one transaction with the key it reached (the cursor, once the window
is done): a pull interrupted goes on after the last chunk stored, losing and repeating
nothing, and memory holds two chunks whatever the backlog. The next chunk is read from the
central on a thread of its own while this one is stored (the driver waits for the central
without the GIL); it is completed with its cases' earlier events only once this one is stored,
so that it is told what the store then holds. Events that do not fit the cases held here go
to the quarantine, never lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from app.domain.events import Event, event_from_fields
from app.domain.messages import verbatim
from app.domain.sync import OUTCOME_TITLES, Direction, PushOutcome, Quarantined
from app.services.cases import CaseService
from app.services.sync_report import SyncReport
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWork
from app.sync.central_link import CentralLink
from app.sync.central_pull import Chunk, EventCounts, Key, Window
from app.sync.central_push import Answer

log = logging.getLogger(__name__)

PULL_CURSOR = "pull_cursor"
PULL_AFTER = "pull_after"  # the key of the last event stored inside the cursor's window


class Pull:
    def __init__(
        self, cases: CaseService, clock: Clock, terminal: str, size: int, known: EventCounts
    ) -> None:
        self._cases = cases
        self._clock = clock
        self._terminal = terminal
        self._size = size
        self._known = known  # how many events of given cases the store holds

    def run(self, link: CentralLink, window: Window, after: str | None, report: SyncReport) -> None:
        """Bring `window`'s events down from the key the `pull_after` mark `after` holds."""
        ahead: set[str] = set()  # events fetched before their own chunk

        def read(after: Key | None) -> tuple[Chunk, dict[str, Event]]:
            chunk = link.read_chunk(window, after, self._terminal, self._size)
            return chunk, decoded(chunk.events)

        with ThreadPoolExecutor(1, thread_name_prefix="pull") as reader:
            reading = reader.submit(read, _key(after))
            while True:
                read_now, events = reading.result()
                chunk = link.completed(read_now, self._known, ahead)
                if chunk.after is not None:  # the link is the reader's until it has read
                    reading = reader.submit(read, chunk.after)
                reached = (
                    {PULL_AFTER: _mark(chunk.after)}
                    if chunk.after
                    else {PULL_CURSOR: str(window.horizon), PULL_AFTER: ""}
                )
                stored_here, held = self.take_in(chunk.events, reached, decoded=events)
                report.pulled += stored_here
                report.held_back += held
                if chunk.after is None:
                    return

    def take_in(
        self,
        rows: list[dict[str, object]],
        marks: dict[str, str] | None = None,
        also: Callable[[UnitOfWork], None] | None = None,
        decoded: Mapping[str, Event] | None = None,
    ) -> tuple[int, int]:
        """Store events read from the central (their chains checked as they come); those
        that do not fit the cases held here go to the quarantine; `marks` are set, and
        `also` is done, in the same transaction. `decoded`: events of `rows` decoded already
        (by id), on the thread that read them. (stored, held back)."""
        by_id = {str(row["id"]): row for row in rows}
        held: list[Quarantined] = []

        def set_aside(uow: UnitOfWork, misfits: list[tuple[Event, str]]) -> None:
            # what the store held of the misfits' cases before: nothing of them was stored
            known = uow.sync.event_counts({str(event.case_id) for event, _ in misfits})
            now = self._clock.now()
            held.extend(
                quarantined(
                    by_id[str(event.id)],
                    Answer(
                        str(event.id),
                        _misfit(event.position, known.get(str(event.case_id))),
                        verbatim(reason),  # the case service's words, already finished text
                    ),
                    Direction.PULL,
                    now,
                )
                for event, reason in misfits
            )
            uow.sync.quarantine(held)
            if marks:
                uow.sync.set_marks(marks)
            if also is not None:
                also(uow)

        ready = decoded or {}
        events = [ready.get(str(row["id"])) or event_from_fields(row) for row in rows]
        self._cases.import_events(events, then=set_aside)
        for item in held:  # the id and the reason only: an event's payload holds names
            log.warning("pulled event %s set aside: %s", item.event_id, item.reason)
        return len(rows) - len(held), len(held)


def quarantined(
    row: dict[str, object], answer: Answer, direction: Direction, at: datetime
) -> Quarantined:
    """An event held back, whole, with the central's (or this store's) answer."""
    return Quarantined(
        event_id=answer.event_id,
        case_id=str(row["case_id"]),
        position=int(str(row["position"])),
        direction=direction,
        outcome=answer.outcome,
        reason=answer.reason or OUTCOME_TITLES[answer.outcome],
        at=at,
        event=row,
    )


def decoded(rows: Iterable[dict[str, object]]) -> dict[str, Event]:
    """The events of rows read from the central, by id: decoded on the thread that read them,
    while the one that stores holds the store's lock without the GIL (SQLite's steps and
    commit), so the two overlap."""
    return {str(row["id"]): event_from_fields(row) for row in rows}


def _misfit(position: int, held_here: int | None) -> PushOutcome:
    """A pulled event at a position this store already fills is a fork; else it is refused."""
    return (
        PushOutcome.FORK
        if held_here is not None and position <= held_here
        else PushOutcome.REJECTED
    )


def _key(mark: str | None) -> Key | None:
    """The key a `pull_after` mark holds (None: the window's start)."""
    if not mark:
        return None
    xact, case_id, position = mark.split()
    return int(xact), case_id, int(position)


def _mark(key: Key) -> str:
    return " ".join(str(part) for part in key)
