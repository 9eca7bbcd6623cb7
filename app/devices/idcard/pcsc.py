"""ID-card readers reached through PC/SC (pcsc-lite on Linux, WinSCard on Windows) with pyscard.

A PC/SC ID-card reader carries its SAM frames inside ordinary `SCardTransmit` calls. How a
frame is wrapped is the reader's convention, kept behind `Tunnel` so that a reader with
another one can be added without touching the transport. `SamTunnel`, the default, is the
convention issue 3 describes: the request frame is sent unchanged as the bytes of one
transmit, and the reader answers with the reply frame followed by the status word 90 00.

The longest reply (text + photo + fingerprint) is 2,321 bytes, more than a short APDU's 256:
pyscard hands `SCardTransmit` a receive buffer of pcsc-lite's `MAX_BUFFER_SIZE_EXTENDED`
(65,548 bytes), so it fits, and the connection uses T=1, the protocol that carries extended
lengths. PC/SC has no per-transmit timeout: the reader driver's own timeout ends a transmit
that gets no answer and comes back as `ReaderTimeout`.

pyscard is imported inside the functions that need it, so that the application starts (and
the serial reader and the simulator work) on a machine without it; PC/SC then fails with a
`ReaderUnavailable` that says what to install. Every pyscard error is turned into a
`ReaderUnavailable` or `ReaderTimeout` whose text the clerk can act on.
"""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any, Protocol

from app.devices.idcard.errors import CardReaderError, ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import Reply, decode_reply
from app.domain.messages import Message, msg

log = logging.getLogger(__name__)

PYSCARD_MISSING = msg(
    "未安装 pyscard：PC/SC 读卡器不可用。请安装 pyscard（pip install pyscard），"
    "或改用串口读卡器；也可先手工录入"
)
PCSCD_NOT_RUNNING = msg(
    "PC/SC 服务（pcscd）未运行，找不到任何读卡器：请启动 pcscd"
    "（sudo systemctl start pcscd）后重试；也可先手工录入"
)
_REPLUG = msg("请重新插拔读卡器，仍不行请联系管理员；也可先手工录入")

# PC/SC return codes (winscard.h), as the unsigned numbers pcsc-lite and Windows document.
_SCARD_E_UNKNOWN_READER = 0x80100009
_SCARD_E_TIMEOUT = 0x8010000A
_SCARD_E_SHARING_VIOLATION = 0x8010000B
_SCARD_E_NO_SMARTCARD = 0x8010000C
_SCARD_E_PROTO_MISMATCH = 0x8010000F
_SCARD_E_NOT_TRANSACTED = 0x80100016
_SCARD_E_READER_UNAVAILABLE = 0x80100017
_SCARD_E_NO_SERVICE = 0x8010001D
_SCARD_E_SERVICE_STOPPED = 0x8010001E
_SCARD_E_NO_READERS_AVAILABLE = 0x8010002E
_SCARD_W_UNRESPONSIVE_CARD = 0x80100066
_SCARD_W_UNPOWERED_CARD = 0x80100067
_SCARD_W_RESET_CARD = 0x80100068
_SCARD_W_REMOVED_CARD = 0x80100069

_NO_SERVICE = {_SCARD_E_NO_SERVICE, _SCARD_E_SERVICE_STOPPED}
_READER_GONE = {_SCARD_E_UNKNOWN_READER, _SCARD_E_READER_UNAVAILABLE, _SCARD_E_NO_READERS_AVAILABLE}
_NO_ANSWER = {
    _SCARD_E_NO_SMARTCARD,
    _SCARD_W_REMOVED_CARD,
    _SCARD_W_RESET_CARD,
    _SCARD_W_UNPOWERED_CARD,
    _SCARD_W_UNRESPONSIVE_CARD,
}


class TunnelError(CardReaderError):
    """The reader refused the PC/SC transmit itself: it does not speak this tunnel convention."""


class Tunnel(Protocol):
    """How one reader model carries SAM frames inside PC/SC transmits."""

    def wrap(self, frame: bytes) -> bytes:
        """The bytes to transmit for one SAM request frame."""
        ...

    def unwrap(self, response: bytes, sw1: int, sw2: int) -> bytes:
        """The SAM reply frame in a transmit's response data and status word."""
        ...


class SamTunnel:
    """The frame unchanged as one transmit; the reply frame comes back with status 90 00."""

    def wrap(self, frame: bytes) -> bytes:
        return frame

    def unwrap(self, response: bytes, sw1: int, sw2: int) -> bytes:
        if (sw1, sw2) != (0x90, 0x00):
            raise TunnelError(
                msg(
                    "读卡器拒绝了 PC/SC 命令（状态字 {sw1} {sw2}）：读卡器型号可能不兼容，{replug}",
                    sw1=f"{sw1:02X}",
                    sw2=f"{sw2:02X}",
                    replug=_REPLUG,
                )
            )
        return response


#: The default tunnel; stateless, so one instance serves every transport.
SAM_TUNNEL = SamTunnel()


