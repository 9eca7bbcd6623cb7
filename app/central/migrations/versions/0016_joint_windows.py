"""joint windows (Bayannur: the city's and the district's counterparts at one window), and
上报件 decided by the center above

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 19:30:00

**A joint terminal.** A terminal of a center may be registered as a joint window of its center
and the center above (`central add-counter --joint`: `terminals.joint_center`, which must be
its center's parent, SQLSTATE OWJ01 otherwise). Its case numbers carry its terminal number in
both centers, and its events its name: both must be free in the center above too (among that
center's own terminals and the other joint terminals joined to it; OWJ02), checked on every
registration of either kind, under the lock that orders registrations.

**What it may push.** The insert policy of `central.events` admits, for a terminal's login,
its own center's rows as before and, for a joint terminal, the center above's
(`central.joint_center_of`, answered for the caller's own login only, as `center_of`). A case
of the center above is stated as such in its receipt (`center` in the payload: the item is the
center above's; a receipt naming none is the pushing terminal's own center's): a receipt
pushed into a center other than the one it names is refused (OWJ03); the later events of a
case are already held to its receipt's center (`check_arrived`: 属于另一个中心). A plain
counter's push pays a search for the word "center" in each receipt's text.

**上报件.** A case whose decision belongs to the center above is sent up by an event
`reported_up` naming that center, which must be the parent of the case's center (OWJ04). The
center above's counters read every event of the cases reported up to their center whole
(`central.reported_to_me`: the deciding chief needs the application), and may push one kind
of event into such a case of the center below: `decided`, naming their own center
(`decision_from_above`, a second insert policy; `central.reported_to(case)` is the center
the case last went up to); a decision on a case sent up made anywhere else, or naming a
center the case did not go to, is refused (OWJ05). It is filed under the case's own center (`check_arrived` holds a
case's events to its receipt's center), so the accepting counter pulls it like any event of
its center: the decision comes back to the window that accepted the case, on its clock.

**What does not change.** Reading: a joint terminal pulls its own center's events, as every
counter (its cases of the center above stay in its store; their later events made at the
center above's counters do not come down — see NOTES.md).
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_REGISTRATIONS_LOCK = 0x4F574A57  # advisory lock id: one registration of a terminal at a time

_TERMINALS = f"""
ALTER TABLE central.terminals ADD COLUMN joint_center text REFERENCES central.centers (code);

CREATE FUNCTION central.terminal_fits_its_centers() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    above text;
    taken central.terminals%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock({_REGISTRATIONS_LOCK});
    IF NEW.joint_center IS NOT NULL THEN
        SELECT parent INTO above FROM central.centers WHERE code = NEW.center;
        IF above IS DISTINCT FROM NEW.joint_center THEN
            RAISE EXCEPTION USING ERRCODE = 'OWJ01',
                MESSAGE = format('终端 %s 只能与本中心 %s 的上级中心合一窗口，%s 不是它的上级',
                                 NEW.name, NEW.center, NEW.joint_center);
        END IF;
    END IF;
    -- the centers whose case numbers and terminal names this terminal uses, against every
    -- other terminal that uses one of them
    SELECT t.* INTO taken FROM central.terminals t
    WHERE t.role_name <> NEW.role_name AND t.active
        AND (t.number = NEW.number OR t.name = NEW.name)
        AND ARRAY[t.center, t.joint_center] && ARRAY[NEW.center, NEW.joint_center]
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWJ02',
            MESSAGE = format('%s 号终端（%s）已在中心 %s%s 登记；合一窗口的终端编号和名称须在两个中心都未被使用',
                             taken.number, taken.name, taken.center,
                             coalesce('（与 ' || taken.joint_center || ' 合一）', ''));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER terminals_fit_their_centers BEFORE INSERT OR UPDATE ON central.terminals
    FOR EACH ROW EXECUTE FUNCTION central.terminal_fits_its_centers();

CREATE FUNCTION central.joint_center_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT joint_center FROM central.terminals t WHERE t.role_name = $1 AND t.active
        AND ($1 = session_user::text OR NOT EXISTS (
            SELECT 1 FROM central.terminals s WHERE s.role_name = session_user::text))
$$;
REVOKE EXECUTE ON FUNCTION central.joint_center_of(text), central.terminal_fits_its_centers()
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.joint_center_of(text) TO onewindow_counter;
"""

_PUSH = """
DROP POLICY counter_insert ON central.events;
CREATE POLICY counter_insert ON central.events FOR INSERT TO onewindow_counter
    WITH CHECK ((center = (SELECT central.center_of(current_user::text))
                 OR center = (SELECT central.joint_center_of(current_user::text)))
        AND terminal = (SELECT central.terminal_of(current_user::text)));

CREATE FUNCTION central.check_case_center() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    mine text := central.center_of(session_user::text);
    bad record;
