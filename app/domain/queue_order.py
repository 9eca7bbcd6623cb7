"""The fair order of a queue (叫号规则): priority weighed against waiting time.

Pure priority starves ordinary tickets while priority ones keep coming, pure arrival order
ignores priority (both complaints are on record, Novo SGA's users among them). Here a priority
ticket counts as if it had been issued `weight` minutes earlier than it was: each ticket's
*standing time* is `waiting_since - weight(priority)`, and the earliest standing time is
called first. So a priority ticket passes at most the tickets issued in the `weight`
minutes before it, and no ticket is passed by one issued more than the largest weight after
it — neither kind waits for ever (`tests/unit/domain/test_queue_order_properties.py`).

On top, Qmatic's rule: when the longest waiting ticket of a queue has waited more than
`longest_wait_minutes` (0: the rule is off), that queue's longest waiting ticket is called
first, whatever its priority.

The order needs no clock but for that rule, and sorting 5,000 tickets by one precomputed key
takes a few milliseconds (`benchmarks/bench_queue.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.domain.tickets import Priority, Ticket, TicketStatus

#: How many minutes each priority counts as waited already (the settings' defaults).
DEFAULT_WEIGHTS: Mapping[Priority, int] = {
    Priority.ORDINARY: 0,
    Priority.APPOINTMENT: 20,
    Priority.ELDERLY: 15,
    Priority.DISABLED: 30,
    Priority.GREEN_CHANNEL: 45,
}


@dataclass(frozen=True)
class OrderRule:
    """The weights (minutes per priority) and Qmatic's longest-wait limit (0: off)."""

    weights: Mapping[Priority, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    longest_wait_minutes: int = 0

    @property
    def largest_weight(self) -> int:
        return max(self.weights.values(), default=0)

    def offsets(self) -> dict[Priority, float]:
        """Each priority's weight in seconds."""
        return {priority: 60.0 * self.weights.get(priority, 0) for priority in Priority}

    def standing(self, ticket: Ticket) -> float:
        """The moment (seconds since the epoch) the ticket counts as waiting since."""
        return ticket.since - 60.0 * self.weights.get(ticket.priority, 0)


def callable_by(ticket: Ticket, window: str) -> bool:
    """A waiting ticket that `window` may call (one sent to another window is not)."""
    return ticket.status is TicketStatus.WAITING and (
        not ticket.for_window or not window or ticket.for_window == window
    )


def in_order(tickets: Iterable[Ticket], rule: OrderRule) -> list[Ticket]:
    """The waiting tickets in calling order by weight and waiting time."""
    waiting = [t for t in tickets if t.status is TicketStatus.WAITING]
    offsets = rule.offsets()
    # issue times are to the microsecond: ties are left in the order given (a stable sort)
    waiting.sort(key=lambda t: t.since - offsets[t.priority])
    return waiting


def next_ticket(
    tickets: Sequence[Ticket], rule: OrderRule, now: datetime, window: str = ""
) -> Ticket | None:
    """The ticket `window` calls next among `tickets` (of the queues it serves): a queue's
    longest waiting when it has waited past the limit, else the first by the fair order."""
    candidates = [t for t in tickets if callable_by(t, window)]
    if not candidates:
        return None
    if rule.longest_wait_minutes > 0:
        limit = (now - timedelta(minutes=rule.longest_wait_minutes)).timestamp()
        overdue = [t for t in candidates if t.since <= limit]
        if overdue:
            return min(overdue, key=lambda t: (t.since, t.number))
    offsets = rule.offsets()
    return min(candidates, key=lambda t: (t.since - offsets[t.priority], t.number))
