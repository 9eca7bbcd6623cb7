"""The ID-card figures issue 3 asks for, measured on this machine and printed beside their targets.

    python benchmarks/bench_idcard.py [--reads N] [--frames N] [--seed N]

(a) software path from the last reply byte to an `IdCard`: the text + photo reply of a card of
    each kind arrives in 64-byte pieces, as from a serial reader; the clock runs from feeding
    the last piece to the decoder to `parse_card` returning (median and p99 over 2,000 reads,
    target 50 ms). Also for the whole frame in one piece, as PC/SC delivers it.
(b) fuzzing: 100,000 frames, random bytes or valid replies truncated, extended, with their
    length, check byte or any byte changed, each fed in random pieces to a fresh decoder and
    every reply it yields parsed; any exception other than the reader's own errors is counted
    (target 0) and the first few are printed.

These are figures to read, not timed tests: the script exits 0 whatever they are, and non-zero
only when the measurement itself fails.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.devices.idcard.errors import CardReaderError  # noqa: E402
from app.devices.idcard.frame import FrameDecoder, encode_reply  # noqa: E402
from app.devices.idcard.records import parse_card  # noqa: E402
from app.devices.idcard.status import ReaderStatus  # noqa: E402
from app.devices.idcard.virtual_cards import (  # noqa: E402
    foreign_permit_2017,
    foreign_permit_2023,
    hk_macau_taiwan_permit,
    read_body,
    resident_card,
)

SERIAL_PIECE = 64
TEXTS = [resident_card(), hk_macau_taiwan_permit(), foreign_permit_2017(), foreign_permit_2023()]


def card_replies(rng: random.Random) -> list[bytes]:
    """A text + photo reply and a text + photo + fingerprint reply of each kind of card."""
    photo = rng.randbytes(1024)
    return [
        encode_reply(ReaderStatus.SUCCESS, read_body(text, photo, fingerprint))
        for text in TEXTS
        for fingerprint in (None, rng.randbytes(1024))
    ]


def last_byte_to_card(reply: bytes, piece: int) -> float:
    """Seconds from feeding the piece holding the last byte to the parsed card."""
    decoder = FrameDecoder()
    cut = (len(reply) - 1) // piece * piece
    assert decoder.feed(reply[:cut]) == []
    with_fingerprint = len(reply) > 2000
    started = time.perf_counter()
    (answer,) = decoder.feed(reply[cut:])
    parse_card(answer.data, with_fingerprint)
    return time.perf_counter() - started


def bench_reads(reads: int, rng: random.Random) -> None:
    replies = [reply for reply in card_replies(rng) if len(reply) < 2000]
    for label, piece in (("serial, 64-byte pieces", SERIAL_PIECE), ("PC/SC, one frame", 0)):
        times = sorted(
            last_byte_to_card(reply, piece or len(reply)) * 1000
            for reply in (replies[i % len(replies)] for i in range(reads))
        )
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        print(
            f"(a) last reply byte → IdCard, {label}: median {statistics.median(times):.3f} ms, "
            f"p99 {p99:.3f} ms over {reads} reads (target ≤ 50 ms)"
        )


def fuzz_case(rng: random.Random, valid: list[bytes]) -> bytes:
    """Random bytes, or a valid reply mutated in one of the ways a serial line spoils it."""
    kind = rng.choice(["random", "truncate", "extend", "length", "check", "flip", "valid"])
    if kind == "random":
        return rng.randbytes(rng.randrange(0, 3000))
    data = bytearray(rng.choice(valid))
    if kind == "truncate":
        del data[rng.randrange(len(data)) :]
    elif kind == "extend":
        data += rng.randbytes(rng.randrange(1, 3000))
    elif kind == "length":
        data[5:7] = rng.randrange(0x10000).to_bytes(2, "big")
    elif kind == "check":
        data[-1] ^= rng.randrange(1, 256)
    elif kind == "flip":
        for _ in range(rng.randrange(1, 4)):
            data[rng.randrange(len(data))] ^= rng.randrange(1, 256)
    return bytes(data)


def run_case(data: bytes, rng: random.Random, outcomes: Counter[str]) -> None:
    """Feed one case in random pieces, drain the decoder, parse every reply."""
    decoder = FrameDecoder()
    cuts = sorted(rng.sample(range(1, len(data)), min(len(data) - 1, 4))) if len(data) > 1 else []
    pieces = [data[a:b] for a, b in zip([0, *cuts], [*cuts, len(data)], strict=True)]
    for piece in [*pieces, *[b""] * (len(data) + 1)]:
        try:
            replies = decoder.feed(piece)
        except CardReaderError:
            outcomes["frame errors"] += 1
            continue
        for reply in replies:
            outcomes["replies"] += 1
            for with_fingerprint in (False, True):
                try:
                    parse_card(reply.data, with_fingerprint)
                    outcomes["cards"] += 1
                except CardReaderError:
                    outcomes["card data errors"] += 1
        if not piece:
            return
    raise AssertionError("the decoder kept raising on the same bytes")


def bench_fuzz(frames: int, rng: random.Random) -> None:
    valid = card_replies(rng) + [encode_reply(code) for code in ReaderStatus]
    outcomes: Counter[str] = Counter()
    unexpected: list[str] = []
    started = time.perf_counter()
    for _ in range(frames):
        data = fuzz_case(rng, valid)
        try:
            run_case(data, rng, outcomes)
        except Exception:  # the figure being measured: anything but the reader's own errors
            unexpected.append(f"{data[:32].hex(' ')}…\n{traceback.format_exc()}")
    elapsed = time.perf_counter() - started
    print(
        f"(b) fuzzing {frames} frames: {len(unexpected)} unexpected exceptions (target 0) "
        f"in {elapsed:.1f} s; " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
    )
    for report in unexpected[:3]:
        print(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=2000)
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    bench_reads(arguments.reads, rng)
    bench_fuzz(arguments.frames, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
