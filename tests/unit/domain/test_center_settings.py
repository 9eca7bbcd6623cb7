"""The fold of a center's setting events, and the rules their values are checked by: the
latest version's value stands, a value its rule refuses leaves the last good one, and the
version goes on from the latest event either way."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from app.domain.center_settings import SettingEvent, fold
from app.domain.events import CHINA_TIME
from app.setting_declarations import CENTER_KEYS
from app.settings import Settings, accepts

AT = datetime(2026, 12, 7, 10, 0, tzinfo=CHINA_TIME)


def change(key: str, version: int, value: Any, actor: str = "admin") -> SettingEvent:
    return SettingEvent(uuid4(), key, version, value, actor, "counter-01", AT)


def test_the_center_s_settings_are_declared_with_one_word() -> None:
    assert {
        "center_name",
        "center_phone",
        "idle_lock_minutes",
        "login_lock_failures",
        "login_lock_minutes",
        "office_opens",
        "office_closes",
        "queue_elderly_age",
        "queue_weight_appointment",
        "queue_weight_elderly",
        "queue_weight_disabled",
        "queue_weight_green_channel",
        "queue_longest_wait_minutes",
        "appointment_early_minutes",
        "appointment_late_minutes",
    } == CENTER_KEYS


def test_the_latest_version_stands_whatever_order_the_events_come_in() -> None:
    events = [change("idle_lock_minutes", 2, 7, "admin2"), change("idle_lock_minutes", 1, 5)]
    held = fold(events, accepts)
    assert held.effective() == {"idle_lock_minutes": 7}
    assert held.values["idle_lock_minutes"].actor == "admin2"
    assert held.next_version("idle_lock_minutes") == 3
    assert held.next_version("center_name") == 1


@pytest.mark.parametrize(
    "bad",
    [0, 241, "5", True, None, 5.0],
    ids=["below", "above", "text", "yes", "null", "fraction"],
)
def test_a_value_its_rule_refuses_leaves_the_last_good_one(bad: Any) -> None:
    held = fold([change("idle_lock_minutes", 1, 5), change("idle_lock_minutes", 2, bad)], accepts)
    assert held.effective() == {"idle_lock_minutes": 5}
    assert held.next_version("idle_lock_minutes") == 3  # the next change follows the central


def test_only_the_center_s_settings_are_taken_from_the_center() -> None:
    assert accepts("office_opens", "08:30")
    assert not accepts("office_opens", "13:00")  # the rule: 05:00-12:00
    assert not accepts("terminal_no", 5)  # the terminal's own, never the center's
    assert not accepts("no_such_setting", 1)
    assert fold([change("terminal_no", 1, 5)], accepts).effective() == {}


def test_the_center_s_value_stands_over_the_file_s_until_none_is_known(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path / "settings.json")
    assert settings["center_name"] == "江川市政务服务中心" and not settings.from_center(
        "center_name"
    )
    settings.adopt_center({"center_name": "江川市民中心", "terminal_no": 9})
    assert settings["center_name"] == "江川市民中心" and settings.from_center("center_name")
    assert settings["terminal_no"] == 1  # a terminal's setting is never the center's
    settings.save()
    assert Settings.load(tmp_path / "settings.json")["center_name"] == "江川市政务服务中心"
