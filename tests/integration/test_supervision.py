"""The case clocks on the central: due dates and first days of warning folded with the same
domain code as at the counter, counted per center."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.central.reference import publish
from app.central.schema import central_engine
from app.central.supervision import CenterCounts, clock_counts, refresh_clocks
from app.services.cases import Refuse
from app.services.demo_people import demo_step_record
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, SyncedCounter, make_counter

#: The form of an out-of-hall step (the demo cases' site surveys), recorded afterwards.
SURVEY = demo_step_record(date(2026, 11, 2))


@pytest.fixture
def counter(tmp_path: Path, central: CentralDatabase) -> Iterator[SyncedCounter]:  # noqa: F811
    central.add_center("C1")
    made = make_counter(tmp_path / "counter", central, "C1", 1)
    with central_engine(central.url) as engine, engine.begin() as connection:
        publish(connection, [], [], made.services.calendar.calendar().schedules)
    yield made
    made.close()


def test_the_central_clock_agrees_with_the_counter_and_counts_per_center(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    numbers = [counter.receive() for _ in range(3)]
    decided = numbers[0]
    counter.services.sync.sync_once()
    assert refresh_clocks(central.url, NOW) == 3
    with central.connect() as connection:
        clocks = {
            case_no: clock
            for case_no, *clock in connection.execute(
                "SELECT c.case_no, k.due, k.warning_from, k.open FROM central.case_clocks k"
                " JOIN central.cases c USING (case_id)"
            ).fetchall()
        }
    for case_no in numbers:
        local = counter.services.cases.detail(counter.clerk, case_no).deadline
        assert clocks[case_no] == [local.due, local.warning_from, True]
    due = clocks[numbers[1]][0]

    assert clock_counts(central.url, NOW.date()) == [CenterCounts("C1", 0, 0)]
    assert clock_counts(central.url, due) == [CenterCounts("C1", 0, 3)]
    assert clock_counts(central.url, due + timedelta(days=7)) == [CenterCounts("C1", 3, 0)]

    # a case decided stops its clock: it no longer counts
    detail = counter.services.cases.detail(counter.chief, decided)
    while not detail.case.awaiting_decision:
        step = detail.case.current_step
        assert step is not None
        detail = counter.services.cases.complete_step(counter.chief, decided, step, form=SURVEY)
    counter.services.cases.decide(counter.chief, decided, True)
    counter.services.sync.sync_once()
    assert refresh_clocks(central.url, NOW) == 1  # only the case that changed
    assert clock_counts(central.url, due + timedelta(days=7)) == [CenterCounts("C1", 2, 0)]


def test_a_counter_reads_the_clock_counts_of_its_own_center_only(
    tmp_path: Path,
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C2")
    other = make_counter(tmp_path / "other", central, "C2", 1)
    try:
        counter.receive()
        other.receive()
        counter.services.sync.sync_once()
        other.services.sync.sync_once()
        refresh_clocks(central.url, NOW)
        later = NOW.date() + timedelta(days=30)
        assert [c.center for c in clock_counts(central.url, later)] == ["C1", "C2"]
        with central.connect(counter.registration) as connection:
            rows = connection.execute("SELECT * FROM central.clock_counts(%s)", (later,))
            assert [row[0] for row in rows.fetchall()] == ["C1"]
    finally:
        other.close()


def test_a_case_not_accepted_or_refused_has_no_clock_running_on_the_central(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    """The central folds the same clock: no due date before acceptance or after a refusal,
    and such a case is never counted overdue, however long ago it arrived."""
    waiting = counter.receive(decision=None)
    refused = counter.receive(Refuse("不属于本中心受理范围"))
    counter.services.sync.sync_once()
    assert refresh_clocks(central.url, NOW) == 2
    with central.connect() as connection:
        clocks = dict(
            (case_no, rest)
            for case_no, *rest in connection.execute(
                "SELECT c.case_no, k.due, k.warning_from, k.open FROM central.case_clocks k"
                " JOIN central.cases c USING (case_id)"
            ).fetchall()
        )
    assert clocks == {waiting: [None, None, False], refused: [None, None, False]}
    assert clock_counts(central.url, NOW.date() + timedelta(days=90)) == []
