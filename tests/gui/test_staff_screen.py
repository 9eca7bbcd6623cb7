"""The administrator's staff screen (管理 → 人员) and the sign-in that asks for a new
password after a reset, driven through the real widgets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from shiboken6 import isValid

from app.bootstrap import Services, bootstrap
from app.domain.roles import Actor, Role
from app.domain.staff_events import Profile
from app.paths import Paths
from app.services.demo import DEMO_AUTHORISATION
from app.services.time_source import FixedClock
from tests.gui.conftest import NOW, type_text, wait_idle
from tests.gui.test_language import (
    chinese_chrome,
    data_pattern,
    no_translator_left,  # noqa: F401 (a fixture)
    open_window,
    store_texts,
)
from tests.gui.test_screens import assert_every_window_fits
from ui.application import Session
from ui.counter_window import CounterWindow
from ui.operations import Workers
from ui.staff_form import StaffForm
from ui.staff_screen import StaffScreen

OTHER_ADMIN = Actor("admin2", "副管理员", Role.ADMINISTRATOR, None, "", "counter-02")


def open_screen(qtbot, window: CounterWindow) -> StaffScreen:  # noqa: ANN001
    admin_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "管理(&A)")
    next(a for a in admin_menu.actions() if a.text() == "人员…").trigger()
    screen = window.findChild(StaffScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=15000)
    return screen


def rows(screen: StaffScreen) -> list[str]:
    return [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())]


def select(qtbot, screen: StaffScreen, username: str) -> None:  # noqa: ANN001
    qtbot.keyClicks(screen.filter, username)
    row = rows(screen).index(username)
    screen.table.selectRow(row)


def test_the_list_filters_and_a_new_clerk_is_saved(qtbot, sign_in, workers: Workers) -> None:  # noqa: ANN001
    window = sign_in("admin")
    screen = open_screen(qtbot, window)
    assert "scjg01" in rows(screen) and "admin" in rows(screen)
    qtbot.keyClicks(screen.filter, "scjg")
    assert rows(screen) and all("scjg" in name for name in rows(screen))
    screen.filter.clear()

    qtbot.mouseClick(screen.buttons["new"], Qt.MouseButton.LeftButton)
    form = screen.form
    qtbot.keyClicks(form.username, "scjg01")  # taken
    type_text(qtbot, form.display_name, "王晓燕")
    form.department.setCurrentIndex(form.department.findData("SCJG"))
    qtbot.keyClicks(form.windows, "A02, A03")
    qtbot.keyClicks(form.password, "Counter2026")
    assert "至少8位" in form.findChild(type(form.error), "policy").text()
    form.buttons.accepted.emit()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=15000)
    assert form.error.text() == "用户名 scjg01 已存在"
    assert form.isVisible() and form.display_name.text() == "王晓燕"  # nothing typed is lost
    assert form.username.hasFocus() or not form.isActiveWindow()

    form.username.setText("wangxy")
    form.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "wangxy" in rows(screen), timeout=15000)
    wait_idle(qtbot, workers.storage)
    assert screen.message.text() == "已保存 wangxy" or screen.message.text().startswith("共")
    added = screen.model.members[[m.username for m in screen.model.members].index("wangxy")]
    assert added.windows == ("A02", "A03") and added.must_change_password


def test_a_change_made_meanwhile_is_told_and_the_form_keeps_what_was_typed(
    qtbot,
    sign_in,
    services: Services,  # noqa: ANN001
) -> None:
    window = sign_in("admin")
    screen = open_screen(qtbot, window)
    select(qtbot, screen, "scjg01")
    qtbot.mouseClick(screen.buttons["change"], Qt.MouseButton.LeftButton)
    form: StaffForm = screen.form
    qtbot.waitUntil(lambda: form.history.count() > 0, timeout=15000)
    assert form.history.item(0).text().startswith("第1版  ")  # the person's log
    assert form.history.item(0).text().endswith("system（counter-01）  新建人员")
    held = services.staff.member(OTHER_ADMIN, "scjg01")
    services.staff.change(
        OTHER_ADMIN,
        "scjg01",
        held.version,
        Profile(held.display_name, Role.CLERK, "SCJG", ("A09",)),
    )
    form.display_name.setText("市场监管窗口（新名）")
    form.buttons.accepted.emit()
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=15000)
    assert form.error.text().startswith("此人员资料已被 admin2 于 ")
    assert form.error.text().endswith("修改，请重新打开")
    assert form.isVisible() and form.display_name.text() == "市场监管窗口（新名）"


def test_the_grant_picker_offers_the_chiefs_department_only(qtbot, sign_in) -> None:  # noqa: ANN001
    window = sign_in("admin")
    screen = open_screen(qtbot, window)
    select(qtbot, screen, "scjg-chief")
    qtbot.mouseClick(screen.buttons["grant"], Qt.MouseButton.LeftButton)
    dialog = screen.grant_dialog
    codes = [
        dialog.items.item(n).data(Qt.ItemDataRole.UserRole) for n in range(dialog.items.count())
    ]
    assert codes and all(code.startswith("SCJG-") for code in codes)
    assert dialog.document.text() == "江政务授〔2026〕1号"  # the document on record
    dialog.document.clear()
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=15000)
    assert dialog.error.text() == "请填写授权文件的文号和日期"


def test_a_reset_password_is_replaced_before_the_window_opens(
    qtbot,
    sign_in,
    services: Services,
    workers: Workers,  # noqa: ANN001
) -> None:
    admin = services.auth.login("admin", "demo1234")
    member = services.staff.member(admin, "scjg01")
    one_time = services.staff.reset_password(admin, "scjg01", member.version)
    session = Session(services, workers, None)
    session.show_login()
    login = session.login
    qtbot.addWidget(login)
    qtbot.keyClicks(login.username, "scjg01")
    qtbot.keyClicks(login.password, one_time)
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.new_password.isVisible(), timeout=15000)
    assert session.window is None
    assert login.error.text() == "管理员已重置您的密码，请先设置新密码"
    assert "至少8位" in login.policy.text()
    qtbot.keyClicks(login.new_password, "scjg01abc9")
    qtbot.keyClicks(login.repeated, "scjg01abc9")
    qtbot.keyClick(login.repeated, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "用户名" in login.error.text(), timeout=15000)
    assert session.window is None
    for field in (login.new_password, login.repeated):
        field.setText("Window2026x")
    qtbot.keyClick(login.repeated, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.window is not None, timeout=15000)
    assert session.window is not None and session.window.actor.username == "scjg01"
    session.window.close()


class Gate:
    """Holds a wrong password's answer until the test opens it."""

    def __init__(self) -> None:
        self.waiting = threading.Event()
        self.opened = threading.Event()

    def __call__(self, seconds: float) -> None:
        self.waiting.set()
        self.opened.wait(10)


