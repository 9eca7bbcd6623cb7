"""Cases read whole from the central on record, and the 上报件 list.

A counter reads another department's receipts masked (central 0010). What it needs whole it
asks of a function that writes who asked and why into `central.disclosures` before it answers:
`central.full_case` (a case of its own center) and `central.reported_case` (a case a center
below sent up to it, central 0018). Their refusals (SQLSTATE OWP…) come back as
`CentralError` with the central's words.
"""

from __future__ import annotations

import psycopg

from app.central.errors import CentralError
from app.domain.events import EVENT_FIELDS
from app.domain.messages import verbatim
from app.sync.central_pull import SELECT_COLUMNS
from app.sync.central_push import Row

#: The central's functions that disclose a case whole, on record.
DISCLOSING = ("full_case", "reported_case")


def disclosed(
    connection: psycopg.Connection, function: str, case_id: str, asked_by: str, purpose: str
) -> list[Row]:
    """Every event of one case whole, in order, from `function` (one of `DISCLOSING`), with
    the columns it answers (`reported_case`: each with its case's `center`)."""
    if function not in DISCLOSING:
        raise ValueError(function)
    try:
        with connection.transaction():
            cursor = connection.execute(
                f"SELECT * FROM central.{function}(%s::uuid, %s, %s)",
                (case_id, asked_by, purpose),
            )
            names = [column.name for column in cursor.description or ()]
            values = cursor.fetchall()
    except psycopg.Error as error:
        if not (error.sqlstate or "").startswith("OWP"):  # the function's refusals
            raise
        raise CentralError(verbatim(error.diag.message_primary or "")) from error
    return [dict(zip(names, row, strict=True)) for row in values]


def reported_to_me(connection: psycopg.Connection) -> list[Row]:
    """Every event of the cases the centers below sent up to this center (上报件), by case
    and position, each with its case's `center`; receipts masked as a counter reads another
    department's (the whole case is `disclosed` by `reported_case`)."""
    values = connection.execute(
        f"SELECT center, {SELECT_COLUMNS} FROM central.reported_to_me ORDER BY case_id, position"
    ).fetchall()
    return [{"center": row[0], **dict(zip(EVENT_FIELDS, row[1:], strict=True))} for row in values]
