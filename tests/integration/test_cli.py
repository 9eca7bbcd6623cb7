"""`python -m app …` as an administrator runs it: each command in its own process on one
ONEWINDOW_HOME. Commands that do not depend on each other run side by side, in rounds."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.paths import Paths
from tests.integration.cli_runner import Run, run_all

ROOT = Path(__file__).resolve().parents[2]
#: A whole resident ID number: 17 digits and a check character, standing alone.
WHOLE_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
YEAR_2027 = {
    "year": 2027,
    "source": "测试用：2027年节假日安排（仅含元旦）",
    "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}],
    "working_weekends": [],
}


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh home, set up once before the commands race for it."""
    home = tmp_path_factory.mktemp("onewindow-home")
    bootstrap(Paths(home, home, home / "logs")).close()
    return home


@pytest.fixture(scope="module")
def first(home: Path) -> dict[str, Run]:
    names = ("search", "due", "due_2027", "bad_date", "missing_case", "demo")
    runs = run_all(
        home,
        ["catalog", "search", "yyzz", "--json"],
        ["calendar", "due", "2026-09-30", "1"],
        ["calendar", "due", "2026-12-15", "20"],
        ["calendar", "due", "2026-13-01", "3"],
        ["case", "show", "000000-00-000"],
        ["demo-data", "--cases", "50"],
    )
    return dict(zip(names, runs, strict=True))


@pytest.fixture(scope="module")
def second(home: Path, first: dict[str, Run]) -> dict[str, Run]:
    schedule = home / "2027.json"
    schedule.write_text(json.dumps(YEAR_2027, ensure_ascii=False), encoding="utf-8")
    names = ("load", "list", "in_progress", "verify", "list_text")
    runs = run_all(
        home,
        ["calendar", "load", str(schedule)],
        ["case", "list", "--json"],
        ["case", "list", "--state", "in_progress", "--json"],
        ["verify"],
        ["case", "list"],
    )
    return dict(zip(names, runs, strict=True))


@pytest.fixture(scope="module")
def third(home: Path, second: dict[str, Run]) -> dict[str, Run]:
    shown = [entry["case_no"] for entry in second["in_progress"].json()[:1]]
    runs = run_all(
        home,
        ["calendar", "due", "2026-12-15", "20"],
        *(["case", "show", case_no, "--json"] for case_no in shown),
        *(["case", "show", case_no] for case_no in shown),
    )
    return {"due_2027": runs[0]} | {" ".join(run.args[1:]): run for run in runs[1:]}


@pytest.fixture(scope="module")
def tampered(home: Path, third: dict[str, Run]) -> tuple[str, Run]:
    """One case's receipt edited in the file behind the application's back."""
    case_no = next(name.split()[1] for name in third if name.startswith("show"))
    with closing(sqlite3.connect(home / "onewindow.sqlite3")) as raw, raw:
        raw.execute("DROP TRIGGER events_no_update")
        raw.execute(
            "UPDATE events SET payload = replace(payload, ?, ?) WHERE position = 1 AND "
            "case_id = (SELECT case_id FROM case_summaries WHERE case_no = ?)",
            ('"name":"', '"name":"冒名', case_no),  # the applicant's name, someone else's now
        )
        assert raw.total_changes == 1
    (verify,) = run_all(home, ["verify"])
    return case_no, verify


# ---------------------------------------------------------------------------- catalog


def test_catalog_search_prints_json_best_first(first: dict[str, Run]) -> None:
    items = first["search"].json()
    assert isinstance(items, list) and items
    assert "营业执照" in items[0]["name"]
    assert {"code", "name", "department", "materials", "flow"} <= set(items[0])


# --------------------------------------------------------------------------- calendar


def test_calendar_due_counts_working_days_over_national_day(first: dict[str, Run]) -> None:
    run = first["due"]
    assert (run.code, run.out.strip(), run.err) == (0, "2026-10-08", "")


def test_calendar_due_into_an_unloaded_year_warns(first: dict[str, Run]) -> None:
    run = first["due_2027"]
    assert (run.code, run.out.strip()) == (0, "2027-01-12")
    assert "2027年的节假日安排尚未加载" in run.err


def test_a_loaded_year_is_counted_and_no_longer_warned_about(
    second: dict[str, Run], third: dict[str, Run]
) -> None:
    load = second["load"]
    assert load.code == 0, load.err
    assert "已加载2027年节假日安排：1天假日，0天调休上班" in load.out
    due = third["due_2027"]
    assert (due.code, due.out.strip(), due.err) == (0, "2027-01-13", "")  # 元旦 2027 is off


