"""the audit action a counter writes when the central refused one of its changes

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 23:40:00

A counter records a staff, window or leave change the central refused as an append-only
refusal (store 0016) and writes `change_refused` to its audit trail; the central accepts
the actions `central.audit_actions()` lists, so that action is added to the list the
database holds now.
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_NEW_ACTIONS = ["change_refused"]


def upgrade() -> None:
    known = op.get_bind().exec_driver_sql("SELECT central.audit_actions()").scalar_one()
    actions = list(known) + [a for a in _NEW_ACTIONS if a not in known]
    op.execute(
        "CREATE OR REPLACE FUNCTION central.audit_actions() RETURNS text[]"
        " LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$"
        f" SELECT ARRAY{actions!r}::text[] $$"
    )


def downgrade() -> None:
    raise NotImplementedError("an audit action the central accepts is not taken back")
