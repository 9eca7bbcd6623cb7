"""Signing in: argon2 password hashes, roles, department scopes; wrong passwords answered
slowly and, after `login_lock_failures` in a row, the account locked for `login_lock_minutes`
(read back from the audit trail: a restart changes nothing); and the person setting their own
password after an administrator reset it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from app.domain.audit import AuditAction, AuditQuery
from app.domain.login_lock import LOCKED_UNTIL, WHILE_LOCKED, LoginStreak, lock_after, streak
from app.domain.messages import msg
from app.domain.passwords import PasswordRefused, check_password
from app.domain.roles import Actor, Role
from app.domain.staff import StaffMember
from app.domain.staff_events import PasswordSet, StaffEvent
from app.domain.windows import Window
from app.redaction import redact
from app.services.audit import AuditTrail
from app.services.errors import AccountLocked, LoginFailed, PasswordChangeRequired
from app.services.staff_log import Passwords, StaffLog
from app.services.time_source import Clock
from app.settings import Settings
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)
#: How far back a sign-in reads the person's entries for the streak of wrong passwords.
STREAK_WINDOW = 200
#: A kiosk account opens no clerk's window: it works only at the kiosk that names it.
KIOSK_ONLY = msg("自助终端账号只在自助终端上工作，不能在窗口登录")


class AuthService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        terminal: str,
        audit: AuditTrail,
        settings: Settings,
        clock: Clock,
        passwords: Passwords,
        pause: Callable[[float], None] = time.sleep,
    ) -> None:
        self._uow = uow
        self._terminal = terminal
        self._audit = audit
        self._settings = settings
        self._clock = clock
        self._passwords = passwords
        self._log = StaffLog(clock, terminal, audit)
        self._pause = pause  # a wrong password is answered after it (on the worker thread)

    def login(self, username: str, password: str) -> Actor:
        """The actor for a correct user name and password. LoginFailed otherwise (after a
        delay that grows with each wrong password in a row), AccountLocked when locked,
        PasswordChangeRequired when an administrator reset the password."""
        name = username.strip()[:64]
        with self._uow() as uow:
            member = self._check(uow, name, password)
            if member.must_change_password:
                raise PasswordChangeRequired(msg("管理员已重置您的密码，请先设置新密码"))
            actor = self._signed_in(uow, member)
            uow.commit()
        log.info("%s signed in at terminal %s", member.username, self._terminal)
        return actor

    def set_own_password(self, username: str, password: str, new_password: str) -> Actor:
        """Sign in with `password` and replace it with `new_password` (the one-time password
        an administrator gave, or the person's own); PasswordRefused names the rule broken."""
        name = username.strip()[:64]
        with self._uow() as uow:
            member = self._check(uow, name, password)
            check_password(new_password, member.username, member.display_name)
            if new_password == password:
                raise PasswordRefused(msg("新密码不得与原密码相同"))
            member = self._log.write(
                uow, name, member, PasswordSet(self._passwords.hash(new_password)), name
            )
            actor = self._signed_in(uow, member)
            uow.commit()
        log.info("%s set a new password at terminal %s", name, self._terminal)
        return actor

    def kiosk_sign_in(self) -> Actor:
        """The kiosk's own account, signed in with no password typed.

        What proves the kiosk is the administrator's settings of this machine (a file only
        its system account reads): `terminal_role` kiosk, and `kiosk_account` naming an
        active account of the kiosk role. A kiosk account has no way in elsewhere: `login`
        refuses it at every terminal, and a counter terminal cannot sign in as a kiosk.
        """
        if self._settings["terminal_role"] != "kiosk":
            raise LoginFailed(msg("本终端不是自助终端（设置中的终端用途），不能以自助终端账号工作"))
        name = self._settings["kiosk_account"]
        with self._uow() as uow:
            member = uow.staff.get(name)
            if member is None or not member.active or member.role is not Role.KIOSK:
                raise LoginFailed(
                    msg(
                        "设置中的自助终端账号 {name} 不存在、已停用或不是自助终端账号，"
                        "请管理员在设置中指定",
                        name=name,
                    )
                )
            actor = self._signed_in(uow, member)
            uow.commit()
        log.info("kiosk account %s signed in at terminal %s", name, self._terminal)
        return actor

    def verify_password(self, actor: Actor, password: str) -> bool:
        """For unlocking the screen: is this the signed-in person's password?"""
        with self._uow.reading() as uow:
            member = uow.staff.get(actor.username)
        return member is not None and member.active and self._passwords.verify(member, password)

    def actor_for(self, member: StaffMember, window: Window | None = None) -> Actor:
        """The member at this terminal: at the open `window` set up there (or theirs), whose
        departments they then handle; with no window set up, their own department's."""
        seated = window if window is not None and window.open else None
        return Actor(
            username=member.username,
            display_name=member.display_name,
            role=member.role,
            department=member.department,
            window=seated.number if seated else member.window,
            terminal=self._terminal,
            scope=member.scope,
            departments=frozenset(seated.spec.departments) if seated else frozenset(),
        )

    def _signed_in(self, uow: UnitOfWork, member: StaffMember) -> Actor:
        """The person seated at this terminal, and their LOGIN entry naming the window they
        sit at (attendance reads who sat where from these entries)."""
        actor = self.actor_for(member, self._seat(uow, member))
        details = {"window": actor.window} if actor.window else {}
        uow.audit.add(self._audit.entry(member.username, AuditAction.LOGIN, details=details))
        return actor

    def _seat(self, uow: UnitOfWork, member: StaffMember) -> Window | None:
        """The window set up at this terminal, or else the person's own."""
        return uow.windows.at_terminal(self._terminal) or uow.windows.get(member.window)

    def staff(self) -> list[StaffMember]:
        """Every account of this store (`central publish --staff-of` sends them up)."""
        with self._uow.reading() as uow:
            return uow.staff.all()

    def staff_logs(self) -> dict[str, list[StaffEvent]]:
        """Each account's log, by username (`central publish --staff-of` sends them up)."""
        with self._uow.reading() as uow:
            return {
                member.username: uow.staff.log(member.username, standing_only=True)
                for member in uow.staff.all()
            }

    def still_active(self, username: str) -> bool:
        """Whether the account may still work here (a pull may have brought its disabling)."""
        with self._uow.reading() as uow:
            member = uow.staff.get(username)
        return member is not None and member.active

    def _check(self, uow: UnitOfWork, name: str, password: str) -> StaffMember:
        """The active account `name` whose password is `password`; or, with the attempt
        recorded (and the account locked when this wrong password is one too many), an
        error after the delay."""
        now = self._clock.now()
        member = uow.staff.get(name)
        if member is None:  # whatever was typed goes on record, an ID number masked
            name = redact(name)
        entries = uow.audit.search(AuditQuery(actor=name, limit=STREAK_WINDOW))
        so_far = streak(entries, now, member.unlocked_at if member else None)
        if member is not None and so_far.locked_until is not None:
            uow.audit.add(
                self._audit.entry(name, AuditAction.LOGIN_FAILED, "", {WHILE_LOCKED: "1"})
            )
            uow.commit()
            raise AccountLocked(self._settings["login_lock_failures"], so_far.locked_until)
        if member is not None and member.active and self._passwords.verify(member, password):
            if member.role is Role.KIOSK:
                raise LoginFailed(KIOSK_ONLY)
            return member
        log.info("failed sign-in at terminal %s", self._terminal)
        uow.audit.add(self._audit.entry(name, AuditAction.LOGIN_FAILED))
        limit = self._settings["login_lock_failures"]
        until = lock_after(so_far.failures + 1, limit, now, self._settings["login_lock_minutes"])
        if member is not None and until is not None:
            uow.audit.add(
                self._audit.entry(
                    name, AuditAction.ACCOUNT_LOCKED, name, {LOCKED_UNTIL: until.isoformat()}
                )
            )
        uow.commit()
        self._slow_down(so_far)
        if member is not None and until is not None:
            log.info("an account was locked at terminal %s", self._terminal)
            raise AccountLocked(limit, until)
        raise LoginFailed(msg("用户名或密码不正确"))

    def _slow_down(self, so_far: LoginStreak) -> None:
        """Wait before answering a wrong password (the transaction is committed already, so
        no one else waits for it)."""
        self._pause(so_far.delay())
