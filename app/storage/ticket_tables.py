"""The local tables of the hall's queue: ticket events (the record) and the number blocks the
central leased to this terminal. Both append-only (store migration 0015)."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.storage.tables import Base


class TicketEventRow(Base):
    """One event of one queue ticket (`app.domain.tickets`): `seq` is this store's order;
    `queue`, `day` and `number` repeat the issue's."""

    __tablename__ = "ticket_events"
    __table_args__ = (
        UniqueConstraint("ticket_id", "position", name="uq_ticket_events_ticket_position"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    ticket_id: Mapped[str] = mapped_column(String(36))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(64))
    terminal: Mapped[str] = mapped_column(String(32))
    queue: Mapped[str] = mapped_column(String(32))
    day: Mapped[str] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(16))
    data: Mapped[str] = mapped_column(Text)
    #: Written at another terminal and brought down from the central (not pushed again).
    pulled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class NumberLeaseRow(Base):
    """A block of numbers `first`..`last` of one queue and day, leased to this terminal."""

    __tablename__ = "number_leases"
    __table_args__ = (UniqueConstraint("queue", "day", "first", name="uq_number_leases_block"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    queue: Mapped[str] = mapped_column(String(32))
    day: Mapped[str] = mapped_column(String(10))
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(40))
