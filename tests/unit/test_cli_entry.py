"""The program's entry point, apart from `main`, which tests call in their own process."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main as cli

ROOT = Path(__file__).resolve().parents[2]


def test_a_command_called_in_this_process_leaves_sigpipe_ignored() -> None:
    # with SIGPIPE's default here, a later test writing to a socket its peer closed (a printer
    # that hangs up, a central cut mid-push) would kill the whole run: it did, once, exit 141
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN


def test_the_program_ends_quietly_when_its_reader_closes_the_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "main", lambda: 0)
    try:
        assert cli.run() == 0
        assert signal.getsignal(signal.SIGPIPE) == signal.SIG_DFL
    finally:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def test_the_entry_imports_the_command_line_with_the_collector_paused_then_frozen() -> None:
    # the imports' objects live as long as the process: collected as they were made, they
    # were a quarter of the start of `onewindow sync` (issue 14 "Speed")
    probe = (
        "import gc, sys\n"
        "from app.cli import entry\n"
        "frozen_at_each_collection = []\n"
        "gc.callbacks.append(\n"
        "    lambda phase, _: phase == 'start'\n"
        "    and frozen_at_each_collection.append(gc.get_freeze_count())\n"
        ")\n"
        "sys.argv = ['onewindow', '--help']\n"
        "try:\n"
        "    entry.run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(min(frozen_at_each_collection, default=1) > 0, gc.isenabled(),"
        " gc.get_freeze_count() > 10_000, 'app.cli.main' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.split()[-4:] == ["True"] * 4, done.stderr
