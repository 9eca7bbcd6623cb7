"""A catch-up push in many batches against a real central (issue 14, Speed): the next batch is
read and the last one's answers recorded while the central checks the current one, and a
batch new to the central goes the quick way; the answers are still one per event, in order,
with refusals quarantined and duplicates told apart from new events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.sync import Direction, PushOutcome
from app.services.sync import PUSHED_THROUGH
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import SyncedCounter, make_counter
from tests.stores import store_of

BATCH = 10  # the smallest `sync_batch`


@pytest.fixture
def counter(tmp_path: Path, central: CentralDatabase) -> Iterator[SyncedCounter]:  # noqa: F811
    central.add_center("C1")
    made = make_counter(tmp_path / "counter", central, "C1", 1)
    made.services.settings.update({"sync_batch": BATCH})
    yield made
    made.close()


def held_on_central(central: CentralDatabase) -> int:  # noqa: F811
    with central.connect() as connection:
        found = connection.execute(b"SELECT count(*) FROM central.events").fetchone()
    assert found is not None
    return int(found[0])


def test_a_backlog_goes_up_in_batches_with_a_refused_event_held_and_the_rest_taken(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    for _ in range(20):  # 40 events: a receipt and an acceptance each
        counter.receive()
    # one event of the first batch altered in the file after it was written
    with store_of(counter.services) as store, store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
        connection.execute(text("UPDATE events SET actor = 'someone-else' WHERE seq = 4"))
    told: list[tuple[int, int]] = []

    report = counter.services.sync.sync_once(lambda done, of: told.append((done, of)))

    assert report.outcomes == {PushOutcome.ACCEPTED: 39, PushOutcome.REJECTED: 1}
    assert told == [(10, 40), (20, 40), (30, 40), (40, 40)]
    assert held_on_central(central) == 39
    held = counter.services.sync.quarantined(counter.supervisor)
    assert [(q.direction, q.outcome, q.event["actor"]) for q in held] == [
        (Direction.PUSH, PushOutcome.REJECTED, "someone-else")
    ]
    status = counter.services.sync.status()
    assert (status.waiting, status.quarantined, status.problem) == (0, 1, None)


def test_a_batch_partly_on_the_central_already_sends_the_rest_and_names_the_duplicates(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    for _ in range(4):
        counter.receive()
    assert counter.services.sync.sync_once().outcomes == {PushOutcome.ACCEPTED: 8}
    for _ in range(3):
        counter.receive()
    # the answers were lost (say): the first batch holds 8 events the central has and 2 new
    with store_of(counter.services) as store, store.uow() as uow:
        uow.sync.set_marks({PUSHED_THROUGH: "0"})
        uow.commit()

    report = counter.services.sync.sync_once()

    assert report.outcomes == {PushOutcome.DUPLICATE: 8, PushOutcome.ACCEPTED: 6}
    assert held_on_central(central) == 14
    assert counter.services.sync.status().waiting == 0
    assert counter.services.sync.differences() == []
