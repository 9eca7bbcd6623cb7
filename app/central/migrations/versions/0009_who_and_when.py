"""who may sign an event, when it may be dated, and the signed checkpoints of every log

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 12:00:00

A hash proves that an event was not changed after it was written, not that the person it
names wrote it, nor when. Two checks on arrival, after the hash and chain (`events_check`,
0002/0006) and the content (0008, where present), refused with SQLSTATE OWA01 / OWT01 so that
the counter that pushed keeps the event in its quarantine with the central's reason:

**Who.** Where a center has its staff on the central (`central publish --staff-of CENTER`),
an event's actor must be an active member of that center's staff, signing at their own
window, in a role the kind allows: a receipt by a window, a chief representative or a kiosk;
an extension by a chief representative; a decision by the role the item's flow gives its
decision step (in the case's own receipt); the other known kinds by a window or a chief
representative; a kind this version does not know by any member. A center with no staff on
the central is not checked (nothing to check against): publishing its staff turns it on.
What this cannot tell is whether the person named pressed the key: a counter that copies a
chief's name *and* window passes; only a key per person could show that.

**When.** An event may not be dated more than a day before the previous event of its case
(counters' clocks differ by minutes, not days), nor more than three years before the newest
event its terminal had delivered before (`central.terminal_clocks`; three years cover the
history a counter may carry when it is first connected). Both anchors are the central's own
records, not its clock, so the checks read the same whenever they run.

**Checkpoints.** `central.checkpoints` holds what `onewindow central checkpoint` signs with
a key kept outside the database (`app.domain.checkpoints` says what is signed); a counter
reads its own terminal's, keeps them, and `verify` checks its log against every one held.
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_HANDLING = [
    "accepted",
    "correction_requested",
    "materials_supplemented",
    "refused",
    "step_completed",
    "returned",
    "suspended",
    "resumed",
    "issued",
    "picked_up",
    "withdrawn",
]

_UPGRADE = rf"""
CREATE TABLE central.terminal_clocks (
    center text NOT NULL,
    terminal text NOT NULL,
    latest_at timestamptz NOT NULL,
    PRIMARY KEY (center, terminal)
);

-- signed by `central checkpoint` with a key outside the database (app/central/signing.py)
CREATE TABLE central.checkpoints (
    center text NOT NULL,
    terminal text NOT NULL,
    size integer NOT NULL CHECK (size >= 0),
    root text NOT NULL CHECK (root ~ '^[0-9a-f]{{64}}$'),
    signed_at text NOT NULL,
    key text NOT NULL,
    signature text NOT NULL,
    PRIMARY KEY (center, terminal, size)
);
GRANT SELECT ON central.checkpoints TO onewindow_counter;
ALTER TABLE central.terminal_clocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.terminal_clocks FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.terminal_clocks TO onewindow_owner USING (true) WITH CHECK (true);
ALTER TABLE central.checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.checkpoints TO onewindow_owner USING (true) WITH CHECK (true);
-- a counter reads its own terminal's checkpoints
CREATE POLICY counter_read ON central.checkpoints FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text))
           AND terminal = (SELECT central.terminal_of(current_user::text)));

-- the role a case's receipt gives its decision step, or NULL
CREATE FUNCTION central.deciding_role(case_id uuid) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT CASE WHEN p -> 'terms' ->> 'decision_step' ~ '^\d{{1,3}}$'
        THEN p -> 'terms' -> 'flow' -> ((p -> 'terms' ->> 'decision_step')::integer) ->> 2 END
    FROM (SELECT r.payload::jsonb AS p FROM central.events r
          WHERE r.case_id = deciding_role.case_id AND r.position = 1) receipt
$$;

CREATE FUNCTION central.role_may(role text, kind text, case_id uuid) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT coalesce(CASE
        WHEN kind = 'received' THEN role IN ('clerk', 'chief_representative', 'kiosk')
        WHEN kind = 'extended' THEN role = 'chief_representative'
        WHEN kind = 'decided' THEN role = central.deciding_role(case_id)
        WHEN kind = ANY (ARRAY{_HANDLING!r}) THEN role IN ('clerk', 'chief_representative')
        ELSE true
    END, false)
$$;

CREATE FUNCTION central.check_signer() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    bad record;
BEGIN
    SELECT a.case_id, a.position, a.actor INTO bad
    FROM arrived a
    LEFT JOIN central.staff s ON s.center = a.center AND s.username = a.actor AND s.active
    WHERE EXISTS (SELECT 1 FROM central.staff x WHERE x.center = a.center)
        AND (s.username IS NULL
             OR (s."window" <> '' AND s."window" <> a."window")
             OR NOT central.role_may(s.role, a.kind, a.case_id))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWA01',
            MESSAGE = format('办件 %s 第%s条记录的经办人 %s 不是本中心在此窗口有此权限的在册人员，拒收',
                             bad.case_id, bad.position, bad.actor);
    END IF;
    SELECT a.case_id, a.position INTO bad
    FROM arrived a JOIN central.events p ON p.case_id = a.case_id AND p.position = a.position - 1
    WHERE a.at_time < p.at_time - interval '1 day'
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWT01',
            MESSAGE = format('办件 %s 第%s条记录的时间早于上一条记录，不可信，拒收',
                             bad.case_id, bad.position);
    END IF;
    SELECT a.case_id, a.position INTO bad
    FROM arrived a JOIN central.terminal_clocks c ON c.center = a.center AND c.terminal = a.terminal
    WHERE a.at_time < c.latest_at - interval '3 years'
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWT01',
            MESSAGE = format('办件 %s 第%s条记录的时间比本终端已上传的记录早三年以上，不可信，拒收',
                             bad.case_id, bad.position);
    END IF;
    INSERT INTO central.terminal_clocks AS c (center, terminal, latest_at)
    SELECT center, terminal, max(at_time) FROM arrived GROUP BY center, terminal
    ON CONFLICT (center, terminal) DO UPDATE SET latest_at = excluded.latest_at
    WHERE c.latest_at < excluded.latest_at;
    RETURN NULL;
END
$$;
-- statement triggers fire in name order: after events_check (hash, chain) and
-- events_check_content (0008), before events_refresh_cases
CREATE TRIGGER events_check_signer AFTER INSERT ON central.events
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION central.check_signer();
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_check_signer;
REVOKE EXECUTE ON FUNCTION central.deciding_role(uuid), central.role_may(text, text, uuid),
    central.check_signer() FROM PUBLIC;
"""


def upgrade() -> None:
    op.execute(_UPGRADE)


def downgrade() -> None:
    op.execute(
        "DROP TRIGGER events_check_signer ON central.events;"
        " DROP FUNCTION central.check_signer(); DROP FUNCTION central.role_may(text, text, uuid);"
        " DROP FUNCTION central.deciding_role(uuid); DROP TABLE central.terminal_clocks;"
        " DROP TABLE central.checkpoints;"
    )
