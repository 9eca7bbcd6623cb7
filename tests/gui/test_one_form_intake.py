"""A company's one-form registration typed at the real window, its two ID cards read through the
real PC/SC stack (pcscd, the vpcd virtual reader, a virtual SAM terminal), then worked by five
departments and a chief representative, and issued together."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.devices.idcard.pcsc import PcscTransport
from app.devices.idcard.records import parse_card
from app.devices.idcard.virtual_cards import PHOTO_SIZE, read_body, resident_card
from app.domain.applicant import Applicant, ApplicantKind
from app.domain.case import CaseStatus
from app.domain.identity import mask_resident_id, validate_credit_code
from app.services.demo import DEMO_PASSWORD
from tests.gui.conftest import choose, type_text, wait_idle
from tests.gui.test_chief_desk import action, decided, open_desk, open_detail, select
from tests.gui.test_printing import printed
from tests.integration.pcsc_harness import (
    Mode,
    PcscStack,
    VirtualIdCardTerminal,
    plugged_in,
)
from ui.card_reader import CardReaderBridge

pytestmark = pytest.mark.gui

REPRESENTATIVE = {"name": "施浩", "birth_date": date(1986, 4, 12), "gender": "1"}
PARTNER = {"name": "柏曦", "birth_date": date(1991, 9, 3), "gender": "2"}
CHILDREN = ("SCJG-DJ-001", "GA-QT-004", "SW-DJ-001", "RS-DJ-001", "RH-DJ-001")


@pytest.fixture
def terminal(pcsc_stack: PcscStack) -> Iterator[VirtualIdCardTerminal]:
    with plugged_in(
        VirtualIdCardTerminal(pcsc_stack.port, mode=Mode.NO_CARD), pcsc_stack.reader
    ) as t:
        yield t


@pytest.fixture
def reader(
    qtbot, pcsc_stack: PcscStack, terminal: VirtualIdCardTerminal
) -> Iterator[CardReaderBridge]:
    bridge = CardReaderBridge(PcscTransport(pcsc_stack.reader))
    bridge.start()
    yield bridge
    bridge.stop()


def number_on(person: dict) -> str:
    """The ID number the virtual card of this person carries."""
    return parse_card(read_body(resident_card(**person), bytes(PHOTO_SIZE)), False).number


def place(qtbot, terminal: VirtualIdCardTerminal, slot, **person) -> None:  # noqa: ANN001
    """Put a card on the reader until `slot` holds it, then lift it off again."""
    terminal.hold(resident_card(**person))
    qtbot.waitUntil(lambda: slot.person is not None, timeout=10000)
    terminal.hold(b"", Mode.NO_CARD)
    time.sleep(0.7)  # the reader polls every 300 ms: it sees the card lifted


def fill_company(qtbot, panel) -> None:  # noqa: ANN001
    fields = panel.fields
    type_text(qtbot, fields["name"].edit, "江川市澄湖商贸有限公司")
    type_text(qtbot, fields["registered_capital"].edit, "100")
    type_text(qtbot, fields["business_scope"].edit, "日用百货销售、信息技术咨询服务")
    type_text(qtbot, fields["domicile"].edit, "江川市光荣路103号301室")
    type_text(qtbot, fields["phone"].edit, "13912345678")


def one_form_window(qtbot, sign_in, reader):  # noqa: ANN001, ANN201
    window = sign_in("scjg01", reader=reader)
    qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=10000)
    choose(qtbot, window, "一表制")
    qtbot.waitUntil(lambda: window.intake.who.currentWidget() is window.intake.one_form)
    return window


def test_a_company_is_registered_on_one_form_by_five_departments_and_issued_together(
    qtbot, sign_in, reader, terminal, services, printer_operations
):
    # the representative applied here before: the center holds their phone
    earlier = Applicant(ApplicantKind.PERSON, "施浩", number_on(REPRESENTATIVE), "13912345678")
    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    services.cases.receive(clerk, "SCJG-QT-001", earlier, ["营业执照补领申请书"])
    window = one_form_window(qtbot, sign_in, reader)
    intake, panel = window.intake, window.intake.one_form
    assert not intake.correct_button.isEnabled() and not intake.refuse_button.isEnabled()
    fill_company(qtbot, panel)
    place(qtbot, terminal, panel.representative, **REPRESENTATIVE)
    qtbot.waitUntil(lambda: panel.representative.phone.text() == "13912345678", timeout=5000)
    assert "电话按本中心记录填入" in intake.result.text()
    qtbot.mouseClick(panel.investors[0].same_as_representative, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.investors[0].subscribed.edit, "60")
    place(qtbot, terminal, panel.investors[1].slot, **PARTNER)  # the slot waiting for a card
    type_text(qtbot, panel.investors[1].slot.phone.edit, "13687654321")
    type_text(qtbot, panel.investors[1].subscribed.edit, "40")
    assert panel.investors[1].share.text() == "占 40%"
    type_text(qtbot, panel.fields["financial_officer_phone"].edit, "13687654321")
    type_text(qtbot, panel.fields["bank"].edit, "中国工商银行江川支行")
    assert panel.supervisor.currentText() == "柏曦"  # the representative cannot supervise
    typed = panel.typed_fields()
    print(f"\nfields typed by the clerk: {typed} (target ≤ 39; 189 before the reform)")
    assert typed <= 39
    intake.materials.check_all()
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已抄告 5 个部门" in intake.result.text(), timeout=10000)
    parent_no = intake.result.text().split()[1]

    # the parent's slip names every department; the ID numbers are masked
    qtbot.waitUntil(lambda: "已打印" in window.statusBar().currentMessage(), timeout=10000)
    slip = printed(services)
    parent = services.cases.detail(window.actor, parent_no)
    assert parent_no in slip and "有限责任公司设立登记" in slip
    assert parent.joint is not None and parent.form is not None
    for _, person in parent.form.people():
        assert person.id_number not in slip
    assert mask_resident_id(parent.form.legal_representative.id_number) in slip

    # five departments, in their own order, by their own people; the chief decides the license
    children = {row.ref.item_code: row.ref.case_no for row in parent.joint.children}
    assert tuple(children) == CHILDREN
    for code, username in (("RH-DJ-001", "rh01"), ("SW-DJ-001", "sw01"), ("RS-DJ-001", "rs01")):
        services.cases.decide(services.auth.login(username, DEMO_PASSWORD), children[code], True)
    seal_window = sign_in("ga01")  # the police window approves the seal record at its desk
    seal = open_detail(qtbot, seal_window, children["GA-QT-004"])
    qtbot.mouseClick(action(seal, "approve"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: seal.detail.case.status is CaseStatus.APPROVED, timeout=5000)
    chief = open_desk(qtbot, sign_in("scjg-chief"))  # the chief decides the license last
    select(qtbot, chief, children["SCJG-DJ-001"])
    qtbot.mouseClick(chief.approve_button, Qt.MouseButton.LeftButton)
    decided(qtbot, chief, "已准予许可")
    license_case = services.cases.detail(window.actor, children["SCJG-DJ-001"]).case
    assert validate_credit_code(license_case.credit_code) == license_case.credit_code
    assert license_case.credit_code in chief.message.text()

    dialog = open_detail(qtbot, window, parent_no)
    issue = action(dialog, "issue_together")

    qtbot.waitUntil(issue.isEnabled, timeout=5000)
    qtbot.mouseClick(issue, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.detail.case.status is CaseStatus.ISSUED, timeout=5000)
    issued = dialog.detail.case
    assert issued.events[-1].payload["certificate_no"] == license_case.credit_code
    wait_idle(qtbot, printer_operations)


def test_shares_not_summing_to_a_hundred_are_told_and_nothing_typed_is_lost(
    qtbot, sign_in, reader, terminal, services, workers
):
    window = one_form_window(qtbot, sign_in, reader)
    intake, panel = window.intake, window.intake.one_form
    fill_company(qtbot, panel)
    place(qtbot, terminal, panel.representative, **REPRESENTATIVE)
    type_text(qtbot, panel.representative.phone.edit, "13912345678")
    qtbot.mouseClick(panel.investors[0].same_as_representative, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.investors[0].subscribed.edit, "60")
    place(qtbot, terminal, panel.investors[1].slot, **PARTNER)
    type_text(qtbot, panel.investors[1].subscribed.edit, "30")
    before = len(services.cases.list_cases(window.actor, limit=1000))
    intake.materials.check_all()
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    assert "出资比例合计为90%，应为100%" in panel.investors_error.text()
    assert "申请表有" in intake.result.text()
    assert panel.fields["name"].text() == "江川市澄湖商贸有限公司"
    assert panel.investors[1].slot.person is not None
    wait_idle(qtbot, workers.storage)
    assert len(services.cases.list_cases(window.actor, limit=1000)) == before


def test_an_investor_with_an_expired_card_is_refused_with_the_reason(
    qtbot, sign_in, reader, terminal
):
    window = one_form_window(qtbot, sign_in, reader)
    panel = window.intake.one_form
    place(qtbot, terminal, panel.representative, **REPRESENTATIVE)
    place(qtbot, terminal, panel.investors[0].slot, **PARTNER, valid_to=date(2025, 3, 1))
    assert "证件已过期" in panel.investors[0].slot.error.text()
    assert "证件已过期" in window.intake.result.text()
    form, problems = panel.form()
    assert form is None
    assert any(
        p.field == "investor.0" and "已于2025年03月01日过期" in str(p.message) for p in problems
    )


def test_a_forbidden_business_scope_term_is_told_at_the_scope(qtbot, sign_in, reader, terminal):
    window = one_form_window(qtbot, sign_in, reader)
    panel = window.intake.one_form
    fill_company(qtbot, panel)
    type_text(qtbot, panel.fields["business_scope"].edit, "、吸收公众存款")
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    error = panel.fields["business_scope"].error
    assert error.isVisible() and "“吸收公众存款”不能登记" in error.text()
