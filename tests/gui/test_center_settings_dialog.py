"""The settings dialog over the center's settings (中心统一设置): each says where its value
comes from (the center, or this terminal until the center has one); an administrator's
change is written as the center's (an event, not the file) and takes effect at once; a clerk
sees them read-only and the service refuses their change in words; offline, the dialog says
how old the center's settings held here are."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QSpinBox

from app.bootstrap import Services
from app.domain.roles import Actor, PermissionDenied, Role
from app.services.sync_directory import STAFF_AS_OF
from app.settings import Settings
from tests.gui.test_published_staff import set_marks
from ui.operations import Operations
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")
CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")


def test_an_administrator_s_change_is_the_center_s_and_says_so(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    window = sign_in("admin")
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.sources["idle_lock_minutes"].text() == "本机"  # the center has none yet
    assert "terminal_no" not in dialog.sources  # the terminal's own: no source shown
    spin = dialog.editors["idle_lock_minutes"]
    assert isinstance(spin, QSpinBox)
    spin.setValue(4)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: window.idle._timer.interval() == 4 * 60_000, timeout=5000)

    assert services.counter_settings.from_center("idle_lock_minutes")
    assert Settings.load(services.paths.settings)["idle_lock_minutes"] == 10  # not the file
    window.open_settings()
    assert window.settings_dialog.sources["idle_lock_minutes"].text() == "中心统一设置"
    window.settings_dialog.reject()


def test_a_clerk_sees_the_center_s_settings_read_only_and_is_refused_in_words(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    window = sign_in("scjg01")
    window.open_settings()
    dialog = window.settings_dialog
    for key in ("center_name", "idle_lock_minutes", "login_lock_failures", "office_opens"):
        assert not dialog.editors[key].isEnabled(), key
        assert dialog.sources[key].text() == "本机"
    assert "中心统一设置" in dialog.center_note.text()
    dialog.reject()
    with pytest.raises(PermissionDenied, match="窗口人员.*无权修改中心统一设置"):
        services.counter_settings.change(CLERK, {"idle_lock_minutes": 240})
    assert services.settings["idle_lock_minutes"] == 10


def test_offline_the_dialog_says_how_old_the_center_s_settings_are(
    qtbot,  # noqa: ANN001
    services: Services,
    operations: Operations,
    tmp_path: Path,
) -> None:
    services.settings.update({"central_url": "postgresql://counter_01@127.0.0.1:9/none"})
    never = SettingsDialog(services, operations, ADMIN, None)
    qtbot.addWidget(never)
    qtbot.waitUntil(lambda: never.center_age.text() != "", timeout=5000)
    assert never.center_age.text() == "中心统一设置尚未从中心取得（离线）：暂用本机的值"
    set_marks(tmp_path, {STAFF_AS_OF: "2026-11-22T16:05:00+08:00"})
    taken = SettingsDialog(services, operations, ADMIN, None)
    qtbot.addWidget(taken)
    qtbot.waitUntil(lambda: taken.center_age.text() != "", timeout=5000)
    assert taken.center_age.text() == "离线：中心统一设置更新于 11月22日 16:05"


def test_a_pulled_idle_lock_applies_without_a_restart(
    qtbot,  # noqa: ANN001
    sign_in,  # noqa: ANN001
    services: Services,
) -> None:
    window = sign_in("scjg01")
    assert window.idle._timer.interval() == 10 * 60_000
    # as a pull leaves it: the center's value in the store and in effect, then the round's news
    services.counter_settings.change(ADMIN, {"idle_lock_minutes": 6})
    window.sync.directory_changed.emit()
    assert window.idle._timer.interval() == 6 * 60_000
