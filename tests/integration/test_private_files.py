"""Another account on the machine reads none of a counter's files, and the central's password
is in neither the settings file nor what the settings screen shows (issue 14 §5)."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import KeyringLocked

from app.bootstrap import Services, bootstrap
from app.central_password import KEYRING_SERVICE, CentralPassword
from app.devices.printer.simulator import SimulatedPrinter
from app.logs import configure_logging
from app.paths import Paths
from app.services.demo import create_demo_accounts
from app.settings import Settings

URL = "postgresql://ow_scjg_02:S3cret-pw@central.example:5432/onewindow"
BARE_URL = "postgresql://ow_scjg_02@central.example:5432/onewindow"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class MemoryKeyring(KeyringBackend):
    """A system keyring that keeps its entries in memory, handed to `CentralPassword`."""

    @properties.classproperty
    def priority(cls) -> float:
        # not viable: keyring registers every subclass, and must never choose this one
        raise RuntimeError("a test's keyring, not the system's")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


def close_log_files() -> None:
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def logged(tmp_path: Path) -> Iterator[Path]:
    configure_logging(tmp_path / "logs")
    yield tmp_path / "logs"
    close_log_files()


def open_counter(home: Path) -> Services:
    services = bootstrap(Paths(home, home, home / "logs"))
    create_demo_accounts(services.staff, services.catalog)  # writes: the WAL is there
    services.settings.update({"idle_lock_minutes": 12})
    return services


def test_a_new_counter_keeps_its_folder_0700_and_its_files_0600(
    tmp_path: Path, logged: Path
) -> None:
    home = tmp_path / "home"
    services = open_counter(home)
    logging.getLogger("test").warning("a line in the log")
    store = services.paths.database
    files = [store, store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")]
    files += [services.paths.settings, logged / "onewindow.log"]
    try:
        assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
        assert mode(home) == 0o700 and mode(logged) == 0o700
    finally:
        services.close()


def test_looser_modes_left_by_an_older_version_are_tightened(tmp_path: Path, logged: Path) -> None:
    home = tmp_path / "home"
    open_counter(home).close()
    store = home / "onewindow.sqlite3"
    wal = store.with_name(store.name + "-wal")
    wal.write_bytes(b"")  # as a crash leaves it
    for path in (home, logged):
        path.chmod(0o755)
    rotated = logged / "onewindow.log.1"
    rotated.write_text("an older day\n", encoding="utf-8")
    for path in (store, wal, home / "settings.json", logged / "onewindow.log", rotated):
        path.chmod(0o644)
    close_log_files()  # the counter starts again
    configure_logging(logged)

    services = bootstrap(Paths(home, home, logged))
    logging.getLogger("test").warning("after the upgrade")
    try:
        assert (mode(home), mode(store), mode(wal), mode(home / "settings.json")) == (
            0o700,
            0o600,
            0o600,
            0o600,
        )
        assert mode(logged / "onewindow.log") == mode(rotated) == 0o600
    finally:
        services.close()


def test_slips_spooled_by_the_simulated_printer_are_owner_only(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    spool.mkdir(mode=0o755)
    SimulatedPrinter(spool).send(b"\x1b@slip naming an applicant")
    (slip,) = spool.iterdir()
    assert (mode(spool), mode(slip)) == (0o700, 0o600)


def test_a_password_in_an_old_settings_file_moves_to_a_file_of_its_own(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    settings_file.write_text(json.dumps({"version": 1, "central_url": URL}), encoding="utf-8")
    settings_file.chmod(0o644)

    settings = Settings.load(settings_file, CentralPassword(tmp_path, keyring_backend=None))

    assert "S3cret-pw" not in settings_file.read_text(encoding="utf-8")
    assert json.loads(settings_file.read_text(encoding="utf-8"))["central_url"] == BARE_URL
    assert mode(settings_file) == 0o600
    password_file = tmp_path / "central.password"
    assert password_file.read_text(encoding="utf-8").strip() == "S3cret-pw"
    assert mode(password_file) == 0o600
    assert settings["central_url"] == BARE_URL
    assert settings.central_login_url() == URL
    # loaded again: nothing left to move, the password still found
    assert Settings.load(settings_file).central_login_url() == URL


def test_the_system_keyring_holds_the_password_where_there_is_one(tmp_path: Path) -> None:
    keyring = MemoryKeyring()
    password = CentralPassword(tmp_path, keyring_backend=keyring)
    settings = Settings.load(tmp_path / "settings.json", password)

    settings.update({"central_url": URL})  # as the administrator pastes it from add-counter

    assert keyring.entries == {(KEYRING_SERVICE, str(tmp_path.resolve())): "S3cret-pw"}
    assert not (tmp_path / "central.password").exists()
    assert "S3cret-pw" not in (tmp_path / "settings.json").read_text(encoding="utf-8")
    assert settings.central_login_url() == URL
    # a new host, typed without the password, keeps the login
    settings.set("central_url", BARE_URL.replace("central.example", "10.0.0.9"))
    assert settings.central_login_url() == URL.replace("central.example", "10.0.0.9")


class LockedKeyring(MemoryKeyring):
    """A keyring that holds an older password and refuses to change it (a locked Secret
    Service)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


def test_a_password_kept_in_its_file_is_read_there_first(tmp_path: Path) -> None:
    keyring = LockedKeyring()
    password = CentralPassword(tmp_path, keyring_backend=keyring)
    keyring.entries[(KEYRING_SERVICE, str(tmp_path.resolve()))] = "old-pw"

    password.set("new-pw")  # the keyring refuses: the file takes it

    assert (tmp_path / "central.password").read_text(encoding="utf-8").strip() == "new-pw"
    assert password.get() == "new-pw"  # not the keyring's older one


def test_the_settings_screen_never_shows_the_password(tmp_path: Path) -> None:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"))
    try:
        create_demo_accounts(services.staff, services.catalog)
        administrator = services.auth.login("admin", "demo1234")
        services.settings.update({"central_url": URL})
        shown = services.counter_settings.entries(administrator)
    finally:
        services.close()
    central = next(entry for entry in shown if entry.key == "central_url")
    assert central.value == BARE_URL
    assert not any("S3cret-pw" in str(entry.value) for entry in shown)