@pytest.fixture
def gate() -> Gate:
    return Gate()


@pytest.fixture
def gated(seeded_home: Path, tmp_path: Path, gate: Gate) -> Iterator[Services]:
    (tmp_path / "onewindow.sqlite3").write_bytes((seeded_home / "onewindow.sqlite3").read_bytes())
    paths = Paths(tmp_path, tmp_path, tmp_path / "logs")
    services = bootstrap(paths, clock=FixedClock(NOW), login_pause=gate)
    yield services
    services.close()


def test_a_wrong_password_is_answered_slowly_without_freezing_the_dialog(
    qtbot,
    gated: Services,
    workers: Workers,
    gate: Gate,  # noqa: ANN001
) -> None:
    session = Session(gated, workers, None)
    session.show_login()
    login = session.login
    qtbot.addWidget(login)
    qtbot.keyClicks(login.username, "scjg01")
    qtbot.keyClicks(login.password, "wrong2026")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(gate.waiting.is_set, timeout=15000)
    assert not login.submit.isEnabled()  # the answer is being held back …
    qtbot.keyClicks(login.username, "x")  # … while the dialog still takes keys
    assert login.username.text() == "scjg01x"
    gate.opened.set()
    qtbot.waitUntil(lambda: login.error.text() != "", timeout=15000)
    assert login.error.text() == "用户名或密码不正确"


def test_the_staff_screen_and_its_dialogs_fit_a_1024_by_768_screen(qtbot, sign_in) -> None:  # noqa: ANN001
    window = sign_in("admin")
    screen = open_screen(qtbot, window)
    seen = assert_every_window_fits()
    qtbot.mouseClick(screen.buttons["new"], Qt.MouseButton.LeftButton)
    seen += assert_every_window_fits()
    screen.form.reject()
    select(qtbot, screen, "scjg-chief")
    qtbot.mouseClick(screen.buttons["change"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.form.history.count() > 0, timeout=15000)
    seen += assert_every_window_fits()
    screen.form.reject()
    qtbot.mouseClick(screen.buttons["grant"], Qt.MouseButton.LeftButton)
    seen += assert_every_window_fits()
    screen.grant_dialog.reject()
    assert {"staff_screen", "staff_form", "staff_grant"} <= set(seen)


@pytest.mark.usefixtures("no_translator_left")
def test_the_staff_screen_in_english_shows_no_chinese_outside_the_data(
    qtbot,
    qapp,
    sign_in,
    services: Services,  # noqa: ANN001
) -> None:
    window = sign_in("admin")
    window.show()
    window.language_chosen.emit("en")
    qtbot.waitUntil(lambda: not isValid(window) or not window.isVisible(), timeout=15000)
    window = open_window(qtbot)
    example = "江市监授〔2026〕3号"  # a document number is written in Chinese: the example too
    known = data_pattern(store_texts(services) | {DEMO_AUTHORISATION.number, example})
    window.findChild(QAction, "open_staff").trigger()
    screen = window.findChild(StaffScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=15000)
    assert screen.windowTitle() == "Staff"
    found = chinese_chrome(screen, known)
    select(qtbot, screen, "scjg-chief")
    screen.change()
    qtbot.waitUntil(lambda: screen.form.history.count() > 0, timeout=15000)
    found += chinese_chrome(screen.form, known)
    screen.form.reject()
    screen.grant()
    found += chinese_chrome(screen.grant_dialog, known)
    screen.grant_dialog.reject()
    screen.add()
    found += chinese_chrome(screen.form, known)
    screen.form.reject()
    screen.close()
    assert found == [], "\n".join(found)
