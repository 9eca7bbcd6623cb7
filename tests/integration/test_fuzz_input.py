"""Fuzzing (hypothesis) every command of `onewindow` and every column of the catalog sheet:
no input ends in a traceback, and every refusal names the field it is about.

The commands run in this process (`main()`, output captured) on one store, a bounded number of
examples each, so that the whole module takes about a minute on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from app.bootstrap import bootstrap
from app.cli.main import _parser
from app.domain.catalog import Department, Item
from app.paths import Paths, resources_dir
from app.services.catalog_sheet import COLUMNS, OPTIONAL_COLUMNS, read_sheet, write_sheet
from tests.integration.cli_calls import call

#: Commands the fuzz leaves out, and why.
LEFT_OUT = {
    ("central", "start"): "starts a PostgreSQL server (its --port is a bounded() argument)",
}
#: Arguments added so that a command ends by itself: one round, no waiting for a card.
ENDING = {
    ("sync",): ["--once"],
    ("central", "supervise"): ["--once"],
    ("card", "read"): ["--timeout", "0"],
}
FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as a shell could pass it: anything but NUL, and bytes the locale could not decode.
hostile_text = st.one_of(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["", " ", "-", "--", "\udcff\udcfe", "٣", "１２", "0x10", "1e400", "名" * 300]),
)
hostile_number = st.one_of(
    st.integers(-3, 3).map(str),
    st.integers(10**6 + 1, 10**40).map(str),
    st.integers(-(10**40), -1).map(str),
    st.sampled_from(["nan", "inf", "-inf", "NaN", "Infinity", "1e999", "2.5", "-0"]),
)
hostile_date = st.one_of(
    st.dates().map(lambda day: day.isoformat()), st.sampled_from(["9999-12-31", "0001-01-01"])
)


def leaf_commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command of `onewindow` with its parser, from the parser itself."""
    found: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []

    def walk(path: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subcommands and path and path not in LEFT_OUT:
            found.append((path, parser))
        for action in subcommands:
            for name, sub in action.choices.items():
                walk((*path, name), sub)

    walk((), _parser())
    return found


COMMANDS = leaf_commands()


def value_for(action: argparse.Action, files: list[str]) -> st.SearchStrategy[str]:
    if action.choices is not None:
        return st.one_of(st.sampled_from([str(c) for c in action.choices]), hostile_text)
    name = getattr(action.type, "__name__", "")
    if action.metavar == "START_DATE":
        return st.one_of(hostile_date, hostile_text)
    if name in ("int", "float"):
        return st.one_of(hostile_number, hostile_text)
    if action.dest in ("file", "output"):
        return st.one_of(st.sampled_from(files), hostile_text)
    return hostile_text


@st.composite
def command_lines(
    draw: st.DrawFn, path: tuple[str, ...], parser: argparse.ArgumentParser, files: list[str]
) -> list[str]:
    argv = list(path)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # positional: mostly given, sometimes left out
            if draw(st.integers(0, 9)):
                argv.append(draw(value_for(action, files)))
            continue
        if not draw(st.booleans()):
            continue
        argv.append(draw(st.sampled_from(action.option_strings)))
        if action.nargs != 0:
            argv.append(draw(value_for(action, files)))
    return [*argv, *ENDING.get(path, [])]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store with a few demo cases, and the working folder for the files commands write."""
    home = tmp_path_factory.mktemp("fuzz-home")
    bootstrap(Paths(home, home, home / "logs")).close()
    assert call(home, "demo-data", "--cases", "20").code == 0
    before = Path.cwd()
    os.chdir(home)
    yield home
    os.chdir(before)


@pytest.fixture(scope="module")
def files(home: Path) -> list[str]:
    """Files a command may be given: a real sheet and schedule, and things that are neither."""
    sheet = home / "sheet.xlsx"
    assert call(home, "catalog", "export", str(sheet)).code == 0
    schedule = home / "2030.json"
    schedule.write_text(
        json.dumps({"year": 2030, "source": "测试", "holidays": [], "working_weekends": []}),
        encoding="utf-8",
    )
    text = home / "text.xlsx"
    text.write_text('{"year": 2031}', encoding="utf-8")
    array = home / "array.json"
    array.write_text("[[[]]]", encoding="utf-8")
    return [str(sheet), str(schedule), str(text), str(array), str(home), os.devnull, "missing"]


@pytest.mark.parametrize(("path", "parser"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_no_command_line_ends_in_a_traceback(
    home: Path, files: list[str], path: tuple[str, ...], parser: argparse.ArgumentParser
) -> None:
    names = {
        *(option for action in parser._actions for option in action.option_strings),
        *(str(action.metavar or action.dest) for action in parser._actions),
    }

    @FUZZ
    @given(command_lines(path, parser, files))
    def check(argv: list[str]) -> None:
        run = call(home, *argv)  # an exception here is the traceback a person would see
        assert run.code in (0, 1, 2), run
        assert "Traceback" not in run.err
        if run.code == 2:  # mistyped: argparse or the argument check names what was wrong
            assert "error:" in run.err
            assert any(name in run.err for name in names) or (
                "unrecognized arguments" in run.err or "个参数" in run.err
            ), run.err
        elif run.code == 1:
            assert run.err.strip() or run.out.strip(), run  # a reason, not silence

    check()


# ------------------------------------------------------------------ sheet columns

#: What a refusal of a column's value may name besides the column itself.
NAMED_AS = {
    "大厅": ("大厅",),
    "办件类型": ("办件类型", "即办件", "上报件", "联办件"),
    "办理流程": ("流程", "环节"),
    "一表制子事项": ("子事项",),
}
cell_values = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=300),
    st.text(st.sampled_from("0123456789.-eE｜\n计时窗口人员初审受理缴费出证办结"), max_size=40),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 1, 1)),
)


@pytest.fixture(scope="module")
def one_item_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = resources_dir() / "catalog"
    departments = [
        Department.from_dict(d)
        for d in json.loads((folder / "departments.json").read_text(encoding="utf-8"))
    ]
    items = [Item.from_dict(i) for i in json.loads((folder / "items.json").read_text("utf-8"))]
    item = next(i for i in items if i.code == "SCJG-XK-001")
    sheet = tmp_path_factory.mktemp("sheet") / "one.xlsx"
    write_sheet(sheet, [item], {d.code: d for d in departments})
    assert read_sheet(sheet) == ([(2, item)], [])
    return sheet


@pytest.mark.parametrize("column", [*COLUMNS, *OPTIONAL_COLUMNS])
def test_no_cell_value_ends_in_a_traceback_and_a_refusal_names_its_column(
    one_item_sheet: Path, tmp_path: Path, column: str
) -> None:
    words = NAMED_AS.get(column, (column,))

    @FUZZ
    @given(cell_values)
    def check(value: Any) -> None:
        book = load_workbook(one_item_sheet)
        rows = book.active
        assert rows is not None
        titles = [cell.value for cell in rows[1]]
        rows.cell(2, titles.index(column) + 1).value = value
        changed = tmp_path / "changed.xlsx"
        book.save(changed)
        items, problems = read_sheet(changed)
        assert len(items) + len(problems) == 1, (items, problems)
        for row, reason in problems:
            assert row == 2 and any(word in str(reason) for word in words), (value, str(reason))

    check()
