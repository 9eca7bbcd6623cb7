"""Upper bounds on the wall clock that hold on a loaded machine.

A test of a product's own timeout keeps its lower bound (the call did wait that long), but
its upper bound only tells "gave up" from "waits without end": the timeout plus LOAD_SLACK,
which two busy cores or a slow CI runner stay far within. Where the product must answer "at
once", the test gives it a timeout much longer than LOAD_SLACK, so that answering at once and
waiting for the timeout are told apart by tens of seconds, not by a fraction of one.
"""

from __future__ import annotations

import time

#: What a loaded machine may add to a call: seconds.
LOAD_SLACK = 10.0
#: A timeout that a call answering "at once" must be nowhere near: seconds.
LONG_TIMEOUT = 60.0


def returned_in_time(started: float, timeout: float) -> float:
    """Seconds since `started` (a `time.monotonic()`); fails if past `timeout` + LOAD_SLACK."""
    elapsed = time.monotonic() - started
    assert elapsed < timeout + LOAD_SLACK, (
        f"returned after {elapsed:.1f} s with a timeout of {timeout} s: it does not give up"
    )
    return elapsed
