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
HEAD_REVISION = "0016"
#: The execution option that marks a read-only unit of work's connection.
READ_ONLY = "onewindow_read_only"


def open_engine(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, in WAL mode with synchronous=FULL.

    A transaction that may write starts with BEGIN IMMEDIATE, so two writers (the window and
    a command line run at the same time) queue for the lock instead of failing half-way. One
    on an engine with the `READ_ONLY` option starts with a plain BEGIN under
    `PRAGMA query_only`: it takes no lock a writer waits for, and cannot write.
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
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("PRAGMA query_only=ON")
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("PRAGMA query_only=OFF")
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the database and empty it, waiting (busy timeout) for other writers.

    SQLite checkpoints by itself, but under a stream of writes from several processes it
    rarely finds the moment to start the WAL over, and the WAL grows without bound: a bulk
    writer calls this between its batches.
    """
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        connection.close()


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
