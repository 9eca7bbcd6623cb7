"""A company's one-form registration typed at the real window, its ID cards read through the
real PC/SC stack (pcscd, the vpcd virtual reader, a virtual SAM terminal), then worked by five
departments and a chief representative, and issued together; companies of one and of five
shareholders (a legal person and a 2023 foreign permanent resident among them) typed from the
keyboard, each counting the fields the clerk typed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from app.devices.idcard.frame import Command
from app.devices.idcard.pcsc import PcscTransport
from app.devices.idcard.records import parse_card
from app.devices.idcard.virtual_cards import (
    PHOTO_SIZE,
    foreign_permit_2023,
    hk_macau_taiwan_permit,
    read_body,
    resident_card,
)
from app.domain.applicant import Applicant, ApplicantKind, IdDocument
from app.domain.case import CaseStatus
from app.domain.credit_code import (
    make_credit_code,
    organization_code_check_character,
    validate_credit_code,
)
from app.domain.enterprise_form import LegalPerson
from app.domain.identity import mask_resident_id
from app.services.demo import DEMO_PASSWORD
from tests.gui.conftest import VALID_ID, choose, confirm, type_text, wait_idle
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
LEGAL_PERSON_CODE = make_credit_code(
    "91230202MA25KQ3T" + organization_code_check_character("MA25KQ3T")
)
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


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


def place_card(qtbot, terminal: VirtualIdCardTerminal, card: bytes, taken: Callable) -> None:  # noqa: ANN001
    """Put a card on the reader until `taken()` holds, then lift it off again and wait until
    the reader has looked at the empty antenna (so it takes the next card as a new one)."""
    terminal.hold(card)
    qtbot.waitUntil(lambda: bool(taken()), timeout=10000)
    terminal.hold(b"", Mode.NO_CARD)
    asked = len(terminal.requests)
    qtbot.waitUntil(
        lambda: any(
            (r.command << 8) | r.parameter == Command.FIND_CARD for r in terminal.requests[asked:]
        ),
        timeout=10000,
    )


def place(qtbot, terminal: VirtualIdCardTerminal, slot, card: bytes = b"", **person) -> None:  # noqa: ANN001
    """A card (a resident card of `person` unless given) on the reader until `slot` holds it."""
    card = card or resident_card(**person)
    place_card(qtbot, terminal, card, lambda: slot.person is not None)


def place_new(qtbot, panel, terminal: VirtualIdCardTerminal, card: bytes) -> None:  # noqa: ANN001
    """A card read while no slot waits: it becomes a new shareholder's."""
    count = len(panel.investors)
    place_card(
        qtbot,
        terminal,
        card,
        lambda: len(panel.investors) == count + 1 and panel.investors[-1].slot.person,
    )


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
    qtbot.keyClick(panel.investors[0].subscribed.edit, Qt.Key.Key_A, SHIFT_CTRL)  # a second row
    place(qtbot, terminal, panel.investors[1].slot, **PARTNER)  # the slot waiting for a card
    type_text(qtbot, panel.investors[1].slot.phone.edit, "13687654321")
    type_text(qtbot, panel.investors[1].subscribed.edit, "40")
    assert panel.investors[1].share.text() == "占 40%"
    type_text(qtbot, panel.fields["financial_officer_phone"].edit, "13687654321")
    type_text(qtbot, panel.fields["bank"].edit, "中国工商银行江川支行")
    assert (
        panel.departments.supervisor.currentText() == "柏曦"
    )  # the representative cannot supervise
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
    confirm(qtbot, seal)
    qtbot.waitUntil(lambda: seal.detail.case.status is CaseStatus.APPROVED, timeout=5000)
    chief = open_desk(qtbot, sign_in("scjg-chief"))  # the chief decides the license last
    select(qtbot, chief, children["SCJG-DJ-001"])
    qtbot.mouseClick(chief.decision.approve_button, Qt.MouseButton.LeftButton)
    confirm(qtbot, chief)
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
    place_new(qtbot, panel, terminal, resident_card(**PARTNER))
    type_text(qtbot, panel.investors[1].subscribed.edit, "30")
    before = len(services.cases.list_cases(window.actor, limit=1000))
    intake.materials.check_all()
    qtbot.mouseClick(intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "出资比例合计为90%，应为100%" in panel.investors_error.text())
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
    window.intake.materials.check_all()
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    # the service refuses the form; the problem comes back to the shareholder's row
    slot_error = panel.investors[0].slot.error
    qtbot.waitUntil(lambda: "已于2025年03月01日过期" in slot_error.text(), timeout=5000)
    assert slot_error.isVisible() and "申请表有" in window.intake.result.text()