def test_a_date_that_does_not_exist_is_a_usage_error(first: dict[str, Run]) -> None:
    run = first["bad_date"]
    assert run.code == 2
    assert "2026-13-01" in run.err and run.out == ""


# ------------------------------------------------------------------------------ cases

#: The codes of states, clock levels and event kinds: for JSON, never for people to read.
CODES = re.compile(
    r"\b(received|accepted|awaiting_correction|in_progress|suspended|approved|denied|issued"
    r"|picked_up|refused|withdrawn|on_time|warning|overdue|done|done_late|waiting|notice_late"
    r"|closed|step_completed|decided|extended)\b"
)


def test_people_read_chinese_titles_not_codes(
    first: dict[str, Run], second: dict[str, Run], third: dict[str, Run]
) -> None:
    demo, listing = first["demo"].out, second["list_text"].out
    [shown] = [
        run.out for name, run in third.items() if name.startswith("show ") and "--json" not in name
    ]
    for text in (demo, listing, shown):
        assert not CODES.search(text), CODES.search(text)
    assert "办理中" in demo and "办理中" in listing
    assert "状态      办理中" in shown and "受理" in shown and "接件" in shown
    assert "应于 " in shown and "前办结" in shown


def test_only_a_running_clock_has_a_due_date(second: dict[str, Run]) -> None:
    """Not accepted: the Art. 32 notice date; closed: how and when; running: the due date."""
    for case in second["list"].json():
        running = case["status"] in ("in_progress", "suspended")
        assert (case["due_date"] is not None) == running, case
        if case["status"] in ("received", "awaiting_correction"):
            assert case["phase"] in ("intake", "correction") and case["days_overdue"] == 0
        if case["status"] in ("refused", "withdrawn", "denied", "issued", "picked_up"):
            assert case["phase"] == "stopped" and case["stopped_on"], case
            assert case["closed_as"] is not None


def test_demo_data_fills_the_store(first: dict[str, Run], second: dict[str, Run]) -> None:
    assert first["demo"].code == 0, first["demo"].err
    assert "已生成 50 件演示办件" in first["demo"].out
    cases = second["list"].json()
    assert len(cases) == 50
    assert len({c["case_no"] for c in cases}) == 50
    assert len({c["status"] for c in cases}) >= 5
    assert not WHOLE_ID.search(second["list"].out)


def test_case_list_filters_by_state(second: dict[str, Run]) -> None:
    everything = second["list"].json()
    in_progress = second["in_progress"].json()
    assert in_progress
    assert {c["status"] for c in in_progress} == {"in_progress"}
    assert len(in_progress) == sum(c["status"] == "in_progress" for c in everything)


def test_case_show_prints_the_case_with_masked_id_numbers(third: dict[str, Run]) -> None:
    shown = [run for name, run in third.items() if name.endswith("--json")]
    assert len(shown) == 1
    for run in shown:
        case = run.json()
        assert case["case_no"] == run.args[2]
        assert case["status"] == "in_progress"
        assert [e["position"] for e in case["events"]] == list(range(1, len(case["events"]) + 1))
        assert case["events"][0]["kind"] == "received"
        assert "********" in case["applicant_id"]
        assert "********" in case["events"][0]["payload"]["applicant"]["id_number"]
        assert not WHOLE_ID.search(run.out)


def test_a_missing_case_is_refused_in_one_chinese_line(first: dict[str, Run]) -> None:
    run = first["missing_case"]
    assert run.code == 1 and run.out == ""
    assert run.err.strip().splitlines() == ["错误：没有编号为 000000-00-000 的办件"]


# ----------------------------------------------------------------------------- verify


def test_verify_passes_on_an_untouched_store(second: dict[str, Run]) -> None:
    run = second["verify"]
    assert (run.code, run.err) == (0, "")
    assert "全部办件的记录、摘要与编号完整" in run.out


def test_verify_fails_naming_the_tampered_case(tampered: tuple[str, Run]) -> None:
    case_no, run = tampered
    assert run.code == 1
    guard, case = run.err.strip().splitlines()
    assert guard.startswith("本机数据库：只追加保护（触发器 events_no_update）已被删除")
    assert case.startswith(f"办件 {case_no}：第1条记录")
