"""Counters for sync tests: each a local store of its own, registered on a real central.

with closing(make_counter(tmp_path, central, "C1", 1)) as counter:  # registered, configured
    case_no = counter.receive()                                     # a case written locally
    counter.services.sync.sync_once()
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.bootstrap import Services, bootstrap
from app.central.logins import Counter
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.cases import Accept, IntakeDecision
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock
from app.settings import Settings
from tests.integration.central_harness import CentralDatabase

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)  # a Monday
FOOD = "SCJG-XK-001"
ACCEPT = Accept()


@dataclass
class SyncedCounter:
    services: Services
    registration: Counter
    clerk: Actor
    chief: Actor
    supervisor: Actor
    _people: random.Random

    def receive(self, decision: IntakeDecision | None = ACCEPT) -> str:
        """Receive a 食品经营许可 with its required materials (None: not decided on yet);
        its case number."""
        item = self.services.catalog.item(FOOD)
        materials = [m.name for m in item.required_materials]
        person = demo_person(self._people)
        detail = self.services.cases.receive(self.clerk, FOOD, person, materials, decision)
        return detail.case.case_no

    def close(self) -> None:
        self.services.close()


def configure_counter(home: Path, number: int, name: str, central_url: str) -> None:
    """Write the settings a counter registered as `name` needs."""
    settings = Settings.load(Paths(home, home, home / "logs").settings)
    settings.update({"terminal_no": number, "terminal_name": name, "central_url": central_url})


def make_counter(
    home: Path,
    central: CentralDatabase,
    center: str,
    number: int,
    *,
    register: bool = True,
    via: str | None = None,
) -> SyncedCounter:
    """A counter of `center`, reaching the central at `via` when given (a proxy's URL of the
    central's database), else at the central's own address."""
    home.mkdir(parents=True, exist_ok=True)
    if register:
        registration = central.add_counter(center, number)
    else:
        registration = Counter(center, number, f"counter-{number:02d}", "nobody_here", "x")
    configure_counter(home, number, registration.name, registration.url(via or central.url))
    services = bootstrap(Paths(home, home, home / "logs"), clock=FixedClock(NOW))
    terminal = registration.name
    clerk = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", terminal)
    chief = Actor(
        "scjg-chief",
        "首席代表",
        Role.CHIEF_REPRESENTATIVE,
        "SCJG",
        "A01",
        terminal,
        frozenset({FOOD}),
    )
    supervisor = Actor("jiancha", "监察室", Role.SUPERVISOR, None, "", terminal)
    return SyncedCounter(services, registration, clerk, chief, supervisor, random.Random(number))