def test_a_forbidden_business_scope_term_is_told_at_the_scope(qtbot, sign_in, reader, terminal):
    window = one_form_window(qtbot, sign_in, reader)
    panel = window.intake.one_form
    fill_company(qtbot, panel)
    type_text(qtbot, panel.fields["business_scope"].edit, "、吸收公众存款")
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    error = panel.fields["business_scope"].error
    qtbot.waitUntil(lambda: "“吸收公众存款”不能登记" in error.text(), timeout=5000)
    assert error.isVisible()


def in_view(panel, widget) -> bool:  # noqa: ANN001
    """`widget` lies wholly inside the visible part of the scrolled form."""
    top = widget.mapTo(panel.viewport(), QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= panel.viewport().height()


def enter(qtbot, edit, text: str) -> None:  # noqa: ANN001
    """Type into a field that has the cursor, then press Enter."""
    assert edit.hasFocus(), edit.objectName()
    type_text(qtbot, edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_one_person_company_is_typed_from_the_keyboard(
    qtbot, sign_in, reader, terminal, services
):
    window = one_form_window(qtbot, sign_in, reader)
    intake, panel = window.intake, window.intake.one_form
    assert len(panel.investors) == 1  # 一人有限公司: no second row to remove
    fields = panel.fields
    for key, text in (
        ("name", "江川市澄湖一人商贸有限公司"),
        ("registered_capital", "50"),
        ("business_scope", "日用百货销售"),
        ("domicile", "江川市光荣路103号301室"),
        ("phone", "13912345678"),
    ):
        enter(qtbot, fields[key].edit, text)  # Enter moves on, as everywhere at the intake
    assert panel.operating_years.hasFocus()
    place(qtbot, terminal, panel.representative, **REPRESENTATIVE)
    panel.representative.phone.edit.setFocus()
    enter(qtbot, panel.representative.phone.edit, "13912345678")
    row = panel.investors[0]
    assert row.kind.hasFocus()
    qtbot.mouseClick(row.same_as_representative, Qt.MouseButton.LeftButton)
    row.subscribed.edit.setFocus()
    enter(qtbot, row.subscribed.edit, "50")
    assert row.contribution_form.hasFocus()
    assert row.share.text() == "占 100%"
    typed = panel.typed_fields()
    print(f"\nfields typed for a one-person company: {typed}")
    intake.materials.check_all()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已抄告 5 个部门" in intake.result.text(), timeout=10000)
    parent = services.cases.detail(window.actor, intake.result.text().split()[1])
    assert parent.form is not None and len(parent.form.investors) == 1
    assert parent.form.investors[0].subscribed == parent.form.registered_capital


def test_a_company_of_five_with_a_legal_person_and_a_2023_foreign_permit_holder(
    qtbot, sign_in, reader, terminal, services
):
    window = one_form_window(qtbot, sign_in, reader)
    intake, panel = window.intake, window.intake.one_form
    fill_company(qtbot, panel)  # capital 100 (万元)
    place(qtbot, terminal, panel.representative, **REPRESENTATIVE)
    type_text(qtbot, panel.representative.phone.edit, "13912345678")
    qtbot.mouseClick(panel.investors[0].same_as_representative, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.investors[0].subscribed.edit, "30")
    place_new(qtbot, panel, terminal, resident_card(**PARTNER))  # no slot waits: a new row
    type_text(qtbot, panel.investors[1].subscribed.edit, "20")
    # a row added from the keyboard waits for the next card, whatever its kind
    panel.investors[1].subscribed.edit.setFocus()
    qtbot.keyClick(panel.investors[1].subscribed.edit, Qt.Key.Key_A, SHIFT_CTRL)
    foreign = panel.investors[2]
    assert foreign.kind.hasFocus() and foreign.slot.card_button.text() == "等待读卡…"
    place(qtbot, terminal, foreign.slot, card=foreign_permit_2023())
    assert foreign.slot.person.document is IdDocument.FOREIGN_PERMIT
    assert foreign.slot.error.text() == ""
    type_text(qtbot, foreign.subscribed.edit, "20")
    place_new(qtbot, panel, terminal, hk_macau_taiwan_permit())
    type_text(qtbot, panel.investors[3].subscribed.edit, "10")

    # a row too many, removed from the keyboard: nothing typed elsewhere is lost
    qtbot.keyClick(panel.investors[3].subscribed.edit, Qt.Key.Key_A, SHIFT_CTRL)
    assert len(panel.investors) == 5
    type_text(qtbot, panel.investors[4].subscribed.edit, "99")
    panel.investors[4].subscribed.edit.setFocus()
    qtbot.keyClick(panel.investors[4].subscribed.edit, Qt.Key.Key_D, SHIFT_CTRL)
    assert len(panel.investors) == 4 and panel.investors[3].kind.hasFocus()
    assert [r.subscribed.text() for r in panel.investors] == ["30", "20", "20", "10"]
    assert panel.fields["name"].text() == "江川市澄湖商贸有限公司"

    # the legal person: kind chosen, then name, code and subscription, Enter between them
    qtbot.keyClick(panel.investors[3].kind, Qt.Key.Key_A, SHIFT_CTRL)
    legal = panel.investors[4]
    assert legal.kind.hasFocus()
    qtbot.waitUntil(lambda: in_view(panel, legal.kind))  # the form scrolls to the new row
    qtbot.keyClick(legal.kind, Qt.Key.Key_Down)
    assert legal.is_legal_person and not legal.slot.isVisible()
    qtbot.keyClick(legal.kind, Qt.Key.Key_Return)
    enter(qtbot, legal.legal_name.edit, "江川市澄湖投资有限公司")
    enter(qtbot, legal.credit_code.edit, "91230202MA25KQ3T0X")  # a wrong check character
    enter(qtbot, legal.subscribed.edit, "20")
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    error = legal.credit_code.error  # placed when the service refuses the form
    qtbot.waitUntil(lambda: "统一社会信用代码" in error.text(), timeout=5000)
    assert "股东5（江川市澄湖投资有限公司）" in legal.credit_code.error.text()
    legal.credit_code.edit.clear()
    legal.credit_code.edit.setFocus()
    type_text(qtbot, legal.credit_code.edit, LEGAL_PERSON_CODE)
    assert [r.share.text() for r in panel.investors] == [
        "占 30%",
        "占 20%",
        "占 20%",
        "占 10%",
        "占 20%",
    ]
    typed = panel.typed_fields()
    print(f"\nfields typed for a company of five shareholders: {typed}")
    intake.materials.check_all()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已抄告 5 个部门" in intake.result.text(), timeout=10000)
    form = services.cases.detail(window.actor, intake.result.text().split()[1]).form
    assert form is not None and len(form.investors) == 5
    holders = [i.person for i in form.investors]
    assert holders[2].document is IdDocument.FOREIGN_PERMIT
    assert holders[3].document is IdDocument.RESIDENCE_PERMIT
    assert holders[4] == LegalPerson("江川市澄湖投资有限公司", LEGAL_PERSON_CODE)


def test_enter_moves_on_at_a_plain_intake_too(qtbot, sign_in):
    window = sign_in("scjg01")
    choose(qtbot, window, "营业执照遗失补领")
    applicant = window.intake.applicant
    enter(qtbot, applicant.fields["name"].edit, "陈思远")
    assert applicant.document.hasFocus()
    qtbot.keyClick(applicant.document, Qt.Key.Key_Return)  # a closed list moves on as well
    enter(qtbot, applicant.fields["id_number"].edit, VALID_ID)
    assert applicant.fields["phone"].edit.hasFocus()
    assert applicant.fields["name"].text() == "陈思远"
