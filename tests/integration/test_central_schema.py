"""The central schema on a real PostgreSQL: `central init`, the counters' roles and row-level
security, the append-only event log and the hash check on arrival.

Every event here is made by the real domain (`app.domain.case` commands, `new_event`), so the
SQL side of the hash is checked against the Python side byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg import errors

from app.central.errors import CentralError
from app.central.logins import COUNTER_ROLE, OWNER_ROLE, Counter
from app.central.schema import HEAD_REVISION, MIGRATIONS, initialise
from app.central.supervision import refresh_clocks
from app.cli.main import main
from app.domain.applicant import Applicant, ApplicantKind
from app.domain.calendar import WorkCalendar, YearSchedule
from app.domain.case import Case, Stamp
from app.domain.catalog import Item
from app.domain.event_data import UnknownEvent, decode
from app.domain.events import (
    CHINA_TIME,
    GENESIS_HASH,
    Event,
    new_event,
    verify_chain,
)
from app.domain.identity import make_resident_id
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.paths import resources_dir
from app.services.demo_history import DemoHistory
from app.services.demo_people import demo_step_record
from tests.integration import central_harness
from tests.integration.central_harness import CentralDatabase

# the harness's fixtures, made visible to pytest in this module
central = central_harness.central
central_database = central_harness.central_database
central_server = central_harness.central_server

CATALOG = {
    raw["code"]: Item.from_dict(raw)
    for raw in json.loads((resources_dir() / "catalog" / "items.json").read_text("utf-8"))
}
FOOD = CATALOG["SCJG-XK-001"]
APPLICANT = Applicant(
    ApplicantKind.PERSON, "王秀英", make_resident_id("230202", date(1985, 5, 17), 124)
)
REQUIRED = [m.name for m in FOOD.materials if m.required]
START = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA_TIME)
SURVEY = demo_step_record(START.date())  # the site survey's form, recorded afterwards
#: A payload that tests the canonical JSON: a character outside the basic plane, U+2028, DEL,
#: control characters, backslash, quote, numbers, null, true.
ODD_PAYLOAD = {"note": '𡒄\u2028\x7f\x01\x1f \\ " é', "n": [1, 2.5, None, True]}
COLUMNS = (
    'id, case_id, position, kind, payload, actor, "window", terminal, at, prev_hash, hash, digest'
)


def clerk(terminal: str = "counter-01") -> Actor:
    return Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", terminal)


def food_case(actor: Actor, steps: int = 3) -> list[Event]:
    """A case driven through the domain's own commands: receive, accept, complete steps."""
    at = START
    case = receive(Stamp(actor, at, uuid4()), uuid4(), "261102-01-001", FOOD, APPLICANT, REQUIRED)
    commands: list[tuple[str, tuple[Any, ...]]] = [
        ("accept", ()),
        ("complete_step", (1, "核查", SURVEY)),
    ]
    for command, args in commands[: steps - 1]:
        at += timedelta(minutes=7)
        getattr(case, command)(Stamp(actor, at, uuid4()), *args)
    return list(case.events)


def row(event: Event, **changes: Any) -> tuple[Any, ...]:
    values = {
        "id": event.id,
        "case_id": event.case_id,
        "position": event.position,
        "kind": str(event.kind),
        "payload": event.payload_json,
        "actor": event.actor,
        "window": event.window,
        "terminal": event.terminal,
        "at": event.at.isoformat(timespec="microseconds"),
        "prev_hash": event.prev_hash,
        "hash": event.hash,
        "digest": event.digest,
    }
    values.update(changes)
    return tuple(values.values())


def push(
    connection: psycopg.Connection, events: Iterable[Event], center: str | None = None
) -> None:
    """Insert events in one transaction, as a push batch would; `center` for the superuser."""
    rows = [row(e) + ((center,) if center else ()) for e in events]
    extra = ", center" if center else ""
    marks = ", ".join(["%s"] * (12 + bool(center)))
    with connection.transaction():
        connection.cursor().executemany(
            f"INSERT INTO central.events ({COLUMNS}{extra}) VALUES ({marks})".encode(), rows
        )


