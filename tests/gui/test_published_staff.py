"""What a counter shows of the staff the central publishes: the sign-in says how old the
list it knows is (offline, it signs in whoever that list holds); a person disabled elsewhere
is locked out at the next pull, the intake they typed kept behind the lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from app.bootstrap import Services
from app.domain.messages import msg, to_json
from app.services.demo import DEMO_PASSWORD
from app.services.sync import PROBLEM
from app.services.sync_directory import STAFF_AS_OF
from tests.gui.conftest import type_text, wait_idle
from ui.login import LoginDialog
from ui.operations import Operations


def set_marks(home: Path, marks: dict[str, str]) -> None:
    """Marks as a pull and a failed round leave them (written beside the services)."""
    with sqlite3.connect(home / "onewindow.sqlite3") as store:
        store.executemany(
            "INSERT OR REPLACE INTO sync_marks (name, value) VALUES (?, ?)", marks.items()
        )


def test_the_sign_in_says_how_old_the_staff_list_is_when_offline(
    qtbot, services: Services, operations: Operations, tmp_path: Path
) -> None:
    services.settings.update({"central_url": "postgresql://c:pw@central.invalid/onewindow"})
    set_marks(
        tmp_path,
        {
            STAFF_AS_OF: "2026-12-07T09:30:00+08:00",
            PROBLEM: to_json(msg("无法连接中心数据库")),
        },
    )
    dialog = LoginDialog(services, operations)
    qtbot.addWidget(dialog)
    dialog.show()

    qtbot.waitUntil(lambda: dialog.staff_age.isVisible(), timeout=5000)
    assert dialog.staff_age.text() == "人员名单更新于 12月7日 09:30（离线）"


def test_no_staff_age_without_a_central(qtbot, services: Services, operations: Operations) -> None:
    dialog = LoginDialog(services, operations)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot, operations)
    assert not dialog.staff_age.isVisible()


def test_a_clerk_disabled_elsewhere_is_locked_out_at_the_next_pull_with_the_intake_kept(
    qtbot, sign_in, services: Services, workers
) -> None:
    window = sign_in("scjg01")
    type_text(qtbot, window.intake.applicant.fields["name"].edit, "李四")
    admin = services.auth.login("admin", DEMO_PASSWORD)
    member = services.staff.member(admin, "scjg01")
    services.staff.disable(admin, "scjg01", member.version)  # as a pull folds it in

    window.sync.directory_changed.emit()

    qtbot.waitUntil(lambda: window.lock_dialog is not None, timeout=5000)
    dialog = window.lock_dialog
    assert dialog is not None and "停用" in dialog.error.text()
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() == "密码不正确", timeout=5000)
    assert window.lock_dialog is dialog  # their password no longer opens it

    services.staff.enable(admin, "scjg01", member.version + 1)  # enabled again
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=5000)
    assert window.intake.applicant.fields["name"].edit.text() == "李四"
    wait_idle(qtbot, workers.storage)
