"""Opening the local database: durable SQLite settings and Alembic-managed schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from app.private_files import private_file, tighten

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration. A store already there opens without loading Alembic at all (a test
#: checks that this is Alembic's own head).
HEAD_REVISION = "0004"


def open_engine(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, in WAL mode with synchronous=FULL.

    Every transaction starts with BEGIN IMMEDIATE, so two writers (the window and a command
    line run at the same time) queue for the lock instead of failing half-way.
    The file is its owner's only (0600; SQLite gives its -wal and -shm the same mode).
    """
    private_file(path)
    for companion in ("-wal", "-shm"):  # made by an older version, with a looser mode
        tighten(path.with_name(path.name + companion))
    engine = create_engine(
        f"sqlite:///{path}", connect_args={"check_same_thread": False}, hide_parameters=True
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def schema_revision(engine: Engine) -> str | None:
    """The migration the store is at, or None for a store without a schema yet."""
    try:
        with engine.begin() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        return None


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    if schema_revision(engine) == HEAD_REVISION:
        return
    from alembic import command  # Alembic loads only when there is something to migrate
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