def stored_events(
    connection: psycopg.Connection, case_id: UUID, table: str = "central.events"
) -> list[Event]:
    """A case's events as the central holds them; a counter reads them through its view."""
    rows = connection.execute(
        f"SELECT {COLUMNS} FROM {table} WHERE case_id = %s ORDER BY position".encode(),
        (case_id,),
    ).fetchall()
    return [
        Event(r[0], r[1], r[2], decode(r[3], r[4]), r[5], r[6], r[7],
              datetime.fromisoformat(r[8]), r[9], r[10], r[4], r[11])
        for r in rows
    ]  # fmt: skip


@pytest.fixture
def two_centers(central: CentralDatabase) -> tuple[Counter, Counter]:
    central.add_center("2302", "city")
    central.add_center("230202", "district", parent="2302")
    return central.add_counter("2302", 1), central.add_counter("230202", 1)


# ------------------------------------------------------------------ init


def test_init_twice_changes_nothing_the_second_time(
    central_database: CentralDatabase, capsys: pytest.CaptureFixture[str]
) -> None:
    first = initialise(central_database.url)
    assert first.changed and any(HEAD_REVISION in line for line in first.changes)
    before = _catalog_fingerprint(central_database)
    assert main(["central", "init", "--url", central_database.url]) == 0
    output = capsys.readouterr()
    assert "未做任何改动" in output.out
    assert (
        "***" in output.out and central_database.url.split(":")[2].split("@")[0] not in output.out
    )
    assert not initialise(central_database.url).changed
    assert _catalog_fingerprint(central_database) == before


def test_everything_belongs_to_the_owner_and_rls_is_forced(central: CentralDatabase) -> None:
    with central.connect() as connection:
        tables = connection.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner), c.relrowsecurity,"
            " c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'central' AND c.relkind = 'r' AND c.relname <> 'alembic_version'"
        ).fetchall()
        functions = connection.execute(
            "SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc"
            " WHERE pronamespace = 'central'::regnamespace"
        ).fetchall()
        timeout = connection.execute(
            "SELECT s FROM pg_db_role_setting, unnest(setconfig) s"
            " WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"
        ).fetchall()
    assert {t[0] for t in tables} == {
        "centers", "terminals", "windows", "events", "cases",
        "departments", "catalog_items", "staff", "calendar_years",
        "case_clocks", "clock_cursor", "set_aside", "channels",
        "terminal_clocks", "checkpoints", "terminal_departments", "disclosures",
        "audit_entries",
        "clock_tallies",
        "staff_events", "window_events",
        "leave_events",
        "ticket_events", "number_leases",
        "setting_events",
        "joint_cases",
    }  # fmt: skip
    assert all(t[1:] == (OWNER_ROLE, True, True) for t in tables)
    assert functions == [(OWNER_ROLE,)]
    assert ("idle_in_transaction_session_timeout=60s",) in timeout
    # the migration names the roles itself; they must be the ones the code uses
    for migration in (MIGRATIONS / "versions").glob("*.py"):
        named = set(re.findall(r"onewindow_\w+", migration.read_text("utf-8")))
        assert named <= {OWNER_ROLE, COUNTER_ROLE}, migration.name


def test_init_refuses_a_server_it_cannot_reach() -> None:
    with pytest.raises(CentralError, match="无法连接") as caught:
        initialise("postgresql://admin:secret-word@127.0.0.1:1/nowhere")
    assert "secret-word" not in str(caught.value)


# ------------------------------------------------------------------ roles and centers


