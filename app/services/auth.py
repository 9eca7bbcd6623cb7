"""Signing in and staff accounts: argon2 password hashes, roles, department scopes."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.domain.audit import AuditAction
from app.domain.messages import msg
from app.domain.roles import Actor, Permission, Role
from app.domain.staff import StaffMember
from app.services.audit import AuditTrail
from app.services.errors import LoginFailed
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class AuthService:
    def __init__(self, uow: UnitOfWorkFactory, terminal: str, audit: AuditTrail) -> None:
        self._uow = uow
        self._terminal = terminal
        self._audit = audit
        self._hasher = PasswordHasher()

    def login(self, username: str, password: str) -> Actor:
        """The actor for a correct user name and password; LoginFailed otherwise."""
        with self._uow() as uow:
            member = uow.staff.get(username.strip())
            if member is None or not member.active or not self._verify(member, password):
                log.info("failed sign-in at terminal %s", self._terminal)
                uow.audit.add(self._audit.entry(username.strip()[:64], AuditAction.LOGIN_FAILED))
                uow.commit()
                raise LoginFailed(msg("用户名或密码不正确"))
            if self._hasher.check_needs_rehash(member.password_hash):
                uow.staff.add(self._with_password(member, password))
            # the window sat at: attendance reads who sat where from these entries
            details = {"window": member.window} if member.window else {}
            uow.audit.add(self._audit.entry(member.username, AuditAction.LOGIN, details=details))
            uow.commit()
        log.info("%s signed in at terminal %s", member.username, self._terminal)
        return self.actor_for(member)

    def verify_password(self, actor: Actor, password: str) -> bool:
        """For unlocking the screen: is this the signed-in person's password?"""
        with self._uow.reading() as uow:
            member = uow.staff.get(actor.username)
        return member is not None and member.active and self._verify(member, password)

    def actor_for(self, member: StaffMember) -> Actor:
        return Actor(
            username=member.username,
            display_name=member.display_name,
            role=member.role,
            department=member.department,
            window=member.window,
            terminal=self._terminal,
            scope=member.scope,
        )

    def staff(self) -> list[StaffMember]:
        """Every account of this store (`central publish --staff-of` sends them up)."""
        with self._uow.reading() as uow:
            return uow.staff.all()

    def create_staff(
        self,
        actor: Actor | None,
        *,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        department: str | None = None,
        window: str = "",
        scope: Iterable[str] = (),
    ) -> StaffMember:
        """Add or replace an account. Only an administrator may (None: first set-up, demo)."""
        if actor is not None:
            actor.require(Permission.MANAGE_STAFF, msg("管理工作人员账号"))
        if len(password) < 8:
            raise LoginFailed(msg("密码至少8位"))
        member = StaffMember(
            username=username,
            display_name=display_name,
            role=role,
            department=department,
            window=window,
            password_hash="",
            scope=frozenset(scope),
        )
        member = self._with_password(member, password)
        with self._uow() as uow:
            uow.staff.add(member)
            uow.commit()
        return member

    def _with_password(self, member: StaffMember, password: str) -> StaffMember:
        return StaffMember(**{**member.__dict__, "password_hash": self._hasher.hash(password)})

    def _verify(self, member: StaffMember, password: str) -> bool:
        try:
            return self._hasher.verify(member.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
