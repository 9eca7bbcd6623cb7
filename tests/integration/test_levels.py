"""Issue 15 §6 against a real central PostgreSQL: centers in a tree (city → two counties →
townships), a supervision terminal reading its center and every center below it, a counter
its own only — in the database, each terminal with its own login."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from app.central.errors import CentralError
from app.central.logins import Counter
from app.central.supervision import refresh_clocks
from app.central.tree import read_tree
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.cli_calls import call
from tests.integration.counter_process import run_counters
from tests.integration.sync_harness import configure_counter, make_counter
from tests.integration.test_center_isolation import until
from tests.integration.test_central_schema import START, clerk, food_case, push

CITY, COUNTY, NEIGHBOUR = "4502", "450202", "450203"
TOWNS = ("450202001", "450202002")  # under COUNTY
NEIGHBOUR_TOWN = "450203001"
SUBTREE = {COUNTY, *TOWNS}


@dataclass(frozen=True)
class Tree:
    """The city's supervision terminal, the county's, and one counter of every center."""

    city_supervision: Counter
    county_supervision: Counter
    counters: dict[str, Counter]


def make_tree(central: CentralDatabase) -> None:  # noqa: F811
    central.add_center(CITY, "city")
    for county in (COUNTY, NEIGHBOUR):
        central.add_center(county, "district", parent=CITY)
    for town in TOWNS:
        central.add_center(town, "township", parent=COUNTY)
    central.add_center(NEIGHBOUR_TOWN, "township", parent=NEIGHBOUR)


@pytest.fixture
def tree(central: CentralDatabase) -> Tree:  # noqa: F811
    """The tree, each center with one accepted case pushed by its counter and folded."""
    make_tree(central)
    counters = {
        code: central.add_counter(code, 1)
        for code in (CITY, COUNTY, NEIGHBOUR, *TOWNS, NEIGHBOUR_TOWN)
    }
    for counter in counters.values():
        with central.connect(counter) as connection:
            push(connection, food_case(clerk(), steps=2))
    refresh_clocks(central.url, START)
    return Tree(
        central.add_counter(CITY, 9, reads="tree"),
        central.add_counter(COUNTY, 9, reads="tree"),
        counters,
    )


def centers_in(connection: psycopg.Connection, table: str) -> set[str]:
    rows = connection.execute(f"SELECT DISTINCT center FROM central.{table}".encode())
    return {row[0] for row in rows}


TREE_TABLES = ("cases", "case_clocks", "events_in_tree", "staff_in_tree")


def publish_staff(central: CentralDatabase, centers: tuple[str, ...]) -> None:  # noqa: F811
    with central.connect() as admin:
        for center in centers:
            admin.execute(
                "INSERT INTO central.staff (center, username, display_name, role,"
                " password_hash) VALUES (%s, 'scjg01', '市场监管窗口', 'clerk', 'scrypt$x')",
                (center,),
            )


def test_a_county_supervisor_reads_its_townships_and_not_the_neighbouring_county(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    publish_staff(central, (CITY, COUNTY, NEIGHBOUR, *TOWNS, NEIGHBOUR_TOWN))
    with central.connect(tree.county_supervision) as county:
        for table in TREE_TABLES:
            assert centers_in(county, table) == SUBTREE, table
        # where the counters' pull reads, its own center only
        for table in ("events", "staff", "terminals"):
            assert centers_in(county, table) == {COUNTY}, table
        assert county.execute("SELECT count(*) FROM central.events_for_counter").fetchone() == (2,)
    with central.connect(tree.city_supervision) as city:
        for table in TREE_TABLES:
            assert centers_in(city, table) == {CITY, COUNTY, NEIGHBOUR, *TOWNS, NEIGHBOUR_TOWN}


def test_a_township_counter_reads_only_its_own(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    publish_staff(central, (COUNTY, *TOWNS))
    with central.connect(tree.counters[TOWNS[0]]) as town:
        for table in (*TREE_TABLES, "events", "staff", "terminals"):
            assert centers_in(town, table) == {TOWNS[0]}, table
        assert town.execute("SELECT count(*) FROM central.events_for_counter").fetchone() == (2,)


def test_receipts_of_the_centers_below_come_masked(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    def applicants(connection: psycopg.Connection) -> dict[str, str]:
        rows = connection.execute(
            "SELECT center, payload FROM central.events_in_tree WHERE kind = 'received'"
        )
        return {center: json.loads(payload)["applicant"]["id_number"] for center, payload in rows}

    with central.connect(tree.county_supervision) as county:
        seen = applicants(county)
    assert set(seen) == SUBTREE
    assert all("*" * 8 in number for number in seen.values())
    with central.connect(tree.counters[TOWNS[0]]) as town:  # its own case: whole
        assert "*" not in applicants(town)[TOWNS[0]]
    # a county window that reads its tree: whole what it would read whole as a counter (its
    # own case, its department's at its center), masked what a township received
    window = tree.counters[COUNTY]
    with central.connect() as admin:
        admin.execute(
            "UPDATE central.terminals SET reads = 'tree' WHERE role_name = %s", (window.role,)
        )
    with central.connect(central.add_counter(COUNTY, 2)) as colleague:
        push(colleague, food_case(clerk("counter-02"), steps=1))
    with central.connect(window) as county:
        rows = county.execute(
            "SELECT center, terminal, payload FROM central.events_in_tree WHERE kind = 'received'"
        ).fetchall()
    whole = {
        (center, terminal): "*" not in json.loads(payload)["applicant"]["id_number"]
        for center, terminal, payload in rows
    }
    assert whole == {
        (COUNTY, "counter-01"): True,
        (COUNTY, "counter-02"): True,
        (TOWNS[0], "counter-01"): False,
        (TOWNS[1], "counter-01"): False,
    }


def test_staff_of_another_center_can_be_neither_read_nor_written(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    publish_staff(central, (COUNTY, *TOWNS))
    with central.connect(tree.counters[TOWNS[0]]) as town:
        assert centers_in(town, "staff") == {TOWNS[0]}
        assert centers_in(town, "staff_in_tree") == {TOWNS[0]}
        for statement in (
            "INSERT INTO central.staff (center, username, display_name, role, password_hash)"
            f" VALUES ('{TOWNS[1]}', 'x', 'x', 'clerk', 'x')",
            f"UPDATE central.staff SET active = false WHERE center = '{TOWNS[1]}'",
            f"DELETE FROM central.staff WHERE center = '{TOWNS[1]}'",
        ):
            with pytest.raises(errors.InsufficientPrivilege):
                town.execute(statement.encode())
    with central.connect(tree.county_supervision) as county:
        with pytest.raises(errors.UndefinedColumn):  # the tree's staff, without their hashes
            county.execute("SELECT password_hash FROM central.staff_in_tree")
        with pytest.raises(errors.InsufficientPrivilege):
            county.execute(
                f"UPDATE central.staff SET role = 'admin' WHERE center = '{TOWNS[0]}'".encode()
            )
    with central.connect() as admin:
        assert admin.execute(
            "SELECT count(*) FROM central.staff WHERE role = 'clerk' AND active"
        ).fetchone() == (3,)


def test_nothing_tells_a_login_what_another_reads(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    with central.connect(tree.counters[TOWNS[0]]) as town:
        asked = town.execute(
            "SELECT central.centers_read_by(%s), central.centers_read_by(%s)",
            (tree.county_supervision.role, tree.counters[TOWNS[0]].role),
        ).fetchone()
        assert asked == ([], [TOWNS[0]])
        # a case of another center, asked for by its id: nothing, no error naming it
        with central.connect() as admin:
            theirs = admin.execute(
                "SELECT case_id FROM central.cases WHERE center = %s", (TOWNS[1],)
            ).fetchone()
        assert theirs is not None
        for table in ("cases", "case_clocks", "events_in_tree"):
            found = town.execute(
                f"SELECT count(*) FROM central.{table} WHERE case_id = %s".encode(), theirs
            )
            assert found.fetchone() == (0,)


def test_the_tree_read_with_counts_per_center(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    today = date(2026, 11, 3)
    county = read_tree(tree.county_supervision.url(central.url), today)
    assert [(c.code, c.depth, c.running) for c in county] == [
        (COUNTY, 0, 1),
        (TOWNS[0], 1, 1),
        (TOWNS[1], 1, 1),
    ]
    everything = read_tree(central.url, today)  # the administrator: every center
    assert [c.code for c in everything] == [
        CITY, COUNTY, *TOWNS, NEIGHBOUR, NEIGHBOUR_TOWN,
    ]  # fmt: skip
    shown = call(
        tmp_path, "central", "tree", "--url", tree.county_supervision.url(central.url),
        "--date", today.isoformat(),
    )  # fmt: skip
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert len(lines) == 3 and lines[1].startswith(f"  {TOWNS[0]} ")
    assert "在办 1 件" in lines[0] and NEIGHBOUR not in shown.out


def test_a_cycle_or_a_level_that_does_not_fit_is_refused(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    make_tree(central)
    with pytest.raises(CentralError, match="会形成循环"):
        central.add_center(COUNTY, "district", parent=TOWNS[0])  # under its own township
    with pytest.raises(CentralError, match="它自己"):
        central.add_center(CITY, "city", parent=CITY)
    with pytest.raises(CentralError, match="级别须低于上级"):
        central.add_center("450204", "city", parent=CITY)
    with pytest.raises(CentralError, match="其下级中心"):
        central.add_center(COUNTY, "township", parent=CITY)  # its townships below it
    refused = call(
        tmp_path, "central", "add-center", "--url", central.url, "--code", CITY,
        "--name", "市中心", "--level", "city", "--parent", TOWNS[1],
    )  # fmt: skip
    assert refused.code == 1
    assert "会形成循环" in refused.err and "Traceback" not in refused.err
    central.add_center(NEIGHBOUR_TOWN, "township", parent=COUNTY)  # a move that fits
    with central.connect() as admin:
        assert admin.execute(
            "SELECT parent FROM central.centers WHERE code = %s", (NEIGHBOUR_TOWN,)
        ).fetchone() == (COUNTY,)


def test_two_moves_at_once_cannot_close_a_cycle(central: CentralDatabase) -> None:  # noqa: F811
    """Each move alone fits: a city made a township under a district, and that district put
    under the city. Made at once, they would close a cycle that neither sees."""
    central.add_center("4601", "city")
    central.add_center("460101", "district")
    mover = central.connect(autocommit=False)
    try:
        mover.execute(
            "UPDATE central.centers SET level = 'township', parent = '460101' WHERE code = '4601'"
        )
        with ThreadPoolExecutor(1) as pool, central.connect() as admin:
            other = pool.submit(central.add_center, "460101", "district", "4601")
            assert until(  # the second move waits for the first
                lambda: admin.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'advisory'"
                ).fetchone()[0]
            )
            mover.commit()
            with pytest.raises(CentralError, match="会形成循环"):
                other.result(timeout=60)
    finally:
        mover.close()


@pytest.fixture
def towns_in_processes(tmp_path: Path, central: CentralDatabase) -> Iterator[None]:  # noqa: F811
    """A counter of a township of each county, each in a process of its own, has written
    four cases and synced them."""
    make_tree(central)
    homes = []
    for number, town in enumerate((TOWNS[0], NEIGHBOUR_TOWN), start=1):
        home = tmp_path / town
        registration = central.add_counter(town, number)
        configure_counter(home, number, registration.name, registration.url(central.url))
        homes.append(home)
    run_counters(homes, 2, 2)
    yield


def test_a_county_supervision_counter_pulls_its_own_center_and_reads_its_tree(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
    towns_in_processes: None,
) -> None:
    supervision = make_counter(tmp_path / "county", central, COUNTY, 9)
    try:
        with central.connect() as admin:
            admin.execute(
                "UPDATE central.terminals SET reads = 'tree' WHERE role_name = %s",
                (supervision.registration.role,),
            )
        assert supervision.services.sync.sync_once().pulled == 0  # its own center's: none
        with central.connect(supervision.registration) as county:
            assert centers_in(county, "events_in_tree") == {TOWNS[0]}
            assert county.execute("SELECT count(*) FROM central.events_in_tree").fetchone() == (
                8,
            )  # four cases of two events, the neighbour's not among them
    finally:
        supervision.close()


def test_the_audit_trail_is_read_along_the_tree(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    """Migration 0012 gives `central.audit_entries` (0011) the tree's policy: a supervision
    terminal reads the entries of its center and those below, a counter its own center's."""
    with central.connect() as admin:
        for center in (CITY, COUNTY, NEIGHBOUR, *TOWNS, NEIGHBOUR_TOWN):
            admin.execute(
                "INSERT INTO central.audit_entries (id, center, terminal, actor, at, action)"
                " VALUES (gen_random_uuid(), %s, 'counter-01', 'admin', %s, 'login')",
                (center, "2026-11-23T10:00:00+08:00"),
            )
    with central.connect(tree.county_supervision) as county:
        assert centers_in(county, "audit_entries") == SUBTREE
    with central.connect(tree.counters[NEIGHBOUR_TOWN]) as town:
        assert centers_in(town, "audit_entries") == {NEIGHBOUR_TOWN}


