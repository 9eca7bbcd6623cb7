"""Logging to a rotating file in the data directory. Personal data never goes to a log."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def configure_logging(folder: Path, level: int = logging.INFO) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        folder / "onewindow.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(handler)
