"""windows: the log of window changes (set up, changed, closed) and its fold

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07 18:30:00

`window_events` is append-only like the case events (triggers refuse updates and deletes);
`windows` is the fold of each window's log, the one a login and the intake read.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "window_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.UniqueConstraint("number", "position", name="uq_window_events_number_position"),
    )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER window_events_no_{action.lower()} BEFORE {action} ON window_events "
            "BEGIN SELECT RAISE(ABORT, 'window events are append-only'); END"
        )
    op.create_table(
        "windows",
        sa.Column("number", sa.String(length=16), primary_key=True),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_windows_terminal", "windows", ["terminal"])


def downgrade() -> None:
    op.drop_table("windows")
    op.drop_table("window_events")
