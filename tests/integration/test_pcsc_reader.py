"""ID cards read through the real PC/SC stack: pyscard → pcscd → vpcd → a virtual SAM terminal.

Nothing between `PcscTransport` and the socket is faked: the frames go through libpcsclite,
pcscd and the vpcd driver exactly as they would to a USB reader. See `pcsc_harness`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.devices.idcard.errors import ReaderUnavailable
from app.devices.idcard.frame import Command, Reply
from app.devices.idcard.layouts import CardType
from app.devices.idcard.pcsc import PCSCD_NOT_RUNNING, PcscTransport, list_readers
from app.devices.idcard.records import IdCard, parse_card
from app.devices.idcard.status import (
    ReaderStatus,
    StatusCategory,
    StatusError,
    describe,
    expect,
)
from app.devices.idcard.virtual_cards import (
    foreign_permit_2017,
    foreign_permit_2023,
    hk_macau_taiwan_permit,
    read_body,
    resident_card,
)
from tests.integration import pcsc_harness
from tests.integration.pcsc_harness import (
    Mode,
    PcscStack,
    VirtualIdCardTerminal,
    plugged_in,
    wait_for_card,
)

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 3.0
PHOTO = bytes(range(256)) * 4
LONGEST_REPLY = 2321

CARDS: dict[CardType, Callable[[], bytes]] = {
    CardType.RESIDENT: resident_card,
    CardType.HK_MACAU_TAIWAN: hk_macau_taiwan_permit,
    CardType.FOREIGN_2017: foreign_permit_2017,
    CardType.FOREIGN_2023: foreign_permit_2023,
}


@pytest.fixture
def terminal(pcsc_stack: PcscStack) -> Iterator[VirtualIdCardTerminal]:
    with plugged_in(VirtualIdCardTerminal(pcsc_stack.port, photo=PHOTO), pcsc_stack.reader) as t:
        yield t


@pytest.fixture
def transport(pcsc_stack: PcscStack, terminal: VirtualIdCardTerminal) -> Iterator[PcscTransport]:
    transport = PcscTransport(pcsc_stack.reader)
    transport.open()
    yield transport
    transport.close()


def find_select(transport: PcscTransport) -> None:
    expect(transport.exchange(Command.FIND_CARD.request(), TIMEOUT), ReaderStatus.CARD_FOUND)
    expect(transport.exchange(Command.SELECT_CARD.request(), TIMEOUT))


def read_card(transport: PcscTransport, command: Command = Command.READ_TEXT_PHOTO) -> IdCard:
    find_select(transport)
    reply = expect(transport.exchange(command.request(), TIMEOUT))
    return parse_card(reply.data, command == Command.READ_TEXT_PHOTO_FINGERPRINT)


def test_list_readers_finds_the_virtual_reader(pcsc_stack: PcscStack) -> None:
    assert pcsc_stack.reader in list_readers()
    assert pcsc_stack.reader.startswith("Virtual PCD")


@pytest.mark.parametrize("card_type", list(CARDS), ids=lambda t: t.name)
def test_find_select_read_gives_the_card(
    card_type: CardType, terminal: VirtualIdCardTerminal, transport: PcscTransport
) -> None:
    text = CARDS[card_type]()
    terminal.hold(text)

    card = read_card(transport)

    assert card == parse_card(read_body(text, PHOTO), with_fingerprint=False)
    assert card.card_type is card_type
    assert card.photo == PHOTO
    assert [(r.command, r.parameter) for r in terminal.requests] == [
        (0x20, 0x01),
        (0x20, 0x02),
        (0x30, 0x01),
    ]


def test_longest_reply_text_photo_fingerprint_passes_through(
    terminal: VirtualIdCardTerminal, transport: PcscTransport
) -> None:
    terminal.hold(resident_card(name="王小明"))

    card = read_card(transport, Command.READ_TEXT_PHOTO_FINGERPRINT)

    assert len(terminal.replies[-1]) == LONGEST_REPLY
    assert card.name == "王小明"
    assert card.photo == PHOTO
    assert card.fingerprint == terminal.fingerprint


def test_no_card_on_the_antenna_is_status_80(
    terminal: VirtualIdCardTerminal, transport: PcscTransport
) -> None:
    terminal.hold(b"", Mode.NO_CARD)

    reply = transport.exchange(Command.FIND_CARD.request(), TIMEOUT)

    assert reply == Reply(0, 0, ReaderStatus.FIND_FAILED, b"")
    assert describe(reply.sw3).category is StatusCategory.NO_CARD
    with pytest.raises(StatusError, match="读卡器上没有证件"):
        expect(reply, ReaderStatus.CARD_FOUND)


def test_card_removed_mid_read_is_status_41(
    terminal: VirtualIdCardTerminal, transport: PcscTransport
) -> None:
    terminal.hold(resident_card(), Mode.REMOVED_MID_READ)
    find_select(transport)

    reply = transport.exchange(Command.READ_TEXT_PHOTO.request(), TIMEOUT)

    assert reply.sw3 == ReaderStatus.READ_FAILED
    with pytest.raises(StatusError) as raised:
        expect(reply)
    assert raised.value.info.category is StatusCategory.CARD_MOVED
    assert "重新平放" in str(raised.value)


def test_reader_that_does_not_exist_is_unavailable(pcsc_stack: PcscStack) -> None:
    transport = PcscTransport("No Such Reader 00 00")

    with pytest.raises(ReaderUnavailable, match="No Such Reader 00 00.*未连接或已拔出"):
        transport.open()


def test_reader_losing_its_card_is_unavailable_then_reconnects(
    pcsc_stack: PcscStack, terminal: VirtualIdCardTerminal, transport: PcscTransport
) -> None:
    terminal.hold(resident_card())
    terminal.remove()
    wait_for_card(pcsc_stack.reader, present=False)

    with pytest.raises(ReaderUnavailable, match=pcsc_stack.reader):
        transport.exchange(Command.FIND_CARD.request(), TIMEOUT)

    terminal.insert()
    wait_for_card(pcsc_stack.reader, present=True)
    transport.open()
    assert read_card(transport).card_type is CardType.RESIDENT


def test_pcscd_not_running_is_named(pcsc_stack: PcscStack, tmp_path: Path) -> None:
    """libpcsclite finds pcscd through PCSCLITE_CSOCK_NAME: a socket nobody listens on."""
    code = (
        "from app.devices.idcard.pcsc import list_readers\n"
        "from app.devices.idcard.errors import ReaderUnavailable\n"
        "try:\n    list_readers()\n"
        "except ReaderUnavailable as error:\n    print(error)\n"
    )
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == str(PCSCD_NOT_RUNNING), result.stderr


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_vpcd_fails_and_names_the_package_under_ci_or_not(
    ci: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(pcsc_harness, "VPCD_DRIVER", Path("/nonexistent/libifdvpcd.so"))

    with pytest.raises(pytest.fail.Exception, match="vsmartcard-vpcd"):
        pcsc_harness.start_pcsc_stack()
