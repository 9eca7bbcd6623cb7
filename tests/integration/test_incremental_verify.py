"""`verify --since-last`: what was written after the last clean check is checked as the full
`verify` checks it, with the cheap whole-store checks; an old event re-hashed in place is
left to the full check (`app.services.incremental_audit` says why). Real SQLite files."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from uuid import uuid4

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.events import EVENT_FIELDS
from app.domain.messages import msg
from app.paths import Paths
from app.services.incremental_audit import VERIFIED_THROUGH
from app.services.time_source import FixedClock
from app.storage.store_health import StoreError
from tests.integration.cli_runner import run_all
from tests.integration.test_tampering import NOW, case_id_of, drop_guards, payload_edit, receive
from tests.stores import rehashed

COLUMNS = ", ".join(EVENT_FIELDS)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=FixedClock(NOW))
    yield services
    services.close()


def quick(services: Services) -> list[tuple[str | None, str]]:
    return [(f.case_no, str(f.problem)) for f in services.cases.verify(since_last=True)]


def mark(services: Services) -> str | None:
    """The mark of the last clean check, as stored."""
    with closing(sqlite3.connect(services.paths.database)) as raw:
        query = "SELECT value FROM sync_marks WHERE name = ?"
        row = raw.execute(query, (VERIFIED_THROUGH,)).fetchone()
    return None if row is None else str(row[0])


def rows_of(raw: sqlite3.Connection, case_no: str) -> list[dict[str, object]]:
    raw.row_factory = sqlite3.Row
    query = f"SELECT {COLUMNS} FROM events WHERE case_id = ? ORDER BY position"
    return [dict(row) for row in raw.execute(query, (case_id_of(raw, case_no),))]


def append_forged(database: Path, case_no: str) -> None:
    """A withdrawal chained and hashed onto the case's last event: an INSERT the append-only
    triggers allow."""
    with closing(sqlite3.connect(database)) as raw, raw:
        rows = rows_of(raw, case_no)
        forged: dict[str, object] = {
            **rows[-1],
            "id": str(uuid4()),
            "position": len(rows) + 1,
            "kind": "withdrawn",
            "payload": json.dumps({"reason": "申请人撤回"}, ensure_ascii=False),
            "prev_hash": rows[-1]["hash"],
        }
        rehashed(forged)
        values = ", ".join("?" * len(EVENT_FIELDS))
        raw.execute(
            f"INSERT INTO events ({COLUMNS}) VALUES ({values})",
            [forged[name] for name in EVENT_FIELDS],
        )


def rehash_in_place(database: Path, case_no: str) -> None:
    """The receipt's applicant renamed, every event re-hashed by UPDATE (the triggers dropped
    and put back), the summary left: nothing moves in the log's order or count."""
    with closing(sqlite3.connect(database)) as raw, raw:
        query = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
        guards = [sql for (sql,) in raw.execute(query)]
        drop_guards(raw)
        rows = rows_of(raw, case_no)
        applicant = json.loads(str(rows[0]["payload"]))["applicant"]
        rows = payload_edit(1, applicant={**applicant, "name": "冒名顶替"})(rows)
        previous = "0" * 64
        for row in rows:
            row["prev_hash"] = previous
            previous = rehashed(row)
            raw.execute(
                "UPDATE events SET payload = ?, digest = ?, prev_hash = ?, hash = ? WHERE id = ?",
                (row["payload"], row["digest"], row["prev_hash"], row["hash"], row["id"]),
            )
        for sql in guards:
            raw.execute(sql)


def test_a_clean_check_leaves_a_mark_and_the_quick_check_reads_only_what_came_after(
    services: Services,
) -> None:
    receive(services, 1)
    assert services.cases.verify() == []
    assert mark(services) == "2/2"  # a receipt and its acceptance
    receive(services, 2)
    assert quick(services) == []
    assert mark(services) == "4/4"


def test_a_forged_event_appended_after_the_mark_is_caught_incrementally(
    services: Services,
) -> None:
    case_no = receive(services, 1)
    assert services.cases.verify() == []
    append_forged(services.paths.database, case_no)
    assert quick(services) == [(case_no, "摘要记有2条记录，实有3条：多出的记录可能是伪造后追加的")]
    assert mark(services) == "2/2"  # a broken check moves no mark


