"""Asking for leave, deciding it and recording a person back (`app.domain.leave`).

Each step appends one event to the request's log and its audit entry in the same unit of
work. The event's position is the request's version plus one: when two chiefs decide the same
request at once the store keeps the first, and the second is told to look again.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from app.domain.audit import AuditAction
from app.domain.leave import (
    Half,
    LeaveError,
    LeaveEvent,
    LeaveEventKind,
    LeaveKind,
    LeavePeriod,
    LeaveRequest,
    LeaveStatus,
    check_asking,
    check_back,
    check_deciding,
    fold,
)
from app.domain.messages import msg
from app.domain.roles import Actor, Permission, Role
from app.services.audit import AuditTrail
from app.services.time_source import Clock
from app.storage.unit_of_work import StoreConflict, UnitOfWork, UnitOfWorkFactory

_DECISIONS = {
    LeaveEventKind.APPROVED: AuditAction.LEAVE_APPROVED,
    LeaveEventKind.REFUSED: AuditAction.LEAVE_REFUSED,
}


class LeaveService:
    def __init__(self, uow: UnitOfWorkFactory, audit: AuditTrail, clock: Clock) -> None:
        self._uow = uow
        self._audit = audit
        self._clock = clock

    def ask(self, actor: Actor, kind: LeaveKind, period: LeavePeriod, reason: str) -> LeaveRequest:
        """`actor` asks for leave for themselves."""
        with self._uow() as uow:
            others = _requests(uow, person=actor.username)
            check_asking(actor, period, reason, others)
            data = {
                "kind": kind.value,
                "first": str(period.first),
                "last": str(period.last),
                "reason": reason.strip(),
            }
            event = self._event(
                actor,
                uuid4(),
                1,
                LeaveEventKind.ASKED,
                actor.username,
                actor.department or "",
                data,
            )
            return self._append(uow, actor, event, AuditAction.LEAVE_ASKED)

    def approve(self, actor: Actor, request_id: UUID, note: str = "") -> LeaveRequest:
        return self._decide(actor, request_id, LeaveEventKind.APPROVED, note)

    def refuse(self, actor: Actor, request_id: UUID, note: str) -> LeaveRequest:
        if not note.strip():
            raise LeaveError(msg("请写明不批准的理由"))
        return self._decide(actor, request_id, LeaveEventKind.REFUSED, note)

    def back(self, actor: Actor, request_id: UUID, on: Half) -> LeaveRequest:
        """销假: the person was back at work from the half `on`."""
        with self._uow() as uow:
            request = self._request(uow, request_id)
            check_back(actor, request, on)
            event = self._next(actor, request, LeaveEventKind.BACK, {"on": str(on)})
            return self._append(uow, actor, event, AuditAction.LEAVE_BACK)

    def requests(self, actor: Actor, person: str = "") -> list[LeaveRequest]:
        """The requests `actor` may see, newest first: every one for administrators and
        supervision, their department's for a chief, their own for anyone else."""
        department: str | None = None
        if not actor.can(Permission.VIEW_ALL_CASES):
            if actor.role is Role.CHIEF_REPRESENTATIVE:
                department = actor.department or ""
            else:
                person = actor.username
        with self._uow.reading() as uow:
            found = _requests(uow, person=person, department=department)
        return sorted(found, key=lambda r: r.asked_at, reverse=True)

    def find(self, actor: Actor, short_id: str) -> LeaveRequest:
        """The request whose id begins with `short_id` (as lists show it), among those
        `actor` may see."""
        short_id = short_id.strip().lower()
        found = [r for r in self.requests(actor) if short_id and str(r.id).startswith(short_id)]
        if len(found) != 1:
            raise LeaveError(msg("没有编号为 {id} 的请假（或不止一份）", id=short_id))
        return found[0]

    def approved_for(self, department: str | None) -> list[LeaveRequest]:
        """Approved requests of a department (None: all), for the attendance sheet (which
        checks who may read it)."""
        with self._uow.reading() as uow:
            found = _requests(uow, department=department)
        return [r for r in found if r.status is LeaveStatus.APPROVED]

    def _decide(
        self, actor: Actor, request_id: UUID, kind: LeaveEventKind, note: str
    ) -> LeaveRequest:
        with self._uow() as uow:
            request = self._request(uow, request_id)
            check_deciding(actor, request)
            event = self._next(actor, request, kind, {"note": note.strip()})
            return self._append(uow, actor, event, _DECISIONS[kind])

    def _request(self, uow: UnitOfWork, request_id: UUID) -> LeaveRequest:
        events = uow.leave.events(request_id)
        if not events:
            raise LeaveError(msg("没有这份请假"))
        return fold(events)

    def _next(
        self, actor: Actor, request: LeaveRequest, kind: LeaveEventKind, data: dict[str, str]
    ) -> LeaveEvent:
        position = request.version + 1
        return self._event(
            actor, request.id, position, kind, request.person, request.department, data
        )

    def _event(
        self,
        actor: Actor,
        request_id: UUID,
        position: int,
        kind: LeaveEventKind,
        person: str,
        department: str,
        data: dict[str, str],
    ) -> LeaveEvent:
        return LeaveEvent(
            id=uuid4(),
            request_id=request_id,
            position=position,
            kind=kind,
            at=self._clock.now(),
            actor=actor.username,
            terminal=actor.terminal,
            person=person,
            department=department,
            data=data,
        )

    def _append(
        self, uow: UnitOfWork, actor: Actor, event: LeaveEvent, action: AuditAction
    ) -> LeaveRequest:
        try:
            with uow.attempt():
                uow.leave.add(event)
        except StoreConflict:
            raise LeaveError(msg("这份请假刚刚由他人办理过，请重新打开后再看")) from None
        details = {"request": str(event.request_id)[:8], **event.data}
        uow.audit.add(self._audit.entry(actor.username, action, event.person, details))
        request = fold(uow.leave.events(event.request_id))
        uow.commit()
        return request


def _requests(
    uow: UnitOfWork, person: str = "", department: str | None = None
) -> list[LeaveRequest]:
    by_request: dict[UUID, list[LeaveEvent]] = {}
    for event in uow.leave.events(person=person, department=department):
        by_request.setdefault(event.request_id, []).append(event)
    return [fold(events) for events in by_request.values()]
