"""What the leave and ticket logs share: an event of another terminal taken in from the
central (`pulled`, never pushed back), and the events written here handed to the push. One
shape for both tables (`LeaveEventRow`, `TicketEventRow`): an id, a `seq` in the order
written, a `position` unique within its subject, and the `pulled` mark."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.storage.tables import LeaveEventRow
from app.storage.ticket_tables import TicketEventRow

PulledLog = type[LeaveEventRow] | type[TicketEventRow]

log = logging.getLogger(__name__)


def take_pulled(session: Session, table: PulledLog, rows: list[dict[str, str]]) -> tuple[int, int]:
    """Keep the events other terminals wrote, those already here skipped; one whose place
    is taken here (two steps of one subject at once, this terminal's not yet refused by the
    central) is left out and logged. (How many were new, how many were left out.)"""
    known = set(session.scalars(select(table.id).where(table.id.in_([r["id"] for r in rows]))))
    taken = left_out = 0
    for row in rows:
        if row["id"] in known:
            continue
        try:
            with session.begin_nested():
                session.add(table(**{**row, "position": int(row["position"])}, pulled=True))
        except IntegrityError:
            log.warning(
                "%s %s clashes with one written here; left out", table.__tablename__, row["id"]
            )
            left_out += 1
            continue
        taken += 1
    return taken, left_out


def written_here(
    session: Session, table: PulledLog, columns: Sequence[str], after: int, limit: int
) -> list[tuple[int, dict[str, str]]]:
    """The events written here (not pulled) after the local seq `after`, in order, with
    their seq and their columns as text: what the push sends next."""
    found = session.execute(
        select(table.seq, *(getattr(table, name) for name in columns))
        .where(table.seq > after, table.pulled.is_(False))
        .order_by(table.seq)
        .limit(limit)
    )
    return [
        (seq, {n: str(v) for n, v in zip(columns, values, strict=True)}) for seq, *values in found
    ]
