"""The audit screen (管理 → 操作日志) on the real window: administrators and supervisors open
it, clerks do not see it; it searches by person, terminal, action and dates, newest first, a
page at a time, and says whose trail it shows; the lock, the unlock and the sign-out are in
it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction

from app.domain.audit import ACTION_MESSAGES, AuditAction, AuditQuery
from app.domain.roles import Actor, Role
from app.services.demo import DEMO_AUTHORISATION
from tests.gui.test_language import (  # noqa: F401
    chinese_chrome,
    data_pattern,
    no_translator_left,
    store_texts,
)
from tests.gui.test_sync_status import registered  # noqa: F401
from tests.integration.central_harness import central, central_server  # noqa: F401
from tests.integration.sync_harness import make_counter
from ui.application import Session
from ui.audit_view import PAGE, AuditDialog
from ui.language import install_translation
from ui.messages import render

ADMIN = Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "counter-01")


def open_audit(qtbot, window) -> AuditDialog:  # noqa: ANN001
    action = window.findChild(QAction, "open_audit")
    assert action is not None
    action.trigger()
    dialog = window.findChild(AuditDialog, "audit")
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.search.isEnabled() and dialog.source.text() != "", timeout=5000)
    return dialog


def column(dialog: AuditDialog, number: int) -> list[str]:
    return [dialog.table.item(row, number).text() for row in range(dialog.table.rowCount())]


def search(qtbot, dialog: AuditDialog) -> None:  # noqa: ANN001
    dialog.source.clear()
    qtbot.mouseClick(dialog.search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.search.isEnabled() and dialog.source.text() != "", timeout=5000)


def test_the_administrator_searches_the_trail_by_person_action_and_date(qtbot, sign_in, services):
    services.auth.login("scjg01", "demo1234")
    services.counter_settings.change(ADMIN, {"idle_lock_minutes": 5})
    window = sign_in("admin")
    dialog = open_audit(qtbot, window)

    assert "本终端的操作日志" in dialog.source.text()  # no central set for this counter
    assert column(dialog, 2)[:3] == ["admin", "admin", "scjg01"]  # newest first
    assert column(dialog, 3)[:2] == [render(ACTION_MESSAGES[AuditAction.LOGIN]), "修改设置"]
    assert column(dialog, 5)[1] == "原值：10；新值：5"

    qtbot.keyClicks(dialog.user, "scjg01")
    search(qtbot, dialog)
    assert column(dialog, 2) == ["scjg01"]

    dialog.user.clear()
    dialog.action.setCurrentIndex(dialog.action.findData(AuditAction.SETTINGS_CHANGED.value))
    search(qtbot, dialog)
    assert column(dialog, 4) == ["idle_lock_minutes"]

    dialog.action.setCurrentIndex(0)
    day = services.clock.now().date() - timedelta(days=1)
    dialog.until.setDate(QDate(day.year, day.month, day.day))
    search(qtbot, dialog)
    assert dialog.table.rowCount() == 0 and dialog.place.text() == "没有符合条件的操作记录"


def test_a_long_trail_is_shown_a_page_at_a_time(qtbot, sign_in, services):
    for number in range(PAGE + 20):
        services.audit.record("admin", AuditAction.SETTINGS_CHANGED, f"key{number}")
    window = sign_in("admin")
    dialog = open_audit(qtbot, window)
    qtbot.keyClicks(dialog.user, "admin")  # not the demo accounts' creation at set-up
    search(qtbot, dialog)
    assert dialog.table.rowCount() == PAGE and dialog.on.isEnabled() and not dialog.back.isEnabled()

    qtbot.mouseClick(dialog.on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.back.isEnabled(), timeout=5000)
    assert dialog.table.rowCount() == 21  # the first page: the sign-in and key119 … key21
    assert not dialog.on.isEnabled()
    assert column(dialog, 4)[0] == "key20" and column(dialog, 4)[-1] == "key0"
    assert dialog.place.text() == f"第 {PAGE + 1}–{PAGE + 21} 条"


def test_supervisors_open_it_and_clerks_do_not_see_it(qtbot, sign_in):
    supervisor = sign_in("jiancha")
    assert open_audit(qtbot, supervisor).table.rowCount() >= 1
    clerk = sign_in("scjg01")
    assert clerk.findChild(QAction, "open_audit") is None


def test_the_lock_the_unlock_and_the_sign_out_are_recorded(qtbot, sign_in, services, workers):
    window = sign_in("scjg01")
    window.lock()
    dialog = window.lock_dialog
    qtbot.keyClicks(dialog.password, "not-it")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "demo1234")
    qtbot.mouseClick(dialog.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.lock_dialog is None, timeout=5000)
    qtbot.waitUntil(lambda: not workers.storage.busy, timeout=5000)
    session = Session(services, workers)
    session.window = window
    session.sign_out()

    found = services.audit.search(ADMIN, AuditQuery(actor="scjg01"))
    assert [e.action for e in reversed(found)] == [
        AuditAction.LOGIN,
        AuditAction.SCREEN_LOCKED,
        AuditAction.SCREEN_UNLOCK_FAILED,
        AuditAction.SCREEN_UNLOCKED,
        AuditAction.LOGOUT,
    ]


def test_connected_it_shows_the_whole_centers_trail_from_the_central(
    qtbot,
    sign_in,
    central,  # noqa: F811
    registered,  # noqa: F811
    tmp_path,
):
    other = make_counter(tmp_path / "other", central, "C1", 2)
    try:
        other.services.audit.record("admin", AuditAction.SETTINGS_CHANGED, "center_name")
        other.services.sync.sync_once()
    finally:
        other.close()
    window = sign_in("admin")
    dialog = open_audit(qtbot, window)

    assert "本中心各终端的操作日志" in dialog.source.text()
    rows = list(zip(column(dialog, 1), column(dialog, 2), column(dialog, 4), strict=True))
    assert (other.registration.name, "admin", "center_name") in rows
    assert rows.count((registered.name, "admin", "")) == 1  # this sign-in, pushed or not yet


def test_in_english_it_shows_no_chinese_outside_the_data(qtbot, qapp, sign_in, services):
    services.counter_settings.change(ADMIN, {"idle_lock_minutes": 5})
    install_translation(qapp, "en")
    window = sign_in("admin")
    dialog = open_audit(qtbot, window)

    assert column(dialog, 5)[1] == "From: 10; To: 5"
    assert column(dialog, 3)[:2] == ["Sign-in", "Settings changed"]
    # the demo chiefs' authorisation document, in the trail's grants, is data too
    known = data_pattern(store_texts(services) | {DEMO_AUTHORISATION.number})
    assert chinese_chrome(dialog, known) == []
    assert [line for line in chinese_chrome(window, known) if "Menu" in line] == []
