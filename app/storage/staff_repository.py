"""Staff as stored: each person's log of events (`staff_events`) and its fold (`staff`),
written together."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.domain.refusals import RefusedLog, standing
from app.domain.roles import Role
from app.domain.staff import StaffMember, fold
from app.domain.staff_events import Authorisation, StaffEvent, from_record, to_record
from app.storage.directory_outbox import holds, written_at
from app.storage.refusal_repository import RefusalRepository
from app.storage.tables import StaffEventRow, StaffRow


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class StaffRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, username: str) -> StaffMember | None:
        row = self._session.get(StaffRow, username)
        return _member(row) if row else None

    def all(self) -> list[StaffMember]:
        # plain rows, not mapped objects: the staff screen reads hundreds at once
        rows = self._session.execute(select(*_COLUMNS).order_by(StaffRow.username))
        return [_member(row) for row in rows]

    def append(self, event: StaffEvent, member: StaffMember) -> None:
        """Write `event` and the account it folds to (`member`), in this transaction. Two
        writers of the same version clash on the log's unique (username, version)."""
        self._session.add(
            StaffEventRow(
                id=str(event.id),
                username=event.username,
                version=event.version,
                kind=event.kind,
                at=event.at.isoformat(),
                actor=event.actor,
                terminal=event.terminal,
                data=_dumps(to_record(event.change)),
            )
        )
        self._session.merge(_row(member))
        self._session.flush()

    def outbox(self, terminal: str, after: int, limit: int) -> list[tuple[int, dict[str, object]]]:
        return written_at(self._session, StaffEventRow, EVENT_COLUMNS, terminal, after, limit)

    def holds(self, event_id: str) -> bool:
        return holds(self._session, StaffEventRow, event_id)

    def log(self, username: str, standing_only: bool = False) -> list[StaffEvent]:
        """One person's events, oldest first (with `standing_only`, those the central
        refused left out: what the account folds from)."""
        rows = self._session.scalars(
            select(StaffEventRow)
            .where(StaffEventRow.username == username)
            .order_by(StaffEventRow.version, StaffEventRow.seq)
        )
        events = [_event(row) for row in rows]
        if not standing_only:
            return events
        return standing(events, RefusalRepository(self._session).ids(RefusedLog.STAFF, username))

    def refold(self, username: str) -> StaffMember | None:
        """Fold the person again from the events that stand (after a refusal); None, and
        the account left as it was, when not even its creation stands here."""
        member = fold(self.log(username, standing_only=True))
        if member is not None:
            self._session.merge(_row(member))
            self._session.flush()
        return member

    def event(self, event_id: str) -> StaffEvent | None:
        row = self._session.scalar(select(StaffEventRow).where(StaffEventRow.id == event_id))
        return _event(row) if row else None


#: A staff event's columns, as stored here and on the central.
EVENT_COLUMNS = ("id", "username", "version", "kind", "at", "actor", "terminal", "data")


def event_of(row: dict[str, object]) -> StaffEvent:
    """An event from its columns (this store's, or the central's)."""
    return StaffEvent(
        id=UUID(str(row["id"])),
        username=str(row["username"]),
        version=int(str(row["version"])),
        at=datetime.fromisoformat(str(row["at"])),
        actor=str(row["actor"]),
        terminal=str(row["terminal"]),
        change=from_record(str(row["kind"]), json.loads(str(row["data"]))),
    )


def _event(row: StaffEventRow) -> StaffEvent:
    return event_of({name: getattr(row, name) for name in EVENT_COLUMNS})


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _row(member: StaffMember) -> StaffRow:
    authorisation = member.authorisation
    return StaffRow(
        username=member.username,
        display_name=member.display_name,
        role=member.role.value,
        department=member.department,
        windows=_dumps(list(member.windows)),
        password_hash=member.password_hash,
        scope=_dumps(sorted(member.scope)),
        active=member.active,
        version=member.version,
        must_change_password=member.must_change_password,
        authorisation=None
        if authorisation is None
        else _dumps({"number": authorisation.number, "issued": authorisation.issued.isoformat()}),
        unlocked_at=member.unlocked_at.isoformat() if member.unlocked_at else None,
        changed_at=member.changed_at.isoformat() if member.changed_at else None,
        changed_by=member.changed_by,
    )


#: The staff table's columns, for reading rows without mapping them to objects.
_COLUMNS = tuple(StaffRow.__table__.columns)


def _member(row: StaffRow | Row[Any]) -> StaffMember:
    document = json.loads(row.authorisation) if row.authorisation else None
    return StaffMember(
        username=row.username,
        display_name=row.display_name,
        role=Role(row.role),
        department=row.department,
        windows=tuple(json.loads(row.windows)),
        password_hash=row.password_hash,
        scope=frozenset(json.loads(row.scope)),
        active=row.active,
        version=row.version,
        must_change_password=row.must_change_password,
        authorisation=None
        if document is None
        else Authorisation(document["number"], date.fromisoformat(document["issued"])),
        unlocked_at=_time(row.unlocked_at),
        changed_at=_time(row.changed_at),
        changed_by=row.changed_by,
    )
