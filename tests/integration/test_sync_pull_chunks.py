"""The pull in chunks, against a real central: a backlog larger than a chunk arrives whole,
chunk by chunk, the cursor stored with each; a failure between chunks, or inside a chunk's
local transaction, loses and repeats nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.events import Event
from app.domain.messages import msg
from app.services.cases import Imported
from app.services.sync_pull import PULL_AFTER, PULL_CURSOR
from app.sync.central_pull import Chunk, EventCounts, Key, Window
from app.sync.central_push import CentralUnreachable
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import SyncedCounter, make_counter
from tests.stores import store_of

CHUNK = 10  # the smallest `pull_chunk`


@pytest.fixture
def counters(tmp_path: Path, central: CentralDatabase) -> Iterator[list[SyncedCounter]]:  # noqa: F811
    """The first counter pulls in chunks of ten; the second has written 35 cases (70 events)
    in three pushes: transactions of 20, 30 and 20 events, so that chunks end both inside a
    transaction and at its end."""
    central.add_center("C1")
    made = [make_counter(tmp_path / f"counter{n}", central, "C1", n) for n in (1, 2)]
    first, second = made
    first.services.settings.update({"pull_chunk": CHUNK})
    for cases in (10, 15, 10):
        for _ in range(cases):
            second.receive()
        second.services.sync.sync_once()
    yield made
    for counter in made:
        counter.close()


def held_here(counter: SyncedCounter) -> tuple[int, int, dict[str, str]]:
    """(events, distinct event ids, sync marks) of the counter's store."""
    with store_of(counter.services) as store, store.engine.connect() as connection:
        events, ids = connection.execute(
            text("SELECT count(*), count(DISTINCT id) FROM events")
        ).one()
        rows = connection.execute(text("SELECT name, value FROM sync_marks")).all()
        marks: dict[str, str] = {str(name): str(value) for name, value in rows}
    return events, ids, marks


def watch_chunks(
    counter: SyncedCounter, monkeypatch: pytest.MonkeyPatch, fail_at: int | None = None
) -> list[tuple[Key | None, int, dict[str, str]]]:
    """Record, at every chunk the counter reads, the key it reads after, and the events and
    marks its store holds when the chunk is taken to be stored; the central is unreachable
    at chunk `fail_at` (1-based). The next chunk is read from the central on a thread while
    the one before is stored: what the store holds is recorded where the pull takes the
    chunk read last (`completed`), which it does only once the one before is stored."""
    link = counter.services.sync.central()
    read, complete = link.read_chunk, link.completed
    asked: list[tuple[Key | None, int, dict[str, str]]] = []

    def read_chunk(window: Window, after: Key | None, terminal: str, size: int) -> Chunk:
        asked.append((after, -1, {}))
        if len(asked) == fail_at:
            raise CentralUnreachable(msg("与中心数据库的连接中断：{reason}", reason="test"))
        return read(window, after, terminal, size)

    def completed(chunk: Chunk, known: EventCounts, ahead: set[str]) -> Chunk:
        events, _, marks = held_here(counter)
        asked[-1] = (asked[-1][0], events, marks)
        return complete(chunk, known, ahead)

    monkeypatch.setattr(link, "read_chunk", read_chunk)
    monkeypatch.setattr(link, "completed", completed)
    return asked


def test_a_backlog_larger_than_a_chunk_arrives_whole_chunk_by_chunk(
    counters: list[SyncedCounter], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = counters
    asked = watch_chunks(first, monkeypatch)
    report = first.services.sync.sync_once()
    assert report.pulled == 70 and report.held_back == 0
    # eight chunks: seven full, the last one empty ends the window
    assert [events for _, events, _ in asked] == [0, 10, 20, 30, 40, 50, 60, 70]
    keys = [after for after, _, _ in asked]
    assert keys[0] is None and keys[1:] == sorted(keys[1:])  # type: ignore[type-var]
    for after, _, marks in asked[1:]:  # each chunk stored with the key it reached
        assert after is not None and marks[PULL_AFTER] == " ".join(map(str, after))
    events, ids, marks = held_here(first)
    assert (events, ids, marks[PULL_AFTER]) == (70, 70, "")
    assert int(marks[PULL_CURSOR]) > int(asked[0][2].get(PULL_CURSOR) or 0)
    assert first.services.cases.verify() == []
    assert first.services.sync.sync_once().pulled == 0  # the cursor is past all of it


def test_a_failure_between_chunks_loses_and_repeats_nothing(
    counters: list[SyncedCounter], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = counters
    asked = watch_chunks(first, monkeypatch, fail_at=4)
    with pytest.raises(CentralUnreachable):
        first.services.sync.sync_once()
    events, ids, marks = held_here(first)
    assert (events, ids) == (30, 30)  # three chunks stored, the fourth never came
    assert marks[PULL_AFTER] == " ".join(map(str, asked[-1][0]))  # type: ignore[arg-type]
    assert not first.services.sync.status().online

    for _ in range(5):  # more comes in the meantime, beyond the interrupted window
        second.receive()
    second.services.sync.sync_once()
    report = first.services.sync.sync_once()
    assert asked[4][0] == asked[3][0]  # it went on after the last chunk stored
    assert report.pulled == 50 and report.held_back == 0  # 40 left + 10 new, none twice
    events, ids, _ = held_here(first)
    assert (events, ids) == (80, 80)
    assert first.services.sync.status().quarantined == 0
    assert first.services.cases.verify() == []


def test_a_chunk_whose_local_transaction_fails_is_stored_with_its_key_or_not_at_all(
    counters: list[SyncedCounter], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = counters
    cases = first.services.cases
    store = cases.import_events
    calls = 0

    def import_events(
        events: Sequence[Event], then: Imported | None = None
    ) -> list[tuple[Event, str]]:
        nonlocal calls
        calls += 1

        def and_fail(uow, misfits):  # type: ignore[no-untyped-def]
            assert then is not None
            then(uow, misfits)
            raise OSError("disk full")  # after the chunk and its key, before the commit

        return store(events, and_fail if calls == 3 else then)

    monkeypatch.setattr(cases, "import_events", import_events)
    with pytest.raises(OSError, match="disk full"):
        first.services.sync.sync_once()
    events, ids, marks = held_here(first)
    assert (events, ids) == (20, 20)
    monkeypatch.undo()
    assert first.services.sync.sync_once().pulled == 50
    assert held_here(first)[:2] == (70, 70)
    assert first.services.cases.verify() == []
