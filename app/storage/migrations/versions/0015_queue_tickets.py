"""queue tickets: the append-only log of ticket events and the number blocks leased

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 22:30:00

`ticket_events` holds one row per event of a queue ticket (`app.domain.tickets`), numbered
by `position` within its ticket (the unique key: two windows calling the same ticket cannot
both write its second event); `queue`, `day` and `number` repeat the issue's, to find a day's
tickets and to refuse a number given twice (unique among the issues). `pulled` marks an event
written at another terminal of the center and brought down from the central (never pushed
back). `number_leases` holds the blocks of numbers the central leased to this terminal per
(queue, day) (`app.domain.ticket_numbers`). Triggers refuse every update and delete of both.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ticket_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("queue", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("pulled", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("ticket_id", "position", name="uq_ticket_events_ticket_position"),
    )
    op.create_index("ix_ticket_events_day_queue", "ticket_events", ["day", "queue"])
    op.create_index(
        "uq_ticket_numbers",
        "ticket_events",
        ["queue", "day", "number"],
        unique=True,
        sqlite_where=sa.text("kind = 'issued'"),
    )
    op.create_table(
        "number_leases",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("queue", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.UniqueConstraint("queue", "day", "first", name="uq_number_leases_block"),
    )
    for table in ("ticket_events", "number_leases"):
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table.replace('_', ' ')} are append-only'); END"
            )


def downgrade() -> None:
    op.drop_table("number_leases")
    op.drop_table("ticket_events")
