"""The central's lists of directory event kinds (migrations 0015, 0017) are the domain's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from app.domain.center_settings import SETTING_CHANGED
from app.domain.staff_events import KINDS
from app.domain.windows import WindowEventKind

MIGRATION = (
    Path(__file__).resolve().parents[2] / "app/central/migrations/versions/0015_directory.py"
)


def test_the_central_knows_every_staff_and_window_kind() -> None:
    spec = importlib.util.spec_from_file_location("directory_migration", MIGRATION)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert set(migration.STAFF_KINDS) == set(KINDS.values())
    assert set(migration.WINDOW_KINDS) == {kind.value for kind in WindowEventKind}


def test_the_central_knows_the_center_setting_kind() -> None:
    path = MIGRATION.with_name("0017_center_settings.py")
    spec = importlib.util.spec_from_file_location("center_settings_migration", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.SETTING_KINDS == [SETTING_CHANGED]
