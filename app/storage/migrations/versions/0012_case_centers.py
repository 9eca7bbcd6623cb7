"""case centers: the center a joint window's case of the center above belongs to

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 19:30:00

`case_centers` holds, for each case accepted at a joint window for the center above (its
receipt names that center), the center's code; the push sends its events to that center. A
case of the terminal's own center has no row. Append-only like the events.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_centers",
        sa.Column("case_id", sa.String(length=36), primary_key=True),
        sa.Column("center", sa.String(length=32), nullable=False),
    )
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER case_centers_no_{action.lower()} BEFORE {action} ON case_centers "
            "BEGIN SELECT RAISE(ABORT, 'case centers are append-only'); END"
        )


def downgrade() -> None:
    op.drop_table("case_centers")
