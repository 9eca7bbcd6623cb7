"""The queue's fair order over many waiting tickets (issue 16, "Speed": ≤ 10 ms for 5,000).

    python benchmarks/bench_queue.py [--tickets 5000] [--runs 51]

`--tickets` waiting tickets of one day spread over a morning, a fifth of them with a
priority (appointment, elderly, disabled, green channel), a few sent to a window. Times, in
the same run: the whole calling order (`in_order`), the next ticket a window calls
(`next_ticket`, with Qmatic's longest-wait rule on), and beside them the baseline a plain
sort by issue time takes (arrival order, what the order replaces). Prints figures to read, not
timed tests: the script exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.events import CHINA_TIME  # noqa: E402
from app.domain.queue_order import OrderRule, in_order, next_ticket  # noqa: E402
from app.domain.tickets import Priority, Ticket  # noqa: E402
from benchmarks.timing import milliseconds  # noqa: E402

OPEN = datetime(2026, 11, 23, 8, 30, tzinfo=CHINA_TIME)
PRIORITIES = [Priority.ORDINARY] * 16 + [
    Priority.APPOINTMENT,
    Priority.ELDERLY,
    Priority.DISABLED,
    Priority.GREEN_CHANNEL,
]


def waiting(count: int, seed: int = 16) -> list[Ticket]:
    chance = random.Random(seed)
    return [
        Ticket(
            uuid4(),
            chance.choice(("SCJG", "SW")),
            f"A{n:03d}",
            date(2026, 11, 23),
            chance.choice(PRIORITIES),
            OPEN + timedelta(seconds=chance.randrange(4 * 3600)),
            for_window="A05" if chance.random() < 0.01 else "",
        )
        for n in range(1, count + 1)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=51)
    args = parser.parse_args(argv)
    tickets = waiting(args.tickets)
    rule = OrderRule(longest_wait_minutes=60)
    now = OPEN + timedelta(hours=4)
    figures = {
        "baseline: sort by issue time": milliseconds(
            lambda: sorted(tickets, key=lambda t: t.issued_at), args.runs
        ),
        "the calling order (in_order)": milliseconds(lambda: in_order(tickets, rule), args.runs),
        "the next ticket (next_ticket)": milliseconds(
            lambda: next_ticket(tickets, rule, now, "A04"), args.runs
        ),
    }
    print(f"{args.tickets} waiting tickets, {args.runs} runs each (target: order ≤ 10 ms)")
    for name, times in figures.items():
        print(
            f"  {name:32} median {statistics.median(times):6.2f} ms"
            f"   p90 {times[int(len(times) * 0.9)]:6.2f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
