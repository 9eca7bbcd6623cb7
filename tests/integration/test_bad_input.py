"""Bad input, everywhere (issue 14 §6): each command that once ended in a traceback now says
what is wrong in one line, naming the field; catalog values have a type and a range; an export
holds no formula; three `demo-data` at once take turns."""

from __future__ import annotations

import os
import select
import sqlite3
import subprocess
import sys
import time
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.bootstrap import bootstrap
from app.cli.main import DEMO_WAITING
from app.paths import Paths
from app.services.demo import one_demo_writer
from tests.integration.cli_calls import call
from tests.integration.cli_runner import ROOT, Run

#: The formula a spreadsheet would run when the exported file is opened.
FORMULA = "=cmd|' /C calc'!A0"


def new_home(folder: Path) -> Path:
    bootstrap(Paths(folder, folder, folder / "logs")).close()
    return folder


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_home(tmp_path_factory.mktemp("bad-input"))


def refused(run: Run, *words: str) -> str:
    """The one-line reason of a refused command (exit 1 or 2), with no traceback."""
    assert run.code in (1, 2), (run.code, run.out, run.err)
    assert "Traceback" not in run.err and "Error:" not in run.err, run.err
    for word in words:
        assert word in run.err, (word, run.err)
    return run.err


# ------------------------------------------------------------------------ commands


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("calendar", "due", "2026-09-30", "3000000"), ("DAYS", "0至10000")),
        (("calendar", "due", "9999-12-31", "1"), ("超出日历范围",)),
        (("case", "show", "\udcff\udcfe"), ("第3个参数", "无法识别的字符")),
        (("case", "list", "--limit", "99999999999999999999"), ("--limit", "1至1000000")),
        (("catalog", "search", "x", "--limit", "-1"), ("--limit",)),
        (("demo-data", "--cases", "1e400"), ("--cases", "不是整数")),
        (("print", "status", "--printer", "tcp:" + "a" * 300), ("不是 IPv4 地址或主机名",)),
        (
            ("central", "add-center", "--code", "bad code", "--name", "某中心", "--level", "city"),
            ("--code", "中心代码"),
        ),  # fmt: skip
        (
            (
                "central",
                "add-center",
                "--code",
                "c1",
                "--name",
                "某",
                "--level",
                "city",
                "--url",
                "not a url",
            ),
            ("--url", "不是数据库地址"),
        ),  # fmt: skip
        (("central", "add-counter", "--center", "c1", "--terminal", "1000"), ("--terminal",)),
        (("sync", "--interval", "nan"), ("--interval",)),
        (("central", "supervise", "--once", "--interval", "inf"), ("--interval",)),
        (("card", "read", "--simulator", "zhang", "--timeout", "-1"), ("--timeout",)),
    ],
)
def test_a_bad_argument_is_refused_naming_it(home: Path, args: tuple[str, ...], words: tuple[str, ...]) -> None:  # fmt: skip
    refused(call(home, *args), *words)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("[1, 2]", ("JSON对象", "列表")),
        ("[" * 100_000 + "]" * 100_000, ("嵌套过深",)),
        ('"2026"', ("JSON对象",)),
        (
            '{"year": 99999999999999999999, "source": "x", "holidays": [], "working_weekends": []}',
            ("年份", "2000至2200"),
        ),
    ],
)
def test_calendar_load_of_what_is_no_schedule_is_refused(
    home: Path, tmp_path: Path, content: str, words: tuple[str, ...]
) -> None:
    file = tmp_path / "2027.json"
    file.write_text(content, encoding="utf-8")
    refused(call(home, "calendar", "load", str(file)), *words)


def test_a_case_number_of_undecodable_bytes_from_a_real_shell(home: Path) -> None:
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"app", b"case", b"show", b"\xff\xfe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "Traceback" not in err
    assert "无法识别的字符" in err


# ------------------------------------------------------------------ catalog sheets


def exported(home: Path, folder: Path) -> Path:
    sheet = folder / "事项清单.xlsx"
    assert call(home, "catalog", "export", str(sheet)).code == 0
    return sheet


def with_cells(sheet: Path, changes: dict[tuple[int, str], object]) -> Path:
    """The sheet with cells (row, column title) changed."""
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    column = {cell.value: cell.column for cell in rows[1]}
    for (row, title), value in changes.items():
        rows.cell(row, column[title]).value = value
    changed = sheet.with_name("changed.xlsx")
    book.save(changed)
    return changed


