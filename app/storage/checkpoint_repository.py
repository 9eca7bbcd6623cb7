"""The checkpoints this counter received, and its log in the order a checkpoint covers it."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.domain.checkpoints import Checkpoint, leaf
from app.storage.tables import CheckpointRow, EventRow

#: Checkpoint fields, as stored.
_FIELDS = ("center", "terminal", "size", "root", "signed_at", "key", "signature")


class CheckpointRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def held(self) -> list[Checkpoint]:
        """Every checkpoint held, by terminal and size."""
        rows = self._session.scalars(
            select(CheckpointRow).order_by(CheckpointRow.terminal, CheckpointRow.size)
        )
        return [Checkpoint(**{name: getattr(row, name) for name in _FIELDS}) for row in rows]

    def largest(self, terminal: str) -> int:
        """The size of the largest checkpoint held of `terminal` (-1: none)."""
        sizes = select(CheckpointRow.size).where(CheckpointRow.terminal == terminal)
        return max(self._session.scalars(sizes), default=-1)

    def keep(self, checkpoints: Iterable[Checkpoint]) -> None:
        rows = [{name: getattr(c, name) for name in _FIELDS} for c in checkpoints]
        if rows:
            self._session.execute(sqlite_insert(CheckpointRow).on_conflict_do_nothing(), rows)

    def own_leaves(self, terminal: str, refused: set[str]) -> list[tuple[str, str]]:
        """The terminal's events in the order it wrote (and pushed) them, less those the
        central refused (their ids in `refused`): (case id, leaf)."""
        rows = self._session.execute(
            select(EventRow.id, EventRow.case_id, EventRow.position, EventRow.hash)
            .where(EventRow.terminal == terminal)
            .order_by(EventRow.seq)
        )
        return [
            (case_id, leaf(case_id, position, event_hash))
            for event_id, case_id, position, event_hash in rows
            if event_id not in refused
        ]
