"""This counter's settings as the window shows and changes them.

A clerk may change what concerns their own work at this counter (language, idle lock, paper,
printing after intake); the devices, the terminal's number and the central are the
administrator's, shown to them read-only here (their own screens come later). The window never
writes the settings file: every change goes through `change`, checked whole, saved or refused.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from app.domain.audit import AuditAction
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission
from app.services.audit import AuditTrail
from app.services.print_results import SETUP_KEYS
from app.settings import DECLARED, Setting, Settings

log = logging.getLogger(__name__)

#: What a clerk may change at their counter.
CLERK_KEYS = ("language", "idle_lock_minutes", "paper_mm", "print_after_intake")
#: The printer's settings: a change to one is recorded as the printer's (打印机设置).
PRINTER_KEYS = frozenset(SETUP_KEYS.values())


@dataclass(frozen=True)
class SettingEntry:
    """One setting as shown: what it means, its value, and whether this person may change it."""

    setting: Setting
    value: Any
    editable: bool

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def description(self) -> Message:
        return self.setting.description


class SettingsService:
    def __init__(self, settings: Settings, audit: AuditTrail) -> None:
        self._settings = settings
        self._audit = audit

    def entries(self, actor: Actor) -> list[SettingEntry]:
        """The settings this person sees: a clerk's own; for the administrator, all of them
        (the others read-only until the administrator's screens)."""
        administrator = actor.can(Permission.CONFIGURE_TERMINAL)
        return [
            SettingEntry(s, self._settings[s.key], s.key in CLERK_KEYS)
            for s in DECLARED
            if administrator or s.key in CLERK_KEYS
        ]

    def change(self, actor: Actor, values: dict[str, Any]) -> None:
        """Save the changed values, all or none; SettingsError names a value out of range."""
        if any(key not in CLERK_KEYS for key in values):
            actor.require(Permission.CONFIGURE_TERMINAL, msg("修改本终端的设备和中心设置"))
        self.save(actor, values)

    def save(self, actor: Actor, values: dict[str, Any]) -> None:
        """Write `values` (the caller checked who may) and record each that changed, from
        what to what, in the audit trail: the one place a setting is saved. The settings file
        is not the store: the entries are written right after it took the values."""
        before = {key: self._settings[key] for key in values}
        self._settings.update(values)
        log.info("settings %s changed by %s", ", ".join(sorted(values)), actor.username)
        after = {key: self._settings[key] for key in values}  # as kept: no central password
        self._audit.keep(
            [
                self._audit.entry(
                    actor.username,
                    AuditAction.PRINTER_SETTINGS_CHANGED
                    if key in PRINTER_KEYS
                    else AuditAction.SETTINGS_CHANGED,
                    key,
                    {"from": _text(before[key]), "to": _text(after[key])},
                )
                for key in sorted(values)
                if before[key] != after[key]
            ]
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
