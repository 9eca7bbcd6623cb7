"""the center's directory on the central: staff and window events pushed by the counters,
folded into `central.staff`, and pulled by every counter of the center

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 19:30:00

`central.staff_events` and `central.window_events` hold the events each counter writes in
its own store (`app.domain.staff_events`, `app.domain.windows`) when an administrator
changes a person or a window there, pushed in the sync round like the audit trail, and those
the central's owner writes to seed a center (`central publish --staff-of`). Every counter of
the center pulls the other terminals' events in its pull window and folds them into its own
store: a clerk created at one counter signs in at another.

**Append-only**, as `central.events`: no UPDATE, DELETE or TRUNCATE but by the owner (OWA01).

**Row-level security per center**: a counter inserts only as its own terminal of its own
center and reads its own center's events only. Password hashes (in a staff event's data)
thus reach the counters of the center and no one else (`central.staff_in_tree`, read up the
tree, has no hash).

**Who may change the directory** (checked in the database, per row): an active
administrator of that center in the central's own fold (`central.staff`); a person setting
their own password (`password_set` of their own account) while active. The owner seeds. Any
other actor is refused (OWA02, with the reason).

**One change per version.** An event must follow the latest the central holds of its person
(window): a second change made against the same version is refused (OWS01, saying who
changed it and when) and stays in the pushing counter's quarantine. Arrivals of one person's
events are serialised by an advisory lock, so that two at once cannot both pass the check.

An event the central holds already (same id) is skipped: a push whose answer was lost is
sent again. `central.staff` becomes the fold of the staff events (kept for its readers: the
checks of who signs an event, 0009): a person with one window has it as `window`, a person
with several has '' (any window: the column holds one).
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

#: `app.domain.staff_events.KINDS` and `app.domain.windows.WindowEventKind` (a test checks).
STAFF_KINDS = [
    "staff_created",
    "staff_changed",
    "staff_disabled",
    "staff_enabled",
    "password_reset",
    "password_set",
    "scope_granted",
    "account_unlocked",
]
WINDOW_KINDS = ["set_up", "changed", "closed"]

_MINE = "center = (SELECT central.center_of(current_user::text))"
_OWN_TERMINAL = "terminal = (SELECT central.terminal_of(current_user::text))"


def _table(name: str, subject: str, version: str, data: str) -> str:
    return f"""
CREATE TABLE central.{name} (
    id uuid PRIMARY KEY,
    center text NOT NULL DEFAULT central.center_of(current_user::text)
        REFERENCES central.centers (code),
    {subject} text NOT NULL CHECK (char_length({subject}) BETWEEN 1 AND 64),
    {version} integer NOT NULL CHECK ({version} >= 1),
    kind text NOT NULL,
    at text NOT NULL CHECK (char_length(at) <= 40),
    actor text NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 64),
    terminal text NOT NULL CHECK (char_length(terminal) BETWEEN 1 AND 32),
    {data} text NOT NULL CHECK ({data} IS JSON OBJECT AND octet_length({data}) <= 16384),
    received_at timestamptz NOT NULL DEFAULT now(),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    UNIQUE (center, {subject}, {version})
);
CREATE INDEX ix_{name}_center_xact ON central.{name} (center, xact);
CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON central.{name}
    FOR EACH STATEMENT EXECUTE FUNCTION central.directory_is_append_only();
ALTER TABLE central.{name} ENABLE ALWAYS TRIGGER {name}_append_only;
ALTER TABLE central.{name} ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.{name} FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.{name} TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.{name} FOR SELECT TO onewindow_counter USING ({_MINE});
CREATE POLICY counter_insert ON central.{name} FOR INSERT TO onewindow_counter
    WITH CHECK ({_MINE} AND {_OWN_TERMINAL});
REVOKE ALL ON central.{name} FROM PUBLIC;
GRANT SELECT ON central.{name} TO onewindow_counter;
GRANT INSERT (id, {subject}, {version}, kind, at, actor, terminal, {data})
    ON central.{name} TO onewindow_counter;
"""


def _arrival(name: str, subject: str, version: str, kinds: list[str], noun: str) -> str:
    """The BEFORE INSERT trigger of `name`: skip a resend, check version and actor."""
    return f"""
CREATE FUNCTION central.{name}_arrive() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    latest record;
BEGIN
    IF EXISTS (SELECT 1 FROM central.{name} WHERE id = NEW.id) THEN
        RETURN NULL;  -- sent before, its answer lost on the way
    END IF;
    IF NOT NEW.kind = ANY (ARRAY{kinds!r}::text[]) THEN
        RAISE EXCEPTION USING ERRCODE = 'OWV03',
            MESSAGE = format('{noun} %s 的变更类型不明，拒收', NEW.{subject});
    END IF;
    IF NOT pg_has_role(session_user, 'onewindow_owner', 'MEMBER')
        AND NOT central.may_change_directory(NEW.center, NEW.actor, NEW.kind, NEW.{subject}) THEN
        RAISE EXCEPTION USING ERRCODE = 'OWA02',
            MESSAGE = format('%s 不是本中心在册的管理员，中心拒收其对{noun} %s 的修改',
                             NEW.actor, NEW.{subject});
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('{name}:' || NEW.center || ':' || NEW.{subject}));
    SELECT {version} AS version, actor, at INTO latest FROM central.{name}
        WHERE center = NEW.center AND {subject} = NEW.{subject}
        ORDER BY {version} DESC LIMIT 1;
    IF NEW.{version} <> coalesce(latest.version, 0) + 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'OWS01',
            MESSAGE = CASE WHEN latest.version IS NULL
                THEN format('{noun} %s 在中心没有此前的资料，此修改中心未采纳', NEW.{subject})
                ELSE format('{noun} %s 的资料已被 %s 于 %s 修改，此修改基于旧的资料，中心未采纳',
                            NEW.{subject}, latest.actor, replace(left(latest.at, 16), 'T', ' '))
            END;
    END IF;
    NEW.received_at := now();
    NEW.xact := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;
