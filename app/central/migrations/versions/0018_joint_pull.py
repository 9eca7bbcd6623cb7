"""the joint window pulls its cases of the center above; 上报件 read above on record; the
decision made above in the audit trail

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07 22:30:00

**A joint window's cases of the center above.** A joint terminal (0016) files a case of the
center above's item under that center; the later events of such a case made at that center's
counters (a step, a decision) are the center above's rows, which its pull did not read.
`central.joint_cases` notes, as a joint terminal's events arrive, the cases it wrote into the
center above (kept on arrival, as `terminal_departments` is; only ever added to). The
counters' read policy on `central.events` and the view they pull through
(`central.events_for_counter`) now admit, besides the reader's own center, the rows of the
center above whose case the reader's own terminal wrote there — keyed on its own login
(`center_of`, `joint_center_of`, `terminal_of`), in the database: nothing else of the center
above is readable, and a plain counter's rows pass the policy on its first test as before.
The view names each row's center (a new last column): `verify --central` counts a joint
window's cases of the center above under that center.

**Whose transactions hold a pull back.** `central.pull_horizon()` left out every transaction
of another center's counter: but a joint terminal writes into the center above, and the
center above's counters write decisions and steps into cases that counters below read. A
running transaction of a terminal now holds back the horizon of its own center, of the
centers right below it (whose 上报件 it decides, whose joint windows' cases it works) and,
for a joint terminal, of the center above it writes into — a transaction left out would
commit below the next horizon and never be pulled.

**Who hears of it.** A push notifies the pusher's own center (the client does, as before).
What it files under another center, and what it adds to a joint window's case of the center
above, is told by the central itself (`central.tell_other_readers`, after each statement,
delivered at commit) on the channels of the centers whose counters read it.

**上报件 read on record.** `central.reported_to_me` serves a receipt masked (as a counter reads
another department's, 0010): enough for the desk's list. The chief deciding reads the case
whole through `central.reported_case(case, asked_by, purpose)`, which writes a row in
`central.disclosures` (who, at which terminal, why), as `full_case` does.

**The audit action** `reported_decided` (a decision made here on a case a center below sent
up) is added to `central.audit_actions()`, to the list the database holds now.
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_NEW_ACTIONS = ["reported_decided"]

_JOINT_CASES = """
CREATE TABLE central.joint_cases (
    center text NOT NULL,
    case_id uuid NOT NULL,
    terminal text NOT NULL,
    PRIMARY KEY (center, case_id, terminal)
);
ALTER TABLE central.joint_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.joint_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.joint_cases TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.joint_cases FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.joint_center_of(current_user::text))
        AND terminal = (SELECT central.terminal_of(current_user::text)));
GRANT SELECT ON central.joint_cases TO onewindow_counter;

INSERT INTO central.joint_cases (center, case_id, terminal)
SELECT DISTINCT e.center, e.case_id, e.terminal FROM central.events e
JOIN central.terminals t ON t.name = e.terminal AND t.joint_center = e.center;

-- the cases a joint window's login wrote into the center above, as it may read them
CREATE FUNCTION central.my_joint_cases() RETURNS SETOF uuid
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT j.case_id FROM central.joint_cases j
    WHERE j.center = (SELECT central.joint_center_of(current_user::text))
        AND j.terminal = (SELECT central.terminal_of(current_user::text))
$$;
REVOKE EXECUTE ON FUNCTION central.my_joint_cases() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.my_joint_cases() TO onewindow_counter;

-- a joint window's new cases of the center above noted; the other centers' readers told
CREATE FUNCTION central.tell_other_readers() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    mine text := central.center_of(session_user::text);
    joint text := central.joint_center_of(session_user::text);
BEGIN
    IF mine IS NULL THEN
        RETURN NULL;
    END IF;
    IF joint IS NOT NULL THEN
        INSERT INTO central.joint_cases (center, case_id, terminal)
        SELECT DISTINCT a.center, a.case_id, a.terminal FROM arrived a WHERE a.center = joint
        ON CONFLICT DO NOTHING;
    END IF;
    PERFORM pg_notify(c.channel, json_build_object(
        'terminal', central.terminal_of(session_user::text), 'events', r.events)::text)
    FROM (
        SELECT x.reader, count(*) AS events FROM (
            -- filed under another center than the pusher's: that center reads it
            SELECT a.center AS reader FROM arrived a WHERE a.center <> mine
            UNION ALL
            -- a joint window's case of the center above: the joint window's center reads it
            SELECT t.center FROM arrived a
            JOIN central.joint_cases j ON j.center = a.center AND j.case_id = a.case_id
            JOIN central.terminals t ON t.name = j.terminal AND t.joint_center = j.center
                AND t.active
            WHERE a.center IN (SELECT joint_center FROM central.terminals
                               WHERE joint_center IS NOT NULL)
                AND t.center <> mine
        ) x GROUP BY x.reader
    ) r
    JOIN central.channels c ON c.center = r.reader;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_tell_other_readers AFTER INSERT ON central.events
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION central.tell_other_readers();
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_tell_other_readers;
REVOKE EXECUTE ON FUNCTION central.tell_other_readers() FROM PUBLIC;
"""


def _readable(row: str) -> str:
    """What a counter may read of `central.events` (its rows as `row`), as the policy and the
    view both say it."""
    return f"""({row}center = (SELECT central.center_of(current_user::text))
    OR ({row}center = (SELECT central.joint_center_of(current_user::text))
        AND {row}case_id IN (SELECT central.my_joint_cases())))"""


_READ = f"""
DROP POLICY counter_read ON central.events;
CREATE POLICY counter_read ON central.events AS PERMISSIVE FOR SELECT TO onewindow_counter
    USING {_readable("")};

