"""What the staff, window and center setting logs send up: the events a terminal wrote after
a local seq, and whether an event is held. One shape for the three logs (`StaffEventRow`,
`WindowEventRow`, `SettingEventRow`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.storage.tables import SettingEventRow, StaffEventRow, WindowEventRow

DirectoryRow = type[StaffEventRow] | type[WindowEventRow] | type[SettingEventRow]


def written_at(
    session: Session,
    table: DirectoryRow,
    columns: Sequence[str],
    terminal: str,
    after: int,
    limit: int,
) -> list[tuple[int, dict[str, object]]]:
    """The events written at `terminal` after the local seq `after`, in order, with their
    seq and the columns the central stores: what the push sends next."""
    found = session.execute(
        select(table.seq, *(getattr(table, name) for name in columns))
        .where(table.seq > after, table.terminal == terminal)
        .order_by(table.seq)
        .limit(limit)
    )
    return [(seq, dict(zip(columns, values, strict=True))) for seq, *values in found]


def holds(session: Session, table: DirectoryRow, event_id: str) -> bool:
    return session.scalar(select(table.seq).where(table.id == event_id)) is not None
