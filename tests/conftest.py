"""Settings every test process shares."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.integration.pcsc_harness import PcscStack

#: `services`: a store on a fixed clock, for every test that does not make its own.
pytest_plugins = ["tests.integration.store_harness", "tests.gui.kiosk_harness"]

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


#: Offscreen, every GUI test runs on the smallest screen a counter may have.
SCREEN = {"name": "counter", "x": 0, "y": 0, "width": 1024, "height": 768}


@pytest.fixture(scope="session")
def qapp_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The offscreen platform is given a 1024×768 screen (its default is 800×600), whichever
    test makes the run's QApplication first."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return []  # a real display was asked for (screenshots under Xvfb)
    config = tmp_path_factory.mktemp("screen") / "screen.json"
    config.write_text(json.dumps({"screens": [SCREEN]}), encoding="utf-8")
    return ["onewindow-tests", "-platform", f"offscreen:configfile={config}"]
