"""levels of centers (三级联动): the tree kept whole, and who reads what along it

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 18:30:00

**The tree.** `central.centers` had a parent and a level from the start; nothing kept them
sound. A trigger now refuses, with the reason (SQLSTATE OWL01 / OWL02), a center placed under
itself or under one of its own descendants (a cycle), and a center whose level is not below
its parent's (a district under a township; a city given the level of a township while
districts sit under it). Below means deeper, not one step deeper: a county administered
straight by its province (省直管县) and a town straight under a city without districts
(东莞、中山) are real. One change of the tree at a time (an advisory lock): two moves made at
once cannot close a cycle that neither sees.

**Who reads what.** A terminal is registered to read its center (`reads = 'center'`, every
counter, as before) or its center and every center below it (`'tree'`: a supervision or
administration terminal, `central add-counter --reads tree`). `central.centers_read_by(role)`
answers, for a terminal's own login only (as `center_of`), the codes of the centers it reads:
a recursive walk of the tree, a fraction of a millisecond at 111 centers, run once per
statement and hashed (`center IN (SELECT unnest(...))`: one hash probe per row; `center =
ANY (array)` compared each row with every center and was ten times slower at 111). The
extension ltree is there in the embedded server, but a materialised path would have to be
kept on every move; the walk is not worth avoiding.

* Cases and case clocks: their policy is keyed on it, and so is that of the clocks' tallies
  (`central.clock_tallies`: the running clocks counted per center, paused or not, due date
  and first day of warning, kept by triggers), so that supervision's counts per center
  (`central.tree_counts`: a sum over some thousands of tallies, not a count of a million
  clocks) are what the reader may read, in the database.
* Events: `central.events_in_tree`, a view as `events_for_counter` is (0010), over the
  reader's tree. A receipt is whole to a tree reader exactly when it would be to it as a
  counter of its own center — its own terminal's case, or its departments' at its center;
  every other version-2 receipt, those of the centers below among them, comes masked.
* Staff: `central.staff_in_tree`, every column but the password hash.
* Tables of others that hold a `center` column (the audit entries, when they exist):
  `central.read_along_the_tree(table)` gives the table the same policy; called here for
  `central.audit_entries` if that table is there.

**What does not change.** A counter's pull reads `events_for_counter` and `central.events`,
whose policies stay keyed on its own center (a supervision terminal is a counter too, and
pulls its own center's cases only); terminals, windows, staff with their hashes, checkpoints:
its own center's, as before.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TREE_LOCK = 0x4F574C56  # advisory lock id: one change of the tree at a time

_TREE = f"""
CREATE FUNCTION central.level_rank(level text) RETURNS integer
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT array_position(ARRAY['province', 'city', 'district', 'township'], level)
$$;

