"""An ID card placed on the (simulated) reader fills the applicant panel in one motion."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app.devices.idcard.simulator import SimulatedTransport
from app.services.card_reader import CardReaderService
from tests.card_polls import PolledSimulator
from tests.gui.test_counter_window import choose, type_text
from ui.card_reader import CardReaderBridge

pytestmark = pytest.mark.gui


@pytest.fixture
def simulator() -> PolledSimulator:
    return PolledSimulator()


@pytest.fixture
def reader(qtbot, simulator: PolledSimulator) -> Iterator[CardReaderBridge]:
    bridge = CardReaderBridge(simulator, demo_cards=CardReaderService.demo_cards(simulator))
    bridge.start()
    yield bridge
    bridge.stop()


def test_a_card_fills_the_applicant_and_keeps_the_item_and_the_materials(qtbot, sign_in, reader):
    window = sign_in("scjg01", reader=reader)
    qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=5000)
    choose(qtbot, window, "营业执照遗失补领")
    window.intake.materials.check_all()
    type_text(qtbot, window.intake.applicant.fields["phone"].edit, "13800001234")
    reader.transport.place("resident")
    fields = window.intake.applicant.fields
    qtbot.waitUntil(lambda: fields["id_number"].text() != "", timeout=5000)
    assert fields["name"].text() == "李文华"
    assert fields["id_number"].error.isHidden()
    assert fields["phone"].text() == "13800001234"
    assert window.intake.materials.missing_required() == []
    assert "已读取证件" in window.intake.result.text()
    assert "未配置照片解码插件" in window.intake.applicant.photo.text()  # no vendor decoder
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已登记" in window.intake.result.text(), timeout=5000)


def test_an_expired_card_is_warned_about_and_the_clerk_decides(qtbot, sign_in, reader):
    window = sign_in("scjg01", reader=reader)
    reader.transport.place("expired")
    qtbot.waitUntil(lambda: "已过期" in window.intake.result.text(), timeout=5000)
    assert window.intake.applicant.fields["name"].text() == "王秀英"


def test_the_same_card_is_not_read_twice_until_it_is_lifted(qtbot, sign_in, reader, simulator):
    window = sign_in("scjg01", reader=reader)
    reads: list[object] = []
    reader.card_read.connect(lambda card, photo: reads.append(card))
    simulator.place("resident")
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=5000)
    seen = simulator.finds(found=True)
    qtbot.waitUntil(lambda: simulator.finds(found=True) >= seen + 3, timeout=10000)
    assert len(reads) == 1  # three more polls found the card still there: not read again
    simulator.lift_and_wait()
    simulator.place("resident")
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=5000)
    assert window.intake.applicant.fields["name"].text() == "李文华"


def test_an_unplugged_reader_is_shown_and_typing_goes_on(qtbot, sign_in, reader):
    window = sign_in("scjg01", reader=reader)
    qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=5000)
    type_text(qtbot, window.intake.applicant.fields["name"].edit, "陈思远")
    reader.transport.unplug()
    qtbot.waitUntil(lambda: "不可用" in window.reader_state.text(), timeout=5000)
    assert window.intake.applicant.fields["name"].text() == "陈思远"
    reader.transport.plug_in()
    qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=8000)


@pytest.mark.parametrize("card", ["permit", "foreign-2017", "foreign-2023"])
def test_residence_and_foreign_permits_pass_intake_with_their_document_type(
    qtbot, sign_in, reader, card
):
    window = sign_in("scjg01", reader=reader)
    choose(qtbot, window, "营业执照遗失补领")
    window.intake.materials.check_all()
    reader.transport.place(card)
    fields = window.intake.applicant.fields
    qtbot.waitUntil(lambda: fields["id_number"].text() != "", timeout=5000)
    qtbot.mouseClick(window.intake.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已登记" in window.intake.result.text(), timeout=5000)


class OneColourDecoder:
    """A stand-in for a vendor's WLT decoder: always the same small PNG."""

    def decode(self, wlt: bytes) -> bytes | None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QColor, QImage

        image = QImage(102, 126, QImage.Format.Format_RGB32)
        image.fill(QColor("#3366cc"))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())


def test_a_configured_photo_decoder_shows_the_holders_photo(qtbot, sign_in):
    transport = SimulatedTransport()
    bridge = CardReaderBridge(
        transport, OneColourDecoder(), CardReaderService.demo_cards(transport)
    )
    bridge.start()
    try:
        window = sign_in("scjg01", reader=bridge)
        bridge.transport.place("resident")
        photo = window.intake.applicant.photo
        qtbot.waitUntil(lambda: not photo.pixmap().isNull(), timeout=5000)
        assert photo.pixmap().toImage().pixelColor(10, 10).name() == "#3366cc"
    finally:
        bridge.stop()


def test_a_card_placed_on_another_from_the_reader_menu_is_read(qtbot, sign_in, reader):
    window = sign_in("scjg01", reader=reader)
    qtbot.waitUntil(lambda: "就绪" in window.reader_state.text(), timeout=5000)
    fields = window.intake.applicant.fields
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl_shift)  # 放上：居民身份证（李文华）
    qtbot.waitUntil(lambda: fields["name"].text() == "李文华", timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl_shift)  # the permit, on top of it
    qtbot.waitUntil(lambda: fields["name"].text() == "陈嘉欣", timeout=5000)
    assert "陈嘉欣" in window.intake.result.text()
