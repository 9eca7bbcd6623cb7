"""Appointments and online pre-applications at the center: the day's list, the person
recognised by their ID card (kiosk and counter), and a pre-application taken up at a counter
as a case without retyping.

The files come in through `PortalImport` (`app.services.portal_import`, which says why each
terminal imports); this service reads and appends to the same logs. Taking a
pre-application up writes the case and the appointment's ACCEPTED event in one transaction
(`Online`), so a crash leaves both or neither.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from uuid import UUID, uuid4

from app.domain.applicant import Applicant
from app.domain.appointments import (
    Appointment,
    AppointmentError,
    AppointmentEvent,
    AppointmentEventKind,
    AppointmentStatus,
    Arrival,
    Limits,
    Timeliness,
    arrival,
    fold,
    fold_all,
    todays,
)
from app.domain.case import Case
from app.domain.enterprise_form import EnterpriseForm
from app.domain.messages import Message, msg
from app.domain.portal_export import EntryKind
from app.domain.roles import Actor, Permission
from app.services.cases import CaseService, IntakeDecision, Online
from app.services.errors import NotFound
from app.services.portal_import import READERS, require_any
from app.services.time_source import Clock
from app.services.views import CaseDetail
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


class AppointmentService:
    """The day's appointments and pre-applications of this store, and what happens to them."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        cases: CaseService,
        clock: Clock,
        terminal: str,
        limits: Callable[[], Limits],
    ) -> None:
        self._uow = uow
        self._cases = cases
        self._clock = clock
        self._terminal = terminal
        self._limits = limits

    def today(self, actor: Actor) -> list[Appointment]:
        """Today's appointments (whatever became of them) and the pre-applications still
        waiting, earliest slot first; those without a slot last."""
        require_any(actor, READERS, msg("查看预约"))
        day = self._clock.now().date()
        with self._uow.reading() as uow:
            held = _held(uow, day)
        return [a for a in held if a.entry.slot is not None or a.is_open]

    def appointment(self, actor: Actor, appointment_id: UUID) -> Appointment:
        require_any(actor, READERS, msg("查看预约"))
        with self._uow.reading() as uow:
            return self._load(uow, appointment_id)

    def arrival(self, actor: Actor, id_number: str) -> Arrival | None:
        """The card's holder's appointment today and whether they are on time now, or None
        (nothing written: the counter's "此人今天 10:00 有预约")."""
        actor.require(Permission.RECEIVE_CASE, msg("查询预约"))
        now = self._clock.now()
        with self._uow.reading() as uow:
            found = todays(_held(uow, now.date()), id_number, now.date())
        return None if found is None else arrival(found, now, self._limits())

    def check_in(self, actor: Actor, id_number: str) -> Arrival | None:
        """The kiosk's check-in by the ID card: the holder's appointment today, on time or not,
        with the priority their ticket gets (`Arrival.priority`; a late one is a walk-in). An
        on-time arrival is recorded (CHECKED_IN) once; None: no appointment today."""
        actor.require(Permission.RECEIVE_CASE, msg("预约签到"))
        now = self._clock.now()
        with self._uow() as uow:
            found = todays(_held(uow, now.date()), id_number, now.date())
            if found is None:
                return None
            came = arrival(found, now, self._limits())
            if came.timeliness is Timeliness.ON_TIME and found.checked_in_at is None:
                self._append(uow, actor, found, AppointmentEventKind.CHECKED_IN, {})
                uow.commit()
        log.info("appointment %s: arrival %s", found.reference, came.timeliness.value)
        return came

    def accept(
        self,
        actor: Actor,
        appointment_id: UUID,
        applicant: Applicant,
        materials: Sequence[str],
        decision: IntakeDecision,
    ) -> CaseDetail:
        """Take an appointment or an ordinary pre-application up at the counter: the case
        (channel online for a pre-application, naming the portal's number; appointment for
        an appointment) and the appointment's ACCEPTED event, together."""
        found = self.appointment(actor, appointment_id)
        if found.entry.form is not None:
            raise AppointmentError(msg("一表制网上申请请按申请表受理"))
        return self._cases.receive(
            actor, found.entry.item_code, applicant, materials, decision,
            online=self._online(actor, found),
        )  # fmt: skip

    def accept_one_form(
        self, actor: Actor, appointment_id: UUID, form: EnterpriseForm, materials: Sequence[str]
    ) -> CaseDetail:
        """Accept a one form filled online (as checked again at the counter)."""
        found = self.appointment(actor, appointment_id)
        return self._cases.receive_one_form(
            actor, found.entry.item_code, form, materials, online=self._online(actor, found)
        )

    def _online(self, actor: Actor, found: Appointment) -> Online:
        if not found.is_open:
            raise AppointmentError(_closed(found))

        def written(uow: UnitOfWork, case: Case) -> None:
            now = self._load(uow, found.id)  # as it stands in this transaction
            if not now.is_open:
                raise AppointmentError(_closed(now))
            data = {"case_no": case.case_no, "case_id": str(case.case_id)}
            self._append(uow, actor, now, AppointmentEventKind.ACCEPTED, data)

        pre = found.entry.kind is EntryKind.PRE_APPLICATION
        return Online(found.reference, written, "online" if pre else "appointment")

    def _load(self, uow: UnitOfWork, appointment_id: UUID) -> Appointment:
        events = uow.appointments.events(appointment_id)
        if not events:
            raise NotFound(msg("没有这条预约或网上申请"))
        reference = _reference(events[0])
        taken = uow.appointments.taken_up([reference]).get(reference, "")
        return fold(events, self._clock.now().date(), taken)

    def _append(
        self,
        uow: UnitOfWork,
        actor: Actor,
        appointment: Appointment,
        kind: AppointmentEventKind,
        data: dict[str, str],
    ) -> None:
        event = AppointmentEvent(
            uuid4(), appointment.id, appointment.version + 1, kind, self._clock.now(),
            actor.username, self._terminal, data,
        )  # fmt: skip
        slot = appointment.entry.slot
        uow.appointments.add(event, appointment.reference, slot.day if slot else None)


def _held(uow: UnitOfWork, day: date) -> list[Appointment]:
    """The appointments of `day` and those without a slot, folded, each taken up when a case
    held here (from this counter or pulled from another) names its reference."""
    events = uow.appointments.events(day=day)
    references = list({_reference(e) for e in events if e.kind is AppointmentEventKind.IMPORTED})
    return fold_all(events, day, uow.appointments.taken_up(references))


def _reference(imported: AppointmentEvent) -> str:
    return str(imported.data["entry"]["reference"])


def _closed(appointment: Appointment) -> Message:
    if appointment.status is AppointmentStatus.ACCEPTED:
        return msg("该申请已接件（办件 {case}），不能再次受理", case=appointment.case_no)
    return msg("该预约已取消或已过期，不能据此受理")
