"""Queue tickets (取号、叫号): a numbered slip that waits in a queue of the hall until a window
calls it, and what happened to it afterwards.

A ticket is an append-only log of typed events (`TicketEvent`, numbered from 1 by
`position`, each with the acting user and terminal), like a case: issued, called, recalled
(重呼), no-show (过号), rejoined (a no-show may come back once), transferred, served, left.
Its state is what `fold` makes of them; nothing is changed in place. Two windows calling the
same ticket write the same position: the store (and the central) keeps the first, the second
is told and calls the next one.

A queue (`Queue`) is a window group: one department's windows. A comprehensive window
(综合窗口) serves the queues of all its departments. The queue's letter prefixes its numbers
(A012), one series per queue per day (`app.domain.ticket_numbers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from app.domain.messages import Message, MessageError, msg


class TicketError(MessageError, ValueError):
    """A ticket step refused; the text says why, for the person at the screen."""


class Priority(StrEnum):
    ORDINARY = "ordinary"
    APPOINTMENT = "appointment"  # 预约
    ELDERLY = "elderly"  # 老年人 (from the card's birth date)
    DISABLED = "disabled"  # 残疾人
    GREEN_CHANNEL = "green_channel"  # 绿色通道


PRIORITY_MESSAGES: dict[Priority, Message] = {
    Priority.ORDINARY: msg("普通"),
    Priority.APPOINTMENT: msg("预约"),
    Priority.ELDERLY: msg("老年人优先"),
    Priority.DISABLED: msg("残疾人优先"),
    Priority.GREEN_CHANNEL: msg("绿色通道"),
}


class TicketEventKind(StrEnum):
    ISSUED = "issued"  # 取号
    CALLED = "called"  # 叫号
    RECALLED = "recalled"  # 重呼
    NO_SHOW = "no_show"  # 过号
    REJOINED = "rejoined"  # 过号后回到队列（一次）
    TRANSFERRED = "transferred"  # 转到别的队列或窗口
    SERVED = "served"  # 办理结束
    LEFT = "left"  # 离开（弃号）


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    NO_SHOW = "no_show"
    SERVED = "served"
    LEFT = "left"


STATUS_MESSAGES: dict[TicketStatus, Message] = {
    TicketStatus.WAITING: msg("等候中"),
    TicketStatus.CALLED: msg("已叫号"),
    TicketStatus.NO_SHOW: msg("已过号"),
    TicketStatus.SERVED: msg("已办结"),
    TicketStatus.LEFT: msg("已离开"),
}


@dataclass(frozen=True)
class Queue:
    """A window group of the hall: its code (the department's), the letter of its numbers,
    its name, the departments it takes, and where it is (hall, floor, window numbers) as
    text for the slip."""

    code: str
    letter: str
    name: str
    departments: tuple[str, ...]
    hall: str = ""
    floor: str = ""
    windows: tuple[str, ...] = ()


@dataclass(frozen=True)
class Holder:
    """What the ticket knows of its applicant: the masked name (张*) and the birth date read
    from the card, when known. Never the ID number."""

    masked_name: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class TicketEvent:
    """One step of one ticket. `data` holds the step's facts as text: for ISSUED the queue,
    number, day, priority, case, holder's masked name and birth date; for CALLED and
    RECALLED the window; for TRANSFERRED the queue and / or window it goes to."""

    id: UUID
    ticket_id: UUID
    position: int
    kind: TicketEventKind
    at: datetime
    actor: str
    terminal: str
    data: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ticket:
    """A ticket as its events make it. `waiting_since` is what the fair order counts from
    (the issue, kept across a rejoin and a transfer: the person has waited all along);
    `for_window` a window it was sent to (only that window calls it)."""

    id: UUID
    queue: str
    number: str
    day: date
    priority: Priority
    issued_at: datetime
    case_id: UUID | None = None
    holder: Holder = Holder()
    status: TicketStatus = TicketStatus.WAITING
    window: str = ""  # the window that called it last
    called_at: datetime | None = None
    called_by: str = ""
    times_called: int = 0
    rejoined: bool = False
    for_window: str = ""
    ended_at: datetime | None = None
    version: int = 1  # the position of the last event
    issued_by: str = ""
    issued_terminal: str = ""
    #: `waiting_since` in seconds since the epoch: what the fair order sorts by, computed
    #: once (an aware datetime's arithmetic would be most of the order's time).
    since: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", self.issued_at.timestamp())

    @property
    def waiting_since(self) -> datetime:
        return self.issued_at

    @property
    def open(self) -> bool:
        return self.status in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.NO_SHOW)


def fold(events: Sequence[TicketEvent]) -> Ticket:
    """The ticket its events (in order of position) describe."""
    first = events[0]
    if first.kind is not TicketEventKind.ISSUED:
        raise ValueError("a ticket begins with its issue")
    data = first.data
    birth = data.get("birth_date", "")
    ticket = Ticket(
        id=first.ticket_id,
        queue=data["queue"],
        number=data["number"],
        day=date.fromisoformat(data["day"]),
        priority=Priority(data.get("priority", Priority.ORDINARY.value)),
        issued_at=first.at,
        case_id=UUID(data["case_id"]) if data.get("case_id") else None,
        holder=Holder(data.get("masked_name", ""), date.fromisoformat(birth) if birth else None),
        issued_by=first.actor,
        issued_terminal=first.terminal,
    )
    for event in events[1:]:
        ticket = apply(ticket, event)
    return ticket


def apply(ticket: Ticket, event: TicketEvent) -> Ticket:
    """The ticket after one more event."""
    kind = event.kind
    if kind in (TicketEventKind.CALLED, TicketEventKind.RECALLED):
        return replace(
            ticket,
            status=TicketStatus.CALLED,
            window=event.data.get("window", ""),
            called_at=event.at,
            called_by=event.actor,
            times_called=ticket.times_called + 1,
            version=event.position,
        )
    if kind is TicketEventKind.NO_SHOW:
        return replace(ticket, status=TicketStatus.NO_SHOW, version=event.position)
    if kind is TicketEventKind.REJOINED:
        return replace(ticket, status=TicketStatus.WAITING, rejoined=True, version=event.position)
    if kind is TicketEventKind.TRANSFERRED:
        return replace(
            ticket,
            status=TicketStatus.WAITING,
            queue=event.data.get("queue") or ticket.queue,
            for_window=event.data.get("window", ""),
            version=event.position,
        )
    ended = TicketStatus.SERVED if kind is TicketEventKind.SERVED else TicketStatus.LEFT
    return replace(ticket, status=ended, ended_at=event.at, version=event.position)


def check_step(ticket: Ticket, kind: TicketEventKind, window: str = "") -> None:
    """Whether `kind` may follow the ticket as it stands (TicketError in words otherwise).
    Recall, no-show and served are the calling window's; a no-show rejoins once."""
    number = ticket.number
    if kind is TicketEventKind.CALLED:
        if ticket.status is not TicketStatus.WAITING:
            raise TicketError(
                msg(
                    "{number} 号不在等候中（{status}）",
                    number=number,
                    status=STATUS_MESSAGES[ticket.status],
                )
            )
        if ticket.for_window and window and ticket.for_window != window:
            raise TicketError(
                msg("{number} 号已转到 {window} 号窗口", number=number, window=ticket.for_window)
            )
    elif kind in (TicketEventKind.RECALLED, TicketEventKind.NO_SHOW, TicketEventKind.SERVED):
        if ticket.status is not TicketStatus.CALLED:
            raise TicketError(msg("{number} 号还没有被叫到", number=number))
        if window and ticket.window != window:
            raise TicketError(
                msg("{number} 号由 {window} 号窗口叫号", number=number, window=ticket.window)
            )
    elif kind is TicketEventKind.REJOINED:
        if ticket.status is not TicketStatus.NO_SHOW:
            raise TicketError(msg("{number} 号没有过号，不需要回到队列", number=number))
        if ticket.rejoined:
            raise TicketError(msg("{number} 号已经过号回队过一次，请重新取号", number=number))
    elif kind is TicketEventKind.TRANSFERRED:
        if ticket.status not in (TicketStatus.WAITING, TicketStatus.CALLED):
            raise TicketError(
                msg(
                    "{number} 号不能转移（{status}）",
                    number=number,
                    status=STATUS_MESSAGES[ticket.status],
                )
            )
    elif kind is TicketEventKind.LEFT:
        if not ticket.open:
            raise TicketError(msg("{number} 号已经结束", number=number))
    else:
        raise TicketError(msg("一张号只取一次"))


def age_on(birth: date, day: date) -> int:
    """Whole years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def priority_at_issue(asked: Priority, holder: Holder, day: date, elderly_age: int) -> Priority:
    """The priority a ticket is issued with: what was asked, or ELDERLY for an ordinary
    ticket whose holder's card shows `elderly_age` years or more."""
    birth = holder.birth_date
    if asked is Priority.ORDINARY and birth is not None and age_on(birth, day) >= elderly_age:
        return Priority.ELDERLY
    return asked
