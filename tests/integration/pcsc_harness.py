"""The real PC/SC stack for the tests: pcscd with the vsmartcard virtual reader (vpcd), and a
virtual ID-card terminal, written here, that plugs into it and answers SAM frames.

vpcd is a pcsc-lite driver that listens on TCP (127.0.0.1:35963 for its first slot, set by
CHANNELID 0x8C7B in /etc/reader.conf.d/vpcd). A virtual card connects to that port: the
connection is the card being inserted, closing it is the card being removed. Every message
either way is a 2-byte big-endian length and a payload. A 1-byte payload from vpcd is a
control code — 00 power off, 01 power on, 02 reset (no answer), 04 "send your ATR" — and any
other payload is a command the card answers with its response (vsmartcard's documentation,
"Creating a virtual smart card"). Here the command is a SAM request frame, the response the
SAM reply frame followed by 90 00, the tunnel convention `PcscTransport` speaks.

A missing pcscd, vpcd or pyscard fails the test, naming the Debian package (`real_parts`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from app.devices.idcard.errors import FrameError, ReaderUnavailable
from app.devices.idcard.frame import Command, Request, decode_request, encode_reply
from app.devices.idcard.pcsc import list_readers
from app.devices.idcard.status import ReaderStatus
from app.devices.idcard.virtual_cards import PHOTO_SIZE, read_body
from tests.real_parts import missing

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # CHANNELID 0x8C7B, slot 0
VPCD_READER_PREFIX = "Virtual PCD"
VPCD_DRIVER = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
#: T=1 only (TD1 = 01) with its check byte: the protocol PcscTransport asks for.
ATR = bytes.fromhex("3B800181")
SW_OK = b"\x90\x00"
_CTRL_ATR = 0x04
STARTUP_TIMEOUT = 10.0
START_ATTEMPTS = 3
LOG_LINES = 15
#: what pcscd leaves behind when it dies without cleaning up (pcsc-lite's default paths)
PCSCD_FILES = (Path("/run/pcscd/pcscd.comm"), Path("/run/pcscd/pcscd.pid"))


@dataclass
class PcscStack:
    """pcscd running with the vpcd reader; `started` holds pcscd if the tests started it."""

    reader: str
    port: int
    pcscd_version: str
    started: subprocess.Popen[bytes] | None = None

    def stop(self) -> None:
        if self.started is not None:
            _stop(self.started)


def start_pcsc_stack() -> PcscStack:
    """Make sure pcscd runs with the vpcd reader; start pcscd (as root) when it does not.

    A pcscd the tests start is tried up to START_ATTEMPTS times: one that exits at once (a
    socket or pid file left by an earlier daemon, the vpcd port still held) is retried after the
    stale files are cleared, and its own log is quoted when it never comes up."""
    pcscd = shutil.which("pcscd") or (
        "/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None
    )
    if pcscd is None:
        missing("pcscd 未安装：请安装 Debian 软件包 pcscd（scripts/setup.sh）")
    if not VPCD_DRIVER.exists():
        missing(f"vpcd 虚拟读卡器驱动（{VPCD_DRIVER}）未安装：请安装 Debian 软件包 vsmartcard-vpcd")
    try:
        import smartcard  # noqa: F401
    except ImportError:
        missing("pyscard 未安装：请 pip install pyscard（需 Debian 软件包 libpcsclite-dev swig）")
    version = _pcscd_version(pcscd)
    if _pcscd_running():
        reader = _wait_for_vpcd(None)
        if reader is None:
            missing(
                "pcscd 已运行，但没有 vpcd 虚拟读卡器（Virtual PCD）：请安装 Debian 软件包 "
                "vsmartcard-vpcd 并重启 pcscd"
            )
        return PcscStack(reader, VPCD_PORT, version)
    if os.geteuid() != 0:
        missing("pcscd 未运行，测试以非 root 身份无法启动它：请 sudo systemctl start pcscd")
    log = ""
    for _ in range(START_ATTEMPTS):
        _clear_stale_files()
        with tempfile.TemporaryFile() as output:
            started = subprocess.Popen(
                [pcscd, "--foreground", "--info"], stdout=output, stderr=subprocess.STDOUT
            )
            reader = _wait_for_vpcd(started)
            if reader is not None:
                return PcscStack(reader, VPCD_PORT, version, started)
            _stop(started)
            output.seek(0)
            log = output.read().decode(errors="replace")
        time.sleep(1.0)
    tail = "\n".join(log.strip().splitlines()[-LOG_LINES:])
    missing(
        f"测试启动的 pcscd 在 {START_ATTEMPTS} 次尝试中都没有出现 vpcd 虚拟读卡器"
        f"（Virtual PCD）；pcscd 最后的日志：\n{tail}",
    )


def _wait_for_vpcd(started: subprocess.Popen[bytes] | None) -> str | None:
    """The vpcd reader once pcscd lists it; None if pcscd exits or STARTUP_TIMEOUT passes."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        with contextlib.suppress(ReaderUnavailable):
            reader = _vpcd_reader(list_readers())
            if reader is not None:
                return reader
        if started is not None and started.poll() is not None:
            return None
        time.sleep(0.1)
    return None


def _stop(pcscd: subprocess.Popen[bytes]) -> None:
    pcscd.terminate()
    try:
        pcscd.wait(10)
    except subprocess.TimeoutExpired:
        pcscd.kill()
        pcscd.wait(5)


