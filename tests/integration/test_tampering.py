"""Tampering with a counter's store behind the application's back, as whoever holds the file
could: each is caught by `verify` (the service and the command), named by case in an auditor's
words, and one never hides another. Real SQLite files, real processes for the command line."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.events import EVENT_FIELDS
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo_people import demo_person, demo_step_record
from app.services.time_source import FixedClock
from tests.integration.cli_runner import run_all
from tests.integration.store_harness import CHIEF, CLERK, FOOD, NOW
from tests.stores import rehashed

SURVEY = demo_step_record(date(2026, 11, 2))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=FixedClock(NOW))
    yield services
    services.close()


def receive(services: Services, seed: int) -> str:
    person = demo_person(random.Random(seed))
    materials = [m.name for m in services.catalog.item(FOOD).required_materials]
    return services.cases.receive(CLERK, FOOD, person, materials, Accept()).case.case_no


def denied(services: Services, seed: int) -> str:
    case_no = receive(services, seed)
    services.cases.complete_step(CLERK, case_no, 1, form=SURVEY)
    services.cases.decide(CHIEF, case_no, approved=False, reason="场所不符合要求")
    return case_no


def findings(services: Services) -> list[tuple[str | None, str]]:
    return [(f.case_no, str(f.problem)) for f in services.cases.verify()]


def of_cases(services: Services) -> list[tuple[str | None, str]]:
    """The findings that name a case (the dropped triggers every tampering here needs aside)."""
    return [(case_no, problem) for case_no, problem in findings(services) if case_no]


Row = dict[str, Any]


def edit(database: Path, case_no: str, change: Callable[[list[Row]], list[Row]]) -> None:
    """Rewrite a case's events through `change` and re-hash the chain from its start, as a
    tamperer who knows the hashing does; the summary is left as it was."""
    with closing(sqlite3.connect(database)) as raw, raw:
        raw.row_factory = sqlite3.Row
        drop_guards(raw)
        case_id = case_id_of(raw, case_no)
        columns = ", ".join(EVENT_FIELDS)
        rows = [
            dict(row)
            for row in raw.execute(
                f"SELECT {columns} FROM events WHERE case_id = ? ORDER BY position", (case_id,)
            )
        ]
        raw.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
        previous = "0" * 64
        for row in change(rows):
            row["prev_hash"] = previous
            previous = rehashed(row)
            raw.execute(
                f"INSERT INTO events ({columns}) VALUES ({', '.join('?' * len(row))})",
                [row[name] for name in EVENT_FIELDS],
            )


def sql(database: Path, statement: str, *args: object) -> None:
    with closing(sqlite3.connect(database)) as raw, raw:
        drop_guards(raw)
        raw.execute(statement, args)
        assert raw.total_changes >= 1


def drop_guards(raw: sqlite3.Connection) -> None:
    raw.execute("DROP TRIGGER IF EXISTS events_no_update")
    raw.execute("DROP TRIGGER IF EXISTS events_no_delete")


def case_id_of(raw: sqlite3.Connection, case_no: str) -> str:
    query = "SELECT case_id FROM case_summaries WHERE case_no = ?"
    return str(raw.execute(query, (case_no,)).fetchone()[0])


def payload_edit(position: int, **fields: Any) -> Callable[[list[Row]], list[Row]]:
    def change(rows: list[Row]) -> list[Row]:
        payload = json.loads(rows[position - 1]["payload"])
        payload.update(fields)
        rows[position - 1]["payload"] = json.dumps(payload, ensure_ascii=False)
        return rows

    return change


# ----------------------------------------------------------------------------------------


def test_an_untouched_store_has_no_finding(services: Services) -> None:
    receive(services, 1)
    denied(services, 2)
    assert findings(services) == []


def test_dropped_append_only_triggers_are_named(services: Services) -> None:
    receive(services, 1)
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        drop_guards(raw)
    assert findings(services) == [
        (None, "只追加保护（触发器 events_no_update）已被删除：记录可被改写或删除而不报错"),
        (None, "只追加保护（触发器 events_no_delete）已被删除：记录可被改写或删除而不报错"),
    ]


def test_an_event_changed_and_rehashed_is_caught_by_the_summary(services: Services) -> None:
    case_no = receive(services, 1)
    receipt = json.loads(services.cases.detail(CLERK, case_no).case.events[0].payload_json)
    receipt["applicant"]["name"] = "冒名顶替"
    edit(services.paths.database, case_no, payload_edit(1, applicant=receipt["applicant"]))
    ((named, problem),) = of_cases(services)
    assert named == case_no
    assert problem.startswith("摘要的申请人与记录重演的结果不符")


def test_a_denial_turned_into_an_approval_and_rehashed_is_caught(services: Services) -> None:
    untouched, case_no = receive(services, 1), denied(services, 2)
    edit(services.paths.database, case_no, payload_edit(4, approved=True))
    assert services.cases.detail(CLERK, case_no).case.status.value == "approved"  # it reads so
    ((named, problem),) = of_cases(services)
    assert named == case_no != untouched
    assert "办理状态" in problem and "重新计算了哈希" in problem


def test_a_whole_case_deleted_is_named_by_its_number(services: Services) -> None:
    numbers = [receive(services, seed) for seed in range(3)]
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        drop_guards(raw)
        case_id = case_id_of(raw, numbers[1])
        raw.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
        raw.execute("DELETE FROM case_summaries WHERE case_id = ?", (case_id,))
    assert of_cases(services) == [
        (numbers[1], "此编号已由本终端发出，但本机既无其记录也无其摘要：整件办件被删除")
    ]


def test_a_case_whose_events_were_deleted_is_named_and_lists_go_on(services: Services) -> None:
    numbers = [receive(services, seed) for seed in range(3)]
    database = services.paths.database
    sql(
        database,
        "DELETE FROM events WHERE case_id = (SELECT case_id FROM case_summaries WHERE case_no = ?)",
        numbers[0],
    )
    assert of_cases(services) == [(numbers[0], "只剩摘要，全部记录已被删除")]
    listed = {e.summary.case_no: e.deadline for e in services.cases.list_cases(CLERK)}
    assert set(listed) == set(numbers)
    assert listed[numbers[0]] is None and listed[numbers[1]] is not None
    (listing,) = run_all(database.parent, ["case", "list"])
    assert listing.code == 0, listing.err
    lines = {line.split()[0]: line for line in listing.out.splitlines()}
    assert set(lines) == set(numbers)
    assert "记录缺失或无法读取，请运行 onewindow verify" in lines[numbers[0]]
    (show,) = run_all(database.parent, ["case", "show", numbers[0]])
    assert show.code == 1 and show.out == ""
    assert show.err.strip().splitlines() == [
        f"错误：办件 {numbers[0]} 的记录缺失或无法读取，请运行 onewindow verify 查明"
    ]


def test_a_summary_edited_without_its_events_is_caught(services: Services) -> None:
    case_no = denied(services, 1)
    sql(
        services.paths.database,
        "UPDATE case_summaries SET status = 'approved', applicant_name = '张三' WHERE case_no = ?",
        case_no,
    )
    assert of_cases(services) == [
        (
            case_no,
            "摘要的申请人、办理状态与记录重演的结果不符：摘要被改动，或记录被改动后重新计算了哈希",
        )
    ]


def test_a_forged_event_appended_at_the_end_is_caught(services: Services) -> None:
    case_no = receive(services, 1)

    def forge(rows: list[Row]) -> list[Row]:
        withdrawal = {
            **rows[-1],
            "id": str(uuid4()),
            "position": len(rows) + 1,
            "kind": "withdrawn",
            "payload": json.dumps({"reason": "申请人撤回"}, ensure_ascii=False),
        }
        return [*rows, withdrawal]

    edit(services.paths.database, case_no, forge)
    assert of_cases(services) == [
        (case_no, "摘要记有2条记录，实有3条：多出的记录可能是伪造后追加的")
    ]


def test_bad_json_and_an_unknown_kind_are_named_and_hide_no_second_tampering(
    services: Services,
) -> None:
    bad_json, unknown, bad_time, edited = (receive(services, seed) for seed in range(4))
    database = services.paths.database

    def unreadable(rows: list[Row]) -> list[Row]:
        rows[1]["payload"] = '{"materials": ['
        return rows

    def newer_kind(rows: list[Row]) -> list[Row]:
        rows[1]["kind"] = "audited_by_robot"
        return rows

    edit(database, bad_json, unreadable)
    edit(database, unknown, newer_kind)
    sql(
        database,
        "UPDATE events SET at = 'yesterday' WHERE position = 2 AND case_id = "
        "(SELECT case_id FROM case_summaries WHERE case_no = ?)",
        bad_time,
    )
    sql(database, "UPDATE case_summaries SET window = 'Z99' WHERE case_no = ?", edited)

    found = services.cases.verify()
    by_case: dict[str | None, list[tuple[str, bool]]] = {}
    for finding in found:
        by_case.setdefault(finding.case_no, []).append((str(finding.problem), finding.broken))
    assert by_case[bad_json][0] == ("第2条记录（accepted）内容无法读取：内容不是有效的JSON", True)
    assert by_case[unknown][0] == (
        "第2条记录（audited_by_robot）内容无法读取：本版本不认识此类记录",
        False,  # a newer version's kind: named, no damage by itself
    )
    assert by_case[bad_time] == [("第2条记录无法读取（字段格式不符），可能被改动", True)]
    assert by_case[edited][0][0].startswith("摘要的窗口与记录重演的结果不符")

    (verify,) = run_all(database.parent, ["verify"])
    assert verify.code == 1
    assert "Traceback" not in verify.err
    for case_no in (bad_json, unknown, bad_time, edited):
        assert f"办件 {case_no}" in verify.err
    assert f"办件 {unknown}（提示）：" in verify.err
    assert "本机数据库：只追加保护（触发器 events_no_update）已被删除" in verify.err
