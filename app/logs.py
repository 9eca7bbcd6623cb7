"""Logging to a rotating file in the data directory, owner-only. Personal data never goes to a
log: besides each module logging case numbers rather than people, the handler masks what
slips through (`app.redaction`)."""

from __future__ import annotations

import logging
import os
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.private_files import FILE_MODE, private_folder, tighten
from app.redaction import RedactingFilter

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "onewindow.log"


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file (the first, each new one after a rollover, one left
    readable by an older version) is its owner's only."""

    def _open(self) -> TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.fchmod(descriptor, FILE_MODE)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115


def configure_logging(folder: Path, level: int = logging.INFO) -> None:
    """Log to `folder`'s rotating file; a second call for the same folder changes nothing."""
    private_folder(folder)
    path = folder / LOG_FILE
    for rotated in folder.glob(f"{LOG_FILE}.*"):  # left readable by an older version
        tighten(rotated)
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == os.path.abspath(path) for h in root.handlers):
        return
    handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root.setLevel(level)
    root.addHandler(handler)
