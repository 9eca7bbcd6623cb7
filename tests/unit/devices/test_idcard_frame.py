"""SAM frames and reader statuses: the frames published by vendors and open-source readers,
round trips, the stream decoder's resynchronisation, and a message for every SW3."""

from __future__ import annotations

import pytest

from app.devices.idcard.errors import CardReaderError, FrameError
from app.devices.idcard.frame import (
    MAX_FRAME_SIZE,
    PREAMBLE,
    Command,
    FrameDecoder,
    Reply,
    Request,
    checksum,
    decode_reply,
    decode_request,
    encode_reply,
    encode_request,
)
from app.devices.idcard.status import (
    ReaderStatus,
    StatusCategory,
    StatusError,
    describe,
    expect,
)
from app.devices.idcard.virtual_cards import read_body, resident_card


def frame(hex_text: str) -> bytes:
    return bytes.fromhex(hex_text)


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= character <= "\u9fff" for character in text)


# Request frames copied from open-source readers: the GLib reader daemon (status, find,
# select, read) and an 8051 firmware (find, select, read).
PUBLISHED_REQUESTS = {
    Command.SAM_STATUS: "AA AA AA 96 69 00 03 11 FF ED",
    Command.FIND_CARD: "AA AA AA 96 69 00 03 20 01 22",
    Command.SELECT_CARD: "AA AA AA 96 69 00 03 20 02 21",
    Command.READ_TEXT_PHOTO: "AA AA AA 96 69 00 03 30 01 32",
}


@pytest.mark.parametrize(("command", "published"), PUBLISHED_REQUESTS.items())
def test_requests_match_the_published_frames(command: Command, published: str) -> None:
    assert command.request() == frame(published)
    assert encode_request(command.code, command.parameter) == frame(published)


@pytest.mark.parametrize(
    ("published", "sw3"),
    [
        ("aa aa aa 96 69 00 04 00 00 41 45", ReaderStatus.READ_FAILED),  # softs.im: 读卡失败
        ("aa aa aa 96 69 00 04 00 00 32 36", ReaderStatus.READER_REJECTED_CARD),
    ],
)
def test_published_replies_decode(published: str, sw3: ReaderStatus) -> None:
    assert decode_reply(frame(published)) == Reply(0, 0, sw3, b"")


def test_a_text_and_photo_reply_has_the_published_header_and_size() -> None:
    # eastcoms.com's parse note: "AA AA AA 96 69 05 08 00 00 90 01 00 04 00", then 256 + 1024
    reply = encode_reply(ReaderStatus.SUCCESS, read_body(resident_card()))
    assert reply[:14] == frame("AA AA AA 96 69 05 08 00 00 90 01 00 04 00")
    assert len(reply) == 1295


def test_a_reply_with_fingerprints_is_the_longest_frame_of_2321_bytes() -> None:
    body = read_body(resident_card(), fingerprint=bytes(1024))
    reply = encode_reply(ReaderStatus.SUCCESS, body)
    assert len(reply) == 2321 <= MAX_FRAME_SIZE
    assert decode_reply(reply).data == body


def test_command_codes() -> None:
    assert [(c.code, c.parameter) for c in Command] == [
        (0x10, 0xFF),
        (0x11, 0xFF),
        (0x12, 0xFF),
        (0x20, 0x01),
        (0x20, 0x02),
        (0x30, 0x01),
        (0x30, 0x03),
        (0x30, 0x10),
    ]


def test_length_counts_every_byte_after_it_and_the_check_byte_xors_them() -> None:
    encoded = encode_reply(0x9F, b"\x00\x00\x00\x00\x00\x00\x00\x00", sw1=0x12, sw2=0x34)
    assert int.from_bytes(encoded[5:7], "big") == len(encoded) - 7
    assert encoded[-1] == checksum(encoded[5:-1])


