"""Levels of centers (三级联动) as the catalog and a counter know them.

An item is declared at one or more levels of center (city / district / township; a province
too): a center's counters accept only the items declared at their center's level (a
township does not accept a city-only item). A joint window (Bayannur: the city's and the
district's counterparts at one window) stands for its own center and the center above it,
and accepts the items of both; each case belongs to the center whose item it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.messages import Message, msg


class CenterLevel(StrEnum):
    """The levels of the tree of centers, from the top (the central's `centers.level`)."""

    PROVINCE = "province"  # 省级
    CITY = "city"  # 市级
    DISTRICT = "district"  # 县（区）级
    TOWNSHIP = "township"  # 乡镇（街道）级


LEVEL_NAMES: dict[str, Message] = {
    CenterLevel.PROVINCE: msg("省级"),
    CenterLevel.CITY: msg("市级"),
    CenterLevel.DISTRICT: msg("县（区）级"),
    CenterLevel.TOWNSHIP: msg("乡镇（街道）级"),
}
#: An item that names no level is declared at every level (the catalogs written before).
EVERY_LEVEL = tuple(CenterLevel)


def declared_levels(raw: Iterable[object]) -> tuple[CenterLevel, ...]:
    """The levels `raw` names, once each, top first; ValueError for a name not a level or none."""
    levels = {CenterLevel(str(level).strip()) for level in raw}
    if not levels:
        raise ValueError("no level")
    return tuple(level for level in CenterLevel if level in levels)


def level_names(levels: Iterable[CenterLevel]) -> str:
    """The levels in words, joined as the catalog shows them: 市级、县（区）级."""
    return "、".join(str(LEVEL_NAMES[level]) for level in levels)


class Side(StrEnum):
    """Whose a case accepted at a counter is: its own center's or, at a joint window, the
    center above's."""

    OWN = "own"
    JOINT = "joint"


@dataclass(frozen=True)
class Place:
    """Where a counter stands: its center's level, code and the center above's code, and at a
    joint window the level of the center above whose items it accepts too (None elsewhere)."""

    level: CenterLevel
    joint: CenterLevel | None = None
    center: str = ""  # this center's code, and the center above's ("" when not registered)
    above: str = ""

    def case_center(self, levels: Iterable[CenterLevel]) -> str:
        """The center a case of an item declared at `levels` is written to: "" for this
        counter's own, the center above's code for its item at a joint window."""
        return self.above if self.side_for(levels) is Side.JOINT else ""

    def side_for(self, levels: Iterable[CenterLevel]) -> Side | None:
        """Whose a case of an item declared at `levels` is here: the own center's when the item
        is declared at its level (an item of both levels stays with the window's own center),
        else the center above's at a joint window, else None (not accepted here)."""
        declared = set(levels)
        if self.level in declared:
            return Side.OWN
        if self.joint is not None and self.joint in declared:
            return Side.JOINT
        return None

    def refusal(self, levels: Iterable[CenterLevel]) -> Message | None:
        """Why an item declared at `levels` is not accepted here, in words; None when it is."""
        levels = tuple(levels)
        if self.side_for(levels) is not None:
            return None
        here = level_names((self.level,) if self.joint is None else (self.joint, self.level))
        return msg(
            "此事项由{declared}中心受理，本窗口（{here}）不能受理",
            declared=level_names(levels),
            here=here,
        )


#: A counter of a city center, not a joint window: what a counter is unless registered otherwise.
CITY_COUNTER = Place(CenterLevel.CITY)