CREATE OR REPLACE VIEW central.events_for_counter WITH (security_barrier) AS
SELECT e.id, e.case_id, e.position, e.kind,
    CASE WHEN e.masked_payload IS NULL
            OR e.terminal = (SELECT central.terminal_of(current_user::text))
            OR EXISTS (SELECT 1 FROM central.terminal_departments d
                       WHERE d.center = e.center AND d.department = e.department
                           AND d.terminal = (SELECT central.terminal_of(current_user::text)))
            OR EXISTS (SELECT 1 FROM central.events o WHERE o.case_id = e.case_id
                       AND o.terminal = (SELECT central.terminal_of(current_user::text)))
        THEN e.payload ELSE e.masked_payload END AS payload,
    e.actor, e."window", e.terminal, e.at, e.prev_hash, e.hash, e.digest, e.xact, e.center
FROM central.events e
WHERE {_readable("e.")};
"""

# `pull_horizon` (0008): the running transactions it leaves out; see the module's docstring
_LEFT_OUT = "CONTINUE WHEN running.center IS NOT NULL AND running.center <> mine;"
_STILL_LEFT_OUT = (
    "CONTINUE WHEN running.center IS NOT NULL AND running.center <> mine\n"
    "            AND running.center IS DISTINCT FROM"
    " (SELECT c.parent FROM central.centers c WHERE c.code = mine)\n"
    "            AND running.joint_center IS DISTINCT FROM mine;"
)
_RUNNING = "SELECT x::text::bigint AS xid, l.pid, t.center,"
_RUNNING_WITH = "SELECT x::text::bigint AS xid, l.pid, t.center, t.joint_center,"

_REPORTED = """
CREATE OR REPLACE VIEW central.reported_to_me WITH (security_barrier) AS
SELECT e.center, e.id, e.case_id, e.position, e.kind,
    coalesce(e.masked_payload, e.payload) AS payload, e.actor, e."window",
    e.terminal, e.at, e.at_time, e.prev_hash, e.hash, e.digest, e.xact
FROM central.events e
WHERE e.case_id IN (
    SELECT r.case_id FROM central.events r
    WHERE r.kind = 'reported_up'
        AND r.payload::jsonb ->> 'center' = central.center_of(current_user::text));

CREATE FUNCTION central.reported_case(wanted uuid, asked_by text, purpose text)
RETURNS TABLE (center text, id text, case_id text, "position" integer, kind text,
               payload text, actor text, "window" text, terminal text, at text,
               prev_hash text, hash text, digest text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
#variable_conflict use_column
DECLARE
    mine text := central.center_of(session_user::text);
BEGIN
    IF mine IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'OWP01',
            MESSAGE = '本登录不是在册终端，不能调阅办件全文';
    END IF;
    IF coalesce(btrim(asked_by), '') = '' OR coalesce(btrim(purpose), '') = '' THEN
        RAISE EXCEPTION USING ERRCODE = 'OWP02',
            MESSAGE = '调阅办件全文须写明经办人和事由';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM central.events r WHERE r.case_id = wanted
                   AND r.kind = 'reported_up' AND r.payload::jsonb ->> 'center' = mine) THEN
        RAISE EXCEPTION USING ERRCODE = 'OWP03', MESSAGE = '没有上报本中心的这件办件';
    END IF;
    INSERT INTO central.disclosures (center, terminal, role_name, asked_by, purpose, case_id)
    VALUES (mine, central.terminal_of(session_user::text), session_user, btrim(asked_by),
            btrim(purpose), wanted);
    RETURN QUERY SELECT e.center, e.id::text, e.case_id::text, e.position, e.kind, e.payload,
        e.actor, e."window", e.terminal, e.at, e.prev_hash, e.hash, e.digest
    FROM central.events e WHERE e.case_id = wanted ORDER BY e.position;
END
$$;
REVOKE EXECUTE ON FUNCTION central.reported_case(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.reported_case(uuid, text, text) TO onewindow_counter;
"""


def _replaced(definition: str, old: str, new: str) -> str:
    if definition.count(old) != 1:
        raise RuntimeError("central.pull_horizon is not the one 0008 wrote")
    return definition.replace(old, new)


def upgrade() -> None:
    connection = op.get_bind()
    op.execute(_JOINT_CASES)
    op.execute(_READ)
    horizon = connection.exec_driver_sql(
        "SELECT pg_get_functiondef('central.pull_horizon()'::regprocedure)"
    ).scalar_one()
    horizon = _replaced(horizon, _LEFT_OUT, _STILL_LEFT_OUT)
    op.execute(_replaced(horizon, _RUNNING, _RUNNING_WITH))
    op.execute(_REPORTED)
    known = connection.exec_driver_sql("SELECT central.audit_actions()").scalar_one()
    actions = list(known) + [a for a in _NEW_ACTIONS if a not in known]
    op.execute(
        "CREATE OR REPLACE FUNCTION central.audit_actions() RETURNS text[]"
        " LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$"
        f" SELECT ARRAY{actions!r}::text[] $$"
    )


def downgrade() -> None:
    raise NotImplementedError("a joint window's pull of the center above is not taken back")
