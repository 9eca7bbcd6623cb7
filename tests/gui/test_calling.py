"""The calling bar at the counter, driven by its keys: call next, recall, no-show and one
rejoin, served, transfer, a walk-in; a kiosk ticket opening its received case filled; a
call refused while the intake holds typed work."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from app.domain.case import CaseStatus
from app.domain.tickets import Holder, TicketStatus
from app.services.demo_people import demo_person
from tests.gui.conftest import type_text, wait_idle
from tests.integration.store_harness import KIOSK

pytestmark = pytest.mark.gui

ITEM = "营业执照遗失补领"


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    """A key as the clerk presses it, anywhere in the window; then the answer."""
    window.activateWindow()  # back from a chooser (offscreen, nobody else gives it back)
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.intake.search.box, key, modifier)
    wait_idle(qtbot, window._operations)


def kiosk(services):  # noqa: ANN001, ANN201
    """The kiosk's actor (a kiosk account signs in only at a kiosk terminal)."""
    return KIOSK


def test_the_bar_calls_recalls_passes_rejoins_and_ends_with_the_keys(qtbot, sign_in, services):
    window = sign_in("scjg01")
    panel = window.calling
    assert panel is not None
    press(qtbot, window, Qt.Key.Key_F6)
    assert panel.result.text() == "没有等候的号。"
    first = services.queue.issue(kiosk(services), "SCJG", holder=Holder("张*")).ticket
    second = services.queue.issue(kiosk(services), "SCJG").ticket
    panel.refresh()
    qtbot.waitUntil(lambda: panel.waiting.text() == "等候 2 人", timeout=5000)

    press(qtbot, window, Qt.Key.Key_F6)
    assert panel.current is not None and panel.current.number == first.number
    assert panel.result.text() == f"请 {first.number} 号到 {window.actor.window} 号窗口"
    assert "张*" in panel.now_serving.text()
    press(qtbot, window, Qt.Key.Key_F7)
    assert panel.result.text() == f"已重呼 {first.number} 号（第 2 次）"
    press(qtbot, window, Qt.Key.Key_F8)
    assert panel.current is None
    assert services.queue.ticket(first.id).status is TicketStatus.NO_SHOW

    press(qtbot, window, Qt.Key.Key_F7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=5000)
    qtbot.keyClick(panel.dialog.tickets, Qt.Key.Key_Return)
    wait_idle(qtbot, window._operations)
    assert services.queue.ticket(first.id).status is TicketStatus.WAITING

    press(qtbot, window, Qt.Key.Key_F6)  # the rejoined ticket waits from its first place
    assert panel.current is not None and panel.current.number == first.number
    press(qtbot, window, Qt.Key.Key_F6)  # calling the next ends the service in hand
    assert services.queue.ticket(first.id).status is TicketStatus.SERVED
    assert panel.current is not None and panel.current.number == second.number
    press(qtbot, window, Qt.Key.Key_F10)
    assert services.queue.ticket(second.id).status is TicketStatus.SERVED
    assert panel.current is None and not panel.buttons["recall"].isEnabled()


def test_a_walk_in_is_served_and_a_ticket_sent_to_another_queue(qtbot, sign_in, services):
    window = sign_in("scjg01")
    panel = window.calling
    press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ControlModifier)
    walk_in = panel.current
    assert walk_in is not None and walk_in.status is TicketStatus.CALLED

    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible(), timeout=5000)
    dialog = panel.dialog
    dialog.accept()  # neither a queue nor a window: said, and the dialog stays
    assert dialog.isVisible() and dialog.problem.text() == "请选择转到的队列或填写窗口。"
    dialog.queue.setCurrentIndex(dialog.queue.findData("SW"))
    qtbot.keyClick(dialog.window_number, Qt.Key.Key_Return)
    wait_idle(qtbot, window._operations)
    moved = services.queue.ticket(walk_in.id)
    assert (moved.queue, moved.status) == ("SW", TicketStatus.WAITING)
    assert panel.current is None


def test_a_kiosk_ticket_opens_its_received_case_filled_and_it_is_accepted_as_it_stands(
    qtbot, sign_in, services
):
    item = next(i for i in services.catalog.items() if i.name == ITEM)
    materials = [m.name for m in item.required_materials]
    person = demo_person(random.Random(7))
    received = services.cases.receive(
        kiosk(services), item.code, person, materials, None, channel="kiosk"
    ).case
    assert received.status is CaseStatus.RECEIVED
    services.queue.issue(kiosk(services), "SCJG", case_id=received.case_id)

    window = sign_in("scjg01")
    window.show_cases()
    press(qtbot, window, Qt.Key.Key_F6)
    intake = window.intake
    qtbot.waitUntil(lambda: intake.received == received.case_no, timeout=5000)
    assert window.tabs.currentWidget() is intake
    assert intake.applicant.fields["name"].edit.text() == person.name
    assert intake.applicant.fields["name"].edit.isReadOnly()
    assert sorted(intake.materials.checked()) == sorted(materials)
    assert ITEM in intake.item_info.text()

    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    assert received.case_no in intake.result.text()
    detail = services.cases.detail(window.actor, received.case_no)
    assert detail.case.status is CaseStatus.IN_PROGRESS
    assert intake.received is None and not intake.applicant.fields["name"].edit.isReadOnly()


def test_no_call_while_the_intake_holds_typed_work(qtbot, sign_in, services):
    window = sign_in("scjg01")
    services.queue.issue(kiosk(services), "SCJG")
    type_text(qtbot, window.intake.applicant.fields["name"].edit, "陈思远")
    press(qtbot, window, Qt.Key.Key_F6)
    assert "未提交" in window.calling.result.text()
    assert window.calling.current is None
    assert window.intake.applicant.fields["name"].edit.text() == "陈思远"


def test_only_a_window_that_handles_cases_has_the_bar(qtbot, sign_in):
    assert sign_in("jiancha").calling is None  # supervision calls nobody
