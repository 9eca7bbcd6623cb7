"""case clocks for supervision: each open case's due date and first day of warning

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:00:00

Kept by `app.central.supervision` (`onewindow central supervise`), which folds each changed
case with the same domain code the counters use, over the holiday schedules published to the
central. Overdue and warning counts are then a scan of the open cases' index.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE central.case_clocks (
    case_id uuid PRIMARY KEY,
    center text NOT NULL,
    open boolean NOT NULL,  -- the case's clock runs: not decided, refused or withdrawn
    paused boolean NOT NULL,
    due date NOT NULL,
    warning_from date NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_case_clocks_running ON central.case_clocks (center, due, warning_from)
    WHERE open AND NOT paused;
-- how far the clocks have been brought: the events' transaction horizon
CREATE TABLE central.clock_cursor (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    xact bigint NOT NULL
);
INSERT INTO central.clock_cursor VALUES (true, 0);

GRANT SELECT ON central.case_clocks TO onewindow_counter;
ALTER TABLE central.case_clocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.case_clocks FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.case_clocks TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.case_clocks FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));
ALTER TABLE central.clock_cursor ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.clock_cursor FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.clock_cursor TO onewindow_owner USING (true) WITH CHECK (true);

-- overdue and warning cases per center on `today` (open cases whose clock runs)
CREATE FUNCTION central.clock_counts(today date)
RETURNS TABLE (center text, overdue bigint, warning bigint)
LANGUAGE sql STABLE AS $$
    SELECT c.center,
        count(*) FILTER (WHERE c.due < today),
        count(*) FILTER (WHERE c.due >= today AND c.warning_from <= today)
    FROM central.case_clocks c
    WHERE c.open AND NOT c.paused
    GROUP BY c.center
$$;
GRANT EXECUTE ON FUNCTION central.clock_counts(date) TO onewindow_counter;
"""
    )


def downgrade() -> None:
    op.execute(
        "DROP FUNCTION central.clock_counts(date);"
        " DROP TABLE central.clock_cursor; DROP TABLE central.case_clocks"
    )
