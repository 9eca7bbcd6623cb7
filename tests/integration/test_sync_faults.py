"""Sync under faults, against a real central: counters in processes of their own, killed with
SIGKILL in the middle of a push; the central stopped and started again mid-push; a week
offline. Afterwards every event is on the central exactly once and the chains verify."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from contextlib import closing
from functools import partial
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.central.server import EmbeddedServer
from app.paths import HOME_VARIABLE, Paths
from app.sync.central_push import CentralUnreachable
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.counter_process import run_counters
from tests.integration.sync_harness import SyncedCounter, configure_counter, make_counter
from tests.integration.tcp_proxy import TcpProxy
from tests.stores import store_of

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def central_count(central: CentralDatabase, sql: str) -> int:  # noqa: F811
    with central.connect() as connection:
        return int(connection.execute(sql.encode()).fetchone()[0])


def case_count(services: Services) -> int:
    with store_of(services) as store, store.uow() as uow:
        return uow.cases.count()


def test_twenty_counters_in_their_own_processes_sync_at_once(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    homes = []
    for number in range(1, 21):
        home = tmp_path / f"counter{number:02d}"
        registration = central.add_counter("C1", number)
        configure_counter(home, number, registration.name, registration.url(central.url))
        homes.append(home)
    run_counters(homes, 3, 4)
    assert central_count(central, "SELECT count(*) FROM central.events") == 20 * 12 * 2
    assert central_count(central, "SELECT count(DISTINCT terminal) FROM central.events") == 20
    for home in (homes[0], homes[-1]):
        services = bootstrap(Paths(home, home, home / "logs"))
        try:
            services.sync.sync_once()
            assert services.sync.differences() == []
            assert case_count(services) == 20 * 12  # every case of the center came down
            assert services.cases.verify() == []
        finally:
            services.close()


def waiting(counter: SyncedCounter) -> int:
    return counter.services.sync.status().waiting


def kill(launched: Future[subprocess.Popen[str]]) -> None:
    """SIGKILL to the process, once it is launched (the proxy may call before Popen returns)."""
    launched.result(timeout=60).kill()


#: Bytes the central answers a `sync --once` of 40 events in batches of 10 with, counted from
#: the connection's start (measured through the proxy): the first batch's answer is complete
#: at FIRST_ANSWERED, the last batch's at 1,596 (179 bytes a batch: a batch new to the
#: central is answered in one pipelined exchange). LAST_ANSWERED stays 100 bytes short of
#: that, so that a server whose greeting is a little shorter (another time zone, another
#: version) still cuts inside the push.
FIRST_ANSWERED, LAST_ANSWERED = 1_059, 1_496


def test_a_counter_killed_fifty_times_mid_push_loses_and_doubles_nothing(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    """Each round the clerk writes a few cases and a sync process starts; it reaches the
    central through a proxy that kills it once the central's answers to it reach a random
    byte after its first batch's answer: inside a later batch, after the central committed
    a batch whose answer never arrived, or between two batches. A process whose answers
    are held back cannot finish its push: every round is killed mid-push."""
    central.add_center("C1")
    chance = random.Random(50)
    with (
        closing(TcpProxy(central_server.host, central_server.port)) as proxy,
        closing(
            make_counter(tmp_path / "counter", central, "C1", 1, via=proxy.url(central.url))
        ) as counter,
    ):
        counter.services.settings.update({"sync_batch": 10})
        environment = {**os.environ, HOME_VARIABLE: str(counter.services.paths.data)}
        for _ in range(50):
            for _ in range(20):  # 40 events: four batches
                counter.receive()
            before = waiting(counter)
            launched: Future[subprocess.Popen[str]] = Future()
            proxy.cut_after(
                chance.randrange(FIRST_ANSWERED, LAST_ANSWERED),
                then=partial(kill, launched),
                answers=True,
            )
            process = subprocess.Popen(
                [sys.executable, "-m", "app", "sync", "--once"],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            launched.set_result(process)
            _, err = process.communicate(timeout=120)
            assert proxy.cut.wait(timeout=60), f"the sync process ended before the cut: {err}"
            assert process.returncode == -signal.SIGKILL
            assert 0 < waiting(counter) <= before  # killed mid-push
        counter.services.sync.sync_once()
        local = case_count(counter.services)
        assert local == 1000
        assert central_count(central, "SELECT count(DISTINCT case_id) FROM central.events") == local
        assert central_count(central, "SELECT count(*) FROM central.events") == 2 * local
        assert counter.services.sync.status().quarantined == 0
        assert counter.services.sync.differences() == []
        assert counter.services.cases.verify() == []


#: Bytes a counter sends for the push of 800 events in batches of 10: about 1.06 MB (measured
#: through the proxy); the cut falls in the middle.
PUSH_SENT = 1_060_000


def test_the_central_stopped_and_started_mid_push_loses_nothing(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    """Half-way through the push, in the middle of a batch, the proxy holds back the rest of
    what the counter sends and the server is stopped; started again, the next sync sends the
    rest: every event is there exactly once."""
    central.add_center("C1")
    with (
        closing(TcpProxy(central_server.host, central_server.port)) as proxy,
        closing(
            make_counter(tmp_path / "counter", central, "C1", 1, via=proxy.url(central.url))
        ) as counter,
    ):
        counter.services.settings.update({"sync_batch": 10})
        for _ in range(400):
            counter.receive()
        proxy.cut_after(PUSH_SENT // 2, then=central_server.stop)
        try:
            with pytest.raises(CentralUnreachable):
                counter.services.sync.sync_once()
        finally:
            stopped = proxy.cut.wait(timeout=60)  # the proxy's call to stop() has returned
            restarted = central_server.start()
        assert stopped and restarted, "the server was not stopped mid-push"
        status = counter.services.sync.status()
        assert not status.online and 0 < status.waiting < 800
        arrived = central_count(central, "SELECT count(*) FROM central.events")
        assert 0 < arrived < 800 and arrived % 10 == 0  # whole batches only
        counter.services.sync.sync_once()
        assert central_count(central, "SELECT count(*) FROM central.events") == 800
        assert counter.services.sync.differences() == []


def test_a_week_offline_catches_up(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    with (
        closing(make_counter(tmp_path / "offline", central, "C1", 1)) as offline,
        closing(make_counter(tmp_path / "other", central, "C1", 2)) as other,
    ):
        for _ in range(5000):
            offline.receive()
        for _ in range(200):
            other.receive()
        other.services.sync.sync_once()
        seen: list[tuple[int, int]] = []
        started = time.perf_counter()
        report = offline.services.sync.sync_once(progress=lambda done, of: seen.append((done, of)))
        elapsed = time.perf_counter() - started
        assert report.pushed == 10_000 and report.pulled == 400
        assert seen[-1] == (10_000, 10_000) and len(seen) == 10
        assert case_count(offline.services) == 5200
        print(f"caught up 10,000 events up and 400 down in {elapsed:.1f} s")