def test_a_case_written_after_the_mark_and_rewritten_is_named(services: Services) -> None:
    receive(services, 1)
    assert services.cases.verify() == []
    later = receive(services, 2)
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        drop_guards(raw)
        raw.execute(
            "UPDATE events SET payload = '{}' WHERE case_id = ? AND position = 2",
            (case_id_of(raw, later),),
        )
    found = quick(services)
    assert (
        None,
        "只追加保护（触发器 events_no_update）已被删除：记录可被改写或删除而不报错",
    ) in found
    assert {case_no for case_no, _ in found if case_no} == {later}


def test_an_old_event_deleted_is_told_by_the_count(services: Services) -> None:
    old = receive(services, 1)
    assert services.cases.verify() == []
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        drop_guards(raw)
        case_id = case_id_of(raw, old)
        raw.execute("DELETE FROM events WHERE case_id = ? AND position = 2", (case_id,))
        raw.execute("UPDATE case_summaries SET events = 1 WHERE case_id = ?", (case_id,))
    assert (
        None,
        "上次校验时已有2条记录，如今其中有1条：旧记录被删除或插入，请运行完整校验",
    ) in quick(services)


def test_an_old_case_deleted_whole_is_named_by_its_number(services: Services) -> None:
    old, kept = receive(services, 1), receive(services, 2)
    assert services.cases.verify() == []
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        drop_guards(raw)
        case_id = case_id_of(raw, old)
        raw.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
        raw.execute("DELETE FROM case_summaries WHERE case_id = ?", (case_id,))
    found = quick(services)
    assert (old, "此编号已由本终端发出，但本机既无其记录也无其摘要：整件办件被删除") in found
    assert kept not in {case_no for case_no, _ in found}


def test_an_old_event_rehashed_in_place_is_left_to_the_full_check(services: Services) -> None:
    old = receive(services, 1)
    assert services.cases.verify() == []
    rehash_in_place(services.paths.database, old)
    assert quick(services) == []  # what the quick check cannot see (its docstring says so)
    ((named, problem),) = [(f.case_no, str(f.problem)) for f in services.cases.verify()]
    assert named == old and problem.startswith("摘要的")


def test_without_a_mark_the_quick_check_is_the_full_one(services: Services) -> None:
    case_no = receive(services, 1)
    append_forged(services.paths.database, case_no)
    assert quick(services) == [(case_no, "摘要记有2条记录，实有3条：多出的记录可能是伪造后追加的")]


def test_the_command_runs_the_quick_check(services: Services) -> None:
    case_no = receive(services, 1)
    home = services.paths.database.parent
    (full,) = run_all(home, ["verify"])
    assert full.code == 0, full.err
    append_forged(services.paths.database, case_no)
    (since,) = run_all(home, ["verify", "--since-last"])
    assert since.code == 1 and "Traceback" not in since.err
    assert f"办件 {case_no}：摘要记有2条记录，实有3条" in since.err


def test_the_mark_is_left_only_when_the_pages_hold_as_well(services: Services) -> None:
    """The pages are checked beside the cases: whole chains over pages that do not hold
    leave no mark, and the pages' words are what is told."""
    receive(services, 1)
    damaged = msg("本机数据库文件已损坏（测试）")
    with pytest.raises(StoreError) as told:
        services.cases.verify(pages=lambda: damaged)
    assert told.value.message == damaged
    assert mark(services) is None
    assert services.cases.verify(pages=services.store_care.page_problems) == []
    assert mark(services) == "2/2"


def test_a_case_read_from_a_damaged_page_is_told_as_the_page_s(services: Services) -> None:
    """The summaries' first page overwritten: reading the cases fails on it, and what is
    told is the page check's finding, not the read's error nor a case's."""
    receive(services, 1)
    database = services.paths.database
    services.close()
    with closing(sqlite3.connect(database)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        [(root, page_size)] = raw.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size)"
            " FROM sqlite_master WHERE name = 'case_summaries'"
        ).fetchall()
    with database.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xff" * 64)
    reopened = bootstrap(services.paths, clock=FixedClock(NOW))
    try:
        with pytest.raises(StoreError, match="已损坏") as told:
            reopened.cases.verify(pages=reopened.store_care.page_problems)
        assert told.value.message == reopened.store_care.page_problems()
    finally:
        reopened.close()
