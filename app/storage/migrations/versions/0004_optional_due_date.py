"""a case's summary has a due date only while its completion clock runs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:00:00

A case not yet accepted (待受理, 待补正) does not count down to completion (Art. 32), and a
closed case shows how and when it closed, not a date: `due_date` becomes optional, and the
summaries of cases in those states lose the date they were stored with.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: The states in which the completion clock runs (accepted, not decided or closed).
RUNNING = ("in_progress", "suspended")


def upgrade() -> None:
    with op.batch_alter_table("case_summaries", schema=None) as batch_op:
        batch_op.alter_column(
            "due_date", existing_type=sa.String(length=10), existing_nullable=False, nullable=True
        )
    op.execute(
        sa.text(
            "UPDATE case_summaries SET due_date = NULL WHERE status NOT IN :running"
        ).bindparams(sa.bindparam("running", value=list(RUNNING), expanding=True))
    )


def downgrade() -> None:
    op.execute(
        "UPDATE case_summaries SET due_date = substr(received_at, 1, 10) WHERE due_date IS NULL"
    )
    with op.batch_alter_table("case_summaries", schema=None) as batch_op:
        batch_op.alter_column(
            "due_date", existing_type=sa.String(length=10), existing_nullable=True, nullable=False
        )
