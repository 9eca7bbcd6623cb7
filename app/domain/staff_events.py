"""What happens to a staff account, as an append-only log of typed events per person.

Like a case, an account is never updated in place: each change is an event with the person's
username, its position in that person's log (`version`, from 1), who made it, at which
terminal and when. The account as the services see it (`app.domain.staff.StaffMember`) is the
fold of its log. Events are written once and never removed (a person's name stands in case
traces), and each one is self-contained, so that the log can go up to the central and down to
the other counters of the center the way case events do (`to_record` / `from_record`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from app.domain.audit import AuditAction
from app.domain.roles import Role


@dataclass(frozen=True)
class Profile:
    """What an administrator types about a person: name, role, department, windows."""

    display_name: str
    role: Role
    department: str | None
    windows: tuple[str, ...] = ()


@dataclass(frozen=True)
class Authorisation:
    """The document by which a department authorised its chief representative (授权文件)."""

    number: str
    issued: date


@dataclass(frozen=True)
class Created:
    profile: Profile
    password_hash: str
    must_change_password: bool


@dataclass(frozen=True)
class Changed:
    profile: Profile


@dataclass(frozen=True)
class Disabled:
    pass


@dataclass(frozen=True)
class Enabled:
    pass


@dataclass(frozen=True)
class PasswordReset:
    """An administrator gave a one-time password: the person sets their own at next login."""

    password_hash: str


@dataclass(frozen=True)
class PasswordSet:
    """The person set their own password."""

    password_hash: str


@dataclass(frozen=True)
class ScopeGranted:
    """The items the chief representative may decide, as the document lists them in full
    (a new document replaces the earlier list)."""

    items: frozenset[str]
    authorisation: Authorisation


@dataclass(frozen=True)
class Unlocked:
    """An administrator unlocked an account that wrong passwords had locked."""


StaffChange = (
    Created | Changed | Disabled | Enabled | PasswordReset | PasswordSet | ScopeGranted | Unlocked
)

#: Each change's kind as stored and sent; the names never change once written.
KINDS: dict[type[Any], str] = {
    Created: "staff_created",
    Changed: "staff_changed",
    Disabled: "staff_disabled",
    Enabled: "staff_enabled",
    PasswordReset: "password_reset",
    PasswordSet: "password_set",
    ScopeGranted: "scope_granted",
    Unlocked: "account_unlocked",
}
_BY_KIND = {kind: change for change, kind in KINDS.items()}
#: The audit entry each change is written with (in the same unit of work).
AUDIT_ACTIONS: dict[type[Any], AuditAction] = {
    Created: AuditAction.STAFF_CREATED,
    Changed: AuditAction.STAFF_CHANGED,
    Disabled: AuditAction.STAFF_DISABLED,
    Enabled: AuditAction.STAFF_ENABLED,
    PasswordReset: AuditAction.PASSWORD_RESET,
    PasswordSet: AuditAction.PASSWORD_CHANGED,
    ScopeGranted: AuditAction.SCOPE_GRANTED,
    Unlocked: AuditAction.ACCOUNT_UNLOCKED,
}


@dataclass(frozen=True)
class StaffEvent:
    id: UUID
    username: str
    version: int
    at: datetime
    actor: str
    terminal: str
    change: StaffChange

    @property
    def kind(self) -> str:
        return KINDS[type(self.change)]

    @property
    def action(self) -> AuditAction:
        """What the change is in the audit trail's words (`ACTION_MESSAGES`)."""
        return AUDIT_ACTIONS[type(self.change)]


def to_record(change: StaffChange) -> dict[str, Any]:
    """The change as JSON-ready data (the event's head is stored beside it)."""
    if isinstance(change, Created | Changed):
        data = _profile(change.profile)
        if isinstance(change, Created):
            data |= {
                "password_hash": change.password_hash,
                "must_change_password": change.must_change_password,
            }
        return data
    if isinstance(change, PasswordReset | PasswordSet):
        return {"password_hash": change.password_hash}
    if isinstance(change, ScopeGranted):
        return {
            "items": sorted(change.items),
            "document": change.authorisation.number,
            "issued": change.authorisation.issued.isoformat(),
        }
    return {}


def from_record(kind: str, data: dict[str, Any]) -> StaffChange:
    """The change stored as `to_record` wrote it; KeyError for a kind this version lacks."""
    change = _BY_KIND[kind]
    if change is Created:
        return Created(_read_profile(data), data["password_hash"], data["must_change_password"])
    if change is Changed:
        return Changed(_read_profile(data))
    if change in (PasswordReset, PasswordSet):
        return change(data["password_hash"])
    if change is ScopeGranted:
        return ScopeGranted(
            frozenset(data["items"]),
            Authorisation(data["document"], date.fromisoformat(data["issued"])),
        )
    return change()


def _profile(profile: Profile) -> dict[str, Any]:
    return {
        "display_name": profile.display_name,
        "role": profile.role.value,
        "department": profile.department,
        "windows": list(profile.windows),
    }


def _read_profile(data: dict[str, Any]) -> Profile:
    return Profile(
        data["display_name"], Role(data["role"]), data["department"], tuple(data["windows"])
    )
