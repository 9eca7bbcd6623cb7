"""This counter's settings as the window and `onewindow settings` show and change them.

Every setting of `app.settings` is shown with its meaning and range, and where its value in
effect comes from: the center (a center setting the central published, `Scope.CENTER`) or
this terminal's file. A clerk may change what concerns their own work at this counter
(language, paper, printing after intake); the rest — the devices, the terminal's number and
name, the central, and the center's settings — is the administrator's, and a clerk sees it
read-only. A terminal setting is written to the settings file by `save` alone: checked whole,
saved or refused, and each value that changed is written to the audit trail from what to what
(the printer's as PRINTER_SETTINGS_CHANGED), never the central's password, which the settings
keep apart. A center setting is written as a setting event with its audit entry instead
(`center_settings`), which the sync round publishes to every counter of the center.
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
from app.services.center_settings import CenterSettingsLog
from app.setting_declarations import CENTER_KEYS, DECLARED, Setting, declared
from app.settings import (
    SettingRefused,
    Settings,
    SettingsError,
    checked,
)

log = logging.getLogger(__name__)

#: What a clerk may change at their counter.
CLERK_KEYS = ("language", "paper_mm", "print_after_intake")
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
    from_center: bool = False  # the value in effect is the center's, not this terminal's

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def description(self) -> Message:
        return self.setting.description


class SettingsService:
    def __init__(self, settings: Settings, audit: AuditTrail, center: CenterSettingsLog) -> None:
        self._settings = settings
        self._audit = audit
        self._center = center

    def entries(self, actor: Actor) -> list[SettingEntry]:
        """Every setting; those this person may not change read-only."""
        administrator = actor.can(Permission.CONFIGURE_TERMINAL)
        return [
            SettingEntry(
                s,
                self._settings[s.key],
                administrator or s.key in CLERK_KEYS,
                self._settings.from_center(s.key),
            )
            for s in DECLARED
        ]

    def from_center(self, key: str) -> bool:
        """Whether the value in effect of `key` is the center's (else this terminal's)."""
        _declared(key)
        return self._settings.from_center(key)

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

    def checked(self, key: str, value: Any) -> Any:
        """`value` as `key` keeps it; SettingRefused with the rule when its rule refuses it."""
        return checked(_declared(key), value)

    def change(self, actor: Actor, values: dict[str, Any]) -> None:
        """Save the changed values, all or none; SettingsError names a value out of range."""
        if any(key in CENTER_KEYS for key in values):
            actor.require(Permission.CONFIGURE_TERMINAL, msg("修改中心统一设置"))
        if any(key not in CLERK_KEYS for key in values):
            actor.require(Permission.CONFIGURE_TERMINAL, msg("修改本终端的设备和中心设置"))
        self.save(actor, values)

    def save(self, actor: Actor, values: dict[str, Any]) -> None:
        """Write `values` (the caller checked who may), all or none: the terminal's to the
        file, the center's as setting events; each that changed is recorded, from what to
        what, in the audit trail: the one place a setting is saved. The settings file is not
        the store: the entries are written right after it took the values."""
        center = {
            key: self.checked(key, value)
            for key, value in values.items()
            if key in CENTER_KEYS and value != self.value(key)
        }
        own = {key: value for key, value in values.items() if key not in CENTER_KEYS}
        before = {key: self.value(key) for key in own}
        if own:
            self._settings.update(own)
            log.info("settings %s changed by %s", ", ".join(sorted(own)), actor.username)
        if center:
            self._center.write(
                actor,
                center,
                {
                    key: {"from": shown(self.value(key)), "to": shown(v)}
                    for key, v in center.items()
                },
            )
        after = {key: self._settings[key] for key in own}  # as kept: no central password
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
                for key in sorted(own)
                if before[key] != after[key]
            ]
        )


def shown(value: Any) -> str:
    """A setting's value in words: as `settings get` prints it, `settings set` takes it and
    the audit trail records it (text as it is, a number or yes/no as JSON writes it)."""
    return value if isinstance(value, str) else json.dumps(value)


def _declared(key: str) -> Setting:
    found = declared(key)
    if found is None:
        raise SettingsError(msg("没有这样的设置：{keys}", keys=[key]))
    return found
