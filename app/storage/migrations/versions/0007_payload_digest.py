"""payload digest: the hash of an event written since covers the SHA-256 of its payload

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:30:00

An event held before keeps "" (hashed over its payload, as it always was); nothing is
re-hashed. See `app.domain.events`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, not batch_alter_table: the append-only triggers stay as they are
    op.add_column(
        "events", sa.Column("digest", sa.String(length=64), nullable=False, server_default="")
    )


def downgrade() -> None:
    op.drop_column("events", "digest")
