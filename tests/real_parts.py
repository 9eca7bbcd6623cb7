"""What a test does when a real part it needs is missing (PostgreSQL, pcscd with the vpcd reader,
a display, a font): it fails, naming what to install. It never skips, under CI or anywhere else:
the test command (scripts/test.sh) installs every part, so a missing one is a broken machine."""

from __future__ import annotations

from typing import NoReturn

import pytest


def missing(message: str) -> NoReturn:
    """Fail the test with `message` alone (no traceback: the message says what to do)."""
    pytest.fail(message, pytrace=False)
