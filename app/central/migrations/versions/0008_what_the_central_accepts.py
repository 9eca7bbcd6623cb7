"""what the central accepts, and what one counter or center can do to the others

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 07:00:00

**What is accepted.** Every event, of any kind: a payload of at most 256 KB, a time no more
than a day ahead of the central's clock and no more than ten years behind it, a kind named in
lower-case letters. An event of a kind this version knows is checked strictly for what any
fold reads from it (a receipt's case number, item, department and time limits as whole
numbers of 0–3650 days; an extension's days; a decision's yes or no; a suspension's reason):
one that does not hold is refused (SQLSTATE OWV01) and the counter that pushed it keeps it in
its own quarantine, with the central's reason. An event of a kind this version does not know
(written by a newer counter) is kept: the generic checks above apply, and every fold — the
counters' and supervision's — stores it without folding it (`app.domain.event_data`,
`UnknownEvent`). Events accepted before this revision are not checked again: the folds set a
case aside that they cannot fold (`central.set_aside`) and go on.

**Terminal numbers** are 1–99, as case numbers have two digits for the terminal
(`app.domain.case_number`); the constraint is NOT VALID, so a registration above 99 made before
stays (such a counter could never number a case) while no new one is made.

**One center cannot stall another.** A pull reads events by the writing transaction's id up
to a horizon below which every transaction has ended. That horizon was global: one open
transaction anywhere held every center back. `central.pull_horizon()` takes it per center: a
transaction of another center's counter is left out (row-level security lets it write only
its own center's rows, so nothing the caller reads can be in it), and a counter's session of
the caller's own center (of any center when supervision asks, as it reads every center) that
has sat idle in a transaction longer than its role's timeout (60 s) is ended, whatever
timeout it set for itself. PostgreSQL cannot forbid a role to SET a user-settable parameter:
GRANT SET ON PARAMETER (PostgreSQL 15) governs only superuser parameters, and a per-role
setting is a default the session may change; pgbouncer is not part of the embedded central.
So the role's setting is the limit, and the central enforces it where it matters. `central init` grants the owner `pg_read_all_stats` (to see which session
is idle) and `pg_signal_backend` (to end it), and gives each counter role its timeouts and a
connection limit (`app.central.logins.counter_role_limits`).

**Nothing names another center.** `center_of` and `terminal_of` answer a counter's login
about itself only. Notifications go to a channel per center whose name is a random token that
only the center's own counters can read (`central.events_channel()`): LISTEN has no privilege
of its own, so the name is the lock.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_KNOWN = [
    "received",
    "accepted",
    "correction_requested",
    "materials_supplemented",
    "refused",
    "step_completed",
    "returned",
    "suspended",
    "resumed",
    "extended",
    "decided",
    "issued",
    "picked_up",
    "withdrawn",
]
_REASONS = "hearing tendering auction inspection testing quarantine appraisal expert_review"

_DAYS = r"^(0|[1-9]\d{0,3})$"

_UPGRADE = rf"""
CREATE FUNCTION central.days_in_range(value jsonb, low integer) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT jsonb_typeof(value) = 'number' AND value::text ~ '{_DAYS}'
        AND value::text::integer BETWEEN low AND 3650
$$;

-- why an arriving event is not accepted, or NULL
CREATE FUNCTION central.event_problem(kind text, payload text, at_time timestamptz)
RETURNS text LANGUAGE plpgsql STABLE SET search_path = pg_catalog, central AS $$
DECLARE
    p jsonb;
BEGIN
    IF octet_length(payload) > 262144 THEN
        RETURN '内容超过 256 KB';
    END IF;
    IF at_time > now() + interval '1 day' OR at_time < now() - interval '10 years' THEN
        RETURN '记录时间不可信（远早于或晚于中心时间）';
    END IF;
    IF kind !~ '^[a-z][a-z_]{{0,39}}$' THEN
        RETURN '记录类型的名称不合规';
    END IF;
    IF kind <> ALL (ARRAY{_KNOWN!r}) THEN
        RETURN NULL;  -- a newer counter's kind: kept, never folded
    END IF;
    p := payload::jsonb;
    IF kind = 'received' AND NOT coalesce(
        jsonb_typeof(p -> 'case_no') = 'string'
        AND p ->> 'case_no' ~ '^\d{{6}}-\d{{2}}-\d{{3,5}}$'
        AND jsonb_typeof(p -> 'terms') = 'object'
        AND jsonb_typeof(p -> 'terms' -> 'item_code') = 'string'
        AND jsonb_typeof(p -> 'terms' -> 'department') = 'string'
        AND days_in_range(p -> 'terms' -> 'legal_days', 0)
        AND days_in_range(p -> 'terms' -> 'committed_days', 0)
        AND jsonb_typeof(p -> 'applicant') = 'object'
        AND jsonb_typeof(p -> 'materials') = 'array', false) THEN
        RETURN '接件记录的字段不全或超出范围（办件编号、事项、时限 0–3650 天）';
    END IF;
    IF kind = 'extended' AND NOT coalesce(days_in_range(p -> 'days', 1), false) THEN
        RETURN '延期天数须为 1–3650 的整数';
    END IF;
    IF kind = 'decided' AND jsonb_typeof(p -> 'approved') IS DISTINCT FROM 'boolean' THEN
        RETURN '决定记录须写明准予或不予';
    END IF;
    IF kind = 'suspended' AND NOT coalesce(
        p ->> 'reason' = ANY (string_to_array('{_REASONS}', ' ')), false) THEN
        RETURN '暂停计时的原因不在法定情形之内';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION central.check_content() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    bad record;
