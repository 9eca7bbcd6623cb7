"""Items declared at levels of center, and where a counter stands: which items it accepts
and whose each case is (a joint window's own center's, or the center above's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.catalog import CatalogError, Item
from app.domain.levels import EVERY_LEVEL, CenterLevel, Place, Side, declared_levels

ITEMS = json.loads(
    (Path(__file__).resolve().parents[3] / "resources" / "catalog" / "items.json").read_text(
        "utf-8"
    )
)
CITY, DISTRICT, TOWNSHIP = CenterLevel.CITY, CenterLevel.DISTRICT, CenterLevel.TOWNSHIP


def raw(code: str) -> dict[str, object]:
    return dict(next(i for i in ITEMS if i["code"] == code))


def test_an_item_names_its_levels_and_one_naming_none_is_declared_at_every_level() -> None:
    hospital = Item.from_dict(raw("WJ-XK-003"))  # 三级医院设置审批: the city's
    assert hospital.levels == (CITY,)
    assert Item.from_dict(raw("GA-QT-002")).levels == (DISTRICT, TOWNSHIP)
    assert Item.from_dict(raw("SCJG-DJ-001")).levels == EVERY_LEVEL
    assert Item.from_dict(hospital.to_dict()) == hospital


@pytest.mark.parametrize("levels", [["county"], [], "city"])
def test_a_level_that_is_not_one_is_refused_with_the_field_named(levels: object) -> None:
    with pytest.raises(CatalogError, match="受理层级"):
        Item.from_dict({**raw("WJ-XK-003"), "levels": levels})


def test_levels_are_kept_once_each_from_the_top() -> None:
    assert declared_levels(["township", "city", "township"]) == (CITY, TOWNSHIP)


def test_a_township_does_not_accept_a_city_only_item_and_says_who_does() -> None:
    township = Place(TOWNSHIP)
    assert township.side_for((CITY,)) is None
    refusal = township.refusal((CITY,))
    assert refusal is not None
    assert "市级" in str(refusal) and "乡镇（街道）级" in str(refusal)
    assert township.side_for((DISTRICT, TOWNSHIP)) is Side.OWN
    assert township.refusal((DISTRICT, TOWNSHIP)) is None


def test_a_joint_window_accepts_both_levels_and_each_case_is_its_items_centers() -> None:
    joint = Place(DISTRICT, joint=CITY)
    assert joint.side_for((CITY,)) is Side.JOINT  # the city's item: the city's case
    assert joint.side_for((DISTRICT,)) is Side.OWN
    assert joint.side_for((CITY, DISTRICT)) is Side.OWN  # both: the window's own center's
    assert joint.side_for((TOWNSHIP,)) is None
    assert Place(DISTRICT).side_for((CITY,)) is None  # not a joint window
