"""The center's settings (`Scope.CENTER`) at this counter: their log in the store, its fold
made the value in effect, and an administrator's change written as an event.

The fold is handed to the settings (`Settings.adopt_center`) when the counter starts, after
a change here and after a pull: everything that reads a center setting through them (the
receipt's name and phone, the login lock, the idle lock, the office hours) reads the center's
value from then on, without a restart; a counter that never took one from the central reads
its file's, as before. A change is one event per key with its audit entry, in one
transaction, against the key's latest version here; the sync round sends it up
(`sync_directory`), where the central takes it only from an administrator of the center and
only if no one changed the key first.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from uuid import uuid4

from app.domain.audit import AuditAction
from app.domain.center_settings import CenterSettings, SettingEvent, fold
from app.domain.roles import Actor
from app.services.audit import AuditTrail
from app.services.time_source import Clock
from app.settings import Settings, accepts
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


def folded(uow: UnitOfWork) -> CenterSettings:
    """The center's settings as this store's log folds them, each value checked by its rule."""
    return fold(uow.center_settings.events(), accepts)


def adopt(uow: UnitOfWorkFactory, settings: Settings) -> None:
    """Make the center's folded values the values in effect."""
    with uow.reading() as reading:
        values = folded(reading).effective()
    settings.adopt_center(values)


class CenterSettingsLog:
    """Writes an administrator's changes of center settings at this terminal."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: Settings,
        audit: AuditTrail,
        clock: Clock,
        terminal: str,
    ) -> None:
        self._uow = uow
        self._settings = settings
        self._audit = audit
        self._clock = clock
        self._terminal = terminal

    def write(
        self, actor: Actor, values: dict[str, Any], details: dict[str, dict[str, str]]
    ) -> None:
        """Append one event per key of `values` (each checked already) after the key's
        latest version, each with its audit entry (`details`: from what to what, in words),
        in one transaction; then take the new values into effect."""
        now = self._clock.now()
        with self._uow() as uow:
            held = folded(uow)
            for key in sorted(values):
                uow.center_settings.append(self._event(held, key, values[key], actor, now))
                uow.audit.add(
                    self._audit.entry(
                        actor.username,
                        AuditAction.SETTINGS_CHANGED,
                        key,
                        details[key],
                    )
                )
            uow.commit()
        log.info("center settings %s changed by %s", ", ".join(sorted(values)), actor.username)
        adopt(self._uow, self._settings)

    def _event(
        self, held: CenterSettings, key: str, value: Any, actor: Actor, now: datetime
    ) -> SettingEvent:
        return SettingEvent(
            id=uuid4(),
            key=key,
            version=held.next_version(key),
            value=value,
            actor=actor.username,
            terminal=self._terminal,
            at=now,
        )
