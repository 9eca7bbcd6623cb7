"""Setting up, changing and closing the center's windows; which window a terminal stands at.

Each change is one unit of work holding the window's new event, its fold and the audit
entry (WINDOW_CHANGED), so that none is stored without the others. Only an administrator
changes windows; anyone signed in may read them.
"""

from __future__ import annotations

import logging
from uuid import uuid4

from app.domain import windows
from app.domain.audit import AuditAction
from app.domain.messages import msg
from app.domain.roles import Actor, Permission
from app.domain.windows import KIND_MESSAGES, Stamp, Window, WindowEvent, WindowSpec
from app.services.audit import AuditTrail
from app.services.catalog import CatalogService
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


class WindowService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        audit: AuditTrail,
        clock: Clock,
        terminal: str,
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._audit = audit
        self._clock = clock
        self._terminal = terminal

    def windows(self, closed: bool = False) -> list[Window]:
        """The open windows by number (and the closed ones too if `closed`)."""
        with self._uow.reading() as uow:
            return uow.windows.all(closed)

    def set_up(self, actor: Actor, spec: WindowSpec) -> Window:
        """Set up a new window; WindowError when its number is taken or the spec is wrong."""
        spec = self._checked(actor, spec)
        with self._uow() as uow:
            existing = uow.windows.get(spec.number)
            event = windows.set_up(spec, existing, uow.windows.all(), self._stamp(actor))
            return self._write(uow, actor, event)

    def change(self, actor: Actor, spec: WindowSpec, version: int) -> Window:
        """Change the window as the administrator saw it at `version`; a window changed by
        someone else since is refused (WindowError), and nothing is written."""
        spec = self._checked(actor, spec)
        with self._uow() as uow:
            existing = uow.windows.get(spec.number)
            event = windows.change(spec, existing, version, uow.windows.all(), self._stamp(actor))
            return self._write(uow, actor, event)

    def close(self, actor: Actor, number: str, version: int) -> Window:
        actor.require(Permission.MANAGE_STAFF, msg("管理窗口"))
        number = number.strip().upper()
        with self._uow() as uow:
            event = windows.close(number, uow.windows.get(number), version, self._stamp(actor))
            return self._write(uow, actor, event)

    def _checked(self, actor: Actor, spec: WindowSpec) -> WindowSpec:
        actor.require(Permission.MANAGE_STAFF, msg("管理窗口"))
        return spec.checked(self._catalog.departments())

    def _stamp(self, actor: Actor) -> Stamp:
        return Stamp(uuid4(), actor.username, self._terminal, self._clock.now())

    def _write(self, uow: UnitOfWork, actor: Actor, event: WindowEvent) -> Window:
        window = uow.windows.append(event)
        spec = event.spec
        details = {
            "change": str(KIND_MESSAGES[event.kind]),
            "name": spec.name,
            "hall": spec.hall,
            "floor": spec.floor,
            "departments": ",".join(spec.departments),
            "terminal": spec.terminal,
        }
        uow.audit.add(
            self._audit.entry(actor.username, AuditAction.WINDOW_CHANGED, spec.number, details)
        )
        uow.commit()
        log.info("window %s %s by %s", spec.number, event.kind.value, actor.username)
        return window
