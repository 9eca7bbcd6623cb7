"""A counter accepts only the items declared at its center's level (services on a real store)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.case import IllegalTransition
from app.domain.roles import Actor, Role
from app.services.cases import Accept
from app.services.demo_people import demo_person
from app.settings import Settings
from tests.integration.store_harness import counts, open_store

HOSPITAL = "WJ-XK-003"  # 医疗机构设置审批（三级医院）: declared by the city only
TEMPORARY_ID = "GA-QT-002"  # 临时居民身份证申领: district and township
WJ = Actor("wj01", "卫健窗口", Role.CLERK, "WJ", "C01", "counter-01")
GA = Actor("ga01", "公安窗口", Role.CLERK, "GA", "B01", "counter-01")


def at_level(home: Path, level: str) -> Services:
    settings = Settings.load(home / "settings.json")
    settings.set("center_level", level)
    settings.save()
    return open_store(home)


@pytest.fixture
def township(tmp_path: Path) -> Iterator[Services]:
    services = at_level(tmp_path, "township")
    yield services
    services.close()


def receive(services: Services, actor: Actor, code: str, decide: bool = True) -> str:
    item = services.catalog.item(code)
    materials = [m.name for m in item.required_materials]
    person = demo_person(random.Random(3))
    decision = Accept() if decide else None
    return services.cases.receive(actor, code, person, materials, decision).case.case_no


def test_a_township_counter_refuses_a_city_only_item_even_at_reception(
    township: Services,
) -> None:
    hospital = township.catalog.item(HOSPITAL)
    refusal = township.cases.refusal(WJ, hospital)
    assert refusal is not None and "市级" in str(refusal)
    assert not township.cases.can_accept(WJ, hospital)
    before = counts(township)
    for decide in (True, False):
        with pytest.raises(IllegalTransition, match="市级"):
            receive(township, WJ, HOSPITAL, decide)
    assert counts(township) == before
    assert receive(township, GA, TEMPORARY_ID)  # declared at the township: accepted


def test_a_city_counter_accepts_the_citys_item_and_not_a_township_one(tmp_path: Path) -> None:
    city = at_level(tmp_path, "city")
    try:
        assert city.cases.can_accept(WJ, city.catalog.item(HOSPITAL))
        assert receive(city, WJ, HOSPITAL)
        with pytest.raises(IllegalTransition, match="县（区）级、乡镇（街道）级"):
            receive(city, GA, TEMPORARY_ID)
    finally:
        city.close()
