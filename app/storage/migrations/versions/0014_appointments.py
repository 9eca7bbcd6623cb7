"""appointments: the append-only logs of appointments and online pre-applications, and the
portal files taken in

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 22:40:00

`appointment_events`: one row per event of an appointment (imported, checked in, accepted as a
case, cancelled), numbered by `position` within it (the unique key); `reference` and `day`
repeat the appointment's, to find them. `portal_files`: one row per portal export this
terminal took in or refused, by the SHA-256 of its bytes, so that a file is never imported
twice however it is named. Triggers refuse every update and delete of both.
`ix_events_online_reference`: the receipts that name a portal reference (a case taken up
from an appointment, here or at another counter of the center), found by it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

#: As `app.storage.appointment_repository` spells it, so that SQLite uses the index.
ONLINE_REFERENCE = "json_extract(payload, '$.reference')"


def upgrade() -> None:
    op.create_table(
        "appointment_events",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(length=36), nullable=False, unique=True),
        sa.Column("appointment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.UniqueConstraint("appointment_id", "position", name="uq_appointment_events_position"),
    )
    op.create_index("ix_appointment_events_day", "appointment_events", ["day"])
    op.create_index("ix_appointment_events_reference", "appointment_events", ["reference"])
    op.create_table(
        "portal_files",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("digest", sa.String(length=64), nullable=False, unique=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("terminal", sa.String(length=32), nullable=False),
        sa.Column("taken", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
    )
    op.execute(
        f"CREATE INDEX ix_events_online_reference ON events ({ONLINE_REFERENCE}) "
        "WHERE kind = 'received'"
    )
    for table in ("appointment_events", "portal_files"):
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )


def downgrade() -> None:
    op.execute("DROP INDEX ix_events_online_reference")
    op.drop_table("portal_files")
    op.drop_table("appointment_events")
