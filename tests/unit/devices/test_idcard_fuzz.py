"""Fuzzing the frame decoder and the card parser: truncated, oversized, corrupted and random
bytes in random pieces. Only the reader's own errors may come out, and every call returns
(hypothesis' deadline fails an example that takes too long)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.idcard.errors import CardDataError, CardReaderError, FrameError
from app.devices.idcard.frame import (
    MAX_FRAME_SIZE,
    PREAMBLE,
    FrameDecoder,
    Reply,
    decode_reply,
    encode_reply,
)
from app.devices.idcard.records import IdCard, parse_card
from app.devices.idcard.virtual_cards import (
    foreign_permit_2017,
    foreign_permit_2023,
    hk_macau_taiwan_permit,
    read_body,
    resident_card,
)
from app.domain.identity import resident_id_check_character

TODAY = date(2026, 3, 1)
FUZZ = settings(max_examples=150, deadline=timedelta(milliseconds=500), database=None)
TEXTS = [resident_card(), hk_macau_taiwan_permit(), foreign_permit_2017(), foreign_permit_2023()]

bodies = st.builds(
    read_body,
    st.sampled_from(TEXTS),
    st.binary(max_size=1024),
    st.none() | st.binary(max_size=1024),
)
valid_frames = st.one_of(
    bodies.map(lambda body: encode_reply(0x90, body)),
    st.builds(encode_reply, st.integers(0, 255), st.binary(max_size=64)),
)


@st.composite
def mutated(draw: st.DrawFn, frames: st.SearchStrategy[bytes]) -> bytes:
    """A valid frame truncated, extended, with its length, check byte or any byte changed."""
    data = bytearray(draw(frames))
    kind = draw(st.sampled_from(["truncate", "extend", "length", "check", "flip", "insert"]))
    if kind == "truncate":
        del data[draw(st.integers(0, len(data) - 1)) :]
    elif kind == "extend":
        data += draw(st.binary(min_size=1, max_size=MAX_FRAME_SIZE))
    elif kind == "length":
        data[5:7] = draw(st.integers(0, 0xFFFF)).to_bytes(2, "big")
    elif kind == "check":
        data[-1] ^= draw(st.integers(1, 255))
    elif kind == "flip":
        data[draw(st.integers(0, len(data) - 1))] ^= draw(st.integers(1, 255))
    else:
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return bytes(data)


def chunked(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({cut % (len(data) + 1) for cut in cuts} | {0, len(data)})
    return [data[a:b] for a, b in zip(points, points[1:], strict=False)]


def feed_all(decoder: FrameDecoder, chunks: list[bytes]) -> list[Reply]:
    """Feed every chunk, as a transport would, going on after each FrameError; then drain.

    Each FrameError consumes at least one byte, so draining ends within as many calls as
    there are bytes: the decoder cannot hang.
    """
    replies: list[Reply] = []
    for chunk in chunks:
        try:
            replies += decoder.feed(chunk)
        except FrameError:
            continue
    for _ in range(sum(map(len, chunks)) + 1):
        try:
            return replies + decoder.feed(b"")
        except FrameError:
            continue
    raise AssertionError("the decoder kept raising on the same bytes")


def parse_or_refuse(body: bytes, with_fingerprint: bool) -> IdCard | None:
    try:
        return parse_card(body, with_fingerprint, today=TODAY)
    except CardDataError:
        return None


anything = st.one_of(st.binary(max_size=3 * MAX_FRAME_SIZE), mutated(valid_frames))


@FUZZ
@given(stream=st.lists(anything, max_size=4), cuts=st.lists(st.integers(0, 10**6), max_size=20))
def test_the_decoder_raises_only_frame_errors_on_any_stream(
    stream: list[bytes], cuts: list[int]
) -> None:
    data = b"".join(stream)
    for reply in feed_all(FrameDecoder(), chunked(data, cuts)):
        assert isinstance(reply, Reply)
        for with_fingerprint in (False, True):
            parse_or_refuse(reply.data, with_fingerprint)


@FUZZ
@given(frame=anything)
def test_decode_reply_raises_only_frame_errors(frame: bytes) -> None:
    try:
        reply = decode_reply(frame)
    except FrameError:
        return
    assert len(frame) <= MAX_FRAME_SIZE and frame.startswith(PREAMBLE)
    parse_or_refuse(reply.data, with_fingerprint=False)


@FUZZ
@given(frames=st.lists(valid_frames, min_size=1, max_size=4), data=st.data())
def test_every_frame_survives_noise_without_preamble_bytes_and_any_chunking(
    frames: list[bytes], data: st.DataObject
) -> None:
    noise = st.binary(max_size=40).map(lambda b: b.replace(b"\xaa", b""))
    stream = b"".join(data.draw(noise) + frame for frame in frames) + data.draw(noise)
    cuts = data.draw(st.lists(st.integers(0, 10**6), max_size=30))
    replies = feed_all(FrameDecoder(), chunked(stream, cuts))
    assert replies == [decode_reply(frame) for frame in frames]


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=3000),
        bodies,
        bodies.map(bytearray).flatmap(
            lambda b: st.integers(0, len(b) - 1).map(lambda i: bytes(b[:i] + b[i + 1 :]))
        ),
    )
)
def test_parse_card_raises_only_card_data_errors(body: bytes) -> None:
    for with_fingerprint in (False, True):
        parse_or_refuse(body, with_fingerprint)


@FUZZ
@given(text=st.sampled_from(TEXTS), at=st.integers(0, 255), value=st.integers(0, 255))
def test_any_corrupted_text_byte_gives_a_card_or_a_card_data_error(
    text: bytes, at: int, value: int
) -> None:
    corrupted = bytearray(text)
    corrupted[at] = value
    card = parse_or_refuse(read_body(bytes(corrupted)), with_fingerprint=False)
    assert card is None or isinstance(card, IdCard)


def test_the_reader_errors_are_one_family() -> None:
    assert issubclass(FrameError, CardReaderError)
    assert issubclass(CardDataError, CardReaderError)


def test_a_number_digit_corrupted_into_a_superscript_is_the_cards_error_not_a_crash() -> None:
    """Found by the fuzzing above (a byte turned a digit into "¹", which the typed-number
    check reads as "1"): the card is refused in words, with no bare ValueError."""
    number = "11010119850615001"
    number += resident_id_check_character(number)
    corrupted = number[:15] + "¹" + number[16:]  # "0" read as "1": the check fails
    body = read_body(resident_card(number=corrupted), b"", None)
    try:
        parse_card(body, False, today=TODAY)
    except CardDataError as error:
        assert "无效" in str(error)
    else:
        raise AssertionError("a corrupted number was taken")
