"""Windows as stored: each change appended to `window_events`, the fold kept in `windows`."""

from __future__ import annotations

import json
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.refusals import RefusedLog, standing
from app.domain.windows import Window, WindowEvent, WindowEventKind, WindowSpec, fold
from app.storage.directory_outbox import holds, written_at
from app.storage.refusal_repository import RefusalRepository
from app.storage.tables import WindowEventRow, WindowRow


class WindowRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def append(self, event: WindowEvent) -> Window:
        """Append the event and fold it into its window; the window as it now stands."""
        self._session.add(
            WindowEventRow(
                id=str(event.id),
                number=event.number,
                position=event.position,
                kind=event.kind.value,
                spec=_dumps(event.spec),
                actor=event.actor,
                terminal=event.terminal,
                at=event.at.isoformat(),
            )
        )
        self._session.flush()  # two writers of one position clash here (a trigger, 0015)
        window = self.refold(event.number)
        assert window is not None
        return window

    def refold(self, number: str) -> Window | None:
        """Fold the window again from its events that stand (those the central refused left
        out); None, and the row left as it was, when not even its set-up stands here."""
        window = fold(self.events_of(number))
        if window is None:
            return None
        self._session.merge(
            WindowRow(
                number=window.number,
                spec=_dumps(window.spec),
                terminal=window.spec.terminal,
                version=window.version,
                open=window.open,
            )
        )
        self._session.flush()
        return window

    def events_of(self, number: str) -> list[WindowEvent]:
        """The window's events that stand: those the central refused are left out."""
        rows = self._session.scalars(
            select(WindowEventRow)
            .where(WindowEventRow.number == number)
            .order_by(WindowEventRow.position, WindowEventRow.seq)
        )
        refused = RefusalRepository(self._session).ids(RefusedLog.WINDOWS, number)
        return standing((_event(row) for row in rows), refused)

    def event(self, event_id: str) -> WindowEvent | None:
        row = self._session.scalar(select(WindowEventRow).where(WindowEventRow.id == event_id))
        return _event(row) if row else None

    def outbox(self, terminal: str, after: int, limit: int) -> list[tuple[int, dict[str, object]]]:
        return written_at(self._session, WindowEventRow, EVENT_COLUMNS, terminal, after, limit)

    def holds(self, event_id: str) -> bool:
        return holds(self._session, WindowEventRow, event_id)

    def get(self, number: str) -> Window | None:
        row = self._session.get(WindowRow, number)
        return _window(row) if row else None

    def all(self, closed: bool = False) -> list[Window]:
        """The open windows by number (and the closed ones too if `closed`)."""
        query = select(WindowRow).order_by(WindowRow.number)
        if not closed:
            query = query.where(WindowRow.open.is_(True))
        return [_window(row) for row in self._session.scalars(query)]

    def at_terminal(self, terminal: str) -> Window | None:
        """The open window this terminal stands at, if one is set up."""
        row = self._session.scalars(
            select(WindowRow).where(WindowRow.terminal == terminal, WindowRow.open.is_(True))
        ).first()
        return _window(row) if row else None


#: A window event's columns, as stored here and on the central.
EVENT_COLUMNS = ("id", "number", "position", "kind", "spec", "actor", "terminal", "at")


def event_of(row: dict[str, object]) -> WindowEvent:
    """An event from its columns (this store's, or the central's)."""
    return WindowEvent(
        id=UUID(str(row["id"])),
        number=str(row["number"]),
        position=int(str(row["position"])),
        kind=WindowEventKind(str(row["kind"])),
        spec=WindowSpec.from_dict(json.loads(str(row["spec"]))),
        actor=str(row["actor"]),
        terminal=str(row["terminal"]),
        at=datetime.fromisoformat(str(row["at"])),
    )


def _dumps(spec: WindowSpec) -> str:
    return json.dumps(spec.to_dict(), ensure_ascii=False, sort_keys=True)


def _window(row: WindowRow) -> Window:
    return Window(WindowSpec.from_dict(json.loads(row.spec)), row.version, row.open)


def _event(row: WindowEventRow) -> WindowEvent:
    return event_of({name: getattr(row, name) for name in EVENT_COLUMNS})
