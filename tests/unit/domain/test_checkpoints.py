"""Checkpoints: the Merkle root over a terminal's events and the central's signature on it."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.central.signing import SigningKey
from app.domain.checkpoints import EMPTY_ROOT, Checkpoint, leaf, merkle_root, signed_text


def h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def test_the_root_is_rfc_6962s_tree_over_the_sorted_leaves() -> None:
    a, b, c = (leaf(f"case-{n}", 1, f"{n}" * 64) for n in range(3))
    la, lb, lc = (h(b"\x00" + x.encode()) for x in (a, b, c))
    assert merkle_root([]) == EMPTY_ROOT
    assert merkle_root([a]) == la.hex()
    assert merkle_root([c, a, b]) == h(b"\x01" + h(b"\x01" + la + lb) + lc).hex()  # 2 + 1


def test_any_change_deletion_or_addition_changes_the_root() -> None:
    leaves = [leaf(f"case-{n}", p, f"{n}{p}" * 32) for n in range(5) for p in (1, 2)]
    root = merkle_root(leaves)
    assert merkle_root([*leaves[:3], leaves[3][:-1] + "f", *leaves[4:]]) != root
    assert merkle_root(leaves[:-1]) != root
    assert merkle_root([*leaves, leaf("case-9", 1, "9" * 64)]) != root


def test_a_checkpoint_holds_only_as_signed_and_only_with_its_key() -> None:
    key = SigningKey(Ed25519PrivateKey.generate())
    at = "2026-12-07T12:00:00.000000+08:00"
    root = merkle_root([leaf("c", 1, "0" * 64)])
    signature = key.sign(signed_text("C1", "counter-01", 1, root, at))
    checkpoint = Checkpoint("C1", "counter-01", 1, root, at, key.public_hex, signature)
    assert checkpoint.signature_holds()
    assert not replace(checkpoint, size=2).signature_holds()
    assert not replace(checkpoint, root=EMPTY_ROOT).signature_holds()
    other = SigningKey(Ed25519PrivateKey.generate())
    assert not replace(checkpoint, key=other.public_hex).signature_holds()
    assert not replace(checkpoint, signature="zz").signature_holds()
