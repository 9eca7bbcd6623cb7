"""Who may do what on the central: the owner, the counters' group, and each counter's login.

* `onewindow_owner` (no login) owns every table, function and policy; nobody logs in as it.
* `onewindow_counter` (no login) is the group every counter's role belongs to: it may read its
  own center's rows and insert events, nothing more.
* each counter logs in with a role of its own, registered in `central.terminals` with its
  center and terminal number; the row-level policies look the role itself up there.

The password is generated here and shown once; the server gets only its SCRAM verifier, so
the clear text appears in no statement, server log or `pg_stat_activity`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from app.central.errors import CentralError
from app.domain.case_number import TERMINAL_NUMBERS
from app.domain.messages import msg, verbatim

OWNER_ROLE = "onewindow_owner"
COUNTER_ROLE = "onewindow_counter"
LEVELS = ("province", "city", "district", "township")
#: What a terminal reads (central migration 0012): its own center, or its center and every
#: center below it (a supervision or administration terminal).
READS = ("center", "tree")
#: Connections one counter's login may hold at once: the window's link and its listener, and
#: a command run beside them. One counter can no longer take the server's every slot.
COUNTER_CONNECTIONS = 4
#: Set on each counter's login in its database. A counter may still SET it in its own session
#: (PostgreSQL cannot forbid that for a user-settable parameter); the central's pull horizon
#: ends such a session anyway once it has sat idle in a transaction this long (migration 0008).
COUNTER_IDLE_IN_TRANSACTION = "60s"
_SCRAM_ITERATIONS = 4096


@dataclass(frozen=True)
class Counter:
    """A registered counter: its login role and (once, at registration) its password."""

    center: str
    number: int
    name: str
    role: str
    password: str

    def url(self, central_url: str) -> str:
        """The counter's own URL: the central's host and database, the counter's login."""
        return (
            make_url(central_url)
            .set(username=self.role, password=self.password)
            .render_as_string(hide_password=False)
        )


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def counter_role_name(database: str, center: str, number: int) -> str:
    """`<database>_<center>_<number>`: readable, and unique in a cluster of several centrals."""
    clean = re.sub(r"[^a-z0-9_]", "_", f"{database}_{center}".lower())
    return f"{clean}_{number:02d}"[:63]


def default_terminal_name(number: int) -> str:
    """The terminal name the local settings give terminal `number` (`counter-01`)."""
    return f"counter-{number:02d}"