def _clear_stale_files() -> None:
    """Remove pcscd's socket and pid file when no pcscd process is alive to own them."""
    if any(_process_name(p) == "pcscd" for p in Path("/proc").iterdir() if p.name.isdigit()):
        return
    for stale in PCSCD_FILES:
        stale.unlink(missing_ok=True)


def _process_name(process: Path) -> str:
    try:
        return (process / "comm").read_text().strip()
    except OSError:  # the process ended while we looked
        return ""


def _pcscd_running() -> bool:
    try:
        list_readers()
    except ReaderUnavailable:
        return False
    return True


def _vpcd_reader(readers: list[str]) -> str | None:
    """Slot 0 of the first vpcd reader, the one on VPCD_PORT."""
    slots = sorted(r for r in readers if r.startswith(VPCD_READER_PREFIX) and r.endswith(" 00"))
    return slots[0] if slots else None


def _pcscd_version(pcscd: str) -> str:
    result = subprocess.run([pcscd, "--version"], capture_output=True, text=True, timeout=10)
    first = (result.stdout or result.stderr).splitlines()
    return first[0].strip() if first else "unknown"


def wait_for_card(reader: str, present: bool, timeout: float = 10.0) -> None:
    """Wait until pcscd sees a card in the reader (or none): vpcd polls every few 100 ms."""
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, scard.SCardGetErrorMessage(hresult)
    try:
        deadline = time.monotonic() + timeout
        while True:
            hresult, states = scard.SCardGetStatusChange(
                context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
            )
            if hresult == scard.SCARD_S_SUCCESS:
                state = states[0][1]
                if bool(state & scard.SCARD_STATE_PRESENT) == present:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"pcscd did not see the card {'in' if present else 'out'}")
            time.sleep(0.05)
    finally:
        scard.SCardReleaseContext(context)


class Mode(Enum):
    """What the terminal's antenna holds."""

    CARD = "card"  # find 9F, select 90, read 90 with the card's body
    NO_CARD = "no_card"  # find 80
    REMOVED_MID_READ = "removed_mid_read"  # find 9F, select 90, read 41


@dataclass
class VirtualIdCardTerminal:
    """A SAM reader with an ID card on it, plugged into vpcd as a virtual smart card."""

    port: int
    text: bytes = b""
    photo: bytes = bytes(PHOTO_SIZE)
    fingerprint: bytes = bytes(range(256)) * 4
    mode: Mode = Mode.CARD
    requests: list[Request] = field(default_factory=list)
    replies: list[bytes] = field(default_factory=list)
    _socket: socket.socket | None = None
    _thread: threading.Thread | None = None
    _error: BaseException | None = None

    def hold(self, text: bytes, mode: Mode = Mode.CARD) -> None:
        """Put a card (its 256-byte text record) on the antenna, or none, or a slipping one."""
        self.text, self.mode = text, mode

    def insert(self) -> None:
        """Connect to vpcd: the PC/SC card is in."""
        self._socket = socket.create_connection((VPCD_HOST, self.port), timeout=5)
        self._socket.settimeout(None)
        self._thread = threading.Thread(target=self._serve, name="virtual-id-terminal", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Disconnect from vpcd: the PC/SC card is out."""
        sock, self._socket = self._socket, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(5)
            assert not self._thread.is_alive(), "virtual terminal thread did not stop"
            self._thread = None
        if self._error is not None:
            raise AssertionError("virtual terminal failed") from self._error

    def _serve(self) -> None:
        sock = self._socket
        assert sock is not None
        try:
            while True:
                message = _receive(sock)
                if message is None:
                    return
                if len(message) == 1:
                    if message[0] == _CTRL_ATR:
                        _send(sock, ATR)
                    continue
                reply = self.answer(message)
                self.replies.append(reply)
                _send(sock, reply + SW_OK)
        except OSError:
            return  # closed by remove()
        except BaseException as error:  # reported by remove(), not lost in the thread
            self._error = error

    def answer(self, frame: bytes) -> bytes:
        """The SAM reply frame to one request frame."""
        try:
            request = decode_request(frame)
        except FrameError:
            return encode_reply(ReaderStatus.CHECK_BYTE_ERROR)
        self.requests.append(request)
        command = (request.command << 8) | request.parameter
        if command == Command.FIND_CARD:
            found = self.mode is not Mode.NO_CARD
            return encode_reply(ReaderStatus.CARD_FOUND if found else ReaderStatus.FIND_FAILED)
        if command == Command.SELECT_CARD:
            selected = self.mode is not Mode.NO_CARD
            return encode_reply(ReaderStatus.SUCCESS if selected else ReaderStatus.SELECT_FAILED)
        if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
            if self.mode is not Mode.CARD:
                return encode_reply(ReaderStatus.READ_FAILED)
            fingerprint = (
                self.fingerprint if command == Command.READ_TEXT_PHOTO_FINGERPRINT else None
            )
            return encode_reply(ReaderStatus.SUCCESS, read_body(self.text, self.photo, fingerprint))
        return encode_reply(ReaderStatus.BAD_COMMAND)


@contextlib.contextmanager
def plugged_in(terminal: VirtualIdCardTerminal, reader: str) -> Iterator[VirtualIdCardTerminal]:
    """The terminal connected to vpcd for the block, pcscd seeing its card come and go."""
    terminal.insert()
    wait_for_card(reader, present=True)
    yield terminal
    terminal.remove()
    wait_for_card(reader, present=False)


def _receive(sock: socket.socket) -> bytes | None:
    head = _receive_exactly(sock, 2)
    if head is None:
        return None
    (length,) = struct.unpack(">H", head)
    return _receive_exactly(sock, length)


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)
