"""convergence: the central's refusals kept as facts, and a version taken again once refused

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 22:30:00

`refusals` records that the central refused an event of the staff, window or leave log
pushed from here (`app.domain.refusals`): which event, the central's reason, when.
Append-only: triggers refuse UPDATE and DELETE, as for the logs themselves.

The logs' unique (subject, version) becomes a trigger that allows a second event of the
same version only when every earlier one of that version is refused: the central's event of
that version is then appended after this counter's refused one. The tables are rebuilt
without the unique constraint (SQLite cannot drop one), with a plain index in its place, and
their append-only triggers are made again.

A counter that ran an earlier version holds refusals it could not record: the marks of how
far its staff, window and leave events went up (and how far the leave events came down) are
dropped, so that the next round sends them again — the central skips those it holds and
refuses the clashing ones again, now recorded — and reads the center's leave events again
(those held here skipped).
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

#: table → (subject, version, the unique constraint the trigger replaces)
_LOGS = {
    "staff_events": ("username", "version", "uq_staff_events_username_version"),
    "window_events": ("number", "position", "uq_window_events_number_position"),
    "leave_events": ("request_id", "position", "uq_leave_events_request_position"),
}
_WORDS = {"staff_events": "staff", "window_events": "window", "leave_events": "leave"}
#: `sync_directory.STAFF_PUSHED_THROUGH`, `WINDOWS_PUSHED_THROUGH`,
#: `sync_push.LEAVE_PUSHED_THROUGH`, `LEAVE_PULLED_SINCE` (as they are named today).
_MARKS = (
    "staff_pushed_through",
    "windows_pushed_through",
    "leave_pushed_through",
    "leave_pulled_since",
)


def _append_only(table: str, words: str) -> None:
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{words} are append-only'); END"
        )


def upgrade() -> None:
    op.create_table(
        "refusals",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("log", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
    )
    _append_only("refusals", "refusals")
    for table, (subject, version, constraint) in _LOGS.items():
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_constraint(constraint, type_="unique")
            batch.create_index(f"ix_{table}_{subject}_{version}", [subject, version])
        _append_only(table, f"{_WORDS[table]} events")
        op.execute(
            f"CREATE TRIGGER {table}_one_per_{version} BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} AS e WHERE e.{subject} = NEW.{subject}"
            f" AND e.{version} = NEW.{version}"
            " AND e.id NOT IN (SELECT event_id FROM refusals)) "
            f"BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: {table}.{subject},"
            f" {table}.{version}'); END"
        )
    marks = ", ".join(f"'{name}'" for name in _MARKS)
    op.execute(f"DELETE FROM sync_marks WHERE name IN ({marks})")


def downgrade() -> None:
    for table, (subject, version, constraint) in _LOGS.items():
        op.execute(f"DROP TRIGGER {table}_one_per_{version}")
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{action}")
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_index(f"ix_{table}_{subject}_{version}")
            batch.create_unique_constraint(constraint, [subject, version])
        _append_only(table, f"{_WORDS[table]} events")
    op.drop_table("refusals")