def with_nan_fee(sheet: Path) -> Path:
    """A numeric NaN in row 2's fee, as other spreadsheet writers store it (openpyxl cannot)."""
    marked = with_cells(sheet, {(2, "收费金额"): 12345.678})
    nan = sheet.with_name("nan.xlsx")
    with zipfile.ZipFile(marked) as source, zipfile.ZipFile(nan, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                assert b"<v>12345.678</v>" in data
                data = data.replace(b"<v>12345.678</v>", b"<v>NaN</v>")
            target.writestr(entry, data)
    return nan


def not_a_workbook(tmp_path: Path, kind: str, home: Path) -> Path:
    if kind == "directory":
        return tmp_path
    if kind == "/dev/null":
        return Path(os.devnull)
    file = tmp_path / f"{kind}.xlsx"
    if kind == "text":
        file.write_text("事项编码,事项名称\n", encoding="utf-8")
    elif kind == "empty":
        file.write_bytes(b"")
    else:  # truncated
        whole = exported(home, tmp_path).read_bytes()
        file.write_bytes(whole[: len(whole) // 2])
    return file


@pytest.mark.parametrize("kind", ["text", "empty", "truncated", "directory", "/dev/null"])
def test_a_file_that_is_no_workbook_is_refused(home: Path, tmp_path: Path, kind: str) -> None:
    refused(
        call(home, "catalog", "import", str(not_a_workbook(tmp_path, kind, home))),
        "不是 Excel 事项表",
    )


@pytest.mark.parametrize(
    ("title", "value", "words"),
    [
        ("收费金额", "Infinity", ("第2行", "收费金额", "Infinity")),
        ("收费金额", "0.001", ("第2行", "收费金额", "两位小数")),
        ("楼层", 10**20, ("第2行", "楼层", "-9至200")),
        ("法定时限", 20.7, ("第2行", "法定时限", "20.7")),
        ("承诺时限", True, ("第2行", "承诺时限")),
        ("申请材料", "申请书｜必需｜原件｜" + "1" * 24, ("第2行", "申请材料份数", "1至99")),
        ("办理流程", "受理｜初审受理｜窗口人员｜1e9｜计时", ("第2行", "第1个环节的时限")),
        ("事项名称", "名" * 201, ("第2行", "事项名称", "200")),
    ],
)
def test_a_value_out_of_its_type_or_range_refuses_its_row(
    home: Path, tmp_path: Path, title: str, value: object, words: tuple[str, ...]
) -> None:
    sheet = with_cells(exported(home, tmp_path), {(2, title): value})
    refused(call(home, "catalog", "import", str(sheet)), "事项表未导入", *words)


def test_a_nan_in_a_number_cell_refuses_its_row(home: Path, tmp_path: Path) -> None:
    sheet = with_nan_fee(exported(home, tmp_path))
    refused(call(home, "catalog", "import", str(sheet)), "第2行", "NaN")


def test_a_sheet_of_only_the_header_is_refused_and_the_catalog_stays(tmp_path: Path) -> None:
    home = new_home(tmp_path / "home")
    sheet = exported(home, tmp_path)
    renamed = with_cells(sheet, {(2, "事项名称"): "本中心改过名字的事项"})
    assert call(home, "catalog", "import", str(renamed)).code == 0
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    rows.delete_rows(2, rows.max_row)
    header_only = tmp_path / "header.xlsx"
    book.save(header_only)

    refused(call(home, "catalog", "import", str(header_only)), "没有事项")
    search = call(home, "catalog", "search", "本中心改过名字", "--json")  # no built-in re-seed
    assert [item["name"] for item in search.json()] == ["本中心改过名字的事项"]


def test_the_export_writes_text_never_a_formula(tmp_path: Path) -> None:
    home = new_home(tmp_path / "home")
    sheet = exported(home, tmp_path)
    book = load_workbook(sheet)
    rows = book.active
    assert rows is not None
    column = {cell.value: cell.column for cell in rows[1]}
    for title in ("事项名称", "设定依据", "收费标准", "受理条件"):  # typed as text, after a quote
        cell = rows.cell(2, column[title])
        cell.value = FORMULA
        cell.data_type = "s"
    book.save(sheet)
    assert call(home, "catalog", "import", str(sheet)).code == 0

    (tmp_path / "again").mkdir()
    again = exported(home, tmp_path / "again")
    rows = load_workbook(again).active
    assert rows is not None
    cells = [cell for row in rows.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell for cell in cells if cell.value == FORMULA]
    assert len(texts) == 4 and all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
    assert call(home, "catalog", "import", str(again)).code == 0  # and it reads back as text
    assert call(home, "catalog", "search", "cmd", "--json").code == 0


def test_an_export_that_cannot_be_written_says_where(home: Path, tmp_path: Path) -> None:
    refused(call(home, "catalog", "export", str(tmp_path)), "事项表未能写入")
    refused(call(home, "catalog", "export", str(tmp_path / "no" / "x.xlsx")), "事项表未能写入")


# ------------------------------------------------------------- writers take turns


def test_three_demo_data_at_once_take_turns(tmp_path: Path) -> None:
    home = new_home(tmp_path / "home")
    database = Paths(home, home, home / "logs").database
    env = {**os.environ, "ONEWINDOW_HOME": str(home), "PYTHONPATH": str(ROOT)}
    with one_demo_writer(database, on_wait=lambda: pytest.fail("the store was not free")):
        started = [
            subprocess.Popen(
                [sys.executable, "-m", "app", "demo-data", "--cases", "40"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(3)
        ]
        for process in started:  # all three are running and waiting for the lock held here
            assert str(DEMO_WAITING) in first_line(process)
    for process in started:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        assert "已生成 40 件演示办件" in out.decode()
    with closing(sqlite3.connect(database)) as store:
        numbers = [row[0] for row in store.execute("SELECT case_no FROM case_summaries")]
    assert len(numbers) == len(set(numbers)) == 3 * 40


def first_line(process: subprocess.Popen[bytes], timeout: float = 60) -> str:
    """The process's first line on stderr, read as soon as it is written."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        ready, _, _ = select.select([process.stderr], [], [], deadline - time.monotonic())
        assert ready, f"no line on stderr within {timeout} s"
        chunk = os.read(process.stderr.fileno(), 1)
        assert chunk, f"stderr closed: {line.decode(errors='replace')}"
        line += chunk
    return line.decode()
