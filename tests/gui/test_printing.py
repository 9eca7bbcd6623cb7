"""Printing at the counter, driven through the real window: the slip that comes out after an
intake (read back from the bytes the printer got), a printer in trouble that never holds the
case up, the reprint queue, the preview, notices as PDF and the printer settings."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.devices.printer.simulator import SimulatedState
from app.domain.identity import mask_resident_id
from tests.gui.conftest import VALID_ID, accept_case, wait_idle
from tests.gui.pdf_viewer import opened_files
from tests.integration.printer_harness import FakeNetworkPrinter
from tests.unit.printing.escpos_decoder import decode

pytestmark = pytest.mark.gui


def printed(services) -> str:
    """What a person reads on the last slip the simulated printer printed."""
    job = services.printing.simulator.last_job
    assert job is not None, "nothing was printed"
    return decode(job).text


def test_the_slip_comes_out_after_the_intake_with_the_number_masked(
    qtbot, sign_in, services, printer_operations
):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    qtbot.waitUntil(lambda: "已打印" in window.statusBar().currentMessage(), timeout=5000)
    slip = decode(services.printing.simulator.last_job)
    assert "受理回执" in slip.text and case_no in slip.text
    assert mask_resident_id(VALID_ID) in slip.text and VALID_ID not in slip.text
    assert case_no in slip.qr_codes[0]
    assert slip.cut is not None
    wait_idle(qtbot, printer_operations)
    assert window.printer.state_label.text() == "打印机就绪"


def test_a_printer_out_of_paper_never_holds_the_case_and_the_slip_is_reprinted(
    qtbot, sign_in, services, printer_operations
):
    window = sign_in("scjg01")
    window.findChild(type(window.menuBar().actions()[0]), "simulate_paper_out").trigger()
    case_no = accept_case(qtbot, window)  # stored although the printer cannot print
    qtbot.waitUntil(lambda: "补打队列" in window.statusBar().currentMessage(), timeout=5000)
    assert "缺纸" in window.statusBar().currentMessage()
    assert services.printing.simulator.last_job is None
    qtbot.waitUntil(lambda: "待补打 1 张" in window.printer.state_label.text(), timeout=5000)
    assert window.printer.state_label.property("error") is True

    window.findChild(type(window.menuBar().actions()[0]), "simulate_ready").trigger()
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    queue = window.printer.queue
    assert queue is not None
    qtbot.waitUntil(lambda: queue.table.rowCount() == 1, timeout=5000)
    assert queue.table.item(0, 0).text() == case_no
    assert "缺纸" in queue.table.item(0, 4).text()
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "已补打" in queue.message.text(), timeout=5000)
    qtbot.waitUntil(lambda: queue.table.rowCount() == 0, timeout=5000)
    assert case_no in printed(services)


def test_a_busy_printer_does_not_hold_up_the_next_intake(
    qtbot, sign_in, services, printer_operations
):
    """The printer's worker is held busy until the intake is done: an intake that waited for
    the printer would never be registered."""
    window = sign_in("scjg01")
    printing = threading.Event()
    printer_operations.run(lambda: printing.wait(60), lambda _: None, lambda _: None)
    try:
        accept_case(qtbot, window)
        assert printer_operations.busy  # the slip waits its turn on the printer's worker
    finally:
        printing.set()
    wait_idle(qtbot, printer_operations)


def test_the_preview_shows_the_slip_and_prints_the_kind_chosen(
    qtbot, sign_in, services, printer_operations
):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    wait_idle(qtbot, printer_operations)
    window.show_cases()
    wait_idle(qtbot, window._operations, window.cases._operations)
    row = next(r for r, e in enumerate(window.cases.model.entries) if e.summary.case_no == case_no)
    window.cases.table.selectRow(row)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.printer.slips
    assert dialog is not None and dialog.case_no == case_no
    qtbot.waitUntil(
        lambda: dialog.image.pixmap() is not None and not dialog.image.pixmap().isNull(),
        timeout=10000,
    )
    assert dialog.image.pixmap().width() == 576  # 80 mm at 203 dpi, as the printer prints
    kinds = [dialog.kinds.itemText(i) for i in range(dialog.kinds.count())]
    assert "受理回执" in kinds and "办事流程告知单" in kinds
    dialog.kinds.setCurrentIndex(kinds.index("办事流程告知单"))
    dialog.kinds.activated.emit(dialog.kinds.currentIndex())
    wait_idle(qtbot, printer_operations)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已打印" in dialog.message.text(), timeout=5000)
    assert "办事流程告知单" in printed(services)


def test_notices_are_saved_and_opened_as_pdf(
    qtbot, sign_in, services, printer_operations, tmp_path, monkeypatch
):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    window.printer.open_slips(case_no)
    dialog = window.printer.slips
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    assert dialog.notices.currentText() == "受理通知书"
    target = tmp_path / "受理通知书.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=10000)
    assert target.read_bytes().startswith(b"%PDF")

    with opened_files() as opened:
        qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    path = opened[0]
    assert path.read_bytes().startswith(b"%PDF") and case_no in path.name


def test_a_notice_that_cannot_be_written_is_told_in_words(
    qtbot, sign_in, printer_operations, tmp_path, monkeypatch
):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    window.printer.open_slips(case_no)
    dialog = window.printer.slips
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocked / "x.pdf"), "")
    )
    dialog.save_notice()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10000)
    assert "通知书没有保存到" in dialog.message.text()
    assert dialog.message.property("error") is True


def test_the_case_detail_opens_its_slips_with_alt_p(qtbot, sign_in, printer_operations):
    window = sign_in("scjg01")
    case_no = accept_case(qtbot, window)
    window.open_case(case_no)
    qtbot.waitUntil(lambda: window.detail is not None, timeout=5000)
    qtbot.keyClick(window.detail, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.printer.slips is not None, timeout=5000)
    assert window.printer.slips.case_no == case_no


def test_a_clerk_tries_the_printer_but_only_the_administrator_saves(
    qtbot, sign_in, services, printer_operations
):
    clerk = sign_in("scjg01")
    clerk.printer.open_settings()
    dialog = clerk.printer.settings
    assert not dialog.save_button.isEnabled()
    services.printing.simulate(SimulatedState.COVER_OPEN)
    dialog.status_button.click()
    qtbot.waitUntil(lambda: "盖未关好" in dialog.message.text(), timeout=5000)


def test_the_administrator_sets_a_network_printer_after_a_test_page(
    qtbot, sign_in, services, printer_operations
):
    admin = sign_in("admin")
    admin.printer.open_settings()
    dialog = admin.printer.settings
    dialog.connection.setCurrentIndex(dialog.connection.findData("tcp"))
    dialog.address.setText("not a host!")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=5000)
    assert dialog.message.property("error") is True
    assert services.settings["printer"] == "simulator"  # nothing saved

    with FakeNetworkPrinter() as printer:
        dialog.address.setText(printer.target.removeprefix("tcp:"))
        dialog.paper.setCurrentIndex(dialog.paper.findData(58))
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "测试页已打印" in dialog.message.text(), timeout=5000)
        assert "测试页" in decode(printer.wait_for_jobs(1)[0]).text
        dialog.save_button.click()
        qtbot.waitUntil(lambda: "已保存" in dialog.message.text(), timeout=5000)
        assert services.settings["printer"] == printer.target
        assert services.settings["paper_mm"] == 58
