"""center settings: the log of the center's setting changes (`app.domain.center_settings`)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 22:30:00

`setting_events` is append-only like the case events (triggers refuse updates and deletes).
A key's version is not unique here, unlike on the central: a change this counter made that
the central refused (another administrator changed the key first) stays in the log beside
the central's change of the same version; the fold leaves it out (it is in the quarantine).
There is no folded table: a center has a handful of settings, folded when read.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
    )
    op.create_index("ix_setting_events_key", "setting_events", ["key", "version"])
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER setting_events_no_{action.lower()} BEFORE {action} ON setting_events "
            "BEGIN SELECT RAISE(ABORT, 'setting events are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("setting_events")
