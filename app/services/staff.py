"""The administrator's work on staff accounts (人员): create, change, disable, enable, reset
a password, grant a chief representative's items, unlock.

Each change is one staff event and its audit entry, written in one unit of work. A change
names the version of the account it was made against; when someone changed the account since,
it is refused (`StaleStaff`, saying who and when) and the caller keeps what was typed.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.audit import AuditAction, AuditQuery
from app.domain.login_lock import LOCKED_UNTIL
from app.domain.messages import msg
from app.domain.passwords import check_password
from app.domain.roles import Actor, Permission, Role
from app.domain.staff import (
    StaffMember,
    StaffRefused,
    StaleStaff,
    check_profile,
    check_username,
)
from app.domain.staff_events import (
    Authorisation,
    Changed,
    Created,
    Disabled,
    Enabled,
    PasswordReset,
    Profile,
    ScopeGranted,
    StaffChange,
    StaffEvent,
    Unlocked,
)
from app.services.audit import AuditTrail
from app.services.catalog import CatalogService
from app.services.errors import NotFound
from app.services.staff_log import SET_UP, Passwords, StaffLog
from app.services.time_source import Clock
from app.storage.unit_of_work import StoreConflict, UnitOfWork, UnitOfWorkFactory

#: How far back a lock can have begun and still hold (the longest `login_lock_minutes`).
LOCKS_LOOKED_BACK = timedelta(minutes=120)
#: Letters and digits a one-time password is drawn from (no 0/O, 1/l/I to misread).
_ONE_TIME_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


class StaffService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        audit: AuditTrail,
        clock: Clock,
        terminal: str,
        passwords: Passwords,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._catalog = catalog
        self._log = StaffLog(clock, terminal, audit)
        self._passwords = passwords

    def members(self, actor: Actor) -> list[StaffMember]:
        """Every account, by username."""
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        with self._uow.reading() as uow:
            return uow.staff.all()

    def locks(self, actor: Actor) -> dict[str, datetime]:
        """The accounts locked now by wrong passwords, with when each lock ends."""
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        now = self._clock.now()
        recent = AuditQuery(action=AuditAction.ACCOUNT_LOCKED, since=now - LOCKS_LOOKED_BACK)
        with self._uow.reading() as uow:
            entries = uow.audit.search(recent)
            members = {e.subject: uow.staff.get(e.subject) for e in entries}
        locked: dict[str, datetime] = {}
        for entry in reversed(entries):  # oldest first: a later lock replaces an earlier one
            member = members[entry.subject]
            until = datetime.fromisoformat(entry.details[LOCKED_UNTIL])
            if member is None or until <= now:
                continue
            if member.unlocked_at is None or member.unlocked_at < entry.at:
                locked[entry.subject] = until
        return locked

    def member(self, actor: Actor, username: str) -> StaffMember:
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        with self._uow.reading() as uow:
            return self._held(uow, username)

    def history(self, actor: Actor, username: str) -> list[StaffEvent]:
        """The person's log, oldest first."""
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        with self._uow.reading() as uow:
            return uow.staff.log(username)

    def create(
        self,
        actor: Actor | None,
        username: str,
        profile: Profile,
        password: str,
        scope: Iterable[str] = (),
        authorisation: Authorisation | None = None,
    ) -> StaffMember:
        """A new account. Made by an administrator, the password is a first one the person
        replaces at their first sign-in; made at set-up (None: the first administrator, the
        demo), it is theirs."""
        acting = self._acting(actor)
        username = username.strip()
        check_username(username)
        check_profile(profile)
        check_password(password, username, profile.display_name)
        items = frozenset(scope)
        catalog = self._catalog_view()
        with self._uow() as uow:
            if uow.staff.get(username) is not None:
                raise StaffRefused(msg("用户名 {username} 已存在", username=username), "username")
            created = Created(profile, self._passwords.hash(password), actor is not None)
            try:
                with uow.attempt():
                    member = self._log.write(
                        uow, username, None, created, acting, _details(profile)
                    )
            except StoreConflict:  # another writer took the name between the two lines
                raise StaffRefused(
                    msg("用户名 {username} 已存在", username=username), "username"
                ) from None
            if items or authorisation is not None:
                member = self._grant(uow, member, items, authorisation, acting, catalog)
            uow.commit()
        return member

    def change(self, actor: Actor, username: str, version: int, profile: Profile) -> StaffMember:
        check_profile(profile)
        with self._uow() as uow:
            member = self._current(uow, actor, username, version)
            if actor.username == username and profile.role is not member.role:
                raise StaffRefused(msg("不能修改自己的角色：请另一位管理员修改"), "role")
            if member.scope and profile.department != member.department:
                raise StaffRefused(
                    msg("此首席代表持有本部门的授权事项：改部门前请先撤回授权（授权为空）"),
                    "department",
                )
            return self._write(uow, actor, member, Changed(profile))

    def disable(self, actor: Actor, username: str, version: int) -> StaffMember:
        with self._uow() as uow:
            member = self._current(uow, actor, username, version)
            if actor.username == username:
                raise StaffRefused(msg("不能停用自己的账号：请另一位管理员停用"))
            return self._write(uow, actor, member, Disabled())

    def enable(self, actor: Actor, username: str, version: int) -> StaffMember:
        with self._uow() as uow:
            member = self._current(uow, actor, username, version)
            return self._write(uow, actor, member, Enabled())

    def reset_password(self, actor: Actor, username: str, version: int) -> str:
        """A new one-time password (shown once to the administrator, never stored in clear);
        the account is unlocked and the person sets their own at the next sign-in."""
        one_time = _one_time_password()
        with self._uow() as uow:
            member = self._current(uow, actor, username, version)
            reset = PasswordReset(self._passwords.hash(one_time))
            self._write(uow, actor, member, reset)
        return one_time

    def grant(
        self,
        actor: Actor,
        username: str,
        version: int,
        items: Iterable[str],
        authorisation: Authorisation,
    ) -> StaffMember:
        """The items the chief representative may decide, as the document lists them."""
        catalog = self._catalog_view()
        with self._uow() as uow:
            member = self._current(uow, actor, username, version)
            member = self._grant(
                uow, member, frozenset(items), authorisation, actor.username, catalog
            )
            uow.commit()
        return member

    def unlock(self, actor: Actor, username: str) -> StaffMember:
        """Wrong passwords before now no longer count."""
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        with self._uow() as uow:
            member = self._held(uow, username)
            return self._write(uow, actor, member, Unlocked())

    def _grant(
        self,
        uow: UnitOfWork,
        member: StaffMember,
        items: frozenset[str],
        authorisation: Authorisation | None,
        acting: str,
        catalog: _CatalogView,
    ) -> StaffMember:
        if member.role is not Role.CHIEF_REPRESENTATIVE:
            raise StaffRefused(msg("只有首席代表才有授权事项"), "scope")
        if authorisation is None or not authorisation.number.strip():
            raise StaffRefused(msg("请填写授权文件的文号和日期"), "document")
        for code in sorted(items):
            catalog.check(code, member.department or "")
        details = {
            "item_codes": ",".join(sorted(items)),
            "document": authorisation.number,
            "issued": authorisation.issued.isoformat(),
        }
        granted = ScopeGranted(items, authorisation)
        return self._log.write(uow, member.username, member, granted, acting, details)

    def _write(
        self,
        uow: UnitOfWork,
        actor: Actor,
        member: StaffMember,
        change: StaffChange,
    ) -> StaffMember:
        details = _details(change.profile) if isinstance(change, Changed) else None
        after = self._log.write(uow, member.username, member, change, actor.username, details)
        uow.commit()
        return after

    def _current(self, uow: UnitOfWork, actor: Actor, username: str, version: int) -> StaffMember:
        """The account, if it is still at `version`; StaleStaff otherwise."""
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        member = self._held(uow, username)
        if member.version != version:
            raise StaleStaff(member)
        return member

    def _held(self, uow: UnitOfWork, username: str) -> StaffMember:
        member = uow.staff.get(username)
        if member is None:
            raise NotFound(msg("没有用户名为 {username} 的人员", username=username))
        return member

    def _catalog_view(self) -> _CatalogView:
        """Read before a unit of work opens: the catalog reads the store on first use."""
        return _CatalogView(
            {item.code: item.department for item in self._catalog.items()},
            {code: d.name for code, d in self._catalog.departments().items()},
        )

    @staticmethod
    def _acting(actor: Actor | None) -> str:
        if actor is None:
            return SET_UP
        actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        return actor.username


@dataclass(frozen=True)
class _CatalogView:
    """Which department each item is of, and each department's name."""

    departments: dict[str, str]
    names: dict[str, str]

    def check(self, code: str, own: str) -> None:
        """StaffRefused unless item `code` is one of department `own`'s."""
        department = self.departments.get(code)
        if department is None:
            raise StaffRefused(msg("事项 {code} 不在事项清单中", code=code), "scope")
        if department != own:
            raise StaffRefused(
                msg(
                    "事项 {code} 属于{other}，不是本部门（{own}）的事项，不能授权",
                    code=code,
                    other=self.names.get(department, department),
                    own=self.names.get(own, own),
                ),
                "scope",
            )


def _details(profile: Profile) -> dict[str, str]:
    """What the audit entry says of a profile (no password, no hash)."""
    return {
        "display_name": profile.display_name,
        "role": profile.role.value,
        "department": profile.department or "",
        "windows": ",".join(profile.windows),
    }


def _one_time_password() -> str:
    """Ten letters and digits, with at least one of each (the policy's rule)."""
    while True:
        candidate = "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(10))
        if any(c.isalpha() for c in candidate) and any(c.isdigit() for c in candidate):
            return candidate