BEGIN
    SELECT a.case_id, a.position, central.event_problem(a.kind, a.payload, a.at_time) AS why
    INTO bad FROM arrived a
    WHERE central.event_problem(a.kind, a.payload, a.at_time) IS NOT NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWV01',
            MESSAGE = format('办件 %s 第%s条记录：%s，拒收', bad.case_id, bad.position, bad.why);
    END IF;
    RETURN NULL;
END
$$;
-- after `events_check` (statement triggers fire in name order): hash and chain first
CREATE TRIGGER events_check_content AFTER INSERT ON central.events
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION central.check_content();
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_check_content;

-- cases a fold could not fold, with the reason (supervision goes on without them)
CREATE TABLE central.set_aside (
    case_id uuid PRIMARY KEY,
    center text NOT NULL,
    reason text NOT NULL,
    noted_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE central.set_aside ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.set_aside FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.set_aside TO onewindow_owner USING (true) WITH CHECK (true);

ALTER TABLE central.terminals DROP CONSTRAINT terminals_number_check;
ALTER TABLE central.terminals ADD CONSTRAINT terminals_number_check
    CHECK (number BETWEEN 1 AND 99) NOT VALID;

-- a counter's login may ask about itself only; an administrator (no terminal) about any
CREATE OR REPLACE FUNCTION central.center_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT center FROM central.terminals t WHERE t.role_name = $1 AND t.active
        AND ($1 = session_user::text OR NOT EXISTS (
            SELECT 1 FROM central.terminals s WHERE s.role_name = session_user::text))
$$;
CREATE OR REPLACE FUNCTION central.terminal_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT name FROM central.terminals t WHERE t.role_name = $1 AND t.active
        AND ($1 = session_user::text OR NOT EXISTS (
            SELECT 1 FROM central.terminals s WHERE s.role_name = session_user::text))
$$;

CREATE TABLE central.channels (
    center text PRIMARY KEY REFERENCES central.centers (code),
    channel text NOT NULL UNIQUE
        DEFAULT 'onewindow_' || replace(gen_random_uuid()::text, '-', '')
);
ALTER TABLE central.channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.channels FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.channels TO onewindow_owner USING (true) WITH CHECK (true);

-- the caller's center's channel for event notifications, made on first use
CREATE FUNCTION central.events_channel() RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    mine text := central.center_of(session_user::text);
    found text;
BEGIN
    IF mine IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO central.channels (center) VALUES (mine) ON CONFLICT (center) DO NOTHING;
    SELECT channel INTO found FROM central.channels WHERE center = mine;
    RETURN found;
END
$$;

-- how long a role's session may sit idle in a transaction: the timeout its administrator
-- set for the role in this database (`central init`, `add-counter`), else 60 s
CREATE FUNCTION central.idle_limit(role oid) RETURNS interval
LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT coalesce(nullif((
        SELECT substring(s FROM '=(.*)$')::interval
        FROM pg_db_role_setting d, unnest(d.setconfig) s
        WHERE d.setrole = role AND s LIKE 'idle_in_transaction_session_timeout=%'
            AND d.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
        LIMIT 1), interval '0'), interval '60 seconds')
$$;

-- the pull's horizon for the caller's center: see the module's docstring
CREATE FUNCTION central.pull_horizon() RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    snapshot pg_snapshot := pg_current_snapshot();
    mine text := central.center_of(session_user::text);
    horizon bigint := pg_snapshot_xmax(snapshot)::text::bigint;
    running record;
BEGIN
    FOR running IN
        SELECT x::text::bigint AS xid, l.pid, t.center, a.state, a.state_change,
            central.idle_limit(a.usesysid) AS idle_limit
        FROM pg_snapshot_xip(snapshot) x
        LEFT JOIN pg_locks l ON l.locktype = 'transactionid' AND l.granted
            AND l.mode = 'ExclusiveLock'
            AND l.transactionid::text::bigint = x::text::bigint % 4294967296
        LEFT JOIN pg_stat_activity a ON a.pid = l.pid
        LEFT JOIN central.terminals t ON t.role_name = a.usename
    LOOP
        CONTINUE WHEN running.center IS NOT NULL AND running.center <> mine;
        -- an administrator's call (supervision: every center) ends every counter's such session
        CONTINUE WHEN running.center = coalesce(mine, running.center)
            AND running.state LIKE 'idle in transaction%'
            AND running.state_change < clock_timestamp() - running.idle_limit
            AND pg_terminate_backend(running.pid, 2000);  -- its writes are rolled back
        horizon := least(horizon, running.xid);
    END LOOP;
    RETURN horizon;
END
$$;

REVOKE EXECUTE ON FUNCTION central.days_in_range(jsonb, integer), central.idle_limit(oid),
    central.event_problem(text, text, timestamptz), central.check_content(),
    central.events_channel(), central.pull_horizon() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.events_channel(), central.pull_horizon()
    TO onewindow_counter;
"""


def upgrade() -> None:
    op.execute(_UPGRADE)


def downgrade() -> None:
    raise NotImplementedError("the checks of 0008 are not taken back")
