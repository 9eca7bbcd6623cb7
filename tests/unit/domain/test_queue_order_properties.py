"""No ticket starves under the fair order: whatever arrives (any mix of priorities, at any
times) and however the window calls, a ticket is never passed by one issued more than the
largest weight after it — with Qmatic's longest-wait rule on or off — so every ticket, priority
or ordinary, is called after a bounded number of others."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import uuid4

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.events import CHINA_TIME
from app.domain.queue_order import OrderRule, next_ticket
from app.domain.tickets import Priority, Ticket

OPEN = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA_TIME)

arrivals = st.lists(
    st.tuples(st.integers(0, 480), st.sampled_from(list(Priority))), min_size=1, max_size=60
)
weights = st.fixed_dictionaries({p: st.integers(0, 240) for p in Priority})
calls = st.lists(st.integers(0, 30), min_size=1, max_size=200)  # minutes between calls


def simulate(tickets: list[tuple[int, Priority]], rule: OrderRule, gaps: list[int]) -> list[Ticket]:
    """One window calling, `gaps` minutes apart (cycled), until every ticket is called; the
    tickets in the order called."""
    pending = sorted(
        (
            Ticket(uuid4(), "Q", f"A{i:03d}", date(2026, 11, 23), p, OPEN + timedelta(minutes=m))
            for i, (m, p) in enumerate(tickets)
        ),
        key=lambda t: t.issued_at,
    )
    now, called, waiting, step = OPEN, [], [], 0
    while pending or waiting:
        now += timedelta(minutes=gaps[step % len(gaps)])
        step += 1
        while pending and pending[0].issued_at <= now:
            waiting.append(pending.pop(0))
        chosen = next_ticket(waiting, rule, now)
        if chosen is None:
            if pending:
                now = pending[0].issued_at
            continue
        waiting.remove(chosen)
        called.append(chosen)
    return called


@settings(max_examples=300, deadline=None)
@given(arrivals, weights, st.integers(0, 120), calls)
def test_a_ticket_waits_behind_at_most_those_issued_up_to_the_largest_weight_after_it(
    tickets: list[tuple[int, Priority]],
    weight: dict[Priority, int],
    longest_wait: int,
    gaps: list[int],
) -> None:
    """A ticket called before X was issued before X, or passed X while X waited — and then
    was issued at most the largest weight after X (Qmatic's rule, 0 = off, keeps this)."""
    rule = OrderRule(weight, longest_wait)
    order = simulate(tickets, rule, gaps)
    assert len(order) == len(tickets)  # every ticket is called
    bound = timedelta(minutes=rule.largest_weight)
    for index, ticket in enumerate(order):
        ahead = order[:index]
        assert all(other.issued_at <= ticket.issued_at + bound for other in ahead)