class PcscTransport:
    """One PC/SC reader, chosen by its name as PC/SC lists it, as a `Transport`.

    Used from the device worker thread only. After the reader or its card went away the
    connection is dropped, and `open` connects again once it is back.
    """

    def __init__(self, reader_name: str, tunnel: Tunnel = SAM_TUNNEL) -> None:
        self._reader_name = reader_name
        self._tunnel = tunnel
        self._connection: Any = None

    @property
    def name(self) -> str:
        return self._reader_name

    def open(self) -> None:
        if self._connection is not None:
            return
        smartcard = _pyscard()
        reader = self._find_reader(smartcard)
        try:
            connection = reader.createConnection()
        except _pyscard_errors(smartcard) as error:
            raise _reader_error(error, self._reader_name) from error
        try:
            connection.connect(smartcard.CardConnection.CardConnection.T1_protocol)
        except _pyscard_errors(smartcard) as error:
            _release(connection)
            raise _reader_error(error, self._reader_name) from error
        self._connection = connection
        log.info("PC/SC reader connected: %s", self._reader_name)

    def exchange(self, request: bytes, timeout: float) -> Reply:
        """Send one request frame; `timeout` is the driver's (PC/SC transmits have none)."""
        if self._connection is None:
            raise ReaderUnavailable(
                msg("读卡器“{reader}”尚未连接，请稍候重试", reader=self._reader_name)
            )
        smartcard = _pyscard()
        try:
            data, sw1, sw2 = self._connection.transmit(list(self._tunnel.wrap(request)))
        except _pyscard_errors(smartcard) as error:
            self.close()
            raise _reader_error(error, self._reader_name) from error
        return decode_reply(self._tunnel.unwrap(bytes(data), sw1, sw2))

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            _release(connection)

    def _find_reader(self, smartcard: ModuleType) -> Any:
        for reader in _readers(smartcard):
            if str(reader) == self._reader_name:
                return reader
        raise ReaderUnavailable(
            msg(
                "找不到读卡器“{reader}”：读卡器未连接或已拔出。请插好读卡器，"
                "或在设置中重新选择读卡器；也可先手工录入",
                reader=self._reader_name,
            )
        )


def list_readers() -> list[str]:
    """The names of the PC/SC readers now connected; empty when there are none.

    ReaderUnavailable when pyscard is missing or pcscd is not running. Cheap enough to call
    every second or so to notice readers plugged in or pulled out.
    """
    return [str(reader) for reader in _readers(_pyscard())]


def _pyscard() -> ModuleType:
    try:
        import smartcard
        import smartcard.CardConnection
        import smartcard.Exceptions
        import smartcard.pcsc.PCSCExceptions
        import smartcard.System
    except ImportError as error:
        raise ReaderUnavailable(PYSCARD_MISSING) from error
    return smartcard


def _pyscard_errors(smartcard: ModuleType) -> tuple[type[Exception], ...]:
    """pyscard's two exception families: the connection's and the PC/SC context's."""
    return (
        smartcard.Exceptions.SmartcardException,
        smartcard.pcsc.PCSCExceptions.BaseSCardException,
    )


def _readers(smartcard: ModuleType) -> list[Any]:
    try:
        return list(smartcard.System.readers())
    except _pyscard_errors(smartcard) as error:
        if _hresult(error) == _SCARD_E_NO_READERS_AVAILABLE:
            return []
        raise _reader_error(error, None) from error


def _reader_error(error: Exception, reader_name: str | None) -> CardReaderError:
    """The clerk's sentence for a pyscard error; the PC/SC code goes to the log only."""
    code = _hresult(error)
    log.warning("PC/SC error on %s: %s (0x%08X)", reader_name, error, code)
    reader = msg("读卡器“{name}”", name=reader_name) if reader_name else msg("读卡器")
    kind = type(error).__name__
    if code in _NO_SERVICE or kind in {
        "EstablishContextException",
        "CardServiceNotFoundException",
        "CardServiceStoppedException",
    }:
        return ReaderUnavailable(PCSCD_NOT_RUNNING)
    if code == _SCARD_E_TIMEOUT:
        return ReaderTimeout(
            msg("{reader}在规定时间内没有应答：请重新放置证件后再读", reader=reader)
        )
    return ReaderUnavailable(_unavailable(code, kind, reader))


def _unavailable(code: int, kind: str, reader: Message) -> Message:
    if code in _READER_GONE:
        return msg("{reader}未连接或已拔出：请插好读卡器；也可先手工录入", reader=reader)
    if code in _NO_ANSWER or kind == "NoCardException":
        return msg(
            "{reader}没有响应（安全模块未就绪或通信中断）：{replug}", reader=reader, replug=_REPLUG
        )
    if code == _SCARD_E_SHARING_VIOLATION:
        return msg("{reader}正被其他程序占用：请关闭其他读卡软件后重试", reader=reader)
    if code == _SCARD_E_PROTO_MISMATCH:
        return msg(
            "{reader}不支持 T=1 通信协议：读卡器型号可能不兼容，{replug}",
            reader=reader,
            replug=_REPLUG,
        )
    if code == _SCARD_E_NOT_TRANSACTED:
        return msg("{reader}通信中断：{replug}", reader=reader, replug=_REPLUG)
    return msg(
        "{reader}通信失败（PC/SC 错误 0x{code}）：{replug}",
        reader=reader,
        code=f"{code:08X}",
        replug=_REPLUG,
    )


def _hresult(error: Exception) -> int:
    """The PC/SC code as an unsigned 32-bit number; -1 (0xFFFFFFFF) when there is none."""
    return int(getattr(error, "hresult", -1)) & 0xFFFFFFFF


def _release(connection: Any) -> None:
    """Disconnect and free the context; a reader already gone may refuse, which is no news."""
    try:
        connection.release()
    except Exception as error:  # pyscard raises its own and, for a dead context, OSError
        log.info("PC/SC release failed (the reader is probably gone): %s", error)
