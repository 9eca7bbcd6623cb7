"""The program's entry point, apart from `main`, which tests call in their own process."""

from __future__ import annotations

import signal

import pytest

from app.cli import main as cli


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
