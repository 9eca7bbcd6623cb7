"""The central's signing key and the checkpoints it signs (`onewindow central checkpoint`).

The key is an Ed25519 private key in a file of its own, mode 0600 in a 0700 folder, outside
the database and its data folder: whoever holds the database (a counter's store, the
central's tables) cannot sign, so cannot make a changed log look checkpointed. Losing the file
loses nothing recorded; a new key signs from then on, and counters are told the key changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from app.central.errors import CentralError
from app.domain.checkpoints import leaf, merkle_root, signed_text
from app.domain.messages import msg


def default_key_path() -> Path:
    return Path(platformdirs.user_config_dir("OneWindow", appauthor=False)) / "central-signing.key"


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public_hex(self) -> str:
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return raw.hex()

    def sign(self, data: bytes) -> str:
        return self.private.sign(data).hex()


def load_or_create_key(path: Path) -> SigningKey:
    """The key at `path`, made (0600, its folder 0700) when there is none yet."""
    try:
        if not path.exists():
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            raw = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(raw)
        if path.stat().st_mode & 0o077:
            raise CentralError(
                msg(
                    "签名密钥文件 {path} 可被他人读取，请改为仅本人可读（chmod 600）",
                    path=str(path),
                )
            )
        return SigningKey(Ed25519PrivateKey.from_private_bytes(path.read_bytes()))
    except (OSError, ValueError) as error:
        raise CentralError(
            msg("无法读取签名密钥 {path}：{reason}", path=str(path), reason=type(error).__name__)
        ) from error


def sign_checkpoints(
    connection: Connection, key: SigningKey, now: datetime
) -> tuple[int, list[str]]:
    """Sign a checkpoint of every terminal whose log grew since its last one, as the owner,
    in the caller's transaction: how many were signed, and the terminals whose log holds
    fewer events than their last checkpoint (deleted: never signed over)."""
    terminals = connection.execute(
        text(
            "SELECT t.center, t.name, coalesce(max(k.size), -1) FROM central.terminals t"
            " LEFT JOIN central.checkpoints k ON k.center = t.center AND k.terminal = t.name"
            " GROUP BY t.center, t.name ORDER BY t.center, t.name"
        )
    ).all()
    signed, shrunk = 0, []
    for center, terminal, last_size in terminals:
        leaves = [
            leaf(str(case_id), position, event_hash)
            for case_id, position, event_hash in connection.execute(
                text(
                    "SELECT case_id, position, hash FROM central.events"
                    " WHERE center = :center AND terminal = :terminal"
                ),
                {"center": center, "terminal": terminal},
            )
        ]
        if len(leaves) < last_size:
            shrunk.append(f"{center}/{terminal}")
        if len(leaves) <= last_size:
            continue
        root, at = merkle_root(leaves), now.isoformat(timespec="microseconds")
        connection.execute(
            text(
                "INSERT INTO central.checkpoints (center, terminal, size, root, signed_at, key,"
                " signature) VALUES (:center, :terminal, :size, :root, :at, :key, :signature)"
            ),
            {
                "center": center,
                "terminal": terminal,
                "size": len(leaves),
                "root": root,
                "at": at,
                "key": key.public_hex,
                "signature": key.sign(signed_text(center, terminal, len(leaves), root, at)),
            },
        )
        signed += 1
    return signed, shrunk
