"""Creating and upgrading the central schema: `onewindow central init --url URL`.

Run by an administrator of the server (a superuser, or a role with CREATEROLE that owns the
database). It makes the two group roles, the `central` schema owned by the owner role, the
database settings, and then runs the central's own Alembic migrations as the owner role, so
that every table, function and policy belongs to a role no counter is a member of. Each step
looks before it acts: a second run changes nothing and the report says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.central.errors import CentralError
from app.central.logins import (
    COUNTER_CONNECTIONS,
    COUNTER_IDLE_IN_TRANSACTION,
    COUNTER_ROLE,
    OWNER_ROLE,
    limit_counter_role,
    quote_identifier,
)
from app.domain.messages import msg

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA = "central"
HEAD_REVISION = "0020"
#: A session left open in a transaction holds back every counter's pull cursor (the
#: transaction-id horizon): the central ends such a session after this long.
IDLE_IN_TRANSACTION_TIMEOUT = "60s"
#: `IS JSON` (used by the checks) came with PostgreSQL 16.
MINIMUM_SERVER_VERSION = 160000
_INIT_LOCK = 0x4F4E4557  # advisory lock id: two inits on one database take turns


@dataclass
class InitReport:
    """What `initialise` changed, one line each; empty when everything was already there."""

    changes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def engine_for(url: str) -> Engine:
    """An engine on the central (psycopg 3), no pool: the commands run one task and leave."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise CentralError(msg("中心数据库须为 PostgreSQL：{url}", url=safe_url(url)))
    return create_engine(
        parsed.set(drivername="postgresql+psycopg"),
        poolclass=NullPool,
        hide_parameters=True,  # SQL parameters hold names and ID numbers: never in an error
    )


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is shown as nothing rather than leaked
        return "（无法解析的地址）"


@contextmanager
def central_engine(url: str) -> Iterator[Engine]:
    """An engine for one task; a failed connection becomes a CentralError without password."""
    engine = engine_for(url)
    try:
        yield engine
    except DBAPIError as error:
        if _is_connect_error(error):
            raise CentralError(
                msg("无法连接中心数据库 {url}：{reason}", url=safe_url(url), reason=_reason(error))
            ) from error
        raise
    finally:
        engine.dispose()


def initialise(url: str) -> InitReport:
    """Create or upgrade the central schema, its roles and policies on the database at `url`."""
    report = InitReport()
    with (
        central_engine(url) as engine,
        engine.connect().execution_options(isolation_level="AUTOCOMMIT") as admin,
    ):
        _check_server(admin)
        admin.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _INIT_LOCK})
        try:
            _ensure_roles(admin, report)
            _ensure_database_settings(admin, report)
            _ensure_schema(admin, report)
            _migrate(engine, report)
            _ensure_counter_limits(admin, report)
        finally:
            admin.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": _INIT_LOCK})
    for change in report.changes:
        log.info("central init: %s", change)
    return report


def schema_revision(connection: Connection) -> str | None:
    """The central migration the database is at, or None before `init`."""
    exists = connection.execute(text("SELECT to_regclass('central.alembic_version')")).scalar()
    if exists is None:
        return None
    return connection.execute(text("SELECT version_num FROM central.alembic_version")).scalar()


def _check_server(connection: Connection) -> None:
    version = int(connection.execute(text("SHOW server_version_num")).scalar_one())
    if version < MINIMUM_SERVER_VERSION:
        raise CentralError(msg("中心数据库需要 PostgreSQL 16 或更新版本"))
    encoding = connection.execute(text("SHOW server_encoding")).scalar_one()
    if encoding != "UTF8":
        # the hash is taken over UTF-8 text: another encoding cannot hold every name
        raise CentralError(msg("中心数据库的编码须为 UTF8（现为 {encoding}）", encoding=encoding))


