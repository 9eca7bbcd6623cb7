"""The central's refusals of this counter's staff, window and leave events: recorded as facts
(`app.domain.refusals`), the subject folded again without the refused event, the refusal put
in the audit trail; and the refused changes read back, with what was typed, for the person
who is told.

One recorder for the three logs: the directory's push (`sync_directory`) and the leave
events' push (`sync_push`) both hand it what the central refused.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from uuid import UUID

from app.domain.audit import AuditAction
from app.domain.messages import Message
from app.domain.refusals import Refusal, RefusedChange, RefusedLog
from app.domain.roles import Actor, Role
from app.domain.staff_events import to_record
from app.services.audit import AuditTrail
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

#: What names a refused row's subject and its place in that subject's log, per log.
_KEYS = {
    RefusedLog.STAFF: ("username", "version"),
    RefusedLog.WINDOWS: ("number", "position"),
    RefusedLog.LEAVE: ("request_id", "position"),
}
#: Never shown nor kept in the trail's details.
_SECRET = "password_hash"


class Refusals:
    """Records the central's refusals at this terminal and reads them back."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, terminal: str) -> None:
        self._uow = uow
        self._clock = clock
        self._audit = AuditTrail(uow, terminal, clock)

    def record(
        self,
        uow: UnitOfWork,
        refused_log: RefusedLog,
        refused: Sequence[tuple[Mapping[str, object], Message]],
    ) -> None:
        """In the caller's unit of work: each refused row (as pushed) with the central's
        reason recorded; its subject folded again without it; who, what and why in the
        audit trail. The rows themselves are not touched."""
        subject_key, position_key = _KEYS[refused_log]
        now = self._clock.now()
        refusals = [
            Refusal(
                event_id=UUID(str(row["id"])),
                log=refused_log,
                subject=str(row[subject_key]),
                position=int(str(row[position_key])),
                reason=reason,
                at=now,
            )
            for row, reason in refused
        ]
        uow.refusals.add(refusals)
        for refusal in {r.subject: r for r in refusals}.values():
            if refused_log is RefusedLog.STAFF:
                uow.staff.refold(refusal.subject)
            elif refused_log is RefusedLog.WINDOWS:
                uow.windows.refold(refusal.subject)
            # a leave request is folded from its standing events each time it is read
        for (row, reason), refusal in zip(refused, refusals, strict=True):
            details = {
                "log": refused_log.value,
                "event": str(refusal.event_id),
                "position": str(refusal.position),
                "kind": str(row["kind"]),
                "reason": str(reason),
            }
            entry = self._audit.entry(
                str(row["actor"]), AuditAction.CHANGE_REFUSED, refusal.subject, details
            )
            uow.audit.add(entry)
            # the event's id and place only: a subject may be a person's name
            log.warning(
                "%s event %s (position %d) refused by the central; recorded, left out of the fold",
                refused_log.value,
                refusal.event_id,
                refusal.position,
            )

    def changes(self, actor: Actor) -> list[RefusedChange]:
        """The refused changes `actor` may read, newest first, with what was typed: an
        administrator reads every one, anyone else their own."""
        with self._uow.reading() as uow:
            found = [_change(uow, refusal) for refusal in uow.refusals.all()]
        return [
            change
            for change in found
            if change is not None
            and (actor.role is Role.ADMINISTRATOR or change.actor == actor.username)
        ]


def _change(uow: UnitOfWork, refusal: Refusal) -> RefusedChange | None:
    event_id = str(refusal.event_id)
    if refusal.log is RefusedLog.STAFF:
        staff = uow.staff.event(event_id)
        if staff is None:
            return None
        values = to_record(staff.change)
        return RefusedChange(refusal, staff.actor, staff.at, staff.kind, _texts(values))
    if refusal.log is RefusedLog.WINDOWS:
        window = uow.windows.event(event_id)
        if window is None:
            return None
        values = window.spec.to_dict()
        return RefusedChange(refusal, window.actor, window.at, window.kind.value, _texts(values))
    leave = uow.leave.event(event_id)
    if leave is None:
        return None
    return RefusedChange(refusal, leave.actor, leave.at, leave.kind.value, _texts(leave.data))


def _texts(values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    """Each value as text (a list joined), a password's hash left out."""
    return tuple(
        (key, "、".join(map(str, value)) if isinstance(value, list) else _text(value))
        for key, value in values.items()
        if key != _SECRET
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