CREATE FUNCTION central.level_name(level text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE level WHEN 'province' THEN '省级' WHEN 'city' THEN '市级'
        WHEN 'district' THEN '县（区）级' WHEN 'township' THEN '乡镇（街道）级' END
$$;

-- a center must sit below its parent's level and never under itself or its own descendants
CREATE FUNCTION central.center_fits_the_tree() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    above central.centers%ROWTYPE;
    below central.centers%ROWTYPE;
BEGIN
    PERFORM pg_advisory_xact_lock({_TREE_LOCK});
    IF NEW.parent = NEW.code THEN
        RAISE EXCEPTION USING ERRCODE = 'OWL01',
            MESSAGE = format('中心 %s 不能设在它自己之下', NEW.code);
    END IF;
    -- the cycle first: its reason is the one that tells (a descendant is deeper, too); on
    -- INSERT as well, which an upsert of a center that exists fires before its UPDATE
    IF NEW.parent IS NOT NULL AND EXISTS (
        WITH RECURSIVE up (code, parent) AS (
            SELECT c.code, c.parent FROM central.centers c WHERE c.code = NEW.parent
            UNION
            SELECT c.code, c.parent FROM central.centers c JOIN up ON c.code = up.parent
        )
        SELECT 1 FROM up WHERE up.code = NEW.code
    ) THEN
        RAISE EXCEPTION USING ERRCODE = 'OWL01',
            MESSAGE = format('中心 %s 不能设在 %s 之下：%s 是它的下级中心，会形成循环',
                             NEW.code, NEW.parent, NEW.parent);
    END IF;
    IF NEW.parent IS NOT NULL THEN
        SELECT * INTO above FROM central.centers WHERE code = NEW.parent;
        IF FOUND AND level_rank(above.level) >= level_rank(NEW.level) THEN
            RAISE EXCEPTION USING ERRCODE = 'OWL02',
                MESSAGE = format('%s中心 %s 不能设在%s中心 %s 之下：下级中心的级别须低于上级',
                                 level_name(NEW.level), NEW.code, level_name(above.level),
                                 above.code);
        END IF;
    END IF;
    SELECT * INTO below FROM central.centers c
    WHERE c.parent = NEW.code AND level_rank(c.level) <= level_rank(NEW.level) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWL02',
            MESSAGE = format('中心 %s 不能改为%s：其下级中心 %s 是%s',
                             NEW.code, level_name(NEW.level), below.code, level_name(below.level));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER centers_fit_the_tree BEFORE INSERT OR UPDATE ON central.centers
    FOR EACH ROW EXECUTE FUNCTION central.center_fits_the_tree();
ALTER TABLE central.centers ENABLE ALWAYS TRIGGER centers_fit_the_tree;
CREATE INDEX ix_centers_parent ON central.centers (parent);
"""

_READERS = """
ALTER TABLE central.terminals ADD COLUMN reads text NOT NULL DEFAULT 'center'
    CONSTRAINT terminals_reads_check CHECK (reads IN ('center', 'tree'));

-- the centers a terminal's login reads: its own, and every center below it when it reads the
-- tree; answered for the caller's own login only (as center_of), else empty
CREATE FUNCTION central.centers_read_by(role_name text) RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
    WITH RECURSIVE reader AS (
        SELECT t.center, t.reads FROM central.terminals t
        WHERE t.role_name = $1 AND t.active
            AND ($1 = session_user::text OR NOT EXISTS (
                SELECT 1 FROM central.terminals s WHERE s.role_name = session_user::text))
    ), tree (code) AS (
        SELECT center FROM reader
        UNION
        SELECT c.code FROM central.centers c JOIN tree ON c.parent = tree.code
        WHERE (SELECT reads FROM reader) = 'tree'
    )
    SELECT coalesce(array_agg(code ORDER BY code), '{}') FROM tree
$$;
REVOKE EXECUTE ON FUNCTION central.centers_read_by(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.centers_read_by(text) TO onewindow_counter;

-- gives `table` (with a `center` column) the policy that its reader's tree may read it
CREATE FUNCTION central.read_along_the_tree(target regclass) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, central AS $$
BEGIN
    EXECUTE format('CREATE POLICY tree_read ON %s FOR SELECT TO onewindow_counter'
        ' USING (center IN (SELECT unnest(central.centers_read_by(current_user::text))))', target);
END
$$;
REVOKE EXECUTE ON FUNCTION central.read_along_the_tree(regclass) FROM PUBLIC;

DROP POLICY counter_read ON central.cases;
DROP POLICY counter_read ON central.case_clocks;
SELECT central.read_along_the_tree('central.cases');
SELECT central.read_along_the_tree('central.case_clocks');
DO $$
BEGIN
    IF to_regclass('central.audit_entries') IS NOT NULL THEN
        PERFORM central.read_along_the_tree('central.audit_entries');
    END IF;
END
$$;
"""

# What colours a running clock on a given day is its due date, its first day of warning and
# whether it is paused: the running clocks counted by those, per center, are enough to count
# every center's running, paused, yellow and red cases on any day. Kept by statement triggers
# on the clocks (one statement of supervision's refresh, or a COPY of a million, is one
# aggregate); at 111 centers and a year of due dates some tens of thousands of rows, however
# many clocks there are. New rows are added before old ones are taken away (triggers fire
# in name order), so that a count never goes below zero; a count that reaches zero goes.
_TALLIES = """
CREATE TABLE central.clock_tallies (
    center text NOT NULL,
    paused boolean NOT NULL,
    due date,
    warning_from date,
    clocks bigint NOT NULL CHECK (clocks >= 0),
    CONSTRAINT uq_clock_tallies UNIQUE NULLS NOT DISTINCT (center, paused, due, warning_from)
);
ALTER TABLE central.clock_tallies ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.clock_tallies FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.clock_tallies TO onewindow_owner USING (true) WITH CHECK (true);
GRANT SELECT ON central.clock_tallies TO onewindow_counter;
SELECT central.read_along_the_tree('central.clock_tallies');

INSERT INTO central.clock_tallies (center, paused, due, warning_from, clocks)
SELECT center, paused, due, warning_from, count(*) FROM central.case_clocks WHERE open
GROUP BY center, paused, due, warning_from;

CREATE FUNCTION central.tally_new_clocks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
BEGIN
    INSERT INTO central.clock_tallies AS t (center, paused, due, warning_from, clocks)
    SELECT center, paused, due, warning_from, count(*) FROM new_clocks WHERE open
    GROUP BY center, paused, due, warning_from
    ON CONFLICT (center, paused, due, warning_from)
    DO UPDATE SET clocks = t.clocks + excluded.clocks;
    RETURN NULL;
END
$$;
CREATE FUNCTION central.untally_old_clocks() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
BEGIN
    UPDATE central.clock_tallies t SET clocks = t.clocks - o.clocks
    FROM (SELECT center, paused, due, warning_from, count(*) AS clocks FROM old_clocks
          WHERE open GROUP BY center, paused, due, warning_from) o
    WHERE t.center = o.center AND t.paused = o.paused
        AND t.due IS NOT DISTINCT FROM o.due AND t.warning_from IS NOT DISTINCT FROM o.warning_from;
    DELETE FROM central.clock_tallies WHERE clocks = 0;
    RETURN NULL;
END
$$;
CREATE INDEX ix_clock_tallies_gone ON central.clock_tallies (center) WHERE clocks = 0;
CREATE TRIGGER case_clocks_a_tally_inserted AFTER INSERT ON central.case_clocks
    REFERENCING NEW TABLE AS new_clocks
    FOR EACH STATEMENT EXECUTE FUNCTION central.tally_new_clocks();
CREATE TRIGGER case_clocks_a_tally_updated AFTER UPDATE ON central.case_clocks
    REFERENCING NEW TABLE AS new_clocks
    FOR EACH STATEMENT EXECUTE FUNCTION central.tally_new_clocks();
CREATE TRIGGER case_clocks_b_untally_updated AFTER UPDATE ON central.case_clocks
    REFERENCING OLD TABLE AS old_clocks
    FOR EACH STATEMENT EXECUTE FUNCTION central.untally_old_clocks();
CREATE TRIGGER case_clocks_b_untally_deleted AFTER DELETE ON central.case_clocks
    REFERENCING OLD TABLE AS old_clocks
    FOR EACH STATEMENT EXECUTE FUNCTION central.untally_old_clocks();
REVOKE EXECUTE ON FUNCTION central.tally_new_clocks(), central.untally_old_clocks() FROM PUBLIC;
"""

_VIEWS = """
CREATE VIEW central.events_in_tree WITH (security_barrier) AS
SELECT e.center, e.id, e.case_id, e.position, e.kind,
    CASE WHEN e.masked_payload IS NULL
            OR (e.center = me.center AND e.terminal = me.terminal)
            OR EXISTS (SELECT 1 FROM central.terminal_departments d
                       WHERE d.center = me.center AND d.terminal = me.terminal
                           AND e.center = me.center AND d.department = e.department)
            OR EXISTS (SELECT 1 FROM central.events o WHERE o.case_id = e.case_id
                       AND o.center = me.center AND o.terminal = me.terminal)
        THEN e.payload ELSE e.masked_payload END AS payload,
    e.actor, e."window", e.terminal, e.at, e.at_time, e.prev_hash, e.hash, e.digest, e.xact
FROM central.events e
CROSS JOIN (SELECT central.center_of(current_user::text) AS center,
                   central.terminal_of(current_user::text) AS terminal) me
WHERE e.center IN (SELECT unnest(central.centers_read_by(current_user::text)));

CREATE VIEW central.staff_in_tree WITH (security_barrier) AS
SELECT s.center, s.username, s.display_name, s.role, s.department, s."window", s.scope,
    s.active, s.xact
FROM central.staff s
WHERE s.center IN (SELECT unnest(central.centers_read_by(current_user::text)));

GRANT SELECT ON central.events_in_tree, central.staff_in_tree TO onewindow_counter;

-- the centers the caller is shown: a terminal's login those it reads, the administrator every
-- one (row-level security decides what is counted in each, not this)
CREATE FUNCTION central.centers_in_view() RETURNS text[]
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM central.terminals t
                             WHERE t.role_name = current_user::text)
        THEN central.centers_read_by(current_user::text)
        ELSE ARRAY(SELECT code FROM central.centers ORDER BY code) END
$$;

-- per center in view, its running case clocks the caller may read (the tallies' policy is
-- the clocks'), paused ones among them; of them paused, and of those not paused in warning
-- (yellow) and overdue (red) on `today`; one index range of the tallies per center
CREATE FUNCTION central.tree_counts(today date)
RETURNS TABLE (center text, running bigint, paused bigint, warning bigint, overdue bigint)
LANGUAGE sql STABLE SET search_path = pg_catalog, central AS $$
    SELECT r.center, n.running, n.paused, n.warning, n.overdue
    FROM unnest(central.centers_in_view()) r (center)
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(t.clocks), 0)::bigint AS running,
            coalesce(sum(t.clocks) FILTER (WHERE t.paused), 0)::bigint AS paused,
            coalesce(sum(t.clocks) FILTER (WHERE NOT t.paused AND t.due >= today
                AND t.warning_from <= today), 0)::bigint AS warning,
            coalesce(sum(t.clocks) FILTER (WHERE NOT t.paused AND t.due < today), 0)::bigint
                AS overdue
        FROM central.clock_tallies t
        WHERE t.center = r.center
    ) n
