"""At the counter: today's appointments and online pre-applications listed with masked IDs,
a pre-application opened into the intake and accepted without typing a key (the case of the
online channel, naming the portal's number), the one form filled online likewise, and the
card of a person with an appointment today said so at the intake."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.devices.idcard.layouts import CardType
from app.devices.idcard.records import Gender, IdCard
from app.domain.appointments import AppointmentStatus
from app.services.demo_people import demo_portal_export
from tests.gui.conftest import NOW, wait_idle
from tests.personal_data import FULL_ID

pytestmark = pytest.mark.gui


@pytest.fixture
def portal_folder(services, tmp_path: Path) -> Path:  # noqa: ANN001
    """The example export, its slots on the test's day, in the folder the setting names."""
    content = demo_portal_export(NOW.date())
    folder = tmp_path / "portal"
    folder.mkdir()
    (folder / "export.json").write_text(json.dumps(content, ensure_ascii=False), "utf-8")
    services.settings.set("portal_folder", str(folder))
    return folder


def listed(qtbot, window):  # noqa: ANN001, ANN201
    qtbot.keyClick(window, Qt.Key.Key_F11)
    view = window.appointments
    assert view is not None and window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.table.rowCount() == 4, timeout=5000)
    return view


def cells(view) -> list[list[str]]:  # noqa: ANN001
    table = view.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def open_reference(qtbot, window, view, reference: str) -> None:  # noqa: ANN001
    row = [a.reference for a in view.appointments].index(reference)
    view.table.selectRow(row)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.intake, timeout=5000)


def test_the_list_shows_the_day_with_masked_ids(qtbot, sign_in, portal_folder):  # noqa: ANN001
    window = sign_in("scjg01")
    view = listed(qtbot, window)
    rows = cells(view)
    assert [row[2] for row in rows] == [
        "WS202612070015", "YY202612080001", "YY202612080002", "WS202612060042"
    ]  # fmt: skip
    assert rows[1][0] == "10:00–10:30" and rows[1][4] == "110101********122X"
    assert rows[0][3] == "江川市思远餐饮有限公司" and rows[0][5] == "食品经营许可"
    assert not any(FULL_ID.search(text) for row in rows for text in row)
    assert "export.json：新增 4 条" in view.note.text()


def test_a_pre_application_is_accepted_without_typing(qtbot, sign_in, services, portal_folder):  # noqa: ANN001
    window = sign_in("scjg01")
    view = listed(qtbot, window)
    open_reference(qtbot, window, view, "WS202612070015")
    intake = window.intake
    assert intake.applicant.enterprise.isChecked()
    assert intake.applicant.fields["name"].text() == "江川市思远餐饮有限公司"
    assert intake.applicant.fields["legal_representative"].text() == "陈思远"
    assert intake.materials.missing_required() == []
    assert "WS202612070015" in intake.result.text()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    case_no = intake.result.text().split()[1]
    receipt = services.cases.detail(window.actor, case_no).case.events[0].data
    assert (receipt.channel, receipt.reference) == ("online", "WS202612070015")
    wait_idle(qtbot, window._operations)
    [taken] = [a for a in view.appointments if a.reference == "WS202612070015"]
    assert (taken.status, taken.case_no) == (AppointmentStatus.ACCEPTED, case_no)
    # opened again, it is refused in words and the intake is left alone
    qtbot.keyClick(window, Qt.Key.Key_F11)
    row = [a.reference for a in view.appointments].index("WS202612070015")
    view.open_row(row)
    assert "不能再次受理" in view.note.text() and window.tabs.currentWidget() is view


def test_the_one_form_filled_online_is_accepted_as_filled(
    qtbot,
    sign_in,
    services,
    portal_folder,  # noqa: ANN001
):
    window = sign_in("scjg01")
    view = listed(qtbot, window)
    open_reference(qtbot, window, view, "WS202612060042")
    intake = window.intake
    assert intake.who.currentWidget() is intake.one_form
    assert intake.one_form.typed_fields() == 0
    form, unread = intake.one_form.form()
    assert unread == []
    [pre] = [a for a in view.appointments if a.reference == "WS202612060042"]
    assert form == pre.entry.form
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    assert "并联审批" in intake.result.text()
    case_no = intake.result.text().split()[1]
    receipt = services.cases.detail(window.actor, case_no).case.events[0].data
    assert (receipt.channel, receipt.reference) == ("online", "WS202612060042")


def test_typed_work_is_never_replaced_by_an_appointment(qtbot, sign_in, portal_folder):  # noqa: ANN001
    window = sign_in("scjg01")
    view = listed(qtbot, window)
    window.intake.applicant.fields["name"].edit.setText("王五")
    open_reference_without_wait = [a.reference for a in view.appointments].index("YY202612080001")
    view.open_row(open_reference_without_wait)
    assert window.tabs.currentWidget() is view
    assert "未登记的内容" in window.statusBar().currentMessage()
    assert window.intake.applicant.fields["name"].text() == "王五"


def test_a_card_read_at_the_intake_says_the_appointment(qtbot, sign_in, portal_folder):  # noqa: ANN001
    window = sign_in("scjg01")
    listed(qtbot, window)  # the folder taken in
    person = json.loads((portal_folder / "export.json").read_text("utf-8"))["entries"][0]["person"]
    card = IdCard(
        CardType.RESIDENT, person["name"], "", Gender.FEMALE, "汉", None, date(1990, 3, 14),
        "江川市光荣路1号", person["id_number"], "江川市公安局", date(2020, 1, 1),
        date(2040, 1, 1), None, "", b"", b"", (),
    )  # fmt: skip
    window.show_intake()
    window.intake.fill_from_card(card, NOW.date())
    qtbot.waitUntil(lambda: "有预约" in window.intake.result.text(), timeout=5000)
    assert "此人今天 10:00 有预约（YY202612080001）" in window.intake.result.text()
    assert person["id_number"] not in window.intake.result.text()


def test_an_appointment_opens_a_fresh_intake_with_the_applicant_and_the_item(
    qtbot,
    sign_in,
    services,
    portal_folder,  # noqa: ANN001
):
    window = sign_in("ga01")
    view = listed(qtbot, window)
    open_reference(qtbot, window, view, "YY202612080001")
    intake = window.intake
    assert "居民身份证换领" in intake.item_info.text()
    assert intake.applicant.fields["name"].text() == "林晓雨"
    assert intake.applicant.fields["id_number"].text().startswith("110101")
    assert intake.materials.checked() == []  # what is brought is ticked at the window
    intake.materials.check_all()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    case_no = intake.result.text().split()[1]
    receipt = services.cases.detail(window.actor, case_no).case.events[0].data
    assert (receipt.channel, receipt.reference) == ("appointment", "YY202612080001")
