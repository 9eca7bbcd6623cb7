"""Issue 14 §2 against a real central PostgreSQL: one center cannot stall another. A stalled
transaction (of another center, or of a counter that switched off its own timeout), a
connection flood, what a counter hears, and what the central tells it about other centers."""

from __future__ import annotations

import json
import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors

from app.central.logins import COUNTER_CONNECTIONS
from app.central.supervision import refresh_clocks
from app.domain.sync import PushOutcome
from app.sync.central_link import CentralLink
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, SyncedCounter, make_counter
from tests.integration.test_central_attacks import receipt_with
from tests.integration.test_central_schema import push
from tests.stores import store_of


@pytest.fixture
def two_centers(tmp_path: Path, central: CentralDatabase) -> Iterator[list[SyncedCounter]]:  # noqa: F811
    """Two counters of center A, one (number 3) of center B."""
    central.add_center("A")
    central.add_center("B")
    made = [
        make_counter(tmp_path / "a1", central, "A", 1),
        make_counter(tmp_path / "a2", central, "A", 2),
        make_counter(tmp_path / "b3", central, "B", 3),
    ]
    yield made
    for counter in made:
        counter.close()


def test_a_stalled_transaction_of_another_center_holds_back_no_pull(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, a2, b3 = two_centers
    stalled = central.connect(b3.registration, autocommit=False)
    try:
        stalled.execute("SET idle_in_transaction_session_timeout = 0")  # allowed, and useless
        push(stalled, [receipt_with("counter-03", at=NOW)])
        # the open transaction holds an id below every later one
        a1.receive()
        a1.services.sync.sync_once()
        assert a2.services.sync.sync_once().pulled == 2
    finally:
        stalled.close()


@contextmanager
def stalled_session(
    central: CentralDatabase,  # noqa: F811
    counter: SyncedCounter,
) -> Iterator[psycopg.Connection]:
    """A counter's session that switched off its own idle timeout and holds a transaction
    open; its role's limit is 1 s, so that the test need not wait 60 s."""
    role = counter.registration.role
    with central.connect() as admin:
        admin.execute(
            f"ALTER ROLE {role} IN DATABASE {central.name}"
            " SET idle_in_transaction_session_timeout = '1s'".encode()
        )
    stalled = central.connect(counter.registration, autocommit=False)
    try:
        stalled.execute("SET idle_in_transaction_session_timeout = 0")  # its own, switched off
        push(stalled, [receipt_with(counter.registration.name, at=NOW)])
        yield stalled
        with pytest.raises(psycopg.OperationalError):  # it was ended
            stalled.execute("SELECT 1")
    finally:
        stalled.close()


def until(answer: Callable[[], int]) -> int:
    """Ask again until the answer is not 0 (each round asks the central anew), 30 s at most."""
    deadline = datetime.now() + timedelta(seconds=30)
    while not (found := answer()) and datetime.now() < deadline:
        pass
    return found


def test_a_counter_that_switches_off_its_timeout_is_ended_all_the_same(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, a2, _ = two_centers
    with stalled_session(central, a1):
        a2.receive()
        a2.services.sync.sync_once()
        # the colleague's case comes through: the stalled session was ended
        assert until(lambda: a1.services.sync.sync_once().pulled) == 2


def test_a_stalled_counter_holds_back_supervision_no_longer_than_its_limit(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, _, b3 = two_centers
    with stalled_session(central, b3):
        a1.receive()
        a1.services.sync.sync_once()
        # supervision reads every center: it waits for B's session until its limit, no more
        assert until(lambda: refresh_clocks(central.url, NOW)) == 1


def test_a_counter_role_has_a_connection_limit_and_its_timeout(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, a2, b3 = two_centers
    opened: list[psycopg.Connection] = []
    try:
        with pytest.raises(psycopg.OperationalError, match="too many connections"):
            for _ in range(COUNTER_CONNECTIONS + 1):
                opened.append(central.connect(b3.registration))
        assert len(opened) == COUNTER_CONNECTIONS
        shown = opened[0].execute("SHOW idle_in_transaction_session_timeout").fetchone()
        assert shown == ("1min",)
        a1.receive()  # the flood of center B takes no slot of center A
        a1.services.sync.sync_once()
        assert a2.services.sync.sync_once().pulled == 2
    finally:
        for connection in opened:
            connection.close()


def test_a_counter_hears_its_own_center_only(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, a2, b3 = two_centers
    with central.connect(a2.registration) as listening, central.connect(b3.registration) as b:
        channel = listening.execute("SELECT central.events_channel()").fetchone()
        theirs = b.execute("SELECT central.events_channel()").fetchone()
        assert channel and theirs and channel != theirs
        # B cannot learn A's channel
        with pytest.raises(errors.InsufficientPrivilege):
            b.execute("SELECT channel FROM central.channels")
        listening.execute(f'LISTEN "{channel[0]}"'.encode())
        b3.receive()
        b3.services.sync.sync_once()  # notified on B's channel
        a1.receive()
        a1.services.sync.sync_once()
        heard = next(listening.notifies(timeout=10))
        assert json.loads(heard.payload)["terminal"] == "counter-01"


def test_a_counters_listener_hears_its_own_center_only(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, a2, b3 = two_centers
    heard: queue.Queue[str] = queue.Queue()
    listener = a2.services.sync.listener(heard.put)
    assert listener is not None
    listener.start()
    try:
        with central.connect() as admin:  # the listener's session has said LISTEN
            assert until(
                lambda: len(
                    admin.execute(
                        "SELECT 1 FROM pg_stat_activity WHERE usename = %s"
                        " AND query LIKE 'LISTEN %%'",
                        (a2.registration.role,),
                    ).fetchall()
                )
            )
        b3.receive()
        b3.services.sync.sync_once()  # first: heard before A's if it were heard at all
        a1.receive()
        a1.services.sync.sync_once()
        assert heard.get(timeout=10) == "counter-01"
        assert heard.empty()
    finally:
        listener.stop()


def test_nothing_tells_a_counter_about_another_center(
    two_centers: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    a1, _, b3 = two_centers
    a1.receive()
    a1.services.sync.sync_once()
    with central.connect(b3.registration) as b:
        assert b.execute(
            "SELECT central.center_of(%s), central.terminal_of(%s), central.center_of(%s)",
            (a1.registration.role, a1.registration.role, b3.registration.role),
        ).fetchone() == (None, None, "B")
    with store_of(a1.services) as store, store.uow() as uow:
        taken = [row for _, row in uow.sync.outbox("counter-01", 0, 10)]
    link = CentralLink(b3.registration.url(central.url))
    try:
        # an id of center A's, and a position of center A's case under a new id
        forged = [
            dict(taken[0], terminal="counter-03"),
            dict(taken[1], id=str(uuid4()), terminal="counter-03"),
        ]
        answers = link.push(forged, "counter-03")
    finally:
        link.close()
    assert [a.outcome for a in answers] == [PushOutcome.INTEGRITY] * 2
    for answer in answers:
        assert str(answer.reason) == "中心不能使用这条记录的编号"
