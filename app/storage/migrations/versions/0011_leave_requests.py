"""leave requests: the append-only log of leave events (请假、审批、销假)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:20:00

One row per event of a request, numbered by `position` within it (the unique key: two
decisions written at once cannot both be the second event); triggers refuse every update and
delete, as for the events of cases and the audit trail. `pulled` marks an event written at
another counter of the center and brought down from the central (never pushed back). Attendance itself has no table: it is
read from the audit trail.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leave_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("request_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("person", sa.String(length=64), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("pulled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("request_id", "position", name="uq_leave_events_request_position"),
    )
    op.create_index("ix_leave_events_person", "leave_events", ["person"])
    op.create_index("ix_leave_events_department", "leave_events", ["department"])
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER leave_events_no_{action.lower()} BEFORE {action} ON leave_events "
            "BEGIN SELECT RAISE(ABORT, 'leave events are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("leave_events")