CREATE TRIGGER {name}_arrive BEFORE INSERT ON central.{name}
    FOR EACH ROW EXECUTE FUNCTION central.{name}_arrive();
ALTER TABLE central.{name} ENABLE ALWAYS TRIGGER {name}_arrive;
"""


_FUNCTIONS = """
CREATE FUNCTION central.directory_is_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF pg_has_role(current_user, 'onewindow_owner', 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'OWA01',
        MESSAGE = '人员和窗口的变更记录只能追加，不能'
            || CASE TG_OP WHEN 'UPDATE' THEN '修改' WHEN 'DELETE' THEN '删除' ELSE '清空' END;
END
$$;

-- an active administrator of the center, or a person setting their own password
CREATE FUNCTION central.may_change_directory(center text, actor text, kind text, subject text)
RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT EXISTS (SELECT 1 FROM central.staff s
                   WHERE s.center = $1 AND s.username = $2 AND s.active
                   AND (s.role = 'administrator' OR ($3 = 'password_set' AND $4 = $2)))
$$;

-- the window a person sits at, when they have one only ('' : any of theirs)
CREATE FUNCTION central.sole_window(windows jsonb) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE WHEN jsonb_typeof(windows) = 'array' AND jsonb_array_length(windows) = 1
                THEN windows ->> 0 ELSE '' END
$$;

CREATE FUNCTION central.fold_staff_event() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    d jsonb := NEW.data::jsonb;
BEGIN
    CASE NEW.kind
    WHEN 'staff_created' THEN
        INSERT INTO central.staff AS s (center, username, display_name, role, department,
            "window", password_hash, scope, active)
        VALUES (NEW.center, NEW.username, d ->> 'display_name', d ->> 'role',
            d ->> 'department', central.sole_window(d -> 'windows'), d ->> 'password_hash',
            '[]', true)
        ON CONFLICT (center, username) DO UPDATE SET display_name = excluded.display_name,
            role = excluded.role, department = excluded.department,
            "window" = excluded."window", password_hash = excluded.password_hash,
            scope = '[]', active = true;
    WHEN 'staff_changed' THEN
        UPDATE central.staff SET display_name = d ->> 'display_name', role = d ->> 'role',
            department = d ->> 'department', "window" = central.sole_window(d -> 'windows')
        WHERE center = NEW.center AND username = NEW.username;
    WHEN 'staff_disabled', 'staff_enabled' THEN
        UPDATE central.staff SET active = (NEW.kind = 'staff_enabled')
        WHERE center = NEW.center AND username = NEW.username;
    WHEN 'password_reset', 'password_set' THEN
        UPDATE central.staff SET password_hash = d ->> 'password_hash'
        WHERE center = NEW.center AND username = NEW.username;
    WHEN 'scope_granted' THEN
        UPDATE central.staff SET scope = (d -> 'items')::text
        WHERE center = NEW.center AND username = NEW.username;
    ELSE
        NULL;  -- an unlock changes nothing the central keeps
    END CASE;
    RETURN NULL;
END
$$;
"""

_FOLD = """
CREATE TRIGGER staff_events_fold AFTER INSERT ON central.staff_events
    FOR EACH ROW EXECUTE FUNCTION central.fold_staff_event();
ALTER TABLE central.staff_events ENABLE ALWAYS TRIGGER staff_events_fold;
REVOKE EXECUTE ON FUNCTION central.directory_is_append_only(),
    central.may_change_directory(text, text, text, text), central.sole_window(jsonb),
    central.fold_staff_event(), central.staff_events_arrive(), central.window_events_arrive()
    FROM PUBLIC;
"""


def upgrade() -> None:
    op.execute(_FUNCTIONS)
    op.execute(_table("staff_events", "username", "version", "data"))
    op.execute(_table("window_events", "number", "position", "spec"))
    op.execute(_arrival("staff_events", "username", "version", STAFF_KINDS, "人员"))
    op.execute(_arrival("window_events", "number", "position", WINDOW_KINDS, "窗口"))
    op.execute(_FOLD)


def downgrade() -> None:
    op.execute(
        "DROP TABLE central.staff_events, central.window_events;"
        " DROP FUNCTION central.staff_events_arrive(), central.window_events_arrive(),"
        " central.fold_staff_event(), central.sole_window(jsonb),"
        " central.may_change_directory(text, text, text, text),"
        " central.directory_is_append_only();"
    )
