"""What a counter runs unattended starts and ends short (issue 14 "Speed"): `onewindow sync`,
`restore` and `verify` load no printing, card reader, search index, spreadsheet, window or
keyring code, and leave what they made to the end of the process (the catch-up push is
measured with its start-up: `benchmarks/bench_sync.py`). Each command runs in a process of
its own, as a counter runs it, and names the modules it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.paths import HOME_VARIABLE, Paths

ROOT = Path(__file__).resolve().parents[2]
#: Top-level packages and first-party modules that none of these commands needs.
NOT_NEEDED = (
    "printing",
    "escpos",
    "reportlab",
    "qrcode",
    "PIL",
    "pypinyin",
    "openpyxl",
    "PySide6",
    "smartcard",
    "serial",
    "usb",
    "keyring",
    "app.devices.idcard.session",
    "app.devices.printer.backends",
    "app.services.printing",
    "app.services.demo",
)
#: The command, then how many objects it left frozen for the end of the process (Python's
#: last collections would walk them all again: most of a second on a busy machine), and the
#: modules it loaded as JSON.
RUN = (
    "import gc, json, sys\n"
    "from app.cli.main import main\n"
    "status = main(sys.argv[1:])\n"
    "print(gc.get_freeze_count())\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counter's home whose central (with its password, kept in its own file here) is
    not reachable: each command gets as far as a counter's would without one."""
    home = tmp_path_factory.mktemp("onewindow-home")
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        services.settings.update({"central_url": "postgresql://counter:S3cret@127.0.0.1:9/x"})
    finally:
        services.close()
    assert (home / "central.password").exists()
    return home


@pytest.mark.parametrize("command", [["sync", "--once"], ["restore"], ["verify"]])
def test_a_counter_s_unattended_command_loads_no_device_or_printing_code(
    home: Path, command: list[str]
) -> None:
    environment = {**os.environ, HOME_VARIABLE: str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", RUN, *command],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    *_, frozen, modules = done.stdout.splitlines()
    assert int(frozen) > 10_000  # every object the imports made
    loaded = json.loads(modules)
    assert "psycopg" in loaded or command == ["verify"]  # it did get as far as the central
    needless = [m for m in loaded if m in NOT_NEEDED or m.split(".")[0] in NOT_NEEDED]
    assert needless == [], done.stderr
