"""Sync as the counter sees it, against a real central: a case just accepted is on the central
within moments, the status bar says online and how many wait; offline, the cases stay and
the status bar says so in red."""

from __future__ import annotations

import random
import time
from datetime import date

import pytest
from PySide6.QtGui import QAction
from sqlalchemy import make_url

from app.services.cases import Accept
from app.services.demo_people import demo_person, demo_step_record
from tests.gui.conftest import accept_case
from tests.integration.central_harness import central, central_server  # noqa: F401
from tests.integration.sync_harness import make_counter

#: The form of an out-of-hall step (the demo cases' site surveys), recorded afterwards.
SURVEY = demo_step_record(date(2026, 11, 2))

pytestmark = pytest.mark.gui


def central_events(central) -> int:  # noqa: ANN001, F811
    with central.connect() as connection:
        return connection.execute("SELECT count(*) FROM central.events").fetchone()[0]


@pytest.fixture
def registered(services, central):  # noqa: ANN001, ANN201, F811
    """This counter registered on the central as counter-01, and its URL set."""
    central.add_center("C1")
    counter = central.add_counter("C1", 1)
    services.settings.set("terminal_name", counter.name)
    services.settings.set("central_url", counter.url(central.url))
    return counter


def test_a_case_reaches_the_central_right_after_it_is_saved(
    qtbot,
    sign_in,
    services,
    central,  # noqa: F811
    registered,
):
    window = sign_in("scjg01")
    qtbot.waitUntil(lambda: "在线" in window.sync.state_label.text(), timeout=10000)
    window.sync._timer.stop()  # no scheduled round: only saving the case can push it
    before = central_events(central)
    accept_case(qtbot, window)
    saved = time.monotonic()
    qtbot.waitUntil(lambda: central_events(central) == before + 2, timeout=30000)
    print(f"case on the central {time.monotonic() - saved:.2f} s after it was saved")
    qtbot.waitUntil(lambda: "待上传 0 条" in window.sync.state_label.text(), timeout=5000)
    assert window.sync.state_label.property("error") is False


def test_offline_the_cases_wait_and_the_status_bar_says_so(
    qtbot,
    sign_in,
    services,
    registered,
):
    url = make_url(services.settings["central_url"]).set(port=1)
    services.settings.set("central_url", url.render_as_string(hide_password=False))
    window = sign_in("scjg01")
    accept_case(qtbot, window)
    qtbot.waitUntil(lambda: "离线 · 待上传 2 条" in window.sync.state_label.text(), timeout=10000)
    assert window.sync.state_label.property("error") is True
    assert "无法连接中心数据库" in window.sync.state_label.toolTip()
    assert registered.password not in window.sync.state_label.toolTip()


def test_without_a_central_the_counter_says_it_keeps_everything_here(qtbot, sign_in):
    window = sign_in("scjg01")
    qtbot.waitUntil(lambda: "未设置" in window.sync.state_label.text(), timeout=5000)


def test_a_case_pushed_at_another_counter_appears_here_at_once(
    qtbot,
    sign_in,
    services,
    central,  # noqa: F811
    registered,
    tmp_path,
):
    window = sign_in("scjg01")
    qtbot.waitUntil(lambda: "在线" in window.sync.state_label.text(), timeout=10000)
    window.sync._timer.stop()  # no scheduled round: only the central's notification can
    other = make_counter(tmp_path / "other", central, "C1", 2)
    try:
        case_no = other.receive()
        other.services.sync.sync_once()
        pushed = time.monotonic()

        def listed() -> bool:
            return case_no in [e.summary.case_no for e in window.cases.model.entries]

        qtbot.waitUntil(listed, timeout=30000)  # the notification, not a scheduled round
        print(f"listed here {time.monotonic() - pushed:.2f} s after the other counter pushed")
    finally:
        other.close()


def test_the_supervisor_reads_the_quarantine_and_the_clerk_has_no_such_menu(
    qtbot,
    sign_in,
    services,
    central,  # noqa: F811
    registered,
):
    clerk = sign_in("scjg01")
    assert clerk.findChild(QAction, "open_quarantine") is None
    case_no = accept_case(qtbot, clerk, "食品经营许可")
    qtbot.waitUntil(lambda: "待上传 0 条" in clerk.sync.state_label.text(), timeout=5000)
    # the same step written at another counter first: this counter's next event forks
    other = make_counter(services.paths.data / "other", central, "C1", 2)
    try:
        other.services.sync.sync_once()
        step = other.services.cases.detail(other.clerk, case_no).case.current_step
        other.services.cases.complete_step(other.clerk, case_no, step, "另一窗口", form=SURVEY)
        other.services.sync.sync_once()
    finally:
        other.close()
    services.cases.complete_step(clerk.actor, case_no, step, "本窗口", form=SURVEY)
    clerk.sync.sync_now()
    qtbot.waitUntil(lambda: "隔离 2 条" in clerk.sync.state_label.text(), timeout=5000)
    assert clerk.sync.state_label.property("error") is True

    supervisor = sign_in("jiancha")
    supervisor.findChild(QAction, "open_quarantine").trigger()
    dialog = supervisor.quarantine
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=5000)
    rows = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(2)
    ]
    assert {row[2] for row in rows} == {case_no}
    assert {row[1] for row in rows} == {"本机上传被拒", "中心记录与本机冲突"}
    assert all("分叉" in row[5] for row in rows)


def test_catching_up_shows_its_progress_and_the_window_answers_meanwhile(
    qtbot,
    sign_in,
    services,
    registered,
):
    window = sign_in("scjg01")
    qtbot.waitUntil(lambda: "在线" in window.sync.state_label.text(), timeout=10000)
    services.settings.set("sync_batch", 20)
    item = services.catalog.item("SCJG-XK-001")
    materials = [m.name for m in item.required_materials]
    people = random.Random(3)
    for _ in range(150):  # a morning offline: 300 events waiting
        services.cases.receive(window.actor, item.code, demo_person(people), materials, Accept())
    seen: list[tuple[int, int, bool]] = []
    window.sync.progressed.connect(
        lambda done, of: seen.append((done, of, window.sync.progress.isVisible()))
    )
    window.sync.sync_now()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    asked = time.monotonic()
    window.cases.refresh()  # the storage worker answers while the sync worker pushes
    qtbot.waitUntil(lambda: not window._operations.busy, timeout=5000)
    answered = time.monotonic() - asked
    qtbot.waitUntil(lambda: seen[-1][:2] == (300, 300), timeout=20000)
    assert len(seen) == 15  # a step per batch of 20
    assert any(visible for *_, visible in seen[:-1])  # the bar showed while catching up
    qtbot.waitUntil(lambda: not window.sync.progress.isVisible(), timeout=5000)  # then goes
    assert "待上传 0 条" in window.sync.state_label.text()
    print(f"the case list answered in {answered:.2f} s during the catch-up")
