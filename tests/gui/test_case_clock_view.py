"""What the window says of a case's clock: no completion date for a refusal or before
acceptance, the wait instead (and the five days of Art. 32 running out), how and when a case
closed, and an overdue case that the chief representative can no longer extend."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from app.domain.deadline import ClockLevel
from app.services.demo_people import demo_person
from tests.gui.conftest import NOW, VALID_ID, choose, confirm, type_text, wait_idle
from tests.gui.test_chief_desk import DEREGISTRATION, actor, open_desk, received, select
from ui.labels import CLOCK_COLOURS

pytestmark = pytest.mark.gui

TODAY = NOW.date().isoformat()  # Monday 2026-11-23


def row(qtbot, window, case_no: str) -> dict[str, object]:  # noqa: ANN001
    """The case's row in the case list, refreshed: its cells by column, and the clock colour."""
    window.cases.refresh()
    wait_idle(qtbot, window._operations, window.cases._operations)
    model = window.cases.model
    number = [e.summary.case_no for e in model.entries].index(case_no)
    cells: dict[str, object] = {
        key: model.data(model.index(number, column)) for column, key in enumerate(model.columns)
    }
    clock = model.index(number, model.columns.index("clock"))
    cells["colour"] = model.data(clock, Qt.ItemDataRole.ForegroundRole)
    return cells


def start_application(qtbot, window, item: str, seed: int) -> None:  # noqa: ANN001
    person = demo_person(random.Random(seed))
    choose(qtbot, window, item)
    type_text(qtbot, window.intake.applicant.fields["name"].edit, person.name)
    qtbot.keyClicks(window.intake.applicant.fields["id_number"].edit, person.id_number)


def test_a_refusal_has_no_completion_date_and_the_list_says_how_and_when_it_closed(qtbot, sign_in):
    window = sign_in("scjg01")
    intake = window.intake
    choose(qtbot, window, "营业执照遗失补领")
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    intake.note.insertPlainText("不属于本中心受理范围")  # as an input method commits it
    qtbot.keyClick(intake, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    confirm(qtbot, intake)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    message = intake.result.text()
    case_no = message.split()[1]
    assert message == f"办件 {case_no} 已登记：不予受理。"  # no "应于 … 前办结"
    cells = row(qtbot, window, case_no)
    assert cells["due"] == f"不予受理 {TODAY}"
    assert cells["clock"] == "未受理"


def test_a_correction_wait_shows_the_wait_not_a_countdown(qtbot, sign_in):
    window = sign_in("scjg01")
    start_application(qtbot, window, "有限责任公司设立登记", 7)
    qtbot.keyClick(window.intake, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in window.intake.result.text(), timeout=5000)
    message = window.intake.result.text()
    assert "已告知补正，等待申请人补齐材料" in message and "办结" not in message
    case_no = message.split()[1]
    cells = row(qtbot, window, case_no)
    assert (cells["due"], cells["clock"]) == ("—", "等待补正 0 个工作日")
    assert cells["colour"] == CLOCK_COLOURS[ClockLevel.WAITING]


def test_the_five_days_to_accept_are_counted_and_warned_of_when_they_run_out(
    qtbot, sign_in, services
):
    clerk = actor(services, "scjg01")
    item = services.catalog.item("SCJG-XK-001")
    materials = [m.name for m in item.required_materials]
    person = demo_person(random.Random(9))
    case_no = services.cases.receive(clerk, item.code, person, materials).case.case_no
    window = sign_in("scjg01")
    cells = row(qtbot, window, case_no)
    assert (cells["due"], cells["clock"]) == ("—", "已等待 0 个工作日")
    services.clock.advance(days=4)  # Friday: the fifth working day is Monday 2026-11-30
    cells = row(qtbot, window, case_no)
    assert cells["clock"] == "已等待 4 个工作日，五日受理期限将满"
    assert cells["colour"] == CLOCK_COLOURS[ClockLevel.WARNING]
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    assert "应于 2026-11-30 前受理或一次性告知补正" in window.detail.clock.text()
    assert "办结" not in window.detail.clock.text()


def test_an_overdue_case_cannot_be_extended_and_its_days_late_stay_shown(qtbot, sign_in, services):
    case_no = received(services, "scjg01", DEREGISTRATION, 4)
    due = services.cases.detail(actor(services, "scjg01"), case_no).deadline.due
    assert due is not None
    services.clock.advance(days=(due - NOW.date()).days + 3)  # past the due date
    desk = open_desk(qtbot, sign_in("scjg-chief"))
    select(qtbot, desk, case_no)
    late = desk.current.deadline.days_overdue
    assert late > 0
    assert not desk.decision.extend_button.isEnabled()
    summary = desk.summary.text()
    assert "已超出办理期限，不能再延长" in summary and f"超时 {late} 个工作日" in summary
