"""Folders and files that hold personal data or secrets, readable by this account only.

The store, its WAL, the settings, the logs, the printer spool and saved notices hold names, ID
numbers and the central's password: another account on the machine must not read them (PIPL
Art. 51). Folders are 0700 and files 0600, also when they were made looser by an older version
or by hand: each is tightened every time it is opened, not only when it is created. The process
umask is left alone, so other programs' files (the embedded central's) keep their own modes.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """`path` as a folder only its owner may enter, made if missing (with its parents)."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    os.chmod(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """`path` (made empty if missing) as a file only its owner may read, in a private folder."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    os.chmod(path, FILE_MODE)
    return path


def tighten(path: Path) -> None:
    """Make an existing file owner-only; a file that is not there is left so."""
    if path.exists():
        os.chmod(path, FILE_MODE)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path`, which no other account can read at any moment: the file is
    created 0600, not created readable and tightened after."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), FILE_MODE)  # a file that was there keeps its old mode otherwise
        file.write(data)
