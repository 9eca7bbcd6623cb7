"""What the store's tests and the others built on them share: the actors, the item, a store
opened on a fixed clock, and a case received in one call."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from app.bootstrap import Services, bootstrap
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.cases import Accept, IntakeDecision
from app.services.demo_people import demo_person, demo_step_record
from app.services.time_source import FixedClock
from app.settings import Settings
from tests.stores import store_of

#: The form of an out-of-hall step (the demo cases' site surveys), recorded afterwards.
SURVEY = demo_step_record(date(2026, 11, 2))

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)  # a Monday
FOOD = "SCJG-XK-001"  # 食品经营许可: decided by the chief at step 2
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")
CHIEF = Actor(
    "scjg-chief",
    "首席代表",
    Role.CHIEF_REPRESENTATIVE,
    "SCJG",
    "A06",
    "counter-01",
    frozenset({FOOD}),
)
CHIEF_OUTSIDE = Actor(
    "scjg-chief2",
    "首席代表",
    Role.CHIEF_REPRESENTATIVE,
    "SCJG",
    "A06",
    "counter-01",
    frozenset({"SCJG-DJ-001"}),
)
OTHER_CLERK = Actor("ga01", "公安窗口", Role.CLERK, "GA", "B01", "counter-01")
SUPERVISOR = Actor("jiancha", "监察室", Role.SUPERVISOR, None, "", "counter-01")
ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
KIOSK = Actor("kiosk01", "自助终端", Role.KIOSK, None, "K01", "kiosk-01")
CASE_NUMBER = re.compile(r"^(\d{6})-(\d{2})-(\d{3})$")
ACCEPT = Accept()


def open_store(home: Path, terminal_no: int | None = None) -> Services:
    if terminal_no is not None:
        settings = Settings.load(home / "settings.json")
        settings.set("terminal_no", terminal_no)
        settings.save()
    return bootstrap(Paths(data=home, config=home, logs=home / "logs"), clock=FixedClock(NOW))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = open_store(tmp_path)
    yield services
    services.close()


def required(services: Services, code: str = FOOD) -> list[str]:
    return [m.name for m in services.catalog.item(code).required_materials]


def receive(
    services: Services,
    actor: Actor = CLERK,
    seed: int = 1,
    *,
    decision: IntakeDecision | None = ACCEPT,
    materials: list[str] | None = None,
) -> str:
    """Receive a 食品经营许可 for a made-up person, deciding on it at once; its number."""
    chosen = required(services) if materials is None else materials
    person = demo_person(random.Random(seed))
    return services.cases.receive(actor, FOOD, person, chosen, decision).case.case_no


def counts(services: Services) -> tuple[int, int, int]:
    with store_of(services) as store, store.engine.connect() as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("events", "case_summaries", "case_numbers")
        )
