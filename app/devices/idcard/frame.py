"""SAM frames (GA/T 467): the envelope of every command to an ID-card reader and every answer.

    preamble  AA AA AA 96 69
    length    2 bytes, big-endian: the number of bytes after it, check byte included
    body      request: command, parameter, data · reply: SW1, SW2, SW3, data
    check     XOR of every byte after the preamble (the length bytes too), check byte excluded

SW1 and SW2 are the card's APDU status forwarded by the reader, SW3 the reader's own status
(see `status`). The layout and the command table agree in the SAM module protocol as vendors
republish it (公安部身份证阅读器模块SAM通讯协议, e.g. blog.csdn.net/zhangbijun1230/article/
details/85242964 and softs.im's 身份证阅读器通信协议) and in the frames open-source readers send
(the tests replay them). A read of text + photo + fingerprint is the longest reply: 2,321
bytes; frames are refused beyond `MAX_FRAME_SIZE`.

Serial and USB readers deliver a reply in arbitrary pieces, sometimes after line noise, so
`FrameDecoder` is fed what arrives and hands back whole replies, finding the next preamble
after garbage. PC/SC readers deliver whole frames: `decode_reply` takes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from app.devices.idcard.errors import FrameError
from app.domain.messages import Message, msg

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2
#: The whole frame, preamble to check byte. The longest real reply is 2,321 bytes.
MAX_FRAME_SIZE = 4096
MAX_LENGTH_FIELD = MAX_FRAME_SIZE - HEADER_SIZE
#: The length field of the shortest reply (SW1 SW2 SW3 check) and request (command parameter check).
MIN_REPLY_LENGTH = 4
MIN_REQUEST_LENGTH = 3


class Command(IntEnum):
    """Command byte and parameter byte of each SAM command, as one 16-bit value."""

    RESET_SAM = 0x10FF
    SAM_STATUS = 0x11FF
    SAM_ID = 0x12FF
    FIND_CARD = 0x2001
    SELECT_CARD = 0x2002
    READ_TEXT_PHOTO = 0x3001
    READ_NEW_ADDRESS = 0x3003
    READ_TEXT_PHOTO_FINGERPRINT = 0x3010

    @property
    def code(self) -> int:
        return self.value >> 8

    @property
    def parameter(self) -> int:
        return self.value & 0xFF

    def request(self, data: bytes = b"") -> bytes:
        """The request frame of this command."""
        return encode_request(self.code, self.parameter, data)


@dataclass(frozen=True)
class Reply:
    """The reader's answer: the card's status bytes, the reader's own status, and the data."""

    sw1: int
    sw2: int
    sw3: int
    data: bytes


@dataclass(frozen=True)
class Request:
    """A command as the reader receives it; what the virtual card and the simulator answer."""

    command: int
    parameter: int
    data: bytes


def checksum(payload: bytes | bytearray | memoryview) -> int:
    """XOR of the bytes: the check byte of a frame whose length bytes and body are given."""
    value = 0
    for byte in payload:
        value ^= byte
    return value


def encode_request(command: int, parameter: int, data: bytes = b"") -> bytes:
    """The frame that sends one command with its parameter and data to the reader."""
    return _encode(bytes((_byte(command, "command"), _byte(parameter, "parameter"))) + data)


def encode_reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """The frame a reader answers with; for the virtual card in tests and the simulator."""
    status = (_byte(sw1, "sw1"), _byte(sw2, "sw2"), _byte(sw3, "sw3"))
    return _encode(bytes(status) + data)


def decode_reply(frame: bytes) -> Reply:
    """The reply in one complete frame; FrameError if it is not exactly one well-formed frame."""
    body = _frame_body(frame, MIN_REPLY_LENGTH, msg("读卡器应答"))
    return Reply(body[0], body[1], body[2], bytes(body[3:]))


def decode_request(frame: bytes) -> Request:
    """The request in one complete frame; FrameError if it is not exactly one well-formed frame."""
    body = _frame_body(frame, MIN_REQUEST_LENGTH, msg("读卡器命令"))
    return Request(body[0], body[1], bytes(body[2:]))


