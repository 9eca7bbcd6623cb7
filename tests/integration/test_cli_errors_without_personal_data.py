"""A command that fails unexpectedly (its store full or read-only) prints one line without a
traceback, and neither that line nor the log holds an ID number (issue 14 §5)."""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import bootstrap as composition
from app.bootstrap import bootstrap
from app.cli.main import main
from app.paths import HOME_VARIABLE, Paths
from app.services.cases import Accept
from app.services.demo import DEMO_PASSWORD, create_demo_accounts
from app.services.demo_people import demo_person
from app.storage.database import open_engine
from tests.logfail import ExpectLog
from tests.personal_data import break_the_store, leaks, log_text


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path))
    yield tmp_path
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


@pytest.mark.parametrize("how", ["disk full", "read-only"])
def test_a_command_on_a_broken_store_says_one_line_and_logs_no_id_number(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    expect_log: ExpectLog,
    how: str,
) -> None:
    services = bootstrap(Paths(home, home, home / "logs"))
    create_demo_accounts(services.staff, services.catalog)
    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    item = services.catalog.search("营业执照遗失补领")[0]
    person = demo_person(random.Random(4711))
    services.cases.receive(
        clerk, item.code, person, [m.name for m in item.required_materials], Accept()
    )
    services.close()

    def broken_engine(path: Path) -> Engine:
        engine = open_engine(path)
        break_the_store(engine, how)
        return engine

    monkeypatch.setattr(composition, "open_engine", broken_engine)
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # demo cases written in this process
    capsys.readouterr()

    if how == "read-only":  # a store SQLite will not write is told as such (issue 14 §3)
        assert main(["demo-data", "--cases", "30"]) == 1
        out, err = capsys.readouterr()
        assert err.startswith(f"错误：无法写入数据文件夹 {home}") and len(err.splitlines()) == 1
        assert leaks([out, err, log_text(home / "logs")], [person]) == []
        return
    with expect_log("app.cli.main", "unexpected error in the command demo-data"):
        assert main(["demo-data", "--cases", "30"]) == 1

    out, err = capsys.readouterr()
    assert err.startswith("错误：意外错误") and len(err.strip().splitlines()) == 1
    log = log_text(home / "logs")
    assert "Traceback" in log and "unexpected error in the command demo-data" in log
    assert leaks([out, err, log], [person]) == []
