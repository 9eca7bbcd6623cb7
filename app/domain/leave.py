"""Leave requests (请假、销假): a person asks for days or half days off, the chief
representative of their department approves or refuses, and a person back early is recorded
back (销假), which ends the leave the half day before.

A request is an append-only log of typed events (`LeaveEvent`, numbered from 1 by
`position`, each with the acting user and terminal), like a case: its state is what
`fold` makes of them, and nothing is changed in place. Two chiefs deciding the same request
at once write the same position; the store keeps the first and the second is told.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from uuid import UUID

from app.domain.messages import Message, MessageError, msg
from app.domain.roles import Actor, Role


class LeaveError(MessageError, ValueError):
    """A leave request or decision refused; the text says why."""


class LeaveKind(StrEnum):
    PERSONAL = "personal"  # 事假
    SICK = "sick"  # 病假
    ANNUAL = "annual"  # 年休假
    OFFICIAL = "official"  # 公出


LEAVE_KIND_MESSAGES: dict[LeaveKind, Message] = {
    LeaveKind.PERSONAL: msg("事假"),
    LeaveKind.SICK: msg("病假"),
    LeaveKind.ANNUAL: msg("年休假"),
    LeaveKind.OFFICIAL: msg("公出"),
}


class HalfDay(StrEnum):
    MORNING = "am"  # 上午
    AFTERNOON = "pm"  # 下午


@dataclass(frozen=True, order=True)
class Half:
    """One half of one day; halves are ordered in time."""

    day: date
    half: HalfDay = HalfDay.MORNING

    @property
    def index(self) -> int:
        return self.day.toordinal() * 2 + (self.half is HalfDay.AFTERNOON)

    @classmethod
    def of_index(cls, index: int) -> Half:
        return cls(
            date.fromordinal(index // 2), HalfDay.AFTERNOON if index % 2 else HalfDay.MORNING
        )

    def __str__(self) -> str:
        return f"{self.day.isoformat()}{self.half.value}"

    @classmethod
    def parse(cls, text: str, default: HalfDay) -> Half:
        """`2026-12-08`, `2026-12-08am` or `2026-12-08pm`; LeaveError otherwise."""
        text = text.strip().lower()
        half = default
        for candidate in HalfDay:
            if text.endswith(candidate.value):
                text, half = text[: -len(candidate.value)], candidate
        try:
            return cls(date.fromisoformat(text), half)
        except ValueError:
            raise LeaveError(msg("日期应写成 2026-12-08、2026-12-08am 或 2026-12-08pm")) from None


@dataclass(frozen=True)
class LeavePeriod:
    """From the half `first` through the half `last`, both included."""

    first: Half
    last: Half

    def overlaps(self, other: LeavePeriod) -> bool:
        return self.first.index <= other.last.index and other.first.index <= self.last.index


#: The longest request one may ask for at once (a longer absence is not 请假).
LONGEST_DAYS = 366


class LeaveEventKind(StrEnum):
    ASKED = "asked"
    APPROVED = "approved"
    REFUSED = "refused"
    BACK = "back"  # 销假


class LeaveStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


LEAVE_STATUS_MESSAGES: dict[LeaveStatus, Message] = {
    LeaveStatus.PENDING: msg("待审批"),
    LeaveStatus.APPROVED: msg("已批准"),
    LeaveStatus.REFUSED: msg("未批准"),
}


@dataclass(frozen=True)
class LeaveEvent:
    """One step of one request. `data` holds the step's facts as text: for ASKED the
    person, department, kind, first and last half and reason; for a decision its note; for
    BACK the half the person was back on."""

    id: UUID
    request_id: UUID
    position: int
    kind: LeaveEventKind
    at: datetime
    actor: str
    terminal: str
    person: str
    department: str
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LeaveRequest:
    """A request as its events make it."""

    id: UUID
    person: str
    department: str
    kind: LeaveKind
    period: LeavePeriod
    reason: str
    asked_at: datetime
    status: LeaveStatus = LeaveStatus.PENDING
    decided_by: str = ""
    note: str = ""
    back_on: Half | None = None
    version: int = 1  # the position of the last event

    @property
    def taken(self) -> LeavePeriod | None:
        """The leave actually granted: the period, cut short by 销假; None if not approved
        or back before it began."""
        if self.status is not LeaveStatus.APPROVED:
            return None
        if self.back_on is None:
            return self.period
        last = self.back_on.index - 1
        if last < self.period.first.index:
            return None
        return LeavePeriod(self.period.first, Half.of_index(min(last, self.period.last.index)))


def fold(events: Sequence[LeaveEvent]) -> LeaveRequest:
    """The request its events (in order of position) describe."""
    first = events[0]
    if first.kind is not LeaveEventKind.ASKED:
        raise ValueError("a leave request begins with its asking")
    data = first.data
    request = LeaveRequest(
        id=first.request_id,
        person=first.person,
        department=first.department,
        kind=LeaveKind(data["kind"]),
        period=LeavePeriod(
            Half.parse(data["first"], HalfDay.MORNING), Half.parse(data["last"], HalfDay.AFTERNOON)
        ),
        reason=data.get("reason", ""),
        asked_at=first.at,
    )
    for event in events[1:]:
        request = _apply(request, event)
    return request


def _apply(request: LeaveRequest, event: LeaveEvent) -> LeaveRequest:
    changes: dict[str, object] = {"version": event.position}
    if event.kind is LeaveEventKind.APPROVED:
        changes |= {"status": LeaveStatus.APPROVED, "decided_by": event.actor}
        changes["note"] = event.data.get("note", "")
    elif event.kind is LeaveEventKind.REFUSED:
        changes |= {"status": LeaveStatus.REFUSED, "decided_by": event.actor}
        changes["note"] = event.data.get("note", "")
    elif event.kind is LeaveEventKind.BACK:
        changes["back_on"] = Half.parse(event.data["on"], HalfDay.MORNING)
    return LeaveRequest(**{**request.__dict__, **changes})


def check_asking(
    actor: Actor, period: LeavePeriod, reason: str, others: Iterable[LeaveRequest]
) -> None:
    """A person asks for themselves, with a department, a reason and a period that does not
    overlap a request of theirs still standing."""
    if actor.role not in (Role.CLERK, Role.CHIEF_REPRESENTATIVE) or not actor.department:
        raise LeaveError(msg("只有部门的窗口人员和首席代表可以请假"))
    if period.last < period.first:
        raise LeaveError(msg("请假的结束不能早于开始"))
    if period.last.day - period.first.day >= timedelta(days=LONGEST_DAYS):
        raise LeaveError(msg("一次请假不能超过{days}天", days=LONGEST_DAYS))
    if not reason.strip():
        raise LeaveError(msg("请写明请假事由"))
    for other in others:
        if other.status is not LeaveStatus.REFUSED and other.period.overlaps(period):
            raise LeaveError(
                msg(
                    "与已有的请假（{first}至{last}）重叠",
                    first=str(other.period.first),
                    last=str(other.period.last),
                )
            )


def check_deciding(actor: Actor, request: LeaveRequest) -> None:
    """Only the chief representative of the request's department decides it, once, and
    never their own."""
    if actor.role is not Role.CHIEF_REPRESENTATIVE:
        raise LeaveError(msg("请假由本部门的首席代表审批"))
    if actor.department != request.department:
        raise LeaveError(msg("只能审批本部门人员的请假"))
    if actor.username == request.person:
        raise LeaveError(msg("不能审批本人的请假"))
    if request.status is not LeaveStatus.PENDING:
        raise LeaveError(
            msg("这份请假已经审批过了（{status}）", status=LEAVE_STATUS_MESSAGES[request.status])
        )


def check_back(actor: Actor, request: LeaveRequest, back: Half) -> None:
    """销假: the person or their department's chief records the person back, within an
    approved leave, once."""
    own = actor.username == request.person
    chief = actor.role is Role.CHIEF_REPRESENTATIVE and actor.department == request.department
    if not (own or chief):
        raise LeaveError(msg("销假由本人或本部门的首席代表办理"))
    if request.status is not LeaveStatus.APPROVED:
        raise LeaveError(msg("只有已批准的请假可以销假"))
    if request.back_on is not None:
        raise LeaveError(msg("这份请假已经销假"))
    if not request.period.first <= back <= request.period.last:
        raise LeaveError(msg("销假日期应在请假期间之内"))
