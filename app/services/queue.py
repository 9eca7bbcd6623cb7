"""The hall's queue (排队叫号): issuing tickets, the waiting list, and calling at the window.

Each step appends one event to the ticket's log in one unit of work (the store's write lock
makes two steps at one terminal queue up). The event's position is the ticket's version plus
one: two windows calling the same ticket write the same position and the second is refused,
so it takes the next one. The queues are the catalog's departments (lettered in the order
of their codes); where each is comes from the windows set up for it (or, before any is,
from the catalog); a comprehensive window serves the queues of all its departments.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from app.domain import ticket_numbers
from app.domain.messages import msg
from app.domain.queue_order import OrderRule, in_order, next_ticket
from app.domain.queue_times import QueueTimes, queue_times
from app.domain.roles import Actor, Permission
from app.domain.tickets import (
    Holder,
    Priority,
    Queue,
    Ticket,
    TicketError,
    TicketEvent,
    TicketEventKind,
    apply,
    check_step,
    fold,
    priority_at_issue,
)
from app.services.catalog import CatalogService
from app.services.queue_central import QueueCentral
from app.services.time_source import Clock
from app.services.windows import WindowService
from app.settings import Settings
from app.storage.ticket_repository import row_of
from app.storage.unit_of_work import StoreConflict, UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

_WEIGHT_SETTINGS = {
    Priority.APPOINTMENT: "queue_weight_appointment",
    Priority.ELDERLY: "queue_weight_elderly",
    Priority.DISABLED: "queue_weight_disabled",
    Priority.GREEN_CHANNEL: "queue_weight_green_channel",
}


_TRIES = 5  # calls tried when other windows take the chosen ticket first


class TakenElsewhere(TicketError):
    """The step (or the number) was written first by another window or terminal."""


@dataclass(frozen=True)
class IssuedTicket:
    """A ticket just issued, its queue (where to go) and how many wait before it."""

    ticket: Ticket
    queue: Queue
    waiting_before: int


class QueueService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        windows: WindowService,
        settings: Settings,
        clock: Clock,
        central: QueueCentral,
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._windows = windows
        self._settings = settings
        self._clock = clock
        self._central = central

    def close(self) -> None:
        """Release the queue's line to the central."""
        self._central.close()

    # -- the queues --------------------------------------------------------------------

    def queues(self) -> list[Queue]:
        """One queue per department of the catalog, lettered in the order of their codes (the
        same letters at every terminal of the center)."""
        open_windows = self._windows.windows()
        queues = []
        for index, department in enumerate(
            sorted(self._catalog.departments().values(), key=lambda d: d.code)
        ):
            numbers = tuple(w.number for w in open_windows if department.code in w.spec.departments)
            queues.append(
                Queue(
                    code=department.code,
                    letter=ticket_numbers.letter_for(index),
                    name=department.short_name or department.name,
                    departments=(department.code,),
                    hall=department.hall,
                    floor=str(department.floor),
                    windows=numbers or department.windows,
                )
            )
        return queues

    def queue(self, code: str) -> Queue:
        for queue in self.queues():
            if queue.code == code:
                return queue
        raise TicketError(msg("没有代码为 {code} 的队列", code=code))

    def queue_for_item(self, item_code: str) -> Queue:
        """The queue whose windows accept the item (its department's)."""
        return self.queue(self._catalog.item(item_code).department)

    def served_by(self, actor: Actor) -> list[Queue]:
        """The queues the actor's window serves (all of a comprehensive window's)."""
        departments = actor.handled_departments
        return [q for q in self.queues() if set(q.departments) & departments]

    def rule(self) -> OrderRule:
        """The calling rule as the settings hold it now."""
        weights = {Priority.ORDINARY: 0}
        weights |= {p: self._settings[key] for p, key in _WEIGHT_SETTINGS.items()}
        return OrderRule(weights, self._settings["queue_longest_wait_minutes"])

    # -- issuing -----------------------------------------------------------------------

    def issue(
        self,
        actor: Actor,
        queue_code: str,
        *,
        priority: Priority = Priority.ORDINARY,
        case_id: UUID | None = None,
        holder: Holder | None = None,
    ) -> IssuedTicket:
        """A new ticket of the queue, numbered as `app.domain.ticket_numbers` says."""
        actor.require(Permission.RECEIVE_CASE, msg("取号"))
        queue = self.queue(queue_code)
        holder = holder or Holder()
        now = self._clock.now()
        day = now.date()
        priority = priority_at_issue(priority, holder, day, self._settings["queue_elderly_age"])
        number = self._number(queue, now)
        data = {
            "queue": queue.code,
            "number": number,
            "day": day.isoformat(),
            "priority": priority.value,
            "case_id": str(case_id) if case_id else "",
            "masked_name": holder.masked_name,
            "birth_date": holder.birth_date.isoformat() if holder.birth_date else "",
        }
        event = self._event(actor, uuid4(), 1, TicketEventKind.ISSUED, data)
        ticket = fold([event])
        self._record(event, ticket)
        waiting = self.waiting(queue.code)
        before = next((i for i, t in enumerate(waiting) if t.id == ticket.id), len(waiting))
        log.info("ticket %s issued in %s at %s", number, queue.code, actor.terminal)
        return IssuedTicket(ticket, queue, before)

    def _number(self, queue: Queue, now: datetime) -> str:
        """The next number this terminal gives (a block leased first when it has none left
        and the central can be reached)."""
        number = self._next_number(queue, now.date())
        own = ticket_numbers.leased_value(number) is None
        if own and self._central.configured and self._central.lease(queue.code, now):
            return self._next_number(queue, now.date())
        return number

    def lease_ahead(self, queue_codes: Iterable[str] | None = None) -> int:
        """Lease today's first block for each queue (all when none named) this terminal
        holds no unused number of, so that it issues from its own range when the central
        is gone later (a kiosk at start); the sync round keeps them ahead afterwards. How
        many blocks were leased (none when the central cannot be reached)."""
        now = self._clock.now()
        codes = list(queue_codes) if queue_codes is not None else [q.code for q in self.queues()]
        leased = 0
        for queue in (self.queue(code) for code in codes):
            if ticket_numbers.leased_value(self._next_number(queue, now.date())) is None:
                leased += self._central.lease(queue.code, now)
        return leased

    def _next_number(self, queue: Queue, day: date) -> str:
        terminal = self._settings["terminal_name"]
        with self._uow.reading() as uow:
            return ticket_numbers.next_number(
                queue.letter,
                uow.tickets.blocks(queue.code, day),
                uow.tickets.numbers(queue.code, day, terminal),
                uow.tickets.numbers(queue.code, day),
                self._settings["terminal_no"],
                standalone=not self._central.configured,
            )

    # -- reading -----------------------------------------------------------------------

    def waiting(self, queue_code: str) -> list[Ticket]:
        """The queue's waiting tickets of today, in calling order."""
        with self._uow.reading() as uow:
            tickets = uow.tickets.tickets(self._clock.now().date(), [queue_code], open_only=True)
        return in_order(tickets, self.rule())

    def today(self) -> list[Ticket]:
        """Every ticket of today, in the order they were issued."""
        with self._uow.reading() as uow:
            tickets = uow.tickets.tickets(self._clock.now().date())
        return sorted(tickets, key=lambda t: (t.issued_at, t.number))

    def ticket(self, ticket_id: UUID) -> Ticket:
        with self._uow.reading() as uow:
            return self._ticket(uow, ticket_id)

    def by_number(self, number: str) -> Ticket:
        """Today's ticket of that number (as the slip and the display show it)."""
        number = number.strip().upper()
        for ticket in self.today():
            if ticket.number == number:
                return ticket
        raise TicketError(msg("今天没有 {number} 号", number=number))

    def times(self, actor: Actor, day: date) -> QueueTimes:
        """Waiting and serving time per window and clerk on `day` (supervision's figures)."""
        actor.require(Permission.VIEW_ALL_CASES, msg("查看排队统计"))
        self._central.refresh()
        with self._uow.reading() as uow:
            return queue_times(uow.tickets.day(day))

    def case_number(self, case_id: UUID) -> str | None:
        """The number of a ticket's received case, None while its case is not in this store
        (received at the kiosk and not yet pulled here)."""
        with self._uow.reading() as uow:
            return uow.cases.case_numbers([str(case_id)]).get(str(case_id))

    # -- calling -----------------------------------------------------------------------

    def call_next(self, actor: Actor) -> Ticket | None:
        """Call the next ticket by the rule among the queues the actor's window serves;
        None when nobody waits."""
        actor.require(Permission.HANDLE_CASE, msg("叫号"))
        codes = [q.code for q in self.served_by(actor)]
        if not codes:
            raise TicketError(msg("本窗口没有对应的队列：请管理员设置窗口的部门"))
        for _attempt in range(_TRIES):  # another window took the one chosen: the next
            self._central.refresh()
            with self._uow.reading() as uow:
                tickets = uow.tickets.tickets(self._clock.now().date(), codes, open_only=True)
            chosen = next_ticket(tickets, self.rule(), self._clock.now(), actor.window)
            if chosen is None:
                return None
            try:
                return self._append(actor, chosen, TicketEventKind.CALLED)
            except TakenElsewhere:
                continue
        raise TicketError(msg("其他窗口正在同时叫号，请再叫一次"))

    def recall(self, actor: Actor, ticket_id: UUID) -> Ticket:
        """重呼: call the ticket this window called once more."""
        return self._step(actor, ticket_id, TicketEventKind.RECALLED)

    def no_show(self, actor: Actor, ticket_id: UUID) -> Ticket:
        """过号: the person called did not come; the ticket may rejoin once."""
        return self._step(actor, ticket_id, TicketEventKind.NO_SHOW)

    def rejoin(self, actor: Actor, ticket_id: UUID) -> Ticket:
        """A no-show came back: the ticket waits again (once), from its first place."""
        return self._step(actor, ticket_id, TicketEventKind.REJOINED)

    def transfer(
        self,
        actor: Actor,
        ticket_id: UUID,
        *,
        queue_code: str | None = None,
        window: str | None = None,
    ) -> Ticket:
        """Send the ticket to another queue and / or window; it waits there from its first
        place (the person has waited all along). A window given alone takes the ticket into
        its own queue when its queue is not one the window serves."""
        if not queue_code and not window:
            raise TicketError(msg("请选择转到的队列或窗口"))
        data = {"queue": self.queue(queue_code).code if queue_code else "", "window": ""}
        if window:
            data["window"] = number = window.strip().upper()
            found = next((w for w in self._windows.windows() if w.number == number), None)
            if found is None:
                raise TicketError(msg("没有编号为 {number} 的窗口", number=number))
            if not data["queue"] and self.ticket(ticket_id).queue not in found.spec.departments:
                data["queue"] = found.spec.departments[0]
        return self._step(actor, ticket_id, TicketEventKind.TRANSFERRED, data)

    def served(self, actor: Actor, ticket_id: UUID) -> Ticket:
        """The service of the called ticket ended."""
        return self._step(actor, ticket_id, TicketEventKind.SERVED)

    def walk_in(
        self, actor: Actor, queue_code: str | None = None, holder: Holder | None = None
    ) -> Ticket:
        """A person served without a ticket: one is issued at the window and called at once
        (so the waiting and serving times count them too)."""
        served = self.served_by(actor)
        code = queue_code or (served[0].code if served else "")
        if not code:
            raise TicketError(msg("本窗口没有对应的队列：请管理员设置窗口的部门"))
        issued = self.issue(actor, code, holder=holder)
        return self._append(actor, issued.ticket, TicketEventKind.CALLED)

    def _step(
        self,
        actor: Actor,
        ticket_id: UUID,
        kind: TicketEventKind,
        data: dict[str, str] | None = None,
    ) -> Ticket:
        actor.require(Permission.HANDLE_CASE, msg("叫号"))
        self._central.refresh()
        with self._uow.reading() as uow:
            ticket = self._ticket(uow, ticket_id)
        return self._append(actor, ticket, kind, data)

    def _ticket(self, uow: UnitOfWork, ticket_id: UUID) -> Ticket:
        ticket = uow.tickets.ticket(ticket_id)
        if ticket is None:
            raise TicketError(msg("没有这张号"))
        return ticket

    def _append(
        self,
        actor: Actor,
        ticket: Ticket,
        kind: TicketEventKind,
        data: dict[str, str] | None = None,
    ) -> Ticket:
        """The step checked, written on the central first (when it can be reached: the
        first window to write a step there has it) and then here; the ticket after it."""
        check_step(ticket, kind, actor.window)
        data = dict(data or {})
        if kind in (TicketEventKind.CALLED, TicketEventKind.RECALLED):
            data["window"] = actor.window
        event = self._event(actor, ticket.id, ticket.version + 1, kind, data)
        after = apply(ticket, event)
        self._record(event, after)  # stored under the queue it is in after (a transfer's)
        log.info("ticket %s %s at %s", ticket.number, kind.value, actor.window or actor.terminal)
        return after

    def _record(self, event: TicketEvent, ticket: Ticket) -> None:
        """Write the event on the central first (when it can be reached: the first window to
        write a step there has it), then here; TakenElsewhere when its step was taken."""
        taken = TakenElsewhere(
            msg("号码 {number} 已被取用，请再取一次", number=ticket.number)
            if event.kind is TicketEventKind.ISSUED
            else msg("{number} 号刚刚由其他窗口办理过，请重新查看", number=ticket.number)
        )
        if self._central.claim(row_of(event, ticket.queue, ticket.day, ticket.number)) is False:
            self._central.refresh()
            raise taken
        with self._uow() as uow:
            try:
                with uow.attempt():
                    uow.tickets.add(event, ticket.queue, ticket.day, ticket.number)
            except StoreConflict:
                if not uow.tickets.holds(event.id):  # not ours, pulled back meanwhile
                    raise taken from None
            uow.commit()

    def _event(
        self,
        actor: Actor,
        ticket_id: UUID,
        position: int,
        kind: TicketEventKind,
        data: dict[str, str],
    ) -> TicketEvent:
        return TicketEvent(
            id=uuid4(),
            ticket_id=ticket_id,
            position=position,
            kind=kind,
            at=self._clock.now(),
            actor=actor.username,
            terminal=self._settings["terminal_name"],
            data=data,
        )
