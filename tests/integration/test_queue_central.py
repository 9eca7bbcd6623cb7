"""The queue through the real embedded central, terminals in processes of their own: numbers
unique across the kiosk and a counter while the central is stopped and started again; the
kiosk's tickets in the counter's waiting list; two counters calling at once never take the
same ticket; a call heard on the center's channel by another process; the central's log
append-only and each center's own."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from app.central.logins import Counter
from app.central.server import EmbeddedServer
from app.domain.roles import Role
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.queue_process import KIOSK_WINDOW, QueueTerminal
from tests.integration.sync_harness import configure_counter, make_counter

SCJG = "SCJG"


def terminal(
    stack: ExitStack,
    home: Path,
    database: CentralDatabase,
    number: int,
    window: str,
) -> tuple[QueueTerminal, Counter]:
    registration = database.add_counter("C1", number)
    home.mkdir(parents=True)
    configure_counter(home, number, registration.name, registration.url(database.url))
    settings = home / "settings.json"
    values = json.loads(settings.read_text(encoding="utf-8"))
    settings.write_text(json.dumps({**values, "queue_block_size": 5}), encoding="utf-8")
    return stack.enter_context(closing(QueueTerminal(home, window))), registration


@pytest.fixture
def hall(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> Iterator[tuple[QueueTerminal, QueueTerminal, QueueTerminal, Counter]]:
    """The kiosk, the counters at A04 and A05 of center C1, and the kiosk's registration."""
    central.add_center("C1")
    with ExitStack() as stack:
        kiosk, registration = terminal(stack, tmp_path / "kiosk", central, 1, KIOSK_WINDOW)
        a04, _ = terminal(stack, tmp_path / "a04", central, 2, "A04")
        a05, _ = terminal(stack, tmp_path / "a05", central, 3, "A05")
        yield kiosk, a04, a05, registration


def issued_numbers(central: CentralDatabase) -> list[str]:  # noqa: F811
    with central.connect() as connection:
        rows = connection.execute(
            b"SELECT number FROM central.ticket_events WHERE kind = 'issued' ORDER BY number"
        ).fetchall()
    return [number for (number,) in rows]


def test_numbers_stay_unique_while_the_central_is_stopped_and_started_again(
    hall: tuple[QueueTerminal, QueueTerminal, QueueTerminal, Counter],
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    kiosk, a04, _, _ = hall
    online = [kiosk.ask(f"issue {SCJG}") for _ in range(3)] + [a04.ask(f"issue {SCJG}")]
    assert online == ["J001", "J002", "J003", "J006"]  # blocks of 5: the kiosk's, the counter's
    assert central_server.stop()
    try:
        offline = [kiosk.ask(f"issue {SCJG}") for _ in range(10)]
        offline += [a04.ask(f"issue {SCJG}") for _ in range(2)]
        assert kiosk.ask("sync") == "failed"
    finally:
        central_server.start()
    # the kiosk's block goes on (J004, J005), then its own series (terminal 01) begins
    assert offline[:3] == ["J004", "J005", "J01-01"] and offline[-2:] == ["J007", "J008"]
    assert kiosk.ask("sync") == "ok" and a04.ask("sync") == "ok"
    numbers = issued_numbers(central)
    assert sorted(numbers) == sorted(online + offline) and len(set(numbers)) == 16
    assert a04.ask("sync") == "ok" and len(issued_numbers(central)) == 16  # nothing twice
    # the counter's waiting list holds the kiosk's tickets, in the fair order
    assert a04.ask(f"waiting {SCJG}").split() == online + offline


def test_two_counters_calling_at_once_never_take_the_same_ticket(
    hall: tuple[QueueTerminal, QueueTerminal, QueueTerminal, Counter],
) -> None:
    kiosk, a04, a05, _ = hall
    issued = {kiosk.ask(f"issue {SCJG}") for _ in range(12)}
    called: list[str] = []
    while True:
        a04.send("call")  # both at once: each reads the list and claims before answering
        a05.send("call")
        answers = [a04.answer(), a05.answer()]
        called += [a.split()[1] for a in answers if a != "none"]
        if answers == ["none", "none"]:
            break
    assert sorted(called) == sorted(issued) and len(called) == len(set(called))


def test_a_call_is_heard_by_another_process_through_the_centers_channel(
    hall: tuple[QueueTerminal, QueueTerminal, QueueTerminal, Counter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    kiosk, a04, _, registration = hall
    number = kiosk.ask(f"issue {SCJG}")
    with central.connect(registration) as listening:
        channel = listening.execute(b"SELECT central.events_channel()").fetchone()
        assert channel is not None
        listening.execute(f'LISTEN "{channel[0]}"'.encode())
        started = time.perf_counter()
        a04.send("call")
        heard = next(
            json.loads(notice.payload)
            for notice in listening.notifies(timeout=30)
            if json.loads(notice.payload)["kind"] == "called"
        )
        arrived = time.perf_counter() - started
        assert a04.answer().endswith(number)
    assert (heard["number"], heard["window"], heard["queue"]) == (number, "A04", SCJG)
    print(f"a call heard by another process {arrived * 1000:.0f} ms after the key")
    assert "masked_name" not in heard and "birth_date" not in heard


def test_the_centrals_tickets_are_append_only_and_each_centers_own(
    hall: tuple[QueueTerminal, QueueTerminal, QueueTerminal, Counter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    kiosk, _, _, registration = hall
    kiosk.ask(f"issue {SCJG}")
    central.add_center("C2")
    elsewhere = central.add_counter("C2", 1)
    with central.connect(elsewhere) as connection:
        assert connection.execute(b"SELECT count(*) FROM central.ticket_events").fetchone() == (0,)
    with central.connect(registration) as connection:
        assert connection.execute(b"SELECT count(*) FROM central.ticket_events").fetchone() == (1,)
        for statement in (
            b"UPDATE central.ticket_events SET number = 'J999'",
            b"DELETE FROM central.ticket_events",
            b"DELETE FROM central.number_leases",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)


def test_blocks_are_leased_ahead_at_start_and_kept_ahead_by_the_sync_round(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with closing(make_counter(tmp_path / "kiosk", central, "C1", 1)) as kiosk:
        services = kiosk.services
        services.settings.update({"queue_block_size": 5})
        assert services.queue.lease_ahead([SCJG, "SW"]) == 2
        assert services.queue.lease_ahead([SCJG, "SW"]) == 0  # each holds unused numbers
        machine = replace(kiosk.clerk, username="kiosk01", role=Role.KIOSK, window="K01")
        numbers = [services.queue.issue(machine, SCJG).ticket.number for _ in range(3)]
        assert numbers == ["J001", "J002", "J003"]
        report = services.sync.sync_once()
        assert report.leased == 1  # two of five left: under half a block
        with central.connect() as connection:
            blocks = connection.execute(
                b"SELECT queue, first, last FROM central.number_leases ORDER BY queue, first"
            ).fetchall()
        assert blocks == [(SCJG, 1, 5), (SCJG, 6, 10), ("SW", 1, 5)]
        assert services.sync.sync_once().leased == 0
