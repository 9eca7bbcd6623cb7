"""Ticket events and number leases as stored: appended, read back per ticket or per day and
queue, taken in from the central, and handed to the push."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.ticket_numbers import Block
from app.domain.tickets import Ticket, TicketEvent, TicketEventKind, fold
from app.storage.pulled_logs import take_pulled, written_here
from app.storage.ticket_tables import NumberLeaseRow, TicketEventRow

#: An event as it goes up to the central: its columns as text.
TicketRow = dict[str, str]
TICKET_COLUMNS = (
    "id",
    "terminal",
    "ticket_id",
    "position",
    "kind",
    "at",
    "actor",
    "queue",
    "day",
    "number",
    "data",
)

log = logging.getLogger(__name__)


class TicketRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: TicketEvent, queue: str, day: date, number: str) -> None:
        """Append (the ticket's queue, day and number repeated on each of its events); a
        position, or a number issued already, taken fails the flush."""
        row = row_of(event, queue, day, number)
        self._session.add(TicketEventRow(**{**row, "position": event.position}))
        self._session.flush()

    def events(self, ticket_id: UUID) -> list[TicketEvent]:
        found = select(TicketEventRow).where(TicketEventRow.ticket_id == str(ticket_id))
        return [_event(row) for row in sorted(self._session.scalars(found), key=_place)]

    def holds(self, event_id: UUID) -> bool:
        found = select(TicketEventRow.seq).where(TicketEventRow.id == str(event_id))
        return self._session.scalars(found).first() is not None

    def ticket(self, ticket_id: UUID) -> Ticket | None:
        events = self.events(ticket_id)
        return fold(events) if events else None

    def tickets(
        self, day: date, queues: Iterable[str] | None = None, open_only: bool = False
    ) -> list[Ticket]:
        """The day's tickets (of `queues`, as they stand now: a transferred ticket is in the
        queue it went to; only those not served nor left if `open_only`: what a call and the
        waiting list read, however long the day has been), each folded from its events."""
        tickets = [fold(events) for events in self.day(day, queues, open_only)]
        if queues is None:
            return tickets
        wanted = set(queues)
        return [t for t in tickets if t.queue in wanted]

    def day(
        self, day: date, queues: Iterable[str] | None = None, open_only: bool = False
    ) -> list[list[TicketEvent]]:
        """The events of each ticket of the day (that was ever in `queues`; not yet ended, if
        `open_only`), in order of position."""
        on_day = TicketEventRow.day == day.isoformat()
        found = select(*_COLUMNS).where(on_day)
        if queues is not None:
            ever_in = select(TicketEventRow.ticket_id).where(
                on_day, TicketEventRow.queue.in_(list(queues))
            )
            found = found.where(TicketEventRow.ticket_id.in_(ever_in))
        if open_only:
            ended = select(TicketEventRow.ticket_id).where(on_day, TicketEventRow.kind.in_(_ENDS))
            found = found.where(TicketEventRow.ticket_id.not_in(ended))
        by_ticket: dict[str, list[TicketEvent]] = {}
        for row in self._session.execute(found.order_by(TicketEventRow.position)):
            by_ticket.setdefault(row.ticket_id, []).append(_event(row))
        return list(by_ticket.values())

    def numbers(self, queue: str, day: date, terminal: str | None = None) -> list[str]:
        """The numbers issued for a queue and day (at `terminal` only, if named)."""
        found = select(TicketEventRow.number).where(
            TicketEventRow.kind == TicketEventKind.ISSUED.value,
            TicketEventRow.queue == queue,
            TicketEventRow.day == day.isoformat(),
        )
        if terminal is not None:
            found = found.where(TicketEventRow.terminal == terminal)
        return list(self._session.scalars(found))

    def blocks(self, queue: str, day: date) -> list[Block]:
        found = select(NumberLeaseRow).where(
            NumberLeaseRow.queue == queue, NumberLeaseRow.day == day.isoformat()
        )
        return [Block(row.first, row.last) for row in self._session.scalars(found)]

    def leased_queues(self, day: date) -> list[str]:
        """The queues this terminal holds number blocks of for `day`."""
        found = select(NumberLeaseRow.queue).where(NumberLeaseRow.day == day.isoformat())
        return sorted(set(self._session.scalars(found)))

    def add_block(self, queue: str, day: date, block: Block, at: datetime) -> None:
        self._session.add(
            NumberLeaseRow(
                queue=queue,
                day=day.isoformat(),
                first=block.first,
                last=block.last,
                at=at.isoformat(),
            )
        )
        self._session.flush()

    def take(self, rows: list[TicketRow]) -> int:
        """The events other terminals wrote (`take_pulled`); how many were new (one whose
        place is taken here, two calls of the same ticket, is left out)."""
        return take_pulled(self._session, TicketEventRow, rows)[0]

    def outbox(self, after: int, limit: int) -> list[tuple[int, TicketRow]]:
        """What the push sends next (`written_here`)."""
        return written_here(self._session, TicketEventRow, TICKET_COLUMNS, after, limit)


def row_of(event: TicketEvent, queue: str, day: date, number: str) -> TicketRow:
    """The event as it is stored and sent up: its columns as text."""
    return {
        "id": str(event.id),
        "terminal": event.terminal,
        "ticket_id": str(event.ticket_id),
        "position": str(event.position),
        "kind": event.kind.value,
        "at": event.at.isoformat(),
        "actor": event.actor,
        "queue": queue,
        "day": day.isoformat(),
        "number": number,
        "data": json.dumps(event.data, ensure_ascii=False, sort_keys=True),
    }


def _place(row: TicketEventRow) -> int:
    return row.position


#: What a ticket event is read back from (the columns alone: no ORM object per row).
_COLUMNS = (
    TicketEventRow.id,
    TicketEventRow.ticket_id,
    TicketEventRow.position,
    TicketEventRow.kind,
    TicketEventRow.at,
    TicketEventRow.actor,
    TicketEventRow.terminal,
    TicketEventRow.data,
)
_ENDS = (TicketEventKind.SERVED.value, TicketEventKind.LEFT.value)


def _event(row: Any) -> TicketEvent:
    return TicketEvent(
        id=UUID(row.id),
        ticket_id=UUID(row.ticket_id),
        position=row.position,
        kind=TicketEventKind(row.kind),
        at=datetime.fromisoformat(row.at),
        actor=row.actor,
        terminal=row.terminal,
        data=json.loads(row.data),
    )
