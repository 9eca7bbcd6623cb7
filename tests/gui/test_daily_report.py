"""The daily report from the counter window: 打印 → 打印日结单…, today by default, the day's
signed root on the slip that comes out and in the PDF saved, and the plain sentence for a day
of which no checkpoint is held."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from app.devices.printer.simulator import SimulatedState
from tests.gui.conftest import NOW, VALID_ID, accept_case, wait_idle
from tests.integration.test_daily_report import flat, pdf_text, sign
from tests.unit.printing.escpos_decoder import decode

pytestmark = pytest.mark.gui


def test_a_clerk_prints_the_days_report_with_its_signed_root(
    qtbot, sign_in, services, printer_operations, tmp_path, monkeypatch
):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    signed = sign(services, NOW + timedelta(hours=1))
    wait_idle(qtbot, printer_operations)
    window.findChild(QAction, "open_daily_report").trigger()
    dialog = window.printer.daily_report
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    assert dialog.day.date() == QDate(2026, 11, 23)  # today by default
    assert str(signed.size) in dialog.anchor.text() and signed.root[:4] in dialog.anchor.text()
    assert "相符" in dialog.anchor.text() and dialog.anchor.property("error") is False
    assert not dialog.image.pixmap().isNull()

    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已打印" in dialog.message.text(), timeout=10000)
    slip = decode(services.printing.simulator.last_job)
    assert slip.qr_codes == [signed.root] and f"记录数：{signed.size}" in slip.text
    assert VALID_ID not in slip.text and "陈思远" not in slip.text and case_no not in slip.text

    target = tmp_path / "日结单.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=10000)
    text = pdf_text(target)
    assert signed.root in flat(text) and VALID_ID not in text and "陈思远" not in text


def test_a_day_without_a_checkpoint_says_what_to_do(qtbot, sign_in, printer_operations):
    window = sign_in("scjg01")
    window.printer.open_daily_report()
    dialog = window.printer.daily_report
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    dialog.day.setDate(QDate(2026, 11, 20))
    qtbot.waitUntil(
        lambda: dialog.print_button.isEnabled() and "同步" in dialog.anchor.text(), timeout=10000
    )
    assert "没有中心当日签署的检查点" in dialog.anchor.text()
    assert dialog.anchor.property("error") is True
    assert dialog.day.maximumDate() == QDate(2026, 11, 23)  # no day to come


def test_the_menu_entry_is_there_for_window_staff_only(sign_in):
    clerk = sign_in("scjg01")
    assert clerk.findChild(QAction, "open_daily_report") is not None
    supervisor = sign_in("jiancha")
    assert supervisor.findChild(QAction, "open_daily_report") is None


def test_out_of_paper_the_report_waits_in_the_reprint_queue(
    qtbot, sign_in, services, printer_operations
):
    window = sign_in("scjg01")
    window.printer.simulate(SimulatedState.PAPER_OUT)
    window.printer.open_daily_report()
    dialog = window.printer.daily_report
    qtbot.waitUntil(lambda: dialog.print_button.isEnabled(), timeout=10000)
    dialog.print_report()
    qtbot.waitUntil(lambda: "补打队列" in dialog.message.text(), timeout=10000)
    assert "缺纸" in dialog.message.text() and dialog.message.property("error") is True
    dialog.close()
    window.printer.open_queue()
    queue = window.printer.queue
    qtbot.waitUntil(lambda: queue.table.rowCount() == 1, timeout=10000)
    assert queue.table.item(0, 0).text() == "2026-11-23"
    assert queue.table.item(0, 1).text() == "当日办件日结单"
    window.printer.simulate(SimulatedState.READY)
    queue.reprint()
    qtbot.waitUntil(lambda: "已补打" in queue.message.text(), timeout=10000)
    assert "当日办件日结单" in decode(services.printing.simulator.last_job).text
