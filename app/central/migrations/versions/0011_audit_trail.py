"""the audit trail of every center: what each counter's people did to accounts, windows,
settings and reference data, pushed like the events

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 18:30:00

`central.audit_entries` holds the entries each counter writes in its own store
(`app.domain.audit`) and pushes after its events in the same sync round, and those the
central's administrator writes when publishing the catalog and the holiday schedules (no
center: they concern every center, and every counter reads them).

**Append-only.** No UPDATE, DELETE or TRUNCATE for anyone but the owner (a statement trigger,
ALWAYS, refuses them with SQLSTATE OWA01), and a counter holds no privilege but SELECT and
INSERT of the client's columns: `center`, `at_time`, `received_at` and `xact` are the server's.

**Row-level security per center**, as `central.events`: a counter inserts only as its own
terminal of its own center, and reads its center's entries and the central's own.

**What is accepted** (checked per row, refused with SQLSTATE OWV02 and the reason, so that a
batch refused as a whole is tried entry by entry and only the bad one stays behind): an action
this version knows; an actor of 1–64 characters, a terminal of 1–32, a subject of at most 64;
details a JSON object of strings of at most 8 KB; a time in ISO 8601 with its offset, no more
than a day ahead of the central's clock nor more than ten years behind it.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: `app.domain.audit.AuditAction`, as this revision knows it (a test checks they agree; a new
#: action needs a migration that replaces `central.audit_actions()`).
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

_TIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d:\d\d$"

_UPGRADE = rf"""
-- IMMUTABLE is true of the texts it parses: ISO 8601 with an explicit offset
CREATE FUNCTION central.audit_time(at text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE WHEN at ~ '{_TIME}' THEN at::timestamptz END
$$;

CREATE FUNCTION central.audit_actions() RETURNS text[]
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT ARRAY{_ACTIONS!r}::text[]
$$;

CREATE TABLE central.audit_entries (
    id uuid PRIMARY KEY,
    center text DEFAULT central.center_of(current_user::text),  -- NULL: the central's own
    terminal text NOT NULL,
    actor text NOT NULL,
    at text NOT NULL,
    at_time timestamptz GENERATED ALWAYS AS (central.audit_time(at)) STORED,
    action text NOT NULL,
    subject text NOT NULL DEFAULT '',
    details text NOT NULL DEFAULT '{{}}',
    received_at timestamptz NOT NULL DEFAULT now(),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE INDEX ix_audit_entries_center_at ON central.audit_entries (center, at_time DESC);

-- why an arriving entry is not accepted, or NULL (its time read from `at`: a BEFORE trigger
-- sees the generated column not yet computed)
CREATE FUNCTION central.audit_problem(entry central.audit_entries) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, central AS $$
DECLARE
    moment timestamptz := central.audit_time(entry.at);
BEGIN
    IF NOT entry.action = ANY (central.audit_actions()) THEN
        RETURN '操作类型不明';
    END IF;
    IF char_length(entry.actor) NOT BETWEEN 1 AND 64
        OR char_length(entry.terminal) NOT BETWEEN 1 AND 32
        OR char_length(entry.subject) > 64 THEN
        RETURN '操作人、终端或对象的长度超出范围';
    END IF;
    IF octet_length(entry.details) > 8192 OR NOT (entry.details IS JSON OBJECT) THEN
        RETURN '详情须为不超过 8 KB 的 JSON 对象';
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_each(entry.details::jsonb) d
               WHERE jsonb_typeof(d.value) <> 'string') THEN
        RETURN '详情的每一项须为文字';
    END IF;
    IF moment IS NULL THEN
        RETURN '时间格式不对';
    END IF;
    IF moment > now() + interval '1 day' OR moment < now() - interval '10 years' THEN
        RETURN '时间不可信（远早于或晚于中心时间）';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION central.audit_entry_arrives() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    why text := central.audit_problem(NEW);
BEGIN
    IF why IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'OWV02',
            MESSAGE = format('操作日志 %s：%s，拒收', NEW.id, why);
    END IF;
    NEW.received_at := now();
    NEW.xact := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;

CREATE FUNCTION central.audit_is_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF pg_has_role(current_user, 'onewindow_owner', 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'OWA01',
        MESSAGE = '操作日志只能追加，不能'
            || CASE TG_OP WHEN 'UPDATE' THEN '修改' WHEN 'DELETE' THEN '删除' ELSE '清空' END;
END
$$;

CREATE TRIGGER audit_entries_arrive BEFORE INSERT ON central.audit_entries
    FOR EACH ROW EXECUTE FUNCTION central.audit_entry_arrives();
CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
    ON central.audit_entries FOR EACH STATEMENT EXECUTE FUNCTION central.audit_is_append_only();
ALTER TABLE central.audit_entries ENABLE ALWAYS TRIGGER audit_entries_arrive;
ALTER TABLE central.audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;

ALTER TABLE central.audit_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.audit_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.audit_entries TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.audit_entries FOR SELECT TO onewindow_counter
    USING (center IS NULL OR center = (SELECT central.center_of(current_user::text)));
CREATE POLICY counter_insert ON central.audit_entries FOR INSERT TO onewindow_counter
    WITH CHECK (center = (SELECT central.center_of(current_user::text))
                AND terminal = (SELECT central.terminal_of(current_user::text)));

REVOKE ALL ON central.audit_entries FROM PUBLIC;
GRANT SELECT ON central.audit_entries TO onewindow_counter;
GRANT INSERT (id, terminal, actor, at, action, subject, details)
    ON central.audit_entries TO onewindow_counter;
REVOKE EXECUTE ON FUNCTION central.audit_time(text), central.audit_actions(),
    central.audit_problem(central.audit_entries), central.audit_entry_arrives(),
    central.audit_is_append_only() FROM PUBLIC;
-- the generated column is computed with the inserting role's rights
GRANT EXECUTE ON FUNCTION central.audit_time(text) TO onewindow_counter;
"""


def upgrade() -> None:
    op.execute(_UPGRADE)


def downgrade() -> None:
    op.execute(
        "DROP FUNCTION central.audit_problem(central.audit_entries);"
        " DROP TABLE central.audit_entries;"
        " DROP FUNCTION central.audit_entry_arrives(); DROP FUNCTION central.audit_is_append_only();"
        " DROP FUNCTION central.audit_actions(); DROP FUNCTION central.audit_time(text);"
    )
