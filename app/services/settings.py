"""This counter's settings as the window and `onewindow settings` show and change them.

Every setting of `app.settings` is shown with its meaning and range. A clerk may change what
concerns their own work at this counter (language, idle lock, paper, printing after intake);
the rest — the devices, the center, the terminal's number and name, the central — is the
administrator's, and a clerk sees it read-only. Nothing writes the settings file but `save`:
checked whole, saved or refused, and each value that changed is written to the audit trail
from what to what (the printer's as PRINTER_SETTINGS_CHANGED), never the central's password,
which the settings keep apart.
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
from app.settings import DECLARED, Setting, SettingRefused, Settings, SettingsError

log = logging.getLogger(__name__)

#: What a clerk may change at their counter.
CLERK_KEYS = ("language", "idle_lock_minutes", "paper_mm", "print_after_intake")
#: Each field of a `PrinterSetup` (`print_results`) and the setting that holds it; here, not
#: beside the setup, so that the settings do not load the printing code.
SETUP_KEYS = {
    "printer": "printer",
    "paper_mm": "paper_mm",
    "raster": "printer_raster",
    "reports_status": "printer_reports_status",
    "print_after_intake": "print_after_intake",
    "seal_image": "seal_image",
}
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
        yes/no); SettingRefused with the rule when it cannot be."""
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
        self.save(actor, values)

    def save(self, actor: Actor, values: dict[str, Any]) -> None:
        """Write `values` (the caller checked who may) and record each that changed, from
        what to what, in the audit trail: the one place a setting is saved. The settings file
        is not the store: the entries are written right after it took the values."""
        before = {key: self.value(key) for key in values}
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
                    {"from": shown(before[key]), "to": shown(after[key])},
                )
                for key in sorted(values)
                if before[key] != after[key]
            ]
        )


def shown(value: Any) -> str:
    """A setting's value in words: as `settings get` prints it, `settings set` takes it and
    the audit trail records it (text as it is, a number or yes/no as JSON writes it)."""
    return value if isinstance(value, str) else json.dumps(value)


def _declared(key: str) -> Setting:
    found = next((s for s in DECLARED if s.key == key), None)
    if found is None:
        raise SettingsError(msg("没有这样的设置：{keys}", keys=[key]))
    return found
