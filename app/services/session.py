"""The end of a sign-in and the screen lock in between, written to the audit trail: who
left the counter, who locked it and who opened it again, and a wrong password at the lock.

The window calls these on its storage worker; the lock itself (hiding the work) is the
window's, the record of it is here.
"""

from __future__ import annotations

import logging

from app.domain.audit import AuditAction
from app.domain.roles import Actor
from app.services.audit import AuditTrail
from app.services.auth import AuthService

log = logging.getLogger(__name__)


class SessionService:
    def __init__(self, auth: AuthService, audit: AuditTrail) -> None:
        self._auth = auth
        self._audit = audit

    def lock(self, actor: Actor) -> None:
        self._audit.record(actor.username, AuditAction.SCREEN_LOCKED)

    def unlock(self, actor: Actor, password: str) -> bool:
        """Whether `password` is the person's own: the screen opens, and that is recorded;
        a wrong one is recorded too."""
        if self._auth.verify_password(actor, password):
            self._audit.record(actor.username, AuditAction.SCREEN_UNLOCKED)
            return True
        log.info("wrong password at the locked screen")
        self._audit.record(actor.username, AuditAction.SCREEN_UNLOCK_FAILED)
        return False

    def logout(self, actor: Actor) -> None:
        self._audit.record(actor.username, AuditAction.LOGOUT)
