"""leave requests on the central: the leave events of each center, and the audit actions
that record them

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 19:30:00

`central.leave_events` holds what each counter's `leave_events` holds (`app.domain.leave`):
one row per event of a request, the request's person and department repeated on each, the
writing terminal's center filled in by the central. Append-only as the audit trail is; a
counter inserts for its own center and terminal only and reads its center's (a supervision
terminal reading a tree reads its tree's, `central.read_along_the_tree`). Two decisions of
the same request made at two counters are the same (request, position): the first to
arrive stands and the second is refused with the reason.

`central.audit_actions()` is replaced by the list that knows the leave actions
(`leave_asked`, `leave_approved`, `leave_refused`, `leave_back`).
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_ACTIONS = [
    "login",
    "login_failed",
    "logout",
    "account_locked",
    "account_unlocked",
    "screen_locked",
    "screen_unlocked",
    "screen_unlock_failed",
    "staff_created",
    "staff_changed",
    "staff_disabled",
    "staff_enabled",
    "password_reset",
    "password_changed",
    "scope_granted",
    "window_changed",
    "settings_changed",
    "printer_settings_changed",
    "catalog_published",
    "calendar_published",
    "catalog_imported",
    "calendar_imported",
]
_LEAVE_ACTIONS = ["leave_asked", "leave_approved", "leave_refused", "leave_back"]


def _actions(names: list[str]) -> str:
    return f"""
CREATE OR REPLACE FUNCTION central.audit_actions() RETURNS text[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT ARRAY{names!r}::text[]
$$;
REVOKE EXECUTE ON FUNCTION central.audit_actions() FROM PUBLIC;
"""


_UPGRADE = r"""
CREATE TABLE central.leave_events (
    id uuid PRIMARY KEY,
    center text NOT NULL DEFAULT central.center_of(current_user::text),
    terminal text NOT NULL,
    request_id uuid NOT NULL,
    position integer NOT NULL CHECK (position BETWEEN 1 AND 100),
    kind text NOT NULL CHECK (kind IN ('asked', 'approved', 'refused', 'back')),
    at text NOT NULL CHECK (central.audit_time(at) IS NOT NULL),
    actor text NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 64),
    person text NOT NULL CHECK (char_length(person) BETWEEN 1 AND 64),
    department text NOT NULL CHECK (char_length(department) BETWEEN 1 AND 64),
    data text NOT NULL CHECK (octet_length(data) <= 4096 AND data IS JSON OBJECT),
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_leave_events_request_position UNIQUE (request_id, position),
    CHECK ((kind = 'asked') = (position = 1))
);
CREATE INDEX ix_leave_events_center ON central.leave_events (center, department);

CREATE FUNCTION central.leave_is_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF pg_has_role(current_user, 'onewindow_owner', 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'OWA01', MESSAGE = '请假记录只能追加，不能修改或删除';
END
$$;
CREATE TRIGGER leave_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
    ON central.leave_events FOR EACH STATEMENT EXECUTE FUNCTION central.leave_is_append_only();
ALTER TABLE central.leave_events ENABLE ALWAYS TRIGGER leave_events_append_only;

ALTER TABLE central.leave_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.leave_events FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.leave_events TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.leave_events FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));
CREATE POLICY counter_insert ON central.leave_events FOR INSERT TO onewindow_counter
    WITH CHECK (center = (SELECT central.center_of(current_user::text))
                AND terminal = (SELECT central.terminal_of(current_user::text)));
SELECT central.read_along_the_tree('central.leave_events');

REVOKE ALL ON central.leave_events FROM PUBLIC;
GRANT SELECT ON central.leave_events TO onewindow_counter;
GRANT INSERT (id, terminal, request_id, position, kind, at, actor, person, department, data)
    ON central.leave_events TO onewindow_counter;
REVOKE EXECUTE ON FUNCTION central.leave_is_append_only() FROM PUBLIC;
"""


def upgrade() -> None:
    op.execute(_actions(_ACTIONS + _LEAVE_ACTIONS) + _UPGRADE)


def downgrade() -> None:
    op.execute(
        "DROP TABLE central.leave_events; DROP FUNCTION central.leave_is_append_only();"
        + _actions(_ACTIONS)
    )
