"""the pull's order as an index: a chunk is one index scan

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 18:30:00

A counter pulls its center's events in chunks, in (transaction, case, position) order, each
after the key of the last event of the one before (`app.sync.central_link`). Along the index
on (center, xact) alone, each chunk first found the transaction of the first event beyond it
and then sorted everything up to there: a chunk inside one large transaction (a COPY of a
whole center) sorted the rest of that transaction each time. With the order itself as an
index, a chunk is the next `size` entries of one index scan, read in order and stopped at the
limit. The index on (center, xact) is a prefix of the new one and goes.
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX ix_events_center_pull_order"
        " ON central.events (center, xact, case_id, position) INCLUDE (terminal, id);"
        " DROP INDEX central.ix_events_center_xact;"
        " CREATE INDEX ix_events_terminal_case ON central.events (terminal, case_id)"
    )


def downgrade() -> None:
    op.execute(
        "CREATE INDEX ix_events_center_xact ON central.events (center, xact);"
        " DROP INDEX central.ix_events_center_pull_order;"
        " DROP INDEX central.ix_events_terminal_case"
    )
