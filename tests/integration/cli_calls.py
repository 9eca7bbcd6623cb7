"""Calling `onewindow …` in this process (its `main()`), output captured: hundreds of calls
in the time a few processes take, for the bad-input and fuzz tests."""

from __future__ import annotations

import contextlib
import io
import logging
import os
from pathlib import Path

from app.cli.main import main
from app.paths import HOME_VARIABLE
from tests.integration.cli_runner import Run


def call(home: Path, *args: str) -> Run:
    """Run one command on `home`; an exception other than argparse's exit escapes (a
    traceback the person would have seen)."""
    handlers = list(logging.getLogger().handlers)
    out, err = io.StringIO(), io.StringIO()
    before = os.environ.get(HOME_VARIABLE)
    os.environ[HOME_VARIABLE] = str(home)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as leaving:  # argparse: a mistyped command
                code = leaving.code if isinstance(leaving.code, int) else 1
    finally:
        _restore(before)
        for handler in logging.getLogger().handlers:  # each call configures the log file
            if handler not in handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()
    return Run(args, code, out.getvalue(), err.getvalue())


def _restore(before: str | None) -> None:
    if before is None:
        os.environ.pop(HOME_VARIABLE, None)
    else:
        os.environ[HOME_VARIABLE] = before
