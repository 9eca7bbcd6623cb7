"""cases folded by the supervision refresher, not by a trigger inside every push

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 18:00:00

Until now each pushed batch refreshed `central.cases` in the same transaction, with the
statuses spelled out again in SQL (`status_after`): a second copy of the domain's rules, and
a third of the cost of a push. `app.central.supervision` already folds every case that
changes with the domain code itself to keep its clock; it now keeps `cases` too, and a push
only writes and checks events.
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
DROP TRIGGER events_refresh_cases ON central.events;
DROP FUNCTION central.refresh_cases();
DROP FUNCTION central.status_after(text, text);
"""
    )


def downgrade() -> None:
    raise NotImplementedError("cases are folded by the supervision refresher from 0005 on")
