"""A counter of the center in a process of its own, for the directory tests: `python -m
tests.integration.directory_process HOME USERNAME PASSWORD [NEW_PASSWORD]` syncs (pulling the
center's staff), signs USERNAME in (setting NEW_PASSWORD when a reset asks for one), syncs
again (the new password goes up) and prints who signed in, or the error's class.

The home must have been configured (`sync_harness.configure_counter`) beforehand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.bootstrap import bootstrap
from app.paths import Paths
from app.services.errors import PasswordChangeRequired

ROOT = Path(__file__).resolve().parents[2]


def sign_in_elsewhere(home: Path, username: str, password: str, new: str = "") -> str:
    """Run this module for `home`; what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", __name__, str(home), username, password, new],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def main(home: Path, username: str, password: str, new: str) -> int:
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        services.sync.sync_once()
        try:
            try:
                actor = services.auth.login(username, password)
            except PasswordChangeRequired:
                actor = services.auth.set_own_password(username, password, new)
        except Exception as error:  # the test reads which refusal it was
            print(type(error).__name__, flush=True)
            return 0
        services.sync.sync_once()
        print(f"signed in: {actor.username} {actor.role.value}", flush=True)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]))