def test_the_tallies_follow_every_change_of_the_clocks(
    central: CentralDatabase,  # noqa: F811
    tree: Tree,
) -> None:
    today = date(2026, 11, 3)
    counted = (
        "SELECT center, count(*), count(*) FILTER (WHERE paused),"
        " count(*) FILTER (WHERE NOT paused AND due >= %(today)s AND warning_from <= %(today)s),"
        " count(*) FILTER (WHERE NOT paused AND due < %(today)s)"
        " FROM central.case_clocks WHERE open GROUP BY center"
    )
    tallied = "SELECT * FROM central.tree_counts(%(today)s) WHERE running > 0"
    with central.connect() as admin:
        for change in (
            "",
            "UPDATE central.case_clocks SET paused = true WHERE center = '450202001'",
            "UPDATE central.case_clocks SET open = false WHERE center = '450202002'",
            "UPDATE central.case_clocks SET due = '2026-10-01' WHERE center = '4502'",
            "INSERT INTO central.case_clocks (case_id, center, open, paused, due, warning_from)"
            " SELECT gen_random_uuid(), center, true, false, due, warning_from"
            " FROM central.case_clocks",
            "DELETE FROM central.case_clocks WHERE center = '450203'",
        ):
            if change:
                admin.execute(change.encode())
            assert sorted(admin.execute(tallied, {"today": today}).fetchall()) == sorted(
                admin.execute(counted.encode(), {"today": today}).fetchall()
            ), change
        gone = admin.execute("SELECT count(*) FROM central.clock_tallies WHERE clocks = 0")
        assert gone.fetchone() == (0,)