BEGIN
    SELECT a.case_id, a.position, a.center INTO bad FROM arrived a
    WHERE mine IS NOT NULL AND a.kind = 'received'
        -- a receipt of the own center is parsed only if the word is in it at all
        AND (a.center <> mine OR strpos(a.payload, '"center"') > 0)
        AND coalesce(a.payload::jsonb ->> 'center', mine) <> a.center
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWJ03',
            MESSAGE = format('办件 %s 第%s条记录不属于中心 %s，拒收', bad.case_id, bad.position,
                             bad.center);
    END IF;
    -- a case goes up to the center right above its own
    SELECT a.case_id, a.position, a.center INTO bad FROM arrived a
    LEFT JOIN central.centers c ON c.code = a.center
    WHERE a.kind = 'reported_up' AND c.parent IS DISTINCT FROM a.payload::jsonb ->> 'center'
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWJ04',
            MESSAGE = format('办件 %s 第%s条记录：只能上报中心 %s 的上级中心，拒收',
                             bad.case_id, bad.position, bad.center);
    END IF;
    -- a case sent up is decided by the center it went to, as that center; no other is
    SELECT d.case_id, d.position, d.center INTO bad FROM (
        SELECT a.case_id, a.position, a.center,
            -- a decision made where its case was accepted names no center: not parsed
            CASE WHEN strpos(a.payload, '"center"') > 0
                THEN coalesce(a.payload::jsonb ->> 'center', '') ELSE '' END AS named
        FROM arrived a WHERE a.kind = 'decided') d
    WHERE mine IS NOT NULL
        AND (d.named NOT IN ('', mine) OR d.named <> coalesce(central.reported_to(d.case_id), ''))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWJ05',
            MESSAGE = format('办件 %s 第%s条记录：上报件由所报的上级中心决定，其他中心不能决定，拒收',
                             bad.case_id, bad.position);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_check_case_center AFTER INSERT ON central.events
    REFERENCING NEW TABLE AS arrived
    FOR EACH STATEMENT EXECUTE FUNCTION central.check_case_center();
ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_check_case_center;
REVOKE EXECUTE ON FUNCTION central.check_case_center() FROM PUBLIC;
"""


# 上报件: see the module's docstring
_REPORTED = """
CREATE FUNCTION central.reported_to(wanted uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    SELECT payload::jsonb ->> 'center' FROM central.events
    WHERE case_id = wanted AND kind = 'reported_up' ORDER BY position DESC LIMIT 1
$$;
REVOKE EXECUTE ON FUNCTION central.reported_to(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.reported_to(uuid) TO onewindow_counter;

CREATE POLICY decision_from_above ON central.events FOR INSERT TO onewindow_counter
    WITH CHECK (kind = 'decided'
        AND terminal = (SELECT central.terminal_of(current_user::text))
        AND central.reported_to(case_id) = (SELECT central.center_of(current_user::text))
        AND payload::jsonb ->> 'center' = (SELECT central.center_of(current_user::text)));

-- the few cases sent up: `reported_to` one probe of a small index, the view a scan of it
CREATE INDEX ix_events_reported_up ON central.events (case_id) WHERE kind = 'reported_up';

CREATE VIEW central.reported_to_me WITH (security_barrier) AS
SELECT e.center, e.id, e.case_id, e.position, e.kind, e.payload, e.actor, e."window",
    e.terminal, e.at, e.at_time, e.prev_hash, e.hash, e.digest, e.xact
FROM central.events e
WHERE e.case_id IN (
    SELECT r.case_id FROM central.events r
    WHERE r.kind = 'reported_up'
        AND r.payload::jsonb ->> 'center' = central.center_of(current_user::text));
GRANT SELECT ON central.reported_to_me TO onewindow_counter;
"""


def upgrade() -> None:
    op.execute(_TERMINALS)
    op.execute(_PUSH)
    op.execute(_REPORTED)


def downgrade() -> None:
    op.execute(
        """
DROP VIEW central.reported_to_me;
DROP INDEX central.ix_events_reported_up;
DROP POLICY decision_from_above ON central.events;
DROP FUNCTION central.reported_to(uuid);
DROP TRIGGER events_check_case_center ON central.events;
DROP FUNCTION central.check_case_center();
DROP POLICY counter_insert ON central.events;
CREATE POLICY counter_insert ON central.events FOR INSERT TO onewindow_counter
    WITH CHECK (center = (SELECT central.center_of(current_user::text))
        AND terminal = (SELECT central.terminal_of(current_user::text)));
DROP FUNCTION central.joint_center_of(text);
DROP TRIGGER terminals_fit_their_centers ON central.terminals;
DROP FUNCTION central.terminal_fits_its_centers();
ALTER TABLE central.terminals DROP COLUMN joint_center;
"""
    )
