"""Appointments and online pre-applications (预约、网上预申请) as this center holds them.

Each is an append-only log of typed events (`AppointmentEvent`: imported, checked in,
accepted as a case, cancelled), numbered from 1 within it like a case's; its state is what
`fold` makes of them, and nothing is changed in place. An appointment whose day has passed
without a visit is expired by the fold (no event: the day says it). Its id comes from the
portal's reference (`appointment_id`), so the same appointment imported twice, at one
terminal or at two, is the same appointment.

Whether a person is on time (`arrival`) is the rule the kiosk and the counter share: from
`early` minutes before the slot to `late` minutes after its start they come with the
appointment's priority; later they are a walk-in; earlier they are told when to come back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from app.domain.messages import Message, MessageError, msg
from app.domain.portal_export import EntryKind, PortalEntry

#: The namespace of appointment ids: uuid5(namespace, portal reference).
APPOINTMENTS = UUID("5b0f3c1e-2d55-4c3a-9d53-6a1d8f0e7a11")


class AppointmentError(MessageError, ValueError):
    """An appointment that cannot be used as asked; the text says why."""


class AppointmentEventKind(StrEnum):
    IMPORTED = "imported"  # from the portal's export (data: the entry, the file)
    CHECKED_IN = "checked_in"  # the person arrived (data: on_time)
    ACCEPTED = "accepted"  # taken up at a counter as case X (data: case_no)
    CANCELLED = "cancelled"  # withdrawn on the portal (data: reason)


class AppointmentStatus(StrEnum):
    BOOKED = "booked"  # 待到场 / 待受理
    CHECKED_IN = "checked_in"  # 已签到
    ACCEPTED = "accepted"  # 已受理
    CANCELLED = "cancelled"  # 已取消
    EXPIRED = "expired"  # 已过期


STATUS_MESSAGES: dict[AppointmentStatus, Message] = {
    AppointmentStatus.BOOKED: msg("待办理"),
    AppointmentStatus.CHECKED_IN: msg("已签到"),
    AppointmentStatus.ACCEPTED: msg("已接件"),
    AppointmentStatus.CANCELLED: msg("已取消"),
    AppointmentStatus.EXPIRED: msg("已过期"),
}
#: Those a counter may still open.
OPEN_STATUSES = frozenset({AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN})


def appointment_id(reference: str) -> UUID:
    """The one id of the portal's `reference` at every terminal."""
    return uuid5(APPOINTMENTS, reference)


@dataclass(frozen=True)
class AppointmentEvent:
    """One step of one appointment or pre-application."""

    id: UUID
    appointment_id: UUID
    position: int
    kind: AppointmentEventKind
    at: datetime
    actor: str
    terminal: str
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Appointment:
    """The fold of one appointment's events, as of `today`."""

    id: UUID
    entry: PortalEntry
    status: AppointmentStatus
    version: int
    imported_at: datetime
    checked_in_at: datetime | None = None
    case_no: str = ""

    @property
    def reference(self) -> str:
        return self.entry.reference

    @property
    def is_pre_application(self) -> bool:
        return self.entry.kind is EntryKind.PRE_APPLICATION

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def fold(events: Sequence[AppointmentEvent], today: date, taken_as: str = "") -> Appointment:
    """The state the events give; an appointment still open after its day is EXPIRED (a
    pre-application without a slot stays open until it is accepted or cancelled).

    `taken_as`: the number of a case whose receipt names this appointment's reference, when
    the store holds one: taken up at another counter (its case came down from the central),
    the appointment is ACCEPTED here too, though this terminal's log does not say so.
    """
    first = events[0]
    if first.kind is not AppointmentEventKind.IMPORTED:
        raise AppointmentError(msg("预约记录的第一条应为导入"))
    entry = PortalEntry.from_dict(first.data["entry"])
    status, checked_in, case_no = AppointmentStatus.BOOKED, None, ""
    for event in events[1:]:
        if event.kind is AppointmentEventKind.CHECKED_IN:
            status, checked_in = AppointmentStatus.CHECKED_IN, event.at
        elif event.kind is AppointmentEventKind.ACCEPTED:
            status, case_no = AppointmentStatus.ACCEPTED, str(event.data.get("case_no", ""))
        elif event.kind is AppointmentEventKind.CANCELLED:
            status = AppointmentStatus.CANCELLED
    if status in OPEN_STATUSES and taken_as:
        status, case_no = AppointmentStatus.ACCEPTED, taken_as
    if status in OPEN_STATUSES and entry.slot is not None and entry.slot.day < today:
        status = AppointmentStatus.EXPIRED
    return Appointment(
        first.appointment_id, entry, status, len(events), first.at, checked_in, case_no
    )


