"""Sync under faults, against a real central: counters in processes of their own, killed with
SIGKILL in the middle of a push; the central stopped and started again mid-push; a week
offline. Afterwards every event is on the central exactly once and the chains verify."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.central.server import EmbeddedServer
from app.paths import HOME_VARIABLE, Paths
from app.services.sync import PUSHED_THROUGH
from app.sync.central_link import CentralUnreachable
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import SyncedCounter, configure_counter, make_counter

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def central_count(central: CentralDatabase, sql: str) -> int:  # noqa: F811
    with central.connect() as connection:
        return int(connection.execute(sql.encode()).fetchone()[0])


def case_count(services: Services) -> int:
    with services.uow() as uow:
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
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.integration.counter_process", str(home), "3", "4"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for home in homes
    ]
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert out.strip() == "0", err  # nothing left waiting
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


def pushed_through(counter: SyncedCounter) -> int:
    with counter.services.uow() as uow:
        return int(uow.sync.mark(PUSHED_THROUGH) or 0)


def test_a_counter_killed_fifty_times_mid_push_loses_and_doubles_nothing(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    """Each round the clerk writes a few cases, a sync process starts, and is killed as soon
    as its first batch is recorded, plus a random moment: inside the next batch, between
    the central's commit and the local record of it, or between two batches."""
    central.add_center("C1")
    counter = make_counter(tmp_path / "counter", central, "C1", 1)
    counter.services.settings.update({"sync_batch": 10})
    environment = {**os.environ, HOME_VARIABLE: str(counter.services.paths.data)}
    chance = random.Random(50)
    mid_push = 0
    for _ in range(50):
        for _ in range(20):  # 40 events: four batches
            counter.receive()
        before = pushed_through(counter)
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "sync", "--once"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while pushed_through(counter) == before and process.poll() is None:
            assert time.monotonic() < deadline, "the sync process never pushed"
            time.sleep(0.002)
        time.sleep(chance.uniform(0, 0.03))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            mid_push += 1
        process.wait()
    assert mid_push >= 45  # (a round whose push ended before the kill still counts as a round)
    counter.services.sync.sync_once()
    local = case_count(counter.services)
    assert local == 1000
    assert central_count(central, "SELECT count(DISTINCT case_id) FROM central.events") == local
    assert central_count(central, "SELECT count(*) FROM central.events") == 2 * local
    assert counter.services.sync.status().quarantined == 0
    assert counter.services.sync.differences() == []
    assert counter.services.cases.verify() == []
    counter.close()


def test_the_central_stopped_and_started_mid_push_loses_nothing(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    central_server: EmbeddedServer,  # noqa: F811
) -> None:
    central.add_center("C1")
    counter = make_counter(tmp_path / "counter", central, "C1", 1)
    counter.services.settings.update({"sync_batch": 10})
    for _ in range(400):
        counter.receive()
    failures: list[Exception] = []

    def push() -> None:
        try:
            counter.services.sync.sync_once()
        except CentralUnreachable as error:
            failures.append(error)

    pushing = threading.Thread(target=push)
    pushing.start()
    time.sleep(0.4)
    central_server.stop()
    pushing.join(timeout=60)
    central_server.start()
    assert failures, "the push finished before the server stopped: make it longer"
    status = counter.services.sync.status()
    assert not status.online and status.waiting > 0
    counter.services.sync.sync_once()
    assert central_count(central, "SELECT count(*) FROM central.events") == 800
    assert counter.services.sync.differences() == []
    counter.close()


def test_a_week_offline_catches_up(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("C1")
    offline = make_counter(tmp_path / "offline", central, "C1", 1)
    other = make_counter(tmp_path / "other", central, "C1", 2)
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
    offline.close()
    other.close()
