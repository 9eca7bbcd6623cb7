"""The center's settings as stored: each change appended to `setting_events` (store 0013).

The fold leaves out this counter's own changes the central refused (in the quarantine, sent
up): the central's change of the same version, pulled, stands instead."""

from __future__ import annotations

import json
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.center_settings import SETTING_CHANGED, SettingEvent
from app.domain.sync import Direction
from app.storage.directory_outbox import holds, written_at
from app.storage.tables import QuarantineRow, SettingEventRow


class SettingRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: SettingEvent) -> None:
        self._session.add(SettingEventRow(**row_of(event)))
        self._session.flush()

    def events(self) -> list[SettingEvent]:
        """Every change but those of this counter the central refused."""
        refused = select(QuarantineRow.event_id).where(
            QuarantineRow.direction == Direction.PUSH.value
        )
        rows = self._session.scalars(
            select(SettingEventRow)
            .where(SettingEventRow.id.not_in(refused))
            .order_by(SettingEventRow.seq)
        )
        return [event_of({name: getattr(row, name) for name in EVENT_COLUMNS}) for row in rows]

    def outbox(self, terminal: str, after: int, limit: int) -> list[tuple[int, dict[str, object]]]:
        return written_at(self._session, SettingEventRow, EVENT_COLUMNS, terminal, after, limit)

    def holds(self, event_id: str) -> bool:
        return holds(self._session, SettingEventRow, event_id)


#: A setting event's columns, as stored here and on the central.
EVENT_COLUMNS = ("id", "key", "version", "kind", "data", "actor", "terminal", "at")


def row_of(event: SettingEvent) -> dict[str, object]:
    return {
        "id": str(event.id),
        "key": event.key,
        "version": event.version,
        "kind": SETTING_CHANGED,
        "data": json.dumps({"value": event.value}, ensure_ascii=False),
        "actor": event.actor,
        "terminal": event.terminal,
        "at": event.at.isoformat(),
    }


def event_of(row: dict[str, object]) -> SettingEvent:
    """An event from its columns (this store's, or the central's); ValueError (or KeyError)
    for columns that do not make one."""
    data = json.loads(str(row["data"]))
    return SettingEvent(
        id=UUID(str(row["id"])),
        key=str(row["key"]),
        version=int(str(row["version"])),
        value=data["value"],
        actor=str(row["actor"]),
        terminal=str(row["terminal"]),
        at=datetime.fromisoformat(str(row["at"])),
    )