def test_a_counter_reads_only_its_own_center(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    city, district = two_centers
    with central.connect(city) as a, central.connect(district) as b:
        push(a, food_case(clerk()))
        push(b, food_case(clerk()))
        refresh_clocks(central.url, START)
        for connection, counter in ((a, city), (b, district)):
            for table in ("events", "cases", "case_clocks", "terminals"):
                centers = connection.execute(f"SELECT DISTINCT center FROM {table}".encode())
                assert centers.fetchall() == [(counter.center,)], table
            assert connection.execute("SELECT count(*) FROM centers").fetchone() == (2,)
    with central.connect() as admin:
        assert admin.execute("SELECT count(*) FROM central.events").fetchone() == (6,)


def test_a_counter_cannot_insert_for_another_center_or_terminal(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    city, district = two_centers
    central.add_counter("2302", 2)
    with central.connect(city) as connection:
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            push(connection, food_case(clerk()), center=district.center)
        with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
            push(connection, food_case(clerk("counter-02")))  # another terminal of its center
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute("SELECT * FROM central.alembic_version")
        with pytest.raises(errors.InsufficientPrivilege):
            connection.execute("SET session_replication_role = replica")
        push(connection, food_case(clerk()), center=city.center)  # its own: accepted


def test_a_terminal_number_is_registered_once_per_center(central: CentralDatabase) -> None:
    central.add_center("2302")
    central.add_counter("2302", 3)
    with pytest.raises(CentralError, match="已登记"):
        central.add_counter("2302", 3)
    with pytest.raises(CentralError, match="尚未登记"):
        central.add_counter("9999", 1)


# ------------------------------------------------------------------ append-only


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE central.events SET actor = 'x'",
        "UPDATE central.events SET actor = 'x' WHERE false",  # no row: still refused
        "DELETE FROM central.events",
        "TRUNCATE central.events",
        "TRUNCATE central.events CASCADE",
    ],
)
def test_no_one_changes_an_event(
    central: CentralDatabase, two_centers: tuple[Counter, Counter], statement: str
) -> None:
    city, _ = two_centers
    with central.connect(city) as counter:
        push(counter, food_case(clerk()))
        with pytest.raises(errors.InsufficientPrivilege):
            counter.execute(statement.encode())
    with central.connect() as admin:
        admin.execute(f"GRANT SET ON PARAMETER session_replication_role TO {city.role}".encode())
    with central.connect(city) as counter:
        counter.execute("SET session_replication_role = replica")
        with pytest.raises(errors.InsufficientPrivilege):
            counter.execute(statement.encode())
    # the superuser passes every grant and policy, and the owner holds every grant: the
    # triggers refuse both, also as a replica, where ordinary triggers do not fire
    for role in (None, OWNER_ROLE):
        for replication in ("origin", "replica"):
            with central.connect() as admin:
                admin.execute(f"SET session_replication_role = {replication}".encode())
                if role:  # after: the owner itself may not set the parameter
                    admin.execute(f"SET ROLE {role}".encode())
                with pytest.raises(psycopg.Error, match="只能追加") as caught:
                    admin.execute(statement.encode())
                assert caught.value.sqlstate == "OWA01"
    with central.connect() as admin:
        assert admin.execute("SELECT count(*) FROM central.events").fetchone() == (3,)


# ------------------------------------------------------------------ checked on arrival


