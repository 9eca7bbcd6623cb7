"""The daily report's pure parts: which checkpoint is the day's (in China time, whatever offset
it was signed with), whether a log gives its root, and the words a person reads of it."""

from __future__ import annotations

import hashlib
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.central.signing import SigningKey
from app.domain.checkpoints import Checkpoint, leaf, merkle_root, signed_text
from app.domain.daily_report import anchor, day_checkpoint

KEY = SigningKey(Ed25519PrivateKey.generate())
LOG = [leaf(f"case-{n}", 1, f"{n:x}" * 64) for n in range(6)]


def checkpoint(size: int, at: str, terminal: str = "counter-01") -> Checkpoint:
    root = merkle_root(LOG[:size])
    signature = KEY.sign(signed_text("C1", terminal, size, root, at))
    return Checkpoint("C1", terminal, size, root, at, KEY.public_hex, signature)


def test_the_days_checkpoint_is_the_last_signed_that_day_in_china_time() -> None:
    held = [
        checkpoint(2, "2026-11-22T23:59:00.000000+08:00"),
        checkpoint(3, "2026-11-23T09:00:00.000000+08:00"),
        checkpoint(4, "2026-11-23T15:30:00.000000+00:00"),  # 23:30 in China
        checkpoint(5, "2026-11-23T16:30:00.000000+00:00"),  # 00:30 on the 24th in China
        checkpoint(6, "2026-11-23T20:00:00.000000+08:00", terminal="counter-02"),
    ]
    assert day_checkpoint(held, "counter-01", date(2026, 11, 23)) == held[2]
    assert day_checkpoint(held, "counter-01", date(2026, 11, 24)) == held[3]
    assert day_checkpoint(held, "counter-01", date(2026, 11, 21)) is None


def test_a_log_holds_only_when_its_first_leaves_give_the_signed_root() -> None:
    signed = checkpoint(4, "2026-11-23T12:00:00.000000+08:00")
    day = frozenset(LOG[3:])
    held = anchor(signed, LOG, day)
    assert held.holds and held.uncovered == 2  # two of the day's events came after it
    assert not anchor(signed, LOG[:3], day).holds  # events deleted
    assert anchor(signed, [LOG[1], LOG[0], *LOG[2:]], day).holds  # over the leaves sorted
    assert not anchor(signed, [*LOG[:3], leaf("case-x", 1, "0" * 64)], day).holds  # replaced


def test_the_root_is_shortened_for_reading_and_the_key_named_by_its_fingerprint() -> None:
    held = anchor(checkpoint(4, "2026-11-23T12:00:00.000000+08:00"), LOG, frozenset())
    root = held.checkpoint.root
    assert held.short_root == f"{root[0:4]} {root[4:8]} {root[8:12]} {root[12:16]} …"
    digest = hashlib.sha256(bytes.fromhex(KEY.public_hex)).hexdigest()
    assert held.fingerprint == f"{digest[0:4]}:{digest[4:8]}:{digest[8:12]}:{digest[12:16]}"
    assert held.signed_at.isoformat() == "2026-11-23T12:00:00+08:00"
