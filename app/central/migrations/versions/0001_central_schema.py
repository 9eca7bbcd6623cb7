"""central schema: centers, terminals, the append-only event log, derived cases, policies

Revision ID: 0001
Revises:
Create Date: 2026-11-23 01:20:00

Runs as the owner role (`onewindow_owner`) inside the `central` schema, which `onewindow
central init` creates. The SQL is written out rather than generated: the policies and triggers
are the security of the central and should read as such. The names of the two roles are
repeated here on purpose (a migration does not follow later code); `app.central.logins` holds
the same names and a test checks they agree.
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TABLES = """
CREATE TABLE central.centers (
    code text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z]{1,16}$'),
    name text NOT NULL,
    level text NOT NULL CHECK (level IN ('province', 'city', 'district', 'township')),
    parent text REFERENCES central.centers (code) CHECK (parent <> code),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);

CREATE TABLE central.terminals (
    role_name text PRIMARY KEY,
    center text NOT NULL REFERENCES central.centers (code),
    number integer NOT NULL CHECK (number BETWEEN 1 AND 999),
    name text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    active boolean NOT NULL DEFAULT true,
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    CONSTRAINT uq_terminals_center_number UNIQUE (center, number),
    CONSTRAINT uq_terminals_center_name UNIQUE (center, name)
);

CREATE TABLE central.windows (
    center text NOT NULL REFERENCES central.centers (code),
    code text NOT NULL,
    name text NOT NULL,
    department text NOT NULL DEFAULT '',
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    PRIMARY KEY (center, code)
);

-- The record. `payload` and `at` hold the exact text that was hashed; `at_time`,
-- `received_at` and `xact` are set by the server, whatever the client sends.
CREATE TABLE central.events (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    position integer NOT NULL CHECK (position >= 1),
    kind text NOT NULL,
    payload text NOT NULL,
    actor text NOT NULL,
    "window" text NOT NULL,
    terminal text NOT NULL,
    at text NOT NULL,
    at_time timestamptz NOT NULL,
    prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    center text NOT NULL REFERENCES central.centers (code),
    received_at timestamptz NOT NULL DEFAULT now(),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    CONSTRAINT uq_events_case_position UNIQUE (case_id, position)
);
CREATE INDEX ix_events_center_xact ON central.events (center, xact);
CREATE INDEX ix_events_xact ON central.events (xact);

-- One row per case, kept by a trigger on events; never written by a client.
CREATE TABLE central.cases (
    case_id uuid PRIMARY KEY,
    center text NOT NULL REFERENCES central.centers (code),
    case_no text NOT NULL,
    item_code text NOT NULL,
    department text NOT NULL,
    "window" text NOT NULL,
    committed_days integer,
    received_at timestamptz NOT NULL,
    status text NOT NULL,
    events integer NOT NULL,
    last_kind text NOT NULL,
    last_event_at timestamptz NOT NULL,
    last_hash text NOT NULL,
    xact bigint NOT NULL
);
CREATE INDEX ix_cases_center_status ON central.cases (center, status);
CREATE INDEX ix_cases_center_xact ON central.cases (center, xact);

CREATE TABLE central.catalog_items (
    code text PRIMARY KEY,
    name text NOT NULL,
    department text NOT NULL,
    ordinal integer NOT NULL DEFAULT 0,
    data text NOT NULL CHECK (data IS JSON OBJECT),
    active boolean NOT NULL DEFAULT true,
    updated_at timestamptz NOT NULL DEFAULT now(),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);

CREATE TABLE central.staff (
    center text NOT NULL REFERENCES central.centers (code),
    username text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    department text,
    "window" text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    scope text NOT NULL DEFAULT '[]' CHECK (scope IS JSON ARRAY),
    active boolean NOT NULL DEFAULT true,
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    PRIMARY KEY (center, username)
);

