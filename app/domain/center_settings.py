"""Center settings (中心统一设置): the settings a center holds for all its counters (its name
and phone on the receipts, the idle lock, the login lock, the office hours), changed by an
administrator at any counter and published through the central.

Each change is an event — a key, its new value, the key's next version, who, where, when —
appended to a log per center; nothing is changed in place. A key's value is the fold of its
log: the latest version's value, unless that value is refused by the setting's rule (a value
a newer or damaged central sent), when the last good one stands. The version goes on from
the latest event either way, so that the next change follows what the central holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

#: The one kind of event a center setting has (the central checks it, 0017).
SETTING_CHANGED = "setting_changed"

#: Whether `value` is a good value of the center setting `key` (`app.settings.accepts`).
Check = Callable[[str, Any], bool]


@dataclass(frozen=True)
class SettingEvent:
    """One change of one center setting."""

    id: UUID
    key: str
    version: int
    value: Any  # a JSON value: text, a number, yes/no
    actor: str
    terminal: str
    at: datetime


@dataclass(frozen=True)
class CenterValue:
    """A center setting's value as its log folds, and the change that set it."""

    value: Any
    version: int
    actor: str
    at: datetime


@dataclass(frozen=True)
class CenterSettings:
    """The fold of a center's setting events: each key's last good value, and each key's
    latest version (good or not), which the next change follows."""

    values: Mapping[str, CenterValue]
    versions: Mapping[str, int]

    def next_version(self, key: str) -> int:
        return self.versions.get(key, 0) + 1

    def effective(self) -> dict[str, Any]:
        """Each key the center has a good value of, and that value."""
        return {key: held.value for key, held in self.values.items()}


def fold(events: Iterable[SettingEvent], check: Check) -> CenterSettings:
    """The center's settings after `events` (in any order): by key, in version order; a value
    `check` refuses leaves the last good one standing."""
    values: dict[str, CenterValue] = {}
    versions: dict[str, int] = {}
    for event in sorted(events, key=lambda e: (e.key, e.version)):
        versions[event.key] = max(event.version, versions.get(event.key, 0))
        if check(event.key, event.value):
            values[event.key] = CenterValue(event.value, event.version, event.actor, event.at)
    return CenterSettings(values, versions)
