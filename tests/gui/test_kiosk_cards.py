"""The kiosk driven as applicants do, their cards read through the real PC/SC stack (pcscd,
the vpcd virtual reader, the virtual SAM terminal) and the slip read from the printer's
bytes over a loopback socket: a resident card, a 2023 foreign permanent resident card, a
card lifted mid-way, an expired card. Run under `flock /tmp/onewindow-pcscd.lock`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app.devices.idcard.pcsc import PcscTransport
from app.devices.idcard.records import parse_card
from app.devices.idcard.virtual_cards import (
    PHOTO_SIZE,
    foreign_permit_2023,
    read_body,
    resident_card,
)
from app.domain.case import CaseStatus
from app.domain.identity import mask_resident_id
from app.services.demo import DEMO_PASSWORD
from tests.gui.kiosk_harness import choose_item, confirm, held_texts
from tests.integration.pcsc_harness import Mode, PcscStack, VirtualIdCardTerminal, plugged_in
from tests.integration.printer_harness import FakeNetworkPrinter
from tests.unit.printing.escpos_decoder import decode
from ui.card_reader import CardReaderBridge

pytestmark = pytest.mark.gui

RESIDENT = resident_card(name="张晓燕", gender="2", birth_date=date(1988, 2, 14))
FOREIGN = foreign_permit_2023()


@pytest.fixture
def terminal(pcsc_stack: PcscStack) -> Iterator[VirtualIdCardTerminal]:
    with plugged_in(
        VirtualIdCardTerminal(pcsc_stack.port, mode=Mode.NO_CARD), pcsc_stack.reader
    ) as t:
        yield t


@pytest.fixture
def reader(qtbot, pcsc_stack: PcscStack, terminal) -> Iterator[CardReaderBridge]:  # noqa: ANN001
    bridge = CardReaderBridge(PcscTransport(pcsc_stack.reader))
    with qtbot.waitSignal(bridge.reader_ready, timeout=10000):
        bridge.start()
    yield bridge
    bridge.stop()


@pytest.fixture
def printer(services) -> Iterator[FakeNetworkPrinter]:  # noqa: ANN001
    with FakeNetworkPrinter() as fake:
        services.settings.set("printer", fake.target)
        yield fake


def number_of(text: bytes) -> str:
    return parse_card(read_body(text, bytes(PHOTO_SIZE)), False).number


@pytest.mark.parametrize(
    ("text", "masked"), [(RESIDENT, "张**"), (FOREIGN, "白**")], ids=["resident", "foreign_2023"]
)
def test_an_applicant_takes_a_number_with_their_card_and_the_slip_prints(
    qtbot, start_kiosk, reader, terminal, printer, services, workers, text, masked
) -> None:  # noqa: ANN001
    window = start_kiosk(reader)
    terminal.hold(text)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.items, timeout=10000)
    assert masked in window.items.greeting.text()
    number = number_of(text)
    name = parse_card(read_body(text, bytes(PHOTO_SIZE)), False).name
    assert number not in held_texts(window) and name not in held_texts(window)
    choose_item(qtbot, window)
    assert "请携带以下材料" in held_texts(window) and "厅" in window.confirm.where.text()
    confirm(qtbot, window, workers)
    ticket = window.done.number.text()
    slip = decode(printer.wait_for_jobs(1)[0])
    assert ticket in slip.text and mask_resident_id(number) in slip.text
    assert number not in slip.text and slip.cut is not None
    [case_no] = slip.qr_codes
    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    detail = services.cases.detail(clerk, case_no)
    assert detail.case.status is CaseStatus.RECEIVED
    assert detail.case.events[0].data.channel == "kiosk"
    assert detail.case.applicant.id_number == number
    # after the slip, the kiosk forgets: nothing of them on the screen or in memory
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start, timeout=15000)
    assert window.visitor is None and window.item is None
    assert number not in held_texts(window) and name not in held_texts(window)
    assert masked not in held_texts(window)


def test_a_card_lifted_mid_way_takes_the_kiosk_back_holding_nothing(
    qtbot, start_kiosk, reader, terminal, services, workers
) -> None:  # noqa: ANN001
    window = start_kiosk(reader)
    terminal.hold(RESIDENT)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.items, timeout=10000)
    choose_item(qtbot, window)
    terminal.hold(b"", Mode.NO_CARD)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start, timeout=10000)
    assert window.visitor is None and window.item is None
    texts = held_texts(window)
    assert "张" not in texts and number_of(RESIDENT) not in texts and "营业执照" not in texts
    assert "证件已移开" in window.start.message.text()
    assert services.printing.simulator.last_job is None  # nothing issued


def test_an_expired_card_is_refused_in_words(qtbot, start_kiosk, reader, terminal) -> None:  # noqa: ANN001
    window = start_kiosk(reader)
    terminal.hold(resident_card(name="孙立", valid_to=date(2025, 1, 1)))
    qtbot.waitUntil(lambda: "已过期" in window.start.message.text(), timeout=10000)
    assert window.pages.currentWidget() is window.start and window.visitor is None
    assert "孙" not in held_texts(window)
