"""the server's own columns of an event without a row trigger, and no check per row

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 18:30:00

`at_time` becomes a column generated from the event's own time text (the format checked, so
that the parse does not depend on the session's settings), `received_at` and `xact` are
their defaults, and a counter may insert every column but these three: what the server
decides cannot be supplied. A row trigger per event is no longer needed; an event whose time
text has the wrong form gets no `at_time` and is refused by the batch check (OWE01).
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TIME = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d(:\d\d(\.\d{6})?)?$"

_UPGRADE = rf"""
DROP TRIGGER events_arrive ON central.events;
DROP FUNCTION central.event_stamp();

-- IMMUTABLE is true of the texts it parses: ISO 8601 with an explicit offset reads the same
-- whatever the session's time zone or date style
CREATE FUNCTION central.event_time(at text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN at ~ '{_TIME}' THEN at::pg_catalog.timestamptz END
$$;
ALTER TABLE central.events DROP COLUMN at_time;
ALTER TABLE central.events
    ADD COLUMN at_time timestamptz GENERATED ALWAYS AS (central.event_time(at)) STORED;

-- a counter's events can only name its own registered center (the insert policy); the
-- foreign key's check per row added nothing but a tenth of the cost of a push
ALTER TABLE central.events DROP CONSTRAINT events_center_fkey;

REVOKE INSERT ON central.events FROM onewindow_counter;
GRANT INSERT (id, case_id, position, kind, payload, actor, "window", terminal, at, prev_hash,
              hash, center) ON central.events TO onewindow_counter;
REVOKE EXECUTE ON FUNCTION central.event_time(text) FROM PUBLIC;
-- the generated column is computed with the inserting role's rights
GRANT EXECUTE ON FUNCTION central.event_time(text) TO onewindow_counter;

CREATE OR REPLACE FUNCTION central.check_arrived() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    bad record;
BEGIN
    SELECT a.case_id, a.position INTO bad FROM arrived a WHERE a.at_time IS NULL LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWE01',
            MESSAGE = format('办件 %s 第%s条记录的时间格式不对，拒收', bad.case_id, bad.position);
    END IF;
    SELECT a.case_id, a.position INTO bad FROM arrived a
    WHERE NOT (a.payload IS JSON OBJECT) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWE02',
            MESSAGE = format('办件 %s 第%s条记录的内容不是 JSON 对象，拒收', bad.case_id, bad.position);
    END IF;
    -- the head hashed exactly as app/domain/events.py does: canonical JSON (keys sorted, no
    -- spaces, non-ASCII as is), then the payload text
    SELECT a.case_id, a.position INTO bad FROM arrived a
    WHERE encode(sha256(convert_to(
        '{{"actor":' || to_json(a.actor)::text
        || ',"at":' || to_json(a.at)::text
        || ',"case_id":' || to_json(a.case_id::text)::text
        || ',"id":' || to_json(a.id::text)::text
        || ',"kind":' || to_json(a.kind)::text
        || ',"position":' || a.position::text
        || ',"prev_hash":' || to_json(a.prev_hash)::text
        || ',"terminal":' || to_json(a.terminal)::text
        || ',"window":' || to_json(a."window")::text
        || '}}' || a.payload, 'UTF8')), 'hex') <> a.hash
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWH01',
            MESSAGE = format('办件 %s 第%s条记录的内容与哈希不符（可能被改动），拒收',
                             bad.case_id, bad.position);
    END IF;
    SELECT a.case_id INTO bad FROM arrived a
    WHERE a.position = 1 AND a.prev_hash <> repeat('0', 64) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'OWC02',
            MESSAGE = format('办件 %s 第1条记录的上一条哈希不是起始值，拒收', bad.case_id);
    END IF;
    -- the previous event may have arrived in this same batch: the table already holds it
    SELECT a.case_id, a.position, p.hash AS previous_hash, a.prev_hash,
           p.center AS previous_center, a.center INTO bad
    FROM arrived a LEFT JOIN central.events p
        ON p.case_id = a.case_id AND p.position = a.position - 1
    WHERE a.position > 1
        AND (p.case_id IS NULL OR p.hash <> a.prev_hash OR p.center <> a.center)
    LIMIT 1;
    IF FOUND THEN
        IF bad.previous_hash IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC01',
                MESSAGE = format('办件 %s 第%s条记录之前的第%s条记录还没有上传，拒收',
                                 bad.case_id, bad.position, bad.position - 1);
        ELSIF bad.previous_hash <> bad.prev_hash THEN
            RAISE EXCEPTION USING ERRCODE = 'OWC02',
                MESSAGE = format('办件 %s 第%s条记录与上一条记录的哈希不相连，拒收',
                                 bad.case_id, bad.position);
        ELSE
            RAISE EXCEPTION USING ERRCODE = 'OWC03',
                MESSAGE = format('办件 %s 属于另一个中心，不能续记', bad.case_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
"""


def upgrade() -> None:
    op.execute(_UPGRADE)


def downgrade() -> None:
    raise NotImplementedError("the row trigger of 0002 is not brought back")