def fold_all(
    events: Iterable[AppointmentEvent], today: date, taken: Mapping[str, str] | None = None
) -> list[Appointment]:
    """Each appointment of `events` (in any order), by slot then reference; `taken` gives
    the case number of each reference a case's receipt names (see `fold`)."""
    by_id: dict[UUID, list[AppointmentEvent]] = {}
    for event in events:
        by_id.setdefault(event.appointment_id, []).append(event)
    folded = []
    for log in by_id.values():
        ordered = sorted(log, key=lambda e: e.position)
        reference = str(ordered[0].data.get("entry", {}).get("reference", ""))
        folded.append(fold(ordered, today, (taken or {}).get(reference, "")))
    return sorted(folded, key=_order)


def _order(appointment: Appointment) -> tuple[date, time, str]:
    slot = appointment.entry.slot
    if slot is None:
        return (date.max, time.max, appointment.reference)
    return (slot.day, slot.start, appointment.reference)


# ---- the rule of arrival ------------------------------------------------------------------


class Timeliness(StrEnum):
    ON_TIME = "on_time"  # within the window: the appointment's priority
    EARLY = "early"  # before the window opens: come back at `opens`
    LATE = "late"  # past the late limit: a walk-in


class TicketPriority(StrEnum):
    """The priority the ticket of this arrival gets; the names of the queue's `Priority`."""

    ORDINARY = "ordinary"
    APPOINTMENT = "appointment"


@dataclass(frozen=True)
class Limits:
    """How many minutes before its slot an appointment is taken, and after its start."""

    early: int
    late: int


@dataclass(frozen=True)
class Arrival:
    """A person with an appointment today, arrived at `at`: on time or not, and the priority
    their ticket gets. `words` is what the kiosk's slip and the counter say."""

    appointment: Appointment
    timeliness: Timeliness
    priority: TicketPriority
    opens: datetime
    closes: datetime
    words: Message


def arrival(appointment: Appointment, at: datetime, limits: Limits) -> Arrival:
    """Whether someone arriving at `at` (naive or aware, China time) is on time for today's
    `appointment` (which has a slot)."""
    slot = appointment.entry.slot
    if slot is None:
        raise AppointmentError(msg("网上预申请没有预约时段"))
    start = datetime.combine(slot.day, slot.start, at.tzinfo)
    opens = start - timedelta(minutes=limits.early)
    closes = start + timedelta(minutes=limits.late)
    booked = f"{slot.start:%H:%M}"
    if at < opens:
        return Arrival(
            appointment, Timeliness.EARLY, TicketPriority.ORDINARY, opens, closes,
            msg("您预约的时间是今天 {time}，请于 {opens} 后签到", time=booked,
                opens=f"{opens:%H:%M}"),
        )  # fmt: skip
    if at > closes:
        return Arrival(
            appointment, Timeliness.LATE, TicketPriority.ORDINARY, opens, closes,
            msg("您预约的时间是今天 {time}，已超过 {late} 分钟，按现场取号办理", time=booked,
                late=limits.late),
        )  # fmt: skip
    return Arrival(
        appointment, Timeliness.ON_TIME, TicketPriority.APPOINTMENT, opens, closes,
        msg("预约 {time} 已签到，优先办理", time=booked),
    )  # fmt: skip


def todays(appointments: Iterable[Appointment], id_number: str, day: date) -> Appointment | None:
    """The open appointment with a slot on `day` of the person with this ID number (the
    earliest if they booked several)."""
    found = [
        a
        for a in appointments
        if a.is_open
        and a.entry.slot is not None
        and a.entry.slot.day == day
        and a.entry.person is not None
        and a.entry.person.id_number == id_number.strip().upper()
    ]
    return min(found, key=_order, default=None)
