"""indexes for the lookups that grew with the store; what a case waits for

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 10:00:00

- `ix_events_case_id` goes: the unique (case_id, position) index already serves it.
- (terminal, seq) on events: `sync.status()` counts what is left to push without a scan.
- The ID number of each receipt (`kind = 'received'`), a partial index on the JSON path:
  finding an applicant on record no longer reads every event.
- (department, received_at) on summaries: the department's newest cases without a sort.
- `waits_for` on summaries, with (department, waits_for, due_date, item_code): the chief's
  desk reads the cases waiting for a chief representative's decision, earliest due first, a
  page at a time, instead of folding every open case of the department. The cases in
  progress are folded once here to fill it (about a minute at 300,000 cases).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

APPLICANT_ID = "json_extract(payload, '$.applicant.id_number')"
BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_case_id")
    op.create_index("ix_events_terminal_seq", "events", ["terminal", "seq"])
    op.create_index(
        "ix_events_applicant_id",
        "events",
        [sa.text(f"({APPLICANT_ID})")],
        sqlite_where=sa.text("kind = 'received'"),
    )
    op.create_index(
        "ix_case_summaries_department_received_at", "case_summaries", ["department", "received_at"]
    )
    op.add_column("case_summaries", sa.Column("waits_for", sa.String(length=32), nullable=True))
    _fill_waits_for()
    op.create_index(
        "ix_case_summaries_waits_for",
        "case_summaries",
        ["department", "waits_for", "due_date", "item_code"],
    )


def _fill_waits_for() -> None:
    """Fold each case in progress and note what it waits for (the write path's own rule).

    The events are read with the columns they had at this revision (later ones, such as 0007's
    digest, do not exist yet when a store older than this one is brought up to date)."""
    from collections import defaultdict

    from app.domain.case import Case
    from app.domain.events import Event, event_from_fields
    from app.storage.case_repository import waits_for

    connection = op.get_bind()
    ids = [
        case_id
        for (case_id,) in connection.execute(
            sa.text("SELECT case_id FROM case_summaries WHERE status = 'in_progress'")
        )
    ]
    read = sa.text(
        'SELECT id, case_id, position, kind, payload, actor, "window", terminal, at, prev_hash,'
        " hash FROM events WHERE case_id IN :ids ORDER BY case_id, position"
    ).bindparams(sa.bindparam("ids", expanding=True))
    for start in range(0, len(ids), BATCH):
        logs: dict[str, list[Event]] = defaultdict(list)
        for row in connection.execute(read, {"ids": ids[start : start + BATCH]}).mappings():
            logs[row["case_id"]].append(event_from_fields(dict(row)))
        rows = [
            {"case_id": case_id, "waits_for": waits_for(Case.from_events(events))}
            for case_id, events in logs.items()
        ]
        waiting = [row for row in rows if row["waits_for"] is not None]
        if waiting:
            connection.execute(
                sa.text(
                    "UPDATE case_summaries SET waits_for = :waits_for WHERE case_id = :case_id"
                ),
                waiting,
            )


def downgrade() -> None:
    op.drop_index("ix_case_summaries_waits_for", table_name="case_summaries")
    with op.batch_alter_table("case_summaries", schema=None) as batch_op:
        batch_op.drop_column("waits_for")
    op.drop_index("ix_case_summaries_department_received_at", table_name="case_summaries")
    op.drop_index("ix_events_applicant_id", table_name="events")
    op.drop_index("ix_events_terminal_seq", table_name="events")
    op.create_index("ix_events_case_id", "events", ["case_id"])
