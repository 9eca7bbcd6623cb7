"""staff events: each account as an append-only log, the staff table its fold

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 18:40:00

Every account held before gets a creation event (and, for a chief representative with
authorised items, a grant naming no document) so that the log explains the state. The staff
table is rebuilt with what the fold holds: several windows, the version, the one-time
password's flag, the authorisation document, when it was unlocked and who changed it last.
Triggers refuse every change to an event and the removal of an account.
"""

import json
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_CHINA_TIME = timezone(timedelta(hours=8), "CST")
_ACTOR = "migration"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def upgrade() -> None:
    op.create_table(
        "staff_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.UniqueConstraint("username", "version", name="uq_staff_events_username_version"),
    )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER staff_events_no_{action.lower()} BEFORE {action} ON staff_events "
            "BEGIN SELECT RAISE(ABORT, 'staff events are append-only'); END"
        )
    connection = op.get_bind()
    held = connection.execute(
        sa.text(
            "SELECT username, display_name, role, department, window, password_hash, scope,"
            " active FROM staff"
        )
    ).all()
    op.drop_table("staff")
    op.create_table(
        "staff",
        sa.Column("username", sa.String(length=64), primary_key=True),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=True),
        sa.Column("windows", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("authorisation", sa.Text(), nullable=True),
        sa.Column("unlocked_at", sa.String(length=40), nullable=True),
        sa.Column("changed_at", sa.String(length=40), nullable=True),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
    )
    op.execute(
        "CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff "
        "BEGIN SELECT RAISE(ABORT, 'staff are never deleted: disable the account'); END"
    )
    now = datetime.now(_CHINA_TIME)
    for row in held:
        _carry_over(connection, row, now)


def _carry_over(connection: sa.Connection, row: sa.Row[Any], now: datetime) -> None:
    username, display_name, role, department, window, password_hash, scope, active = tuple(row)
    windows = [window] if window else []
    events = [
        (
            "staff_created",
            {
                "display_name": display_name,
                "role": role,
                "department": department,
                "windows": windows,
                "password_hash": password_hash,
                "must_change_password": False,
            },
        )
    ]
    items = json.loads(str(scope) or "[]")
    if items:
        issued = now.date().isoformat()
        events.append(("scope_granted", {"items": items, "document": "", "issued": issued}))
    if not active:
        events.append(("staff_disabled", {}))
    for version, (kind, data) in enumerate(events, start=1):
        connection.execute(
            sa.text(
                "INSERT INTO staff_events (id, username, version, kind, at, actor, terminal, data)"
                " VALUES (:id, :username, :version, :kind, :at, :actor, '', :data)"
            ),
            {
                "id": str(uuid4()),
                "username": username,
                "version": version,
                "kind": kind,
                "at": now.isoformat(),
                "actor": _ACTOR,
                "data": _dumps(data),
            },
        )
    authorisation = _dumps({"number": "", "issued": now.date().isoformat()}) if items else None
    connection.execute(
        sa.text(
            "INSERT INTO staff (username, display_name, role, department, windows,"
            " password_hash, scope, active, version, must_change_password, authorisation,"
            " unlocked_at, changed_at, changed_by) VALUES (:username, :display_name, :role,"
            " :department, :windows, :password_hash, :scope, :active, :version, 0,"
            " :authorisation, NULL, :at, :actor)"
        ),
        {
            "username": username,
            "display_name": display_name,
            "role": role,
            "department": department,
            "windows": _dumps(windows),
            "password_hash": password_hash,
            "scope": _dumps(sorted(items)),
            "active": bool(active),
            "version": len(events),
            "authorisation": authorisation,
            "at": now.isoformat(),
            "actor": _ACTOR,
        },
    )


def downgrade() -> None:
    """Back to one row per account as it stands (its first window); the log is dropped."""
    connection = op.get_bind()
    held = connection.execute(
        sa.text(
            "SELECT username, display_name, role, department, windows, password_hash, scope,"
            " active FROM staff"
        )
    ).all()
    op.drop_table("staff")
    op.drop_table("staff_events")
    op.create_table(
        "staff",
        sa.Column("username", sa.String(length=64), primary_key=True),
        sa.Column("display_name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=True),
        sa.Column("window", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    for username, name, role, department, windows, password_hash, scope, active in held:
        connection.execute(
            sa.text(
                "INSERT INTO staff VALUES (:username, :name, :role, :department, :window,"
                " :password_hash, :scope, :active)"
            ),
            {
                "username": username,
                "name": name,
                "role": role,
                "department": department,
                "window": (json.loads(windows) or [""])[0],
                "password_hash": password_hash,
                "scope": scope,
                "active": active,
            },
        )
