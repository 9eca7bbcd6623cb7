"""queue tickets on the central: every terminal's ticket events, the number blocks leased,
and a notification on the center's channel for every ticket event

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 22:40:00

`central.ticket_events` holds what each terminal's `ticket_events` holds (`app.domain.tickets`):
one row per event of a ticket, the queue, day and number repeated on each, the writing
terminal's center filled in by the central. Append-only as the leave events are; a terminal
inserts for its own center and terminal only and reads its center's (supervision along its
tree). Two windows calling the same ticket write the same (ticket, position): the first to
arrive stands, the second is refused, and that is how two counters never take the same
ticket. A number is issued once per (center, queue, day).

`central.number_leases` and `central.lease_numbers(queue, day, size)`: the blocks of numbers
handed to the terminals (`app.domain.ticket_numbers`), one series per (center, queue, day),
taken under a transaction lock on that series so that two terminals never hold one number.

Every ticket event inserted notifies the center's channel (`central.channels`, the one the
counters' listeners hear) with its terminal, ticket, kind, queue, number and window — no
personal data — so another counter pulls at once and a hall display shows a call.
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_UPGRADE = r"""
CREATE TABLE central.ticket_events (
    id uuid PRIMARY KEY,
    center text NOT NULL DEFAULT central.center_of(current_user::text),
    terminal text NOT NULL,
    ticket_id uuid NOT NULL,
    position integer NOT NULL CHECK (position BETWEEN 1 AND 1000),
    kind text NOT NULL CHECK (kind IN ('issued', 'called', 'recalled', 'no_show', 'rejoined',
                                       'transferred', 'served', 'left')),
    at text NOT NULL CHECK (central.audit_time(at) IS NOT NULL),
    actor text NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 64),
    queue text NOT NULL CHECK (char_length(queue) BETWEEN 1 AND 32),
    day date NOT NULL,
    number text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 16),
    data text NOT NULL CHECK (octet_length(data) <= 4096 AND data IS JSON OBJECT),
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_ticket_events_ticket_position UNIQUE (ticket_id, position),
    CHECK ((kind = 'issued') = (position = 1))
);
CREATE INDEX ix_ticket_events_center ON central.ticket_events (center, received_at);
CREATE UNIQUE INDEX uq_ticket_numbers ON central.ticket_events (center, queue, day, number)
    WHERE kind = 'issued';

CREATE TABLE central.number_leases (
    center text NOT NULL,
    queue text NOT NULL CHECK (char_length(queue) BETWEEN 1 AND 32),
    day date NOT NULL,
    first integer NOT NULL,
    last integer NOT NULL CHECK (last >= first),
    terminal text NOT NULL,
    leased_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (center, queue, day, first)
);
CREATE INDEX ix_number_leases_last ON central.number_leases (center, queue, day, last);

CREATE FUNCTION central.tickets_are_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF pg_has_role(current_user, 'onewindow_owner', 'MEMBER') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'OWA01', MESSAGE = '取号记录只能追加，不能修改或删除';
END
$$;
CREATE TRIGGER ticket_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
    ON central.ticket_events FOR EACH STATEMENT EXECUTE FUNCTION central.tickets_are_append_only();
ALTER TABLE central.ticket_events ENABLE ALWAYS TRIGGER ticket_events_append_only;
CREATE TRIGGER number_leases_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
    ON central.number_leases FOR EACH STATEMENT EXECUTE FUNCTION central.tickets_are_append_only();
ALTER TABLE central.number_leases ENABLE ALWAYS TRIGGER number_leases_append_only;

-- every ticket event, on the center's channel (the counters' listeners, the hall display)
CREATE FUNCTION central.ticket_notice() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    found text;
BEGIN
    INSERT INTO central.channels (center) VALUES (NEW.center) ON CONFLICT (center) DO NOTHING;
    SELECT channel INTO found FROM central.channels WHERE center = NEW.center;
    PERFORM pg_notify(found, json_build_object(
        'terminal', NEW.terminal, 'ticket', NEW.ticket_id, 'kind', NEW.kind,
        'queue', NEW.queue, 'number', NEW.number, 'window', (NEW.data::json) ->> 'window',
        'position', NEW.position)::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER ticket_events_notice AFTER INSERT ON central.ticket_events
    FOR EACH ROW EXECUTE FUNCTION central.ticket_notice();

-- the next block of a (center, queue, day) series for the calling terminal
CREATE FUNCTION central.lease_numbers(wanted_queue text, wanted_day date, size integer)
RETURNS TABLE (first integer, last integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, central AS $$
DECLARE
    mine text := central.center_of(session_user::text);
    me text := central.terminal_of(session_user::text);
    start integer;
BEGIN
    IF mine IS NULL OR me IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'OWQ01', MESSAGE = '只有中心登记的终端可以领号';
    END IF;
    IF size NOT BETWEEN 1 AND 500 OR char_length(wanted_queue) NOT BETWEEN 1 AND 32 THEN
        RAISE EXCEPTION USING ERRCODE = 'OWQ02', MESSAGE = '领号的数量或队列不对';
    END IF;
    PERFORM pg_advisory_xact_lock(
        hashtextextended(mine || '/' || wanted_queue || '/' || wanted_day::text, 16));
    SELECT coalesce(max(l.last), 0) + 1 INTO start FROM central.number_leases AS l
        WHERE l.center = mine AND l.queue = wanted_queue AND l.day = wanted_day;
    INSERT INTO central.number_leases (center, queue, day, first, last, terminal)
        VALUES (mine, wanted_queue, wanted_day, start, start + size - 1, me);
    RETURN QUERY SELECT start, start + size - 1;
END
$$;

ALTER TABLE central.ticket_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.ticket_events FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.ticket_events TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.ticket_events FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));
CREATE POLICY counter_insert ON central.ticket_events FOR INSERT TO onewindow_counter
    WITH CHECK (center = (SELECT central.center_of(current_user::text))
                AND terminal = (SELECT central.terminal_of(current_user::text)));
SELECT central.read_along_the_tree('central.ticket_events');
ALTER TABLE central.number_leases ENABLE ROW LEVEL SECURITY;
ALTER TABLE central.number_leases FORCE ROW LEVEL SECURITY;
CREATE POLICY owner_all ON central.number_leases TO onewindow_owner USING (true) WITH CHECK (true);
CREATE POLICY counter_read ON central.number_leases FOR SELECT TO onewindow_counter
    USING (center = (SELECT central.center_of(current_user::text)));

REVOKE ALL ON central.ticket_events, central.number_leases FROM PUBLIC;
GRANT SELECT ON central.ticket_events, central.number_leases TO onewindow_counter;
GRANT INSERT (id, terminal, ticket_id, position, kind, at, actor, queue, day, number, data)
    ON central.ticket_events TO onewindow_counter;
REVOKE EXECUTE ON FUNCTION central.tickets_are_append_only(), central.ticket_notice(),
    central.lease_numbers(text, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION central.lease_numbers(text, date, integer) TO onewindow_counter;
"""


def upgrade() -> None:
    op.execute(_UPGRADE)


def downgrade() -> None:
    op.execute(
        "DROP TABLE central.ticket_events; DROP TABLE central.number_leases;"
        " DROP FUNCTION central.tickets_are_append_only(); DROP FUNCTION central.ticket_notice();"
        " DROP FUNCTION central.lease_numbers(text, date, integer);"
    )
