"""The PC/SC transport without a reader: the tunnel, pyscard missing, and every PC/SC error
code turned into a sentence for the clerk. The real stack is in tests/integration."""

from __future__ import annotations

import sys

import pytest

from app.devices.idcard import pcsc
from app.devices.idcard.errors import ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import Command, Reply, encode_reply
from app.devices.idcard.pcsc import (
    PCSCD_NOT_RUNNING,
    PYSCARD_MISSING,
    SamTunnel,
    TunnelError,
)


class FakePcscError(Exception):
    """Stands in for a pyscard exception: it carries the PC/SC code as `hresult`."""

    def __init__(self, hresult: int) -> None:
        super().__init__(f"pc/sc 0x{hresult & 0xFFFFFFFF:08X}")
        self.hresult = hresult


class EstablishContextException(Exception):
    """Named like pyscard's; some pyscard versions raise it without a code."""


def test_sam_tunnel_sends_the_frame_unchanged_and_takes_the_reply_before_90_00() -> None:
    request = Command.FIND_CARD.request()
    reply = encode_reply(0x9F)

    assert SamTunnel().wrap(request) == request
    assert SamTunnel().unwrap(reply, 0x90, 0x00) == reply


def test_sam_tunnel_refuses_another_status_word() -> None:
    with pytest.raises(TunnelError, match="6A 81"):
        SamTunnel().unwrap(b"", 0x6A, 0x81)


def test_transport_with_another_tunnel_uses_it() -> None:
    class Prefixed:
        def wrap(self, frame: bytes) -> bytes:
            return b"\xff" + frame

        def unwrap(self, response: bytes, sw1: int, sw2: int) -> bytes:
            return response[1:]

    class Connection:
        def __init__(self) -> None:
            self.sent: list[int] = []

        def transmit(self, command: list[int]) -> tuple[list[int], int, int]:
            self.sent = command
            return list(b"\x00" + encode_reply(0x90, b"ok")), 0x90, 0x00

    transport = pcsc.PcscTransport("Reader 00 00", Prefixed())
    connection = Connection()
    transport._connection = connection

    assert transport.exchange(Command.SAM_ID.request(), 1.0) == Reply(0, 0, 0x90, b"ok")
    assert bytes(connection.sent) == b"\xff" + Command.SAM_ID.request()


def test_without_pyscard_the_reader_is_unavailable_and_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "smartcard", None)

    with pytest.raises(ReaderUnavailable) as raised:
        pcsc.list_readers()
    assert raised.value.message == PYSCARD_MISSING
    with pytest.raises(ReaderUnavailable, match="pip install pyscard"):
        pcsc.PcscTransport("Reader 00 00").open()


def test_exchange_before_open_is_unavailable() -> None:
    with pytest.raises(ReaderUnavailable, match="尚未连接"):
        pcsc.PcscTransport("Reader 00 00").exchange(Command.FIND_CARD.request(), 1.0)


@pytest.mark.parametrize(
    ("hresult", "kind", "words"),
    [
        (0x8010001D, ReaderUnavailable, "pcscd"),  # SCARD_E_NO_SERVICE
        (0x8010001E, ReaderUnavailable, "pcscd"),  # SCARD_E_SERVICE_STOPPED
        (0x8010000A, ReaderTimeout, "没有应答"),  # SCARD_E_TIMEOUT
        (0x80100009, ReaderUnavailable, "未连接或已拔出"),  # SCARD_E_UNKNOWN_READER
        (0x80100017, ReaderUnavailable, "未连接或已拔出"),  # SCARD_E_READER_UNAVAILABLE
        (0x8010000C, ReaderUnavailable, "没有响应"),  # SCARD_E_NO_SMARTCARD
        (0x80100069 - 0x100000000, ReaderUnavailable, "没有响应"),  # removed, signed as pyscard
        (0x8010000B, ReaderUnavailable, "其他程序占用"),  # SCARD_E_SHARING_VIOLATION
        (0x8010000F, ReaderUnavailable, "T=1"),  # SCARD_E_PROTO_MISMATCH
        (0x80100016, ReaderUnavailable, "通信中断"),  # SCARD_E_NOT_TRANSACTED
        (0x80100001, ReaderUnavailable, "0x80100001"),  # SCARD_F_INTERNAL_ERROR
    ],
)
def test_each_pcsc_code_has_its_sentence(hresult: int, kind: type[Exception], words: str) -> None:
    error = pcsc._reader_error(FakePcscError(hresult), "Reader 00 00")

    assert type(error) is kind
    assert words in str(error)
    assert "Reader 00 00" in str(error) or error.message == PCSCD_NOT_RUNNING


def test_a_context_that_cannot_be_established_means_pcscd_is_not_running() -> None:
    assert pcsc._reader_error(EstablishContextException(), None).message == PCSCD_NOT_RUNNING
