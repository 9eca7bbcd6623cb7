"""Settings every test process shares."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.integration.pcsc_harness import PcscStack

# python-escpos caches its printer profiles in a new temporary folder each time it is imported
# unless told where (the application points it into its data directory): one folder per user.
_ESCPOS_CACHE = Path(tempfile.gettempdir()) / f"onewindow-tests-escpos-{os.getuid()}"
_ESCPOS_CACHE.mkdir(exist_ok=True)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_ESCPOS_CACHE))


@pytest.fixture(scope="session")
def pcsc_stack() -> Iterator[PcscStack]:
    """pcscd with the vpcd reader, started once for the whole run (at most one start and one
    stop: a daemon restarted between modules has failed to come back on a CI machine)."""
    from tests.integration.pcsc_harness import start_pcsc_stack

    stack = start_pcsc_stack()
    yield stack
    stack.stop()
