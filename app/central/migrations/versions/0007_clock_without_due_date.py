"""a case clock has a due date only while the completion clock runs

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24 10:00:00

A case not yet accepted does not count down to completion (Art. 32) and a closed case has no
due date: `due` and `warning_from` become optional and `open` means that the completion clock
runs. The cursor goes back to the start, so that the next `central supervise` folds every
case again with the clock's new rules.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
ALTER TABLE central.case_clocks ALTER COLUMN due DROP NOT NULL,
    ALTER COLUMN warning_from DROP NOT NULL;
COMMENT ON COLUMN central.case_clocks.open IS
    'the completion clock runs: accepted, and not decided, refused or withdrawn';
UPDATE central.clock_cursor SET xact = 0;
"""
    )


def downgrade() -> None:
    op.execute(
        """
DELETE FROM central.case_clocks WHERE due IS NULL OR warning_from IS NULL;
ALTER TABLE central.case_clocks ALTER COLUMN due SET NOT NULL,
    ALTER COLUMN warning_from SET NOT NULL;
UPDATE central.clock_cursor SET xact = 0;
"""
    )
