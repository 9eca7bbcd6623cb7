"""Signed checkpoints of a terminal's log: the anchor outside the database.

A hash chain anyone can recompute proves nothing against whoever holds the database: they
re-hash what they changed. So the central signs, with a key it keeps apart from the database
(`app.central.signing`), a checkpoint of each terminal's log, as Certificate Transparency's
signed tree heads do: how many events the central held of that terminal (`size`) and a Merkle
root over them. A counter keeps each checkpoint it receives, and its daily report prints the
day's root on paper; `verify` recomputes every root held. Nobody can change, delete or re-hash
an event older than a checkpoint and keep the signed root true.

The leaves are a terminal's events as the central holds them: the first `size` of the
terminal's own events in the order it wrote them (it pushes them in that order; events the
central refused are not among them), each `case_id:position:hash`, sorted, so that the central
(which does not know the counter's order) and the counter compute the same root. The tree is
RFC 6962's: a leaf hashed with a 0 byte before it, a node with a 1 byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EMPTY_ROOT = hashlib.sha256(b"").hexdigest()


def leaf(case_id: str, position: int, event_hash: str) -> str:
    return f"{case_id}:{position}:{event_hash}"


def merkle_root(leaves: Sequence[str]) -> str:
    """The RFC 6962 Merkle tree hash of the sorted leaves, in hex."""
    if not leaves:
        return EMPTY_ROOT
    level = [hashlib.sha256(b"\x00" + item.encode()).digest() for item in sorted(leaves)]
    return _root(level).hex()


def _root(hashes: list[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    split = 1 << ((len(hashes) - 1).bit_length() - 1)  # the largest power of 2 below n
    return hashlib.sha256(b"\x01" + _root(hashes[:split]) + _root(hashes[split:])).digest()


@dataclass(frozen=True)
class Checkpoint:
    """The central's signed word on one terminal's log at one moment."""

    center: str
    terminal: str
    size: int
    root: str
    #: When it was signed, ISO 8601 with its offset, exactly as signed.
    signed_at: str
    #: The central's public key (raw Ed25519, hex) and its signature over `signed_text`.
    key: str
    signature: str

    def signed_text(self) -> bytes:
        return signed_text(self.center, self.terminal, self.size, self.root, self.signed_at)

    def covers(self, log: Sequence[str]) -> bool:
        """The first `size` leaves of `log` (a terminal's leaves in the order written) give
        the signed root."""
        return len(log) >= self.size and merkle_root(log[: self.size]) == self.root

    def signature_holds(self) -> bool:
        try:
            public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(self.key))
            public.verify(bytes.fromhex(self.signature), self.signed_text())
        except (ValueError, InvalidSignature):
            return False
        return True


def signed_text(center: str, terminal: str, size: int, root: str, signed_at: str) -> bytes:
    """What the central signs: every field of the checkpoint, one a line."""
    return f"onewindow-checkpoint-v1\n{center}\n{terminal}\n{size}\n{root}\n{signed_at}".encode()
