"""departments beside the catalog items, so that the catalog the counters pull is whole

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:00:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
CREATE TABLE central.departments (
    code text PRIMARY KEY,
    ordinal integer NOT NULL DEFAULT 0,
    data text NOT NULL CHECK (data IS JSON OBJECT),
    active boolean NOT NULL DEFAULT true,
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE TRIGGER departments_stamp_xact BEFORE INSERT OR UPDATE ON central.departments
    FOR EACH ROW EXECUTE FUNCTION central.stamp_xact();
GRANT SELECT ON central.departments TO onewindow_counter;
ALTER TABLE central.departments ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.departments FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.departments TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.departments FOR SELECT TO onewindow_counter USING (true);
"""
    )


def downgrade() -> None:
    op.execute("DROP TABLE central.departments")