@pytest.mark.parametrize("data", [b"", b"\x01", PREAMBLE * 3, bytes(range(256)) * 8])
def test_round_trips(data: bytes) -> None:
    assert decode_reply(encode_reply(0x90, data, sw1=0x90, sw2=0x00)) == Reply(0x90, 0, 0x90, data)
    assert decode_request(encode_request(0x30, 0x10, data)) == Request(0x30, 0x10, data)


def test_encoding_refuses_what_no_frame_can_hold() -> None:
    with pytest.raises(ValueError, match="one byte"):
        encode_request(0x100, 0)
    with pytest.raises(ValueError, match="exceeds"):
        encode_reply(0x90, bytes(MAX_FRAME_SIZE))


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (b"", "缺少帧头"),
        (frame("AB AA AA 96 69 00 04 00 00 41 45"), "缺少帧头"),
        (frame("AA AA AA 96 69 00 04 00 00 41"), "长度不符"),
        (frame("AA AA AA 96 69 00 04 00 00 41 45 00"), "长度不符"),
        (frame("AA AA AA 96 69 00 04 00 00 41 46"), "校验错误"),
        (frame("AA AA AA 96 69 00 02 00 02"), "长度异常"),
        (frame("AA AA AA 96 69 FF FF 00"), "长度异常"),
    ],
)
def test_malformed_replies_raise_a_chinese_frame_error(broken: bytes, message: str) -> None:
    with pytest.raises(FrameError, match=message) as raised:
        decode_reply(broken)
    assert isinstance(raised.value, CardReaderError)
    assert has_chinese(str(raised.value))


# ------------------------------------------------------------------------- stream decoder

READ_FAILED = frame("aa aa aa 96 69 00 04 00 00 41 45")
CARD_FOUND = encode_reply(ReaderStatus.CARD_FOUND, bytes(8))


def test_the_decoder_assembles_a_reply_fed_one_byte_at_a_time() -> None:
    reply = encode_reply(ReaderStatus.SUCCESS, read_body(resident_card()))
    decoder = FrameDecoder()
    out = [r for byte in reply[:-1] for r in decoder.feed(bytes((byte,)))]
    assert out == []
    assert decoder.feed(reply[-1:]) == [decode_reply(reply)]


def test_the_decoder_returns_every_reply_in_one_chunk_in_order() -> None:
    assert FrameDecoder().feed(CARD_FOUND + READ_FAILED) == [
        decode_reply(CARD_FOUND),
        decode_reply(READ_FAILED),
    ]


def test_garbage_before_a_frame_is_skipped_and_counted() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(b"\x00\xff\xaa\xaa noise \xaa\xaa\xaa\x96") == []
    assert decoder.feed(READ_FAILED[4:]) == [decode_reply(READ_FAILED)]
    assert decoder.discarded_bytes == len(b"\x00\xff\xaa\xaa noise ")


def test_a_preamble_split_across_chunks_is_kept() -> None:
    decoder = FrameDecoder()
    assert decoder.feed(b"junk" + READ_FAILED[:3]) == []
    assert decoder.feed(READ_FAILED[3:]) == [decode_reply(READ_FAILED)]
    assert decoder.discarded_bytes == 4


def test_a_bad_check_byte_raises_once_then_decoding_resumes() -> None:
    corrupt = READ_FAILED[:-1] + b"\x00"
    decoder = FrameDecoder()
    with pytest.raises(FrameError, match="校验错误"):
        decoder.feed(corrupt + CARD_FOUND)
    assert decoder.feed(b"") == [decode_reply(CARD_FOUND)]


def test_replies_before_a_bad_frame_are_returned_by_the_next_feed() -> None:
    decoder = FrameDecoder()
    with pytest.raises(FrameError):
        decoder.feed(CARD_FOUND + READ_FAILED[:-1] + b"\x00")
    assert decoder.feed(READ_FAILED) == [decode_reply(CARD_FOUND), decode_reply(READ_FAILED)]