def _ensure_roles(connection: Connection, report: InitReport) -> None:
    for role in (OWNER_ROLE, COUNTER_ROLE):
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": role}
        ).scalar()
        if not exists:
            connection.execute(text(f"CREATE ROLE {quote_identifier(role)} NOLOGIN"))
            report.changes.append(f"已创建角色 {role}")
    superuser = connection.execute(
        text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    member = connection.execute(
        text("SELECT pg_has_role(current_user, :owner, 'SET')"), {"owner": OWNER_ROLE}
    ).scalar_one()
    if not superuser and not member:
        connection.execute(text(f"GRANT {quote_identifier(OWNER_ROLE)} TO current_user"))
        report.changes.append(f"已将 {OWNER_ROLE} 授予当前管理员")
    _ensure_owner_watch(connection, report)


#: What the owner needs to end a counter's session left idle in a transaction (the pull
#: horizon of migration 0008): to see every session's state, and to signal it.
_OWNER_WATCH = ("pg_read_all_stats", "pg_signal_backend")


def _ensure_owner_watch(connection: Connection, report: InitReport) -> None:
    for role in _OWNER_WATCH:
        held = connection.execute(
            text("SELECT pg_has_role(:owner, :role, 'USAGE')"), {"owner": OWNER_ROLE, "role": role}
        ).scalar_one()
        if held:
            continue
        try:
            connection.execute(text(f"GRANT {role} TO {quote_identifier(OWNER_ROLE)}"))
        except DBAPIError as error:
            raise CentralError(
                msg(
                    "需要超级用户执行 central init：须将 {role} 授予 {owner}"
                    "（中心据此结束长时间占用事务的终端会话）",
                    role=role,
                    owner=OWNER_ROLE,
                )
            ) from error
        report.changes.append(f"已将 {role} 授予 {OWNER_ROLE}")


def _ensure_counter_limits(connection: Connection, report: InitReport) -> None:
    """Every registered counter's login gets its connection limit and timeout (counters
    registered before these existed get them here; `add-counter` gives them to new ones)."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    wanted = f"idle_in_transaction_session_timeout={COUNTER_IDLE_IN_TRANSACTION}"
    loose = connection.execute(
        text(
            "SELECT r.rolname FROM central.terminals t JOIN pg_roles r ON r.rolname = t.role_name"
            " WHERE r.rolconnlimit <> :limit OR NOT EXISTS (SELECT 1 FROM pg_db_role_setting d"
            " WHERE d.setrole = r.oid AND d.setdatabase = (SELECT oid FROM pg_database"
            " WHERE datname = current_database()) AND :wanted = ANY (d.setconfig))"
        ),
        {"limit": COUNTER_CONNECTIONS, "wanted": wanted},
    ).scalars()
    for role in list(loose):
        limit_counter_role(connection, role, database)
        report.changes.append(f"已为终端角色 {role} 设置连接数上限与空闲事务超时")


def _ensure_database_settings(connection: Connection, report: InitReport) -> None:
    current = connection.execute(
        text(
            "SELECT s.setting FROM pg_db_role_setting d, unnest(d.setconfig) s(setting)"
            " WHERE d.setdatabase = (SELECT oid FROM pg_database"
            " WHERE datname = current_database()) AND d.setrole = 0"
            " AND s.setting LIKE 'idle_in_transaction_session_timeout=%'"
        )
    ).scalar()
    wanted = f"idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT}"
    if current != wanted:
        database = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(
            text(
                f"ALTER DATABASE {quote_identifier(database)}"
                f" SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION_TIMEOUT}'"
            )
        )
        report.changes.append(f"已设置空闲事务超时 {IDLE_IN_TRANSACTION_TIMEOUT}")


def _ensure_schema(connection: Connection, report: InitReport) -> None:
    owner = connection.execute(
        text("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = :schema"),
        {"schema": SCHEMA},
    ).scalar()
    if owner is None:
        connection.execute(
            text(f"CREATE SCHEMA {SCHEMA} AUTHORIZATION {quote_identifier(OWNER_ROLE)}")
        )
        report.changes.append(f"已创建模式 {SCHEMA}")
    elif owner != OWNER_ROLE:
        raise CentralError(
            msg(
                "模式 {schema} 已存在，但属于 {owner} 而不是 {expected}",
                schema=SCHEMA,
                owner=owner,
                expected=OWNER_ROLE,
            )
        )


def _migrate(engine: Engine, report: InitReport) -> None:
    with engine.begin() as connection:
        before = schema_revision(connection)
        if before == HEAD_REVISION:
            return
        from alembic import command  # loaded only when there is something to migrate
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        # one transaction, as the owner: all or nothing, and everything belongs to the owner
        connection.execute(text(f"SET LOCAL ROLE {quote_identifier(OWNER_ROLE)}"))
        command.upgrade(config, "head")
        after = schema_revision(connection)
    report.changes.append(f"中心数据库结构已从 {before or '空'} 升级到 {after}")


def _is_connect_error(error: DBAPIError) -> bool:
    import psycopg

    return isinstance(error.orig, psycopg.OperationalError)


def _reason(error: DBAPIError) -> str:
    message = str(error.orig).strip().splitlines()
    return message[0] if message else type(error.orig).__name__