class FrameDecoder:
    """Turns the bytes a reader sends, in whatever pieces they arrive, into replies.

    Bytes before a preamble are skipped and counted in `discarded_bytes`, so that a transport
    can tell line noise from silence. A frame with an impossible length or a wrong check byte
    raises FrameError once; decoding then resumes after it. Replies completed earlier in the
    same `feed` are kept and returned by the next call (`feed(b"")` will do). A corrupt length
    that is still possible makes the decoder wait for bytes that never come: the transport's
    read timeout ends that, and `reset` clears the way for the next command.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._ready: list[Reply] = []
        self.discarded_bytes = 0

    def feed(self, chunk: bytes) -> list[Reply]:
        """Add the bytes that arrived; return every reply that is now complete, oldest first."""
        self._buffer += chunk
        replies, self._ready = self._ready, []
        try:
            while (frame := self._next_frame()) is not None:
                replies.append(decode_reply(frame))
        except FrameError:
            self._ready = replies
            raise
        return replies

    def reset(self) -> None:
        """Forget a partial frame, e.g. after a timeout, before the next command is sent."""
        self._buffer.clear()
        self._ready.clear()

    def _next_frame(self) -> bytes | None:
        """Cut the next whole frame from the buffer; None until one has fully arrived."""
        if not self._skip_to_preamble() or len(self._buffer) < HEADER_SIZE:
            return None
        length = int.from_bytes(self._buffer[len(PREAMBLE) : HEADER_SIZE], "big")
        if not MIN_REPLY_LENGTH <= length <= MAX_LENGTH_FIELD:
            del self._buffer[:1]  # the preamble was noise or the length is corrupt: search on
            raise FrameError(_length_message(length))
        if len(self._buffer) < HEADER_SIZE + length:
            return None
        frame = bytes(self._buffer[: HEADER_SIZE + length])
        del self._buffer[: HEADER_SIZE + length]
        return frame

    def _skip_to_preamble(self) -> bool:
        """Drop bytes before the first preamble; keep a tail that may be the start of one."""
        start = self._buffer.find(PREAMBLE)
        if start < 0:
            keep = _partial_preamble_length(self._buffer)
            self.discarded_bytes += len(self._buffer) - keep
            del self._buffer[: len(self._buffer) - keep]
            return False
        self.discarded_bytes += start
        del self._buffer[:start]
        return True


def _encode(body: bytes) -> bytes:
    length = len(body) + 1
    if length > MAX_LENGTH_FIELD:
        raise ValueError(f"frame body of {len(body)} bytes exceeds {MAX_FRAME_SIZE}-byte frames")
    head = length.to_bytes(2, "big")
    return PREAMBLE + head + body + bytes((checksum(head + body),))


def _frame_body(frame: bytes, minimum: int, what: Message) -> memoryview:
    if len(frame) < HEADER_SIZE or not frame.startswith(PREAMBLE):
        raise FrameError(msg("{what}格式错误：缺少帧头，通信受到干扰，请重新放置证件", what=what))
    length = int.from_bytes(frame[len(PREAMBLE) : HEADER_SIZE], "big")
    if not minimum <= length <= MAX_LENGTH_FIELD:
        raise FrameError(_length_message(length))
    if len(frame) != HEADER_SIZE + length:
        raise FrameError(
            msg(
                "{what}长度不符：声明 {length} 字节，收到 {received} 字节，"
                "数据不完整，请重新放置证件",
                what=what,
                length=length,
                received=len(frame) - HEADER_SIZE,
            )
        )
    view = memoryview(frame)
    if checksum(view[len(PREAMBLE) : -1]) != frame[-1]:
        raise FrameError(msg("{what}校验错误：数据在传输中损坏，请重新放置证件", what=what))
    return view[HEADER_SIZE:-1]


def _length_message(length: int) -> Message:
    return msg("读卡器数据长度异常（{length} 字节），通信受到干扰，请重新放置证件", length=length)


def _partial_preamble_length(buffer: bytearray) -> int:
    """How many bytes at the end of the buffer are the beginning of a preamble."""
    for size in range(min(len(PREAMBLE) - 1, len(buffer)), 0, -1):
        if buffer.endswith(PREAMBLE[:size]):
            return size
    return 0


def _byte(value: int, name: str) -> int:
    if not 0 <= value <= 0xFF:
        raise ValueError(f"{name} must be one byte, got {value}")
    return value