@pytest.mark.parametrize("length", [b"\x00\x00", b"\x00\x03", b"\x10\x00", b"\xff\xff"])
def test_an_impossible_length_raises_and_the_decoder_searches_on(length: bytes) -> None:
    decoder = FrameDecoder()
    with pytest.raises(FrameError, match="长度异常"):
        decoder.feed(PREAMBLE + length + READ_FAILED)
    assert decoder.feed(b"") == [decode_reply(READ_FAILED)]


def test_the_longest_allowed_frame_is_accepted() -> None:
    longest = encode_reply(0x90, bytes(MAX_FRAME_SIZE - 11))
    assert len(longest) == MAX_FRAME_SIZE
    assert FrameDecoder().feed(longest) == [decode_reply(longest)]


def test_reset_forgets_a_partial_frame() -> None:
    decoder = FrameDecoder()
    decoder.feed(CARD_FOUND[:9])
    decoder.reset()
    assert decoder.feed(READ_FAILED) == [decode_reply(READ_FAILED)]


# ------------------------------------------------------------------------------- statuses

CATEGORIES = {
    0x90: StatusCategory.SUCCESS,
    0x9F: StatusCategory.SUCCESS,
    0x91: StatusCategory.NO_CONTENT,
    0x80: StatusCategory.NO_CARD,
    0x40: StatusCategory.NO_CARD,
    0x81: StatusCategory.CARD_MOVED,
    0x31: StatusCategory.CARD_MOVED,
    0x32: StatusCategory.CARD_MOVED,
    0x33: StatusCategory.CARD_MOVED,
    0x41: StatusCategory.CARD_MOVED,
    0x47: StatusCategory.CARD_MOVED,
    0x60: StatusCategory.SAM_FAULT,
    0x66: StatusCategory.SAM_FAULT,
    0x10: StatusCategory.PROTOCOL_ERROR,
    0x11: StatusCategory.PROTOCOL_ERROR,
    0x21: StatusCategory.PROTOCOL_ERROR,
    0x23: StatusCategory.PROTOCOL_ERROR,
    0x24: StatusCategory.UNKNOWN,
}


def test_every_sw3_of_domain_md_is_defined() -> None:
    assert {status.value for status in ReaderStatus} == set(CATEGORIES)


@pytest.mark.parametrize(("code", "category"), CATEGORIES.items())
def test_every_status_has_a_category_and_a_chinese_message(
    code: int, category: StatusCategory
) -> None:
    info = describe(code)
    assert (info.code, info.status, info.category) == (code, ReaderStatus(code), category)
    assert has_chinese(str(info.message))


def test_messages_are_distinct() -> None:
    messages = [describe(status).message for status in ReaderStatus]
    assert len(set(messages)) == len(messages)


def test_messages_tell_the_clerk_what_to_do() -> None:
    assert "平放在读卡器上" in str(describe(0x80).message)
    assert "重新平放" in str(describe(0x41).message)
    assert "管理员" in str(describe(0x66).message)


@pytest.mark.parametrize("code", [0x00, 0x01, 0x92, 0xFF])
def test_an_undefined_code_is_named_in_hex(code: int) -> None:
    info = describe(code)
    assert (info.status, info.category) == (None, StatusCategory.UNKNOWN)
    assert f"0x{code:02X}" in str(info.message)


def test_expect_passes_accepted_replies_and_raises_a_status_error_otherwise() -> None:
    found = decode_reply(CARD_FOUND)
    assert expect(found, ReaderStatus.CARD_FOUND) is found
    assert expect(decode_reply(encode_reply(0x90))).sw3 == 0x90
    with pytest.raises(StatusError) as raised:
        expect(decode_reply(READ_FAILED), ReaderStatus.SUCCESS)
    assert raised.value.info.category is StatusCategory.CARD_MOVED
    assert raised.value.message == describe(0x41).message
    assert isinstance(raised.value, CardReaderError)