def scram_verifier(password: str, iterations: int = _SCRAM_ITERATIONS) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier of an ASCII password (RFC 5802 / 7677)."""
    salt = secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def add_center(
    connection: Connection, code: str, name: str, level: str, parent: str | None
) -> bool:
    """Register a center, or bring its name / level / parent up to date; True when changed.

    The central refuses a center placed under itself or its own descendant, or at a level
    not below its parent's (migration 0012): its reason comes back as a CentralError.
    """
    if level not in LEVELS:
        raise CentralError(msg("中心级别须为 {levels} 之一", levels=tuple(LEVELS)))
    if parent is not None and not _center_exists(connection, parent):
        raise CentralError(msg("上级中心 {parent} 尚未登记", parent=parent))
    row = connection.execute(
        text("SELECT name, level, parent FROM central.centers WHERE code = :code"),
        {"code": code},
    ).first()
    if row is not None and tuple(row) == (name, level, parent):
        return False
    try:
        connection.execute(
            text(
                "INSERT INTO central.centers (code, name, level, parent)"
                " VALUES (:code, :name, :level, :parent) ON CONFLICT (code) DO UPDATE"
                " SET name = excluded.name, level = excluded.level, parent = excluded.parent"
            ),
            {"code": code, "name": name, "level": level, "parent": parent},
        )
    except DBAPIError as error:
        raise _refusal(error, "OWL") from error  # the tree's refusals (a cycle, a level)
    return True


def _refusal(error: DBAPIError, states: str) -> Exception:
    """The central's own words for a refusal whose SQLSTATE begins with `states`, as a
    CentralError; any other error as it is."""
    state = getattr(error.orig, "sqlstate", None) or ""
    if not state.startswith(states):
        return error
    diagnosis = getattr(error.orig, "diag", None)
    return CentralError(verbatim(getattr(diagnosis, "message_primary", "") or ""))


def add_counter(
    connection: Connection,
    center: str,
    number: int,
    name: str | None = None,
    reads: str = "center",
    joint: bool = False,
) -> Counter:
    """Create the login role of terminal `number` of `center` and register it; `reads`
    "tree" lets it read every center below its own too (supervision, administration);
    `joint` makes it a joint window of its center and the center above (Bayannur), whose
    items it accepts and whose cases it pushes: its number and name must be free there too.

    Refuses a terminal number (or name) the center already has: two counters with one number
    would hand out the same case numbers while offline. Run in one transaction: a role is
    never left without its registration.
    """
    if number not in TERMINAL_NUMBERS:
        raise CentralError(
            msg(
                "终端编号须在 {low} 到 {high} 之间（办件编号中终端占两位）",
                low=TERMINAL_NUMBERS.start,
                high=TERMINAL_NUMBERS.stop - 1,
            )
        )
    if reads not in READS:
        raise CentralError(msg("终端的读取范围须为 {reads} 之一", reads=tuple(READS)))
    if not _center_exists(connection, center):
        raise CentralError(
            msg("中心 {center} 尚未登记（先执行 central add-center）", center=center)
        )
    name = name or default_terminal_name(number)
    taken = connection.execute(
        text(
            "SELECT role_name FROM central.terminals"
            " WHERE center = :center AND (number = :number OR name = :name)"
        ),
        {"center": center, "number": number, "name": name},
    ).scalar()
    if taken is not None:
        raise CentralError(
            msg(
                "中心 {center} 的 {number} 号终端（{name}）已登记为角色 {role}",
                center=center,
                number=number,
                name=name,
                role=taken,
            )
        )
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    role = counter_role_name(database, center, number)
    password = secrets.token_urlsafe(24)
    verifier = scram_verifier(password)
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).scalar()
    # a leftover role of the same name (not registered here) is taken over with a new password
    verb = "ALTER" if exists else "CREATE"
    # a verifier is base64 and `$:`: no quote to escape, but `:` would read as a bind name
    connection.exec_driver_sql(
        f"{verb} ROLE {quote_identifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
        f" INHERIT NOREPLICATION NOBYPASSRLS PASSWORD '{verifier}'"
    )
    connection.execute(text(f"GRANT {quote_identifier(COUNTER_ROLE)} TO {quote_identifier(role)}"))
    connection.execute(
        text(
            f"ALTER ROLE {quote_identifier(role)} IN DATABASE {quote_identifier(database)}"
            " SET search_path = central, pg_catalog"
        )
    )
    limit_counter_role(connection, role, database)
    above = _joint_center(connection, center) if joint else None
    try:
        connection.execute(
            text(
                "INSERT INTO central.terminals (role_name, center, number, name, reads, joint_center)"
                " VALUES (:role, :center, :number, :name, :reads, :above)"
            ),
            {"role": role, "center": center, "number": number, "name": name, "reads": reads}
            | {"above": above},
        )
    except DBAPIError as error:
        raise _refusal(error, "OWJ") from error  # the number or name taken above
    return Counter(center, number, name, role, password)


def _joint_center(connection: Connection, center: str) -> str:
    above = connection.execute(
        text("SELECT parent FROM central.centers WHERE code = :code"), {"code": center}
    ).scalar()
    if above is None:
        raise CentralError(msg("中心 {center} 没有上级中心，不能设合一窗口", center=center))
    return str(above)


def limit_counter_role(connection: Connection, role: str, database: str) -> None:
    """Give a counter's login its connection limit and its idle-in-transaction timeout."""
    connection.execute(
        text(f"ALTER ROLE {quote_identifier(role)} CONNECTION LIMIT {COUNTER_CONNECTIONS}")
    )
    connection.execute(
        text(
            f"ALTER ROLE {quote_identifier(role)} IN DATABASE {quote_identifier(database)}"
            f" SET idle_in_transaction_session_timeout = '{COUNTER_IDLE_IN_TRANSACTION}'"
        )
    )


def _center_exists(connection: Connection, code: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT 1 FROM central.centers WHERE code = :code"), {"code": code}
        ).scalar()
    )
