"""This counter's settings as the window and `onewindow settings` show and change them.

Every setting of `app.settings` is shown with its meaning and range. A clerk may change what
concerns their own work at this counter (language, idle lock, paper, printing after intake);
the rest — the devices, the center, the terminal's number and name, the central — is the
administrator's, and a clerk sees it read-only. Nothing writes the settings file but
`change`: checked whole, saved or refused, and each value saved is written to the audit trail
(the printer's as PRINTER_SETTINGS_CHANGED), never the central's password, which the settings
keep apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from app.domain.audit import AuditAction
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission
from app.services.audit import AuditTrail
from app.settings import DECLARED, Setting, SettingRefused, Settings, SettingsError
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)

#: What a clerk may change at their counter.
CLERK_KEYS = ("language", "idle_lock_minutes", "paper_mm", "print_after_intake")
#: The printer's settings: a change is written to the trail as the printer's.
PRINTER_KEYS = (
    "printer",
    "paper_mm",
    "printer_raster",
    "printer_reports_status",
    "print_after_intake",
    "seal_image",
)


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
    def __init__(self, settings: Settings, audit: AuditTrail, uow: UnitOfWorkFactory) -> None:
        self._settings = settings
        self._audit = audit
        self._uow = uow

    def entries(self, actor: Actor) -> list[SettingEntry]:
        """Every setting; those this person may not change read-only."""
        administrator = actor.can(Permission.CONFIGURE_TERMINAL)
        return [
            SettingEntry(s, self._settings[s.key], administrator or s.key in CLERK_KEYS)
            for s in DECLARED
        ]

    def value(self, key: str) -> Any:
        """The value of `key`; SettingsError for a key not declared."""
        _declared(key)
        return self._settings[key]

    def parsed(self, key: str, text: str) -> Any:
        """`text` typed as the declaration of `key` says ("5" for a number, true/false for a
        yes/no); SettingsError with the rule when it cannot be."""
        setting = _declared(key)
        if setting.type is bool and text.strip().lower() in ("true", "false"):
            return text.strip().lower() == "true"
        if setting.type is int and text.strip().lstrip("-").isdigit():
            return int(text)
        if setting.type is str:
            return text
        raise SettingRefused(
            key,
            msg("{key} 的值 {value} 无效：{rule}", key=key, value=text, rule=setting.description),
        )

    def change(self, actor: Actor, values: dict[str, Any]) -> None:
        """Save the changed values, all or none; SettingsError names a value out of range."""
        if any(key not in CLERK_KEYS for key in values):
            actor.require(Permission.CONFIGURE_TERMINAL, msg("修改本终端的设备和中心设置"))
        changed = {key: v for key, v in values.items() if self.value(key) != v}
        with self._uow() as uow:  # the file saved first: if it is not, nothing is recorded
            self._settings.update(changed)
            for key in sorted(changed):
                printer = key in PRINTER_KEYS
                action = (
                    AuditAction.PRINTER_SETTINGS_CHANGED
                    if printer
                    else AuditAction.SETTINGS_CHANGED
                )
                # the value as kept: a central_url's password has gone to the password store
                value = {"value": shown(self._settings[key])}
                uow.audit.add(self._audit.entry(actor.username, action, key, value))
            uow.commit()
        log.info("settings %s changed by %s", ", ".join(sorted(changed)), actor.username)


def shown(value: Any) -> str:
    """A setting's value as `settings get` prints it and `settings set` takes it."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _declared(key: str) -> Setting:
    found = next((s for s in DECLARED if s.key == key), None)
    if found is None:
        raise SettingsError(msg("没有这样的设置：{keys}", keys=[key]))
    return found
