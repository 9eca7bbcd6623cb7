"""Queue tickets on the central (central migration 0019): a terminal's ticket events sent up
(in the sync round, and each one at once when it is written online), its center's read back,
a call claimed, and blocks of numbers leased.

A claim is one event inserted on its own: the central's unique (ticket, position) lets the
first of two windows calling the same ticket stand and refuses the second, which is how two
counters never take the same ticket. Its insert notifies the center's channel (a trigger of
0019), so a display or another counter hears it within the round trip.
"""

from __future__ import annotations

from datetime import date

import psycopg

from app.domain.ticket_numbers import Block
from app.storage.ticket_repository import TICKET_COLUMNS, TicketRow
from app.sync.central_audit import batch_insert, log_since
from app.sync.central_push import not_understood

#: The central's insert of a batch of ticket events (a row already there is skipped).
TICKET_INSERT = batch_insert(
    "ticket_events",
    TICKET_COLUMNS,
    {"id": "uuid", "ticket_id": "uuid", "position": "integer", "day": "date"},
)
_TAKEN = "uq_ticket_events_ticket_position"


def tickets_since(connection: psycopg.Connection, since: str) -> tuple[list[TicketRow], str]:
    """The center's ticket events received since `since`, and the next `since`."""
    return log_since(connection, "ticket_events", TICKET_COLUMNS, "ticket_id, position", since)


def claim(connection: psycopg.Connection, row: TicketRow) -> bool:
    """Insert one ticket event at once; False when its place in the ticket is taken (another
    window wrote that step first). The same event sent twice is kept once (True)."""
    try:
        with connection.transaction():
            connection.execute(TICKET_INSERT, {name: [row[name]] for name in TICKET_COLUMNS})
    except psycopg.errors.UniqueViolation as error:
        if error.diag.constraint_name == _TAKEN:
            return False
        raise not_understood(error) from error
    except psycopg.errors.Error as error:
        if isinstance(error, psycopg.OperationalError):
            raise  # the link tells it as unreachable
        raise not_understood(error) from error  # refused (its checks) or not understood
    return True


def lease(connection: psycopg.Connection, queue: str, day: date, size: int) -> Block:
    """The next `size` numbers of the center's (queue, day) series, now this terminal's."""
    try:
        with connection.transaction():
            found = connection.execute(
                "SELECT first, last FROM central.lease_numbers(%s, %s, %s)", (queue, day, size)
            ).fetchone()
    except psycopg.errors.Error as error:
        if isinstance(error, psycopg.OperationalError):
            raise
        raise not_understood(error) from error
    assert found is not None  # the function returns one row or raises
    return Block(int(found[0]), int(found[1]))