$$;
REVOKE EXECUTE ON FUNCTION central.level_rank(text), central.level_name(text),
    central.center_fits_the_tree(), central.centers_in_view(), central.tree_counts(date)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.centers_in_view(), central.tree_counts(date)
    TO onewindow_counter;
"""


def upgrade() -> None:
    op.execute(_TREE)
    op.execute(_READERS)
    op.execute(_TALLIES)
    op.execute(_VIEWS)


def downgrade() -> None:
    op.execute(
        """
DROP FUNCTION central.tree_counts(date);
DROP FUNCTION central.centers_in_view();
DROP VIEW central.events_in_tree, central.staff_in_tree;
DROP TABLE central.clock_tallies;
DROP TRIGGER case_clocks_a_tally_inserted ON central.case_clocks;
DROP TRIGGER case_clocks_a_tally_updated ON central.case_clocks;
DROP TRIGGER case_clocks_b_untally_updated ON central.case_clocks;
DROP TRIGGER case_clocks_b_untally_deleted ON central.case_clocks;
DROP FUNCTION central.tally_new_clocks(), central.untally_old_clocks();
DROP POLICY tree_read ON central.cases;
DROP POLICY tree_read ON central.case_clocks;
CREATE POLICY counter_read ON central.cases FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));
CREATE POLICY counter_read ON central.case_clocks FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));
DO $$
BEGIN
    IF to_regclass('central.audit_entries') IS NOT NULL THEN
        DROP POLICY IF EXISTS tree_read ON central.audit_entries;
    END IF;
END
$$;
DROP FUNCTION central.read_along_the_tree(regclass);
DROP FUNCTION central.centers_read_by(text);
ALTER TABLE central.terminals DROP COLUMN reads;
DROP TRIGGER centers_fit_the_tree ON central.centers;
DROP INDEX central.ix_centers_parent;
DROP FUNCTION central.center_fits_the_tree();
DROP FUNCTION central.level_name(text);
DROP FUNCTION central.level_rank(text);
"""
    )