CREATE TABLE central.calendar_years (
    year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    data text NOT NULL CHECK (data IS JSON OBJECT),
    loaded_at timestamptz NOT NULL DEFAULT now(),
    xact bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
"""

_FUNCTIONS = r"""
-- Which center / terminal a login role belongs to: the role itself is the key, never a
-- setting a session could change. Security definer: reads `terminals` past its policies.
CREATE FUNCTION central.center_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT center FROM central.terminals t WHERE t.role_name = $1 AND t.active
$$;

CREATE FUNCTION central.terminal_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT name FROM central.terminals t WHERE t.role_name = $1 AND t.active
$$;

-- Every write to a table the counters pull stamps the writing transaction (pull cursor).
CREATE FUNCTION central.stamp_xact() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.xact := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;

-- An event arrives: its hash is recomputed exactly as app/domain/events.py does (canonical
-- JSON of the head, keys sorted, no spaces, non-ASCII as is, then the payload text) and its
-- prev_hash must be the hash of the case's event at position - 1.
CREATE FUNCTION central.event_arrives() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    head text;
    previous central.events%ROWTYPE;
BEGIN
    IF NEW.at !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d(:\d\d(\.\d{6})?)?$' THEN
        RAISE EXCEPTION USING ERRCODE = 'OWE01',
            MESSAGE = format('办件 %s 第%s条记录的时间格式不对，拒收', NEW.case_id, NEW.position);
    END IF;
    IF NOT (NEW.payload IS JSON OBJECT) THEN
        RAISE EXCEPTION USING ERRCODE = 'OWE02',
            MESSAGE = format('办件 %s 第%s条记录的内容不是 JSON 对象，拒收', NEW.case_id, NEW.position);
    END IF;
    head := '{"actor":' || to_json(NEW.actor)::text
        || ',"at":' || to_json(NEW.at)::text
        || ',"case_id":' || to_json(NEW.case_id::text)::text
        || ',"id":' || to_json(NEW.id::text)::text
        || ',"kind":' || to_json(NEW.kind)::text
        || ',"position":' || NEW.position::text
        || ',"prev_hash":' || to_json(NEW.prev_hash)::text
        || ',"terminal":' || to_json(NEW.terminal)::text
        || ',"window":' || to_json(NEW."window")::text
        || '}';
    IF encode(sha256(convert_to(head || NEW.payload, 'UTF8')), 'hex') <> NEW.hash THEN
        RAISE EXCEPTION USING ERRCODE = 'OWH01',
            MESSAGE = format('办件 %s 第%s条记录的内容与哈希不符（可能被改动），拒收',
                             NEW.case_id, NEW.position);
    END IF;
    IF NEW.position = 1 THEN
        IF NEW.prev_hash <> repeat('0', 64) THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC02',
                MESSAGE = format('办件 %s 第1条记录的上一条哈希不是起始值，拒收', NEW.case_id);
        END IF;
    ELSE
        SELECT * INTO previous FROM central.events e
        WHERE e.case_id = NEW.case_id AND e.position = NEW.position - 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC01',
                MESSAGE = format('办件 %s 第%s条记录之前的第%s条记录还没有上传，拒收',
                                 NEW.case_id, NEW.position, NEW.position - 1);
        END IF;
        IF previous.hash <> NEW.prev_hash THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC02',
                MESSAGE = format('办件 %s 第%s条记录与上一条记录的哈希不相连，拒收',
                                 NEW.case_id, NEW.position);
        END IF;
        IF previous.center <> NEW.center THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC03',
                MESSAGE = format('办件 %s 属于另一个中心，不能续记', NEW.case_id);
        END IF;
    END IF;
    NEW.at_time := NEW.at::timestamptz;
    NEW.received_at := now();
    NEW.xact := pg_current_xact_id()::text::bigint;
    RETURN NEW;
END
$$;

CREATE FUNCTION central.events_are_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'OWA01',
        MESSAGE = '办件记录只能追加，不能'
            || CASE TG_OP WHEN 'UPDATE' THEN '修改' WHEN 'DELETE' THEN '删除' ELSE '清空' END;
END
$$;

-- The status a case has after an event of this kind, as app.domain.case folds it (NULL:
-- the kind leaves the status as it was).
CREATE FUNCTION central.status_after(kind text, payload text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE kind
        WHEN 'received' THEN 'received'
        WHEN 'accepted' THEN 'in_progress'
        WHEN 'correction_requested' THEN 'awaiting_correction'
        WHEN 'materials_supplemented' THEN 'received'
        WHEN 'refused' THEN 'refused'
        WHEN 'suspended' THEN 'suspended'
        WHEN 'resumed' THEN 'in_progress'
        WHEN 'decided' THEN CASE WHEN payload::jsonb -> 'approved' = 'true'::jsonb
                                 THEN 'approved' ELSE 'denied' END
        WHEN 'issued' THEN 'issued'
        WHEN 'picked_up' THEN 'picked_up'
        WHEN 'withdrawn' THEN 'withdrawn'
    END
$$;

-- After each INSERT statement (one per pushed batch, or a COPY): bring `cases` up to date.
CREATE FUNCTION central.refresh_cases() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
BEGIN
    INSERT INTO central.cases AS c (case_id, center, case_no, item_code, department, "window",
        committed_days, received_at, status, events, last_kind, last_event_at, last_hash, xact)
    -- an event's hash was checked, not its content: a payload without these still arrives
    SELECT a.case_id, a.center, coalesce(p ->> 'case_no', ''),
        coalesce(p -> 'terms' ->> 'item_code', ''), coalesce(p -> 'terms' ->> 'department', ''),
        a."window",
        CASE WHEN jsonb_typeof(p -> 'terms' -> 'committed_days') = 'number'
             THEN (p -> 'terms' ->> 'committed_days')::numeric::integer END,
        a.at_time, 'received', 1, a.kind, a.at_time, a.hash, a.xact
    FROM arrived a CROSS JOIN LATERAL (SELECT a.payload::jsonb AS p) j
    WHERE a.position = 1
    ON CONFLICT (case_id) DO NOTHING;

    UPDATE central.cases c
    SET events = l.position, last_kind = l.kind, last_event_at = l.at_time,
        last_hash = l.hash, xact = l.xact, status = coalesce(s.status, c.status)
    FROM (SELECT DISTINCT ON (case_id) * FROM arrived ORDER BY case_id, position DESC) l
    LEFT JOIN LATERAL (
        SELECT central.status_after(a.kind, a.payload) AS status FROM arrived a
        WHERE a.case_id = l.case_id AND central.status_after(a.kind, a.payload) IS NOT NULL
        ORDER BY a.position DESC LIMIT 1
    ) s ON true
    WHERE c.case_id = l.case_id AND c.events < l.position;
    RETURN NULL;
END
$$;
"""

_TRIGGERS = """
CREATE TRIGGER events_arrive BEFORE INSERT ON central.events
    FOR EACH ROW EXECUTE FUNCTION central.event_arrives();
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON central.events
    FOR EACH STATEMENT EXECUTE FUNCTION central.events_are_append_only();
CREATE TRIGGER events_refresh_cases AFTER INSERT ON central.events
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION central.refresh_cases();
-- ALWAYS: they fire under session_replication_role = replica too
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_arrive;
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_append_only;
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_refresh_cases;
"""

_STAMPED = ("centers", "terminals", "windows", "catalog_items", "staff", "calendar_years")
#: tables a counter reads for its own center only
_CENTER_ROWS = ("terminals", "windows", "events", "cases", "staff")
#: tables every counter reads whole
_SHARED_ROWS = ("centers", "catalog_items", "calendar_years")


def _security() -> str:
    statements = [
        "REVOKE ALL ON SCHEMA central FROM PUBLIC",
        "GRANT USAGE ON SCHEMA central TO onewindow_counter",
        "REVOKE ALL ON ALL TABLES IN SCHEMA central FROM PUBLIC",
        "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA central FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION central.center_of(text), central.terminal_of(text)"
        " TO onewindow_counter",
        "GRANT INSERT ON central.events TO onewindow_counter",
    ]
    mine = "center = (SELECT central.center_of(current_user::text))"
    for table in (*_CENTER_ROWS, *_SHARED_ROWS):
        statements += [
            f"GRANT SELECT ON central.{table} TO onewindow_counter",
            f"ALTER TABLE central.{table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE central.{table} FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY owner_all ON central.{table} TO onewindow_owner"
            " USING (true) WITH CHECK (true)",
            f"CREATE POLICY counter_read ON central.{table} FOR SELECT TO onewindow_counter"
            f" USING ({mine if table in _CENTER_ROWS else 'true'})",
        ]
    statements.append(
        "CREATE POLICY counter_insert ON central.events FOR INSERT TO onewindow_counter"
        f" WITH CHECK ({mine}"
        " AND terminal = (SELECT central.terminal_of(current_user::text)))"
    )
    # a counter states no center: it defaults to its own, and the policy checks it
    statements.append(
        "ALTER TABLE central.events"
        " ALTER COLUMN center SET DEFAULT central.center_of(current_user::text)"
    )
    return ";\n".join(statements) + ";\n"


def upgrade() -> None:
    op.execute(_TABLES)
    op.execute(_FUNCTIONS)
    op.execute(_TRIGGERS)
    for table in _STAMPED:
        op.execute(
            f"CREATE TRIGGER {table}_stamp_xact BEFORE INSERT OR UPDATE ON central.{table}"
            " FOR EACH ROW EXECUTE FUNCTION central.stamp_xact()"
        )
    op.execute(_security())


def downgrade() -> None:
    for table in ("events", "cases", "staff", "windows", "terminals", "catalog_items"):
        op.execute(f"DROP TABLE IF EXISTS central.{table} CASCADE")
    op.execute("DROP TABLE IF EXISTS central.calendar_years, central.centers CASCADE")
    for function in (
        "center_of(text)",
        "terminal_of(text)",
        "stamp_xact()",
        "event_arrives()",
        "events_are_append_only()",
        "status_after(text, text)",
        "refresh_cases()",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS central.{function}")