def test_a_tampered_event_is_refused(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    city, _ = two_centers
    first, second, _ = food_case(clerk())
    forged_payload = first.payload_json.replace("王秀英", "王秀华")
    assert forged_payload != first.payload_json
    with central.connect(city) as connection:
        for tampered in (
            replace(first, payload_json=forged_payload),
            replace(first, actor="someone-else"),
            replace(first, at=first.at + timedelta(seconds=1)),
        ):
            with pytest.raises(psycopg.Error, match="内容与哈希不符") as caught:
                push(connection, [tampered])
            assert caught.value.sqlstate == "OWH01"
        push(connection, [first])
        with pytest.raises(psycopg.Error, match="内容与哈希不符"):
            push(connection, [replace(second, payload_json='{"materials":[]}')])


def test_a_broken_chain_is_refused(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    city, _ = two_centers
    first, second, third = food_case(clerk())
    actor = clerk()

    def relinked(event: Event, prev_hash: str) -> Event:  # a valid hash over a wrong link
        return new_event(
            id=event.id, case_id=event.case_id, position=event.position, data=event.data,
            actor=actor.username, window=actor.window,
            terminal=actor.terminal, at=event.at, prev_hash=prev_hash,
        )  # fmt: skip

    with central.connect(city) as connection:
        with pytest.raises(psycopg.Error, match="起始值") as caught:
            push(connection, [relinked(first, "1" * 64)])
        assert caught.value.sqlstate == "OWC02"
        with pytest.raises(psycopg.Error, match="还没有上传") as caught:
            push(connection, [first, third])
        assert caught.value.sqlstate == "OWC01"
        push(connection, [first])
        with pytest.raises(psycopg.Error, match="不相连") as caught:
            push(connection, [relinked(second, GENESIS_HASH)])
        assert caught.value.sqlstate == "OWC02"
        push(connection, [second, third])
        with pytest.raises(errors.UniqueViolation):  # a fork: position 3 is taken
            push(connection, [relinked(third, second.hash)])


def test_server_columns_cannot_be_forged(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    """What the server decides (when an event arrived, in which transaction, the time parsed)
    cannot be supplied by a counter: the insert is refused, not quietly corrected."""
    city, _ = two_centers
    (first,) = food_case(clerk(), steps=1)
    forged = {
        "xact": ("1", errors.InsufficientPrivilege),
        "received_at": ("'2000-01-01'", errors.InsufficientPrivilege),
        "at_time": ("now()", errors.GeneratedAlways),
    }
    with central.connect(city) as connection:
        for column, (value, refusal) in forged.items():
            with pytest.raises(refusal), connection.transaction():
                connection.execute(
                    f"INSERT INTO central.events ({COLUMNS}, {column})"
                    f" VALUES ({'%s, ' * 12}{value})".encode(),
                    row(first),
                )
        with connection.transaction():
            push(connection, [first])
            mine = connection.execute("SELECT pg_current_xact_id()::text::bigint").fetchone()
        stored = connection.execute(
            "SELECT xact, received_at > '2020-01-01', at_time FROM central.events"
        ).fetchone()
    assert stored == (mine[0] if mine else None, True, first.at)


def test_chains_made_by_the_domain_are_accepted_exactly(
    central: CentralDatabase, two_centers: tuple[Counter, Counter]
) -> None:
    city, _ = two_centers
    # names and texts that test the canonical JSON: quotes, backslash, control characters,
    # a character outside the basic plane, U+2028, DEL
    odd = Actor('zh"ang\\san\n', "窗口", Role.CLERK, "SCJG", "A\t04", "counter-01")
    odd_events = [
        new_event(
            id=uuid4(), case_id=(case := uuid4()), position=1,
            data=UnknownEvent("noted", ODD_PAYLOAD, decode("noted", "{}").reason),  # type: ignore[union-attr]
            actor=odd.username, window=odd.window, terminal=odd.terminal,
            at=START.astimezone(CHINA_TIME), prev_hash=GENESIS_HASH,
        )
    ]  # fmt: skip
    cases = _demo_cases(60)
    with central.connect(city) as connection:
        push(connection, odd_events)
        assert stored_events(connection, case, "central.events_for_counter") == odd_events
        food = food_case(clerk())
        push(connection, food[:1])
        push(connection, food[1:])  # a later batch continues the chain
    with central.connect() as admin:  # demo chains come from many terminals: as superuser
        for demo in cases:
            push(admin, demo.events, center=city.center)
    refresh_clocks(central.url, START)  # the central folds the cases that arrived
    with central.connect() as admin:
        for demo in [*cases, Case.from_events(food)]:
            stored = stored_events(admin, demo.case_id)
            assert stored == list(demo.events)
            verify_chain(stored)
            summary = admin.execute(
                "SELECT status, events, last_hash, case_no FROM central.cases WHERE case_id = %s",
                (demo.case_id,),
            ).fetchone()
            assert summary == (demo.status.value, len(demo.events), demo.last_hash, demo.case_no)
    assert len({c.status for c in cases}) >= 8  # the demo reaches nearly every status


def _demo_cases(count: int) -> list[Case]:
    calendar_files = sorted((resources_dir() / "calendar").glob("*.json"))
    calendar = WorkCalendar(
        YearSchedule.from_json(json.loads(p.read_text("utf-8"))) for p in calendar_files
    )
    now = datetime(2026, 11, 20, 15, 0, tzinfo=CHINA_TIME)
    history = DemoHistory(list(CATALOG.values()), calendar, now, {}, [1])
    return list(history.cases(count))


def _catalog_fingerprint(database: CentralDatabase) -> Sequence[Any]:
    with database.connect() as connection:
        return connection.execute(
            "SELECT (SELECT array_agg(c.relname || ':' || c.relkind::text || ':' || coalesce(c.relacl::text, '')"
            "        ORDER BY c.relname) FROM pg_class c"
            "        WHERE c.relnamespace = 'central'::regnamespace),"
            " (SELECT array_agg(polname || pg_get_expr(polqual, polrelid) ORDER BY polname, polrelid)"
            "        FROM pg_policy),"
            " (SELECT array_agg(tgname || tgenabled::text ORDER BY tgname) FROM pg_trigger"
            "        WHERE NOT tgisinternal),"
            " (SELECT array_agg(rolname ORDER BY rolname) FROM pg_roles)"
        ).fetchall()
