"""Staff accounts as the services see them: the fold of each person's log of staff events
(`app.domain.staff_events`), and the rules a change must keep (the password hash never
leaves the services)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from app.domain.messages import Message, MessageError, msg
from app.domain.roles import Role
from app.domain.staff_events import (
    Authorisation,
    Changed,
    Created,
    Disabled,
    Enabled,
    PasswordReset,
    PasswordSet,
    Profile,
    ScopeGranted,
    StaffEvent,
    Unlocked,
)

#: Roles that work for one department, so need one.
DEPARTMENT_ROLES = frozenset({Role.CLERK, Role.CHIEF_REPRESENTATIVE})
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,31}")


@dataclass(frozen=True)
class StaffMember:
    """One account as its events left it; `version` is the position of its latest event."""

    username: str
    display_name: str
    role: Role
    department: str | None
    windows: tuple[str, ...]
    password_hash: str
    scope: frozenset[str] = field(default_factory=frozenset)
    active: bool = True
    version: int = 0
    must_change_password: bool = False
    authorisation: Authorisation | None = None
    #: When an administrator last unlocked the account or reset its password: wrong
    #: passwords before it no longer count.
    unlocked_at: datetime | None = None
    changed_at: datetime | None = None
    changed_by: str = ""

    @property
    def window(self) -> str:
        """The window the person sits at first (their own): the one a sign-in opens."""
        return self.windows[0] if self.windows else ""

    @property
    def profile(self) -> Profile:
        return Profile(self.display_name, self.role, self.department, self.windows)


class StaffRefused(MessageError, ValueError):
    """A change that cannot be made; `field` names the form's field to mend ("" for none)."""

    def __init__(self, message: Message, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class StaleStaff(MessageError):
    """The change was made against an older version: someone else changed the person since."""

    def __init__(self, member: StaffMember) -> None:
        when = member.changed_at.strftime("%Y-%m-%d %H:%M") if member.changed_at else ""
        super().__init__(
            msg("此人员资料已被 {who} 于 {when} 修改，请重新打开", who=member.changed_by, when=when)
        )


def check_username(username: str) -> None:
    if not _USERNAME.fullmatch(username):
        raise StaffRefused(msg("用户名为2-32位字母、数字或 . _ -，以字母或数字开头"), "username")


def check_profile(profile: Profile) -> None:
    """StaffRefused when name, role and department do not make sense together."""
    if not profile.display_name.strip() or len(profile.display_name) > 64:
        raise StaffRefused(msg("请填写姓名（不超过64个字）"), "display_name")
    if profile.role in DEPARTMENT_ROLES and not profile.department:
        raise StaffRefused(msg("窗口人员和首席代表须属于一个部门"), "department")
    if any(not window.strip() for window in profile.windows):
        raise StaffRefused(msg("窗口编号不能为空"), "windows")


def apply(member: StaffMember | None, event: StaffEvent) -> StaffMember:
    """The account after `event`; ValueError when the event does not follow `member`."""
    expected = 1 if member is None else member.version + 1
    if event.version != expected:
        raise ValueError(f"staff event {event.version} of {event.username} follows {expected - 1}")
    change = event.change
    if member is None:
        if not isinstance(change, Created):
            raise ValueError(f"the log of {event.username} does not start with its creation")
        profile = change.profile
        return StaffMember(
            username=event.username,
            display_name=profile.display_name,
            role=profile.role,
            department=profile.department,
            windows=profile.windows,
            password_hash=change.password_hash,
            version=1,
            must_change_password=change.must_change_password,
            changed_at=event.at,
            changed_by=event.actor,
        )
    if isinstance(change, Created):
        raise ValueError(f"{event.username} was created already")
    head = replace(member, version=event.version, changed_at=event.at, changed_by=event.actor)
    if isinstance(change, Changed):
        profile = change.profile
        return replace(
            head,
            display_name=profile.display_name,
            role=profile.role,
            department=profile.department,
            windows=profile.windows,
        )
    if isinstance(change, Disabled | Enabled):
        return replace(head, active=isinstance(change, Enabled))
    if isinstance(change, PasswordReset):
        return replace(
            head,
            password_hash=change.password_hash,
            must_change_password=True,
            unlocked_at=event.at,
        )
    if isinstance(change, PasswordSet):
        return replace(head, password_hash=change.password_hash, must_change_password=False)
    if isinstance(change, ScopeGranted):
        return replace(head, scope=change.items, authorisation=change.authorisation)
    if isinstance(change, Unlocked):
        return replace(head, unlocked_at=event.at)
    raise ValueError(f"unknown staff change {change!r}")


def fold(events: list[StaffEvent]) -> StaffMember | None:
    """The account a whole log describes (None for no events)."""
    member: StaffMember | None = None
    for event in events:
        member = apply(member, event)
    return member
