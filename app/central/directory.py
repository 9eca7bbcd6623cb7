"""A center's staff seeded on the central by its owner (`central publish --staff-of`): written
as staff events (central migration 0015), like the changes the center's administrators make
at their counters, so that `central.staff` stays the fold of one log and every counter of the
center pulls them. The first administrator of a center comes this way; after that, the
center's administrators change its staff at any of its counters.

The owner's login passes the check of who may change staff. Each person's events the central
lacks are written after the latest it holds: those of this machine's log when it has one
(the same events, by id, as its own counter pushes), else a creation (and the chief's items)
made from the account as it stands.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import Connection, text

from app.domain.staff import StaffMember
from app.domain.staff_events import (
    Authorisation,
    Created,
    ScopeGranted,
    StaffEvent,
    to_record,
)
from app.services.staff_log import SET_UP

#: The terminal the owner's seeding is written as.
CENTRAL = "central"


def publish_staff(
    connection: Connection,
    center: str,
    staff: Sequence[StaffMember],
    logs: Mapping[str, Sequence[StaffEvent]] | None = None,
) -> int:
    """Write the events of `staff` the central lacks for `center`, in the caller's
    transaction; `logs`: each person's log on this machine. How many people were published."""
    found = connection.execute(
        text(
            "SELECT username, max(version) FROM central.staff_events"
            " WHERE center = :center GROUP BY username"
        ),
        {"center": center},
    )
    held: dict[str, int] = {str(name): int(version) for name, version in found}
    for member in staff:
        events = (logs or {}).get(member.username) or _made_from(member)
        for event in events:
            if event.version > held.get(member.username, 0):
                _insert(connection, center, event)
    return len(staff)


def _made_from(member: StaffMember) -> list[StaffEvent]:
    """A creation (and the chief's items) that fold to `member` as it stands."""
    now = datetime.now().astimezone()
    changes: list[Created | ScopeGranted] = [Created(member.profile, member.password_hash, False)]
    if member.scope:
        document = member.authorisation or Authorisation("", date.today())
        changes.append(ScopeGranted(member.scope, document))
    return [
        StaffEvent(uuid4(), member.username, version, now, SET_UP, CENTRAL, change)
        for version, change in enumerate(changes, start=1)
    ]


def _insert(connection: Connection, center: str, event: StaffEvent) -> None:
    connection.execute(
        text(
            "INSERT INTO central.staff_events"
            " (id, center, username, version, kind, at, actor, terminal, data)"
            " VALUES (:id, :center, :username, :version, :kind, :at, :actor, :terminal, :data)"
        ),
        {
            "id": str(event.id),
            "center": center,
            "username": event.username,
            "version": event.version,
            "kind": event.kind,
            "at": event.at.isoformat(),
            "actor": event.actor,
            "terminal": event.terminal,
            "data": json.dumps(to_record(event.change), ensure_ascii=False, sort_keys=True),
        },
    )
