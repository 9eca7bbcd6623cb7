"""Issue 15 §6, the joint window (Bayannur: the city's and the district's counterparts at one
window) against a real central PostgreSQL: a terminal of the district registered as a joint
window of the district and the city accepts the items of both, each case its item's center's
— its receipt names it, and the central files it under that center — and row-level security
refuses every other center, and a receipt pushed under a center it does not name."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors

from app.bootstrap import Services, bootstrap
from app.central.errors import CentralError
from app.central.logins import Counter, add_counter
from app.central.schema import central_engine
from app.domain.case import Stamp
from app.domain.events import Event
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, configure_counter
from tests.integration.test_central_schema import APPLICANT, FOOD, REQUIRED, START, push

CITY, DISTRICT, NEIGHBOUR = "150800", "150802", "150821"  # 巴彦淖尔市, 临河区, 五原县
HOSPITAL = "WJ-XK-003"  # declared by the city only
TEMPORARY_ID = "GA-QT-002"  # declared by districts and townships
WJ = Actor("wj01", "卫健窗口", Role.CLERK, "WJ", "C01", "counter-05")
GA = Actor("ga01", "公安窗口", Role.CLERK, "GA", "B01", "counter-05")


def register(central: CentralDatabase, center: str, number: int, joint: bool) -> Counter:  # noqa: F811
    with central_engine(central.url) as engine, engine.begin() as connection:
        return add_counter(connection, center, number, joint=joint)


@dataclass
class Bayannur:
    joint: Counter
    plain: Counter  # a district counter that is not a joint window
    counter: Services  # the joint window's program, registered


@pytest.fixture
def bayannur(central: CentralDatabase, tmp_path: Path) -> Iterator[Bayannur]:  # noqa: F811
    central.add_center(CITY, "city")
    for district in (DISTRICT, NEIGHBOUR):
        central.add_center(district, "district", parent=CITY)
    joint = register(central, DISTRICT, 5, joint=True)
    plain = register(central, DISTRICT, 6, joint=False)
    paths = Paths(tmp_path, tmp_path, tmp_path / "logs")
    configure_counter(tmp_path, 5, joint.name, joint.url(central.url))
    first = bootstrap(paths, clock=FixedClock(NOW))
    first.sync.register(joint.url(central.url))  # writes the level and the center above
    first.close()
    counter = bootstrap(paths, clock=FixedClock(NOW))
    yield Bayannur(joint, plain, counter)
    counter.close()


def accept(services: Services, actor: Actor, code: str) -> str:
    item = services.catalog.item(code)
    person = demo_person(random.Random(7))
    materials = [m.name for m in item.required_materials]
    return services.cases.receive(actor, code, person, materials, Accept()).case.case_no


def centers_of_cases(central: CentralDatabase) -> dict[str, str]:  # noqa: F811
    with central.connect() as admin:
        rows = admin.execute(
            "SELECT payload::jsonb ->> 'case_no', center FROM central.events"
            " WHERE kind = 'received'"
        ).fetchall()
    return {str(number): str(center) for number, center in rows}


def test_a_joint_window_accepts_both_centers_items_and_files_each_under_its_center(
    central: CentralDatabase,  # noqa: F811
    bayannur: Bayannur,
) -> None:
    settings = bayannur.counter.settings
    registered = ("center_code", "center_level", "center_above", "joint_level")
    assert [settings[key] for key in registered] == [DISTRICT, "district", CITY, "city"]
    cases = bayannur.counter.cases
    assert cases.can_accept(WJ, bayannur.counter.catalog.item(HOSPITAL))
    city_case = accept(bayannur.counter, WJ, HOSPITAL)
    district_case = accept(bayannur.counter, GA, TEMPORARY_ID)
    # numbered by the one terminal number that is free in both centers
    assert city_case.split("-")[1] == district_case.split("-")[1] == "05"
    report = bayannur.counter.sync.sync_once()
    assert bayannur.counter.sync.status().waiting == 0, report
    assert centers_of_cases(central) == {city_case: CITY, district_case: DISTRICT}


def test_a_joint_terminals_number_must_be_free_in_the_center_above_too(
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center(CITY, "city")
    central.add_center(DISTRICT, "district", parent=CITY)
    register(central, CITY, 5, joint=False)
    with pytest.raises(CentralError, match="合一窗口的终端编号和名称须在两个中心都未被使用"):
        register(central, DISTRICT, 5, joint=True)
    with pytest.raises(CentralError, match="没有上级中心"):
        register(central, CITY, 7, joint=True)
    joint = register(central, DISTRICT, 6, joint=True)
    # and once it is there, the city cannot take its number either
    with pytest.raises(CentralError, match="合一窗口"):
        register(central, CITY, 6, joint=False)
    assert joint.number == 6


def city_receipt(actor: Actor, center: str = CITY) -> list[Event]:
    """A case received and accepted at the joint window, its receipt naming `center`."""
    case = receive(
        Stamp(actor, START, uuid4()),
        uuid4(),
        "261102-05-001",
        FOOD,
        APPLICANT,
        REQUIRED,
        center=center,
    )
    case.accept(Stamp(actor, START + timedelta(minutes=5), uuid4()))
    return list(case.events)


def test_row_level_security_refuses_every_center_but_the_joint_windows_two(
    central: CentralDatabase,  # noqa: F811
    bayannur: Bayannur,
) -> None:
    joint_actor = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", bayannur.joint.name)
    plain_actor = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", bayannur.plain.name)
    # a district counter that is not a joint window cannot write the city's cases
    with central.connect(bayannur.plain) as plain, pytest.raises(errors.InsufficientPrivilege):
        push(plain, city_receipt(plain_actor), CITY)
    with central.connect(bayannur.joint) as joint:
        # nor the joint window into a neighbouring county
        with pytest.raises(errors.InsufficientPrivilege):
            push(joint, city_receipt(joint_actor, NEIGHBOUR), NEIGHBOUR)
        # a receipt filed under the city that does not name the city, or the reverse
        for events, center in (
            (city_receipt(joint_actor, "")[:1], CITY),
            (city_receipt(joint_actor, CITY)[:1], DISTRICT),
        ):
            with pytest.raises(psycopg.Error, match="不属于中心") as refused:
                push(joint, events, center)
            assert refused.value.sqlstate == "OWJ03"
        # a case of the city: its receipt under the city, its next event not elsewhere
        received, accepted = city_receipt(joint_actor)
        push(joint, [received], CITY)
        with pytest.raises(psycopg.Error, match="属于另一个中心"):
            push(joint, [accepted], DISTRICT)
        push(joint, [accepted], CITY)
    assert CITY in centers_of_cases(central).values()
