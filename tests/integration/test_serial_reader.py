"""The serial reader through a real tty: a pseudo-terminal pair whose master end a thread plays
as the reader (SAM frames, virtual cards), while `SerialTransport` opens the slave by name."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
import tty
from collections.abc import Callable, Iterator

import pytest

from app.devices.idcard.errors import FrameError, ReaderTimeout, ReaderUnavailable
from app.devices.idcard.frame import (
    HEADER_SIZE,
    PREAMBLE,
    Command,
    Request,
    decode_request,
    encode_reply,
)
from app.devices.idcard.serial_port import SerialTransport
from app.devices.idcard.session import CardSession
from app.devices.idcard.virtual_cards import read_body, resident_card
from tests.timing import returned_in_time

Answer = Callable[[Request], bytes]


def card_reader(request: Request) -> bytes:
    """A reader holding the default resident card."""
    command = request.command << 8 | request.parameter
    if command == Command.FIND_CARD:
        return encode_reply(0x9F)
    if command == Command.SELECT_CARD:
        return encode_reply(0x90)
    if command == Command.READ_TEXT_PHOTO:
        return encode_reply(0x90, read_body(resident_card()))
    return encode_reply(0x21)


class PlayedReader:
    """The master end of a pty, answering each request frame with `answer(request)`."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.answering = threading.Event()  # cleared: each answer waits until it is set
        self.answering.set()
        self.answered = threading.Event()  # set once an answer is written
        self.chunk = 0  # 0: write the answer at once; else in pieces of this size
        self.requests: list[Request] = []
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.tty_name = os.ttyname(self.slave)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if not ready:
                continue
            try:
                buffer += os.read(self.master, 4096)
            except OSError:
                return
            while (start := buffer.find(PREAMBLE)) >= 0 and len(buffer) >= start + HEADER_SIZE:
                length = int.from_bytes(buffer[start + 5 : start + HEADER_SIZE], "big")
                end = start + HEADER_SIZE + length
                if len(buffer) < end:
                    break
                request = decode_request(buffer[start:end])
                buffer = buffer[end:]
                self.requests.append(request)
                self._send(self.answer(request))

    def _send(self, data: bytes) -> None:
        self.answering.wait()
        size = self.chunk or len(data)
        for start in range(0, len(data), size):
            os.write(self.master, data[start : start + size])
            if self.chunk:
                time.sleep(0.001)
        self.answered.set()

    def close(self) -> None:
        self._stop.set()
        self.answering.set()
        self._thread.join(2)
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


Played = Callable[[Answer], "PlayedReader"]
Opened = Callable[[str], SerialTransport]


@pytest.fixture
def played() -> Iterator[Played]:
    readers: list[PlayedReader] = []

    def start(answer: Answer) -> PlayedReader:
        readers.append(PlayedReader(answer))
        return readers[-1]

    yield start
    for reader in readers:
        reader.close()


@pytest.fixture
def opened() -> Iterator[Opened]:
    transports: list[SerialTransport] = []

    def open_port(name: str) -> SerialTransport:
        transport = SerialTransport(name)
        transport.open()
        transports.append(transport)
        return transport

    yield open_port
    for transport in transports:
        transport.close()


def test_a_card_is_read_through_the_serial_port(played: Played, opened: Opened) -> None:
    reader = played(card_reader)
    reader.chunk = 64  # a real port delivers a reply in pieces
    card = CardSession(opened(reader.tty_name)).read_card(timeout=3)
    assert card.name == "李文华" and len(card.photo) == 1024
    assert [r.command << 8 | r.parameter for r in reader.requests] == [
        Command.FIND_CARD,
        Command.SELECT_CARD,
        Command.READ_TEXT_PHOTO,
    ]


def test_garbage_before_the_frame_is_skipped(played: Played, opened: Opened) -> None:
    reader = played(lambda request: b"\x00\xff\x13noise\xaa\xaa\x96" + card_reader(request))
    card = CardSession(opened(reader.tty_name)).read_card(timeout=3)
    assert card.name == "李文华"


def test_garbage_only_is_a_frame_error_that_says_so(played: Played, opened: Opened) -> None:
    reader = played(lambda request: bytes(range(0x20, 0x7F)) * 3)
    transport = opened(reader.tty_name)
    started = time.monotonic()
    with pytest.raises(FrameError, match="无法识别的数据") as raised:
        transport.exchange(Command.FIND_CARD.request(), timeout=0.4)
    returned_in_time(started, 0.4)
    assert "\n" not in str(raised.value)


def test_a_corrupt_check_byte_is_a_frame_error(played: Played, opened: Opened) -> None:
    def corrupt(request: Request) -> bytes:
        frame = bytearray(card_reader(request))
        frame[-1] ^= 0xFF
        return bytes(frame)

    transport = opened(played(corrupt).tty_name)
    with pytest.raises(FrameError, match="校验错误"):
        transport.exchange(Command.FIND_CARD.request(), timeout=1)


def test_a_slow_reader_times_out(played: Played, opened: Opened) -> None:
    reader = played(card_reader)
    reader.answering.clear()  # it answers only when the test lets it: never, here
    transport = opened(reader.tty_name)
    started = time.monotonic()
    with pytest.raises(ReaderTimeout, match="没有应答"):
        transport.exchange(Command.FIND_CARD.request(), timeout=0.3)
    assert time.monotonic() - started > 0.25


def test_the_late_answer_is_not_taken_for_the_next_one(played: Played, opened: Opened) -> None:
    reader = played(card_reader)
    reader.answering.clear()
    transport = opened(reader.tty_name)
    with pytest.raises(ReaderTimeout):
        transport.exchange(Command.FIND_CARD.request(), timeout=0.1)
    reader.answering.set()  # the 9F comes late ...
    assert reader.answered.wait(10)
    assert select.select([reader.slave], [], [], 10)[0]  # ... and waits at the port
    reply = transport.exchange(Command.SELECT_CARD.request(), timeout=10)
    assert reply.sw3 == 0x90


def test_a_missing_port_is_reader_unavailable() -> None:
    with pytest.raises(ReaderUnavailable, match="/dev/nonexistent-reader"):
        SerialTransport("/dev/nonexistent-reader").open()


def test_exchange_before_open_is_reader_unavailable() -> None:
    with pytest.raises(ReaderUnavailable, match="尚未打开"):
        SerialTransport("/dev/ttyUSB9").exchange(Command.FIND_CARD.request(), timeout=0.1)
