"""Appointments' events and the portal files as stored: appended, read back by day or by id."""

from __future__ import annotations

import json
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.domain.appointments import AppointmentEvent, AppointmentEventKind
from app.storage.tables import Base, EventRow

#: A receipt's portal reference, spelt as `ix_events_online_reference` (store 0016) is.
ONLINE_REFERENCE = "json_extract(payload, '$.reference')"


class AppointmentEventRow(Base):
    """One event of one appointment or pre-application (`app.domain.appointments`),
    append-only; `reference` and `day` (the slot's, '' for none) repeat the appointment's."""

    __tablename__ = "appointment_events"
    __table_args__ = (
        UniqueConstraint("appointment_id", "position", name="uq_appointment_events_position"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    appointment_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(64), index=True)
    day: Mapped[str] = mapped_column(String(10), index=True)
    data: Mapped[str] = mapped_column(Text)


class PortalFileRow(Base):
    """A portal export this terminal took in (`taken`) or refused, by its bytes' SHA-256."""

    __tablename__ = "portal_files"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(String(40))
    terminal: Mapped[str] = mapped_column(String(32))
    taken: Mapped[bool] = mapped_column(Boolean)
    outcome: Mapped[str] = mapped_column(Text)


class AppointmentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, event: AppointmentEvent, reference: str, day: date | None) -> None:
        """Append; a position already taken fails the flush (the store's unique key)."""
        self._session.add(
            AppointmentEventRow(
                id=str(event.id),
                appointment_id=str(event.appointment_id),
                position=event.position,
                kind=event.kind.value,
                at=event.at.isoformat(),
                actor=event.actor,
                terminal=event.terminal,
                reference=reference,
                day=day.isoformat() if day else "",
                data=json.dumps(event.data, ensure_ascii=False, sort_keys=True),
            )
        )
        self._session.flush()

    def events(
        self, appointment_id: UUID | None = None, *, day: date | None = None
    ) -> list[AppointmentEvent]:
        """The events of one appointment, or of those of `day` and those without a slot
        (pre-applications filed without a visit); in store order."""
        found = select(AppointmentEventRow).order_by(AppointmentEventRow.seq)
        if appointment_id is not None:
            found = found.where(AppointmentEventRow.appointment_id == str(appointment_id))
        if day is not None:
            ids = select(AppointmentEventRow.appointment_id).where(
                or_(AppointmentEventRow.day == day.isoformat(), AppointmentEventRow.day == "")
            )
            found = found.where(AppointmentEventRow.appointment_id.in_(ids))
        return [_event(row) for row in self._session.scalars(found)]

    def taken_up(self, references: list[str]) -> dict[str, str]:
        """The case number of each of these portal references that a case's receipt names
        (this terminal's cases and those pulled from the other counters of the center)."""
        found: dict[str, str] = {}
        for start in range(0, len(references), 500):
            rows = self._session.execute(
                select(
                    literal_column(ONLINE_REFERENCE),
                    func.json_extract(EventRow.payload, "$.case_no"),
                )
                .where(text("kind = 'received'"))
                .where(literal_column(ONLINE_REFERENCE).in_(references[start : start + 500]))
            )
            found.update({str(reference): str(case_no) for reference, case_no in rows})
        return found

    def file_outcome(self, digest: str) -> tuple[bool, str] | None:
        """(taken, outcome) of the file with these bytes, if it was met before."""
        row = self._session.scalars(
            select(PortalFileRow).where(PortalFileRow.digest == digest)
        ).first()
        return None if row is None else (row.taken, row.outcome)

    def note_file(
        self, digest: str, name: str, at: datetime, terminal: str, taken: bool, outcome: str
    ) -> None:
        self._session.add(
            PortalFileRow(
                digest=digest,
                name=name,
                at=at.isoformat(),
                terminal=terminal,
                taken=taken,
                outcome=outcome,
            )  # fmt: skip
        )
        self._session.flush()


def _event(row: AppointmentEventRow) -> AppointmentEvent:
    return AppointmentEvent(
        id=UUID(row.id),
        appointment_id=UUID(row.appointment_id),
        position=row.position,
        kind=AppointmentEventKind(row.kind),
        at=datetime.fromisoformat(row.at),
        actor=row.actor,
        terminal=row.terminal,
        data=json.loads(row.data),
    )
