"""The embedded central: run by root it runs as an account of its own, and `central start`
right after a crash (a dead postmaster's `postmaster.pid` left behind) starts it (issue 14 §5)."""

from __future__ import annotations

import getpass
import logging
import os
import pwd
import select
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from app.central.server import SERVER_ACCOUNT, EmbeddedServer
from app.cli.main import main
from app.paths import HOME_VARIABLE
from tests.integration import central_harness

central_server = central_harness.central_server


def postmaster_pid(server: EmbeddedServer) -> int:
    return int((server.pgdata / "postmaster.pid").read_text("utf-8").split("\n", 1)[0])


def owner_uid(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text("utf-8")
    line = next(line for line in status.splitlines() if line.startswith("Uid:"))
    return int(line.split()[1])


def test_started_by_root_the_central_runs_as_an_account_of_its_own(
    central_server: EmbeddedServer,
) -> None:
    expected = SERVER_ACCOUNT if os.geteuid() == 0 else getpass.getuser()
    account = pwd.getpwnam(expected)
    assert central_server.pgdata.stat().st_uid == account.pw_uid
    assert stat.S_IMODE(central_server.pgdata.stat().st_mode) == 0o700
    assert owner_uid(postmaster_pid(central_server)) == account.pw_uid
    if os.geteuid() == 0:
        assert account.pw_shell == "/usr/sbin/nologin" and account.pw_uid != 0


def kill_and_wait(pid: int) -> None:
    """Kill the postmaster and its children as a power cut would; return once all are dead."""
    children = [
        int(entry.name)
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _parent(int(entry.name)) == pid
    ]
    handles = [os.pidfd_open(p) for p in (pid, *children)]
    os.kill(pid, signal.SIGKILL)
    for child in children:  # a backend notices its postmaster's death; this is quicker
        os.kill(child, signal.SIGKILL)
    for handle in handles:
        ready, _, _ = select.select([handle], [], [], 30)  # readable once the process ended
        os.close(handle)
        assert ready


def _parent(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text("utf-8").rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError):
        return None


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # under /tmp and passable: as root the server's account must reach <home>/central
    folder = Path(tempfile.mkdtemp(prefix="onewindow-crash-"))
    folder.chmod(0o755)
    monkeypatch.setenv(HOME_VARIABLE, str(folder))
    try:
        yield folder
    finally:
        main(["central", "stop"])
        root = logging.getLogger()
        for handler in root.handlers[:]:  # `central` commands log under <home>/logs
            if isinstance(handler, logging.FileHandler):
                root.removeHandler(handler)
                handler.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_central_start_right_after_a_crash_starts_the_server(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["central", "start"]) == 0
    server = EmbeddedServer(home / "central")
    kill_and_wait(postmaster_pid(server))
    # the dead postmaster may linger as a zombie (an init that does not reap), its pid file too
    assert (server.pgdata / "postmaster.pid").exists()
    assert not server.is_running()
    capsys.readouterr()

    assert main(["central", "start"]) == 0

    url, words = capsys.readouterr()
    assert "已启动" in words
    with psycopg.connect(url.strip()) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)


def test_a_pid_file_naming_another_process_of_the_account_is_stale(home: Path) -> None:
    assert main(["central", "start"]) == 0
    assert main(["central", "stop"]) == 0
    server = EmbeddedServer(home / "central")
    account = pwd.getpwnam(SERVER_ACCOUNT if os.geteuid() == 0 else getpass.getuser())
    # the dead server's number, reused by another program of the same account
    other = subprocess.Popen(["sleep", "600"], user=account.pw_uid if os.geteuid() == 0 else None)
    try:
        (server.pgdata / "postmaster.pid").write_text(f"{other.pid}\n{server.pgdata}\n", "utf-8")
        assert not server.is_running()
        assert server.start()
        assert server.is_running()
    finally:
        other.kill()
        other.wait()
