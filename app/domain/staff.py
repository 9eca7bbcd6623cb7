"""Staff accounts as the services see them (the password hash never leaves the services)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.roles import Role


@dataclass(frozen=True)
class StaffMember:
    username: str
    display_name: str
    role: Role
    department: str | None
    window: str
    password_hash: str
    scope: frozenset[str] = field(default_factory=frozenset)
    active: bool = True
