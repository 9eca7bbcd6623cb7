"""No personal data reaches the log or the screen from a failure in the window (issue 14 §5):
cases with known (fictional) applicants are written, then the store fills up or turns
read-only, and a pull fails on an event that quotes its applicant; every log file and every
message is searched for their ID numbers, names and phones; so is what an error escaping a slot
of the window leaves."""

from __future__ import annotations

import logging
import random
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import Services, bootstrap, open_store
from app.domain.applicant import Applicant
from app.domain.messages import Message
from app.domain.roles import Actor
from app.domain.sync import PushOutcome
from app.domain.ticket_numbers import Block
from app.logs import configure_logging
from app.services.cases import Accept
from app.services.demo import DEMO_PASSWORD
from app.services.demo_people import demo_person
from app.storage.audit_repository import AuditRow
from app.storage.leave_repository import LeaveRow
from app.storage.ticket_repository import TicketRow
from app.sync.central_link import CentralLink
from app.sync.central_pull import Window
from app.sync.central_push import Answer, Row
from tests.logfail import ExpectLog
from tests.personal_data import break_the_store, leaks, log_text
from ui.messages import error_text
from ui.operations import Operations, Workers, report_unexpected


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "error-logs"
    configure_logging(folder)
    yield folder
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()


def people(count: int) -> list[Applicant]:
    return [demo_person(random.Random(9000 + n)) for n in range(count)]


def run_in_window(qtbot: Any, operations: Operations, call: Any) -> list[str]:
    """`call` on one of the window's workers; what the clerk is told of its failure."""
    told: list[str] = []
    operations.run(call, lambda _: told.append("done"), lambda e: told.append(error_text(e)))
    qtbot.waitUntil(lambda: bool(told))
    return told


def receive(services: Services, clerk: Actor, person: Applicant) -> None:
    item = services.catalog.search("营业执照遗失补领")[0]
    materials = [m.name for m in item.required_materials]
    services.cases.receive(clerk, item.code, person, materials, Accept())


@pytest.mark.parametrize("how", ["disk full", "read-only"])
def test_a_store_that_cannot_be_written_leaves_no_applicant_in_log_or_message(
    qtbot: Any,
    services: Services,
    workers: Workers,
    logs: Path,
    expect_log: ExpectLog,
    how: str,
) -> None:
    clerk = services.auth.login("scjg01", DEMO_PASSWORD)
    written, refused = people(40)[:1], people(40)[1:]
    receive(services, clerk, written[0])
    store = open_store(services.paths.database)  # the same file, its connections broken
    break_the_store(store.engine, how)
    broken = bootstrap(services.paths, services.clock, store=store)

    told: list[str] = []
    if how == "read-only":  # a store SQLite will not write is told as such (issue 14 §3)
        try:
            told = run_in_window(qtbot, workers.storage, lambda: receive(broken, clerk, refused[0]))
        finally:
            broken.close()
        assert "无法写入数据文件夹" in told[0]
        assert leaks([log_text(logs), *told], written + refused) == []
        return
    try:
        with expect_log("ui.operations", "unexpected error"):
            for person in refused:  # a full disk may still hold a case or two in free pages
                told = run_in_window(
                    qtbot, workers.storage, lambda p=person: receive(broken, clerk, p)
                )
                if told != ["done"]:
                    break
    finally:
        broken.close()

    log = log_text(logs)
    assert told != ["done"] and "意外错误" in told[0]
    assert "database or disk is full" in log or "readonly database" in log
    assert "Traceback" in log
    assert leaks([log, *told], written + refused) == []


CENTRAL_URL = "postgresql://counter:pw@central.invalid/onewindow"


class PoisonLink(CentralLink):
    """A central that takes every push and answers a pull with an event the counter cannot
    read, its error quoting the event with its applicant (as the issue's failing pull did)."""

    poison: Applicant

    def __init__(self, url: str) -> None:
        super().__init__(url)
        assert url == CENTRAL_URL  # the password kept apart is given back to the connection

    def check_terminal(self, terminal: str, number: int) -> None:
        pass

    def push(self, rows: Sequence[Row], terminal: str) -> list[Answer]:
        return [Answer(str(row["id"]), PushOutcome.ACCEPTED) for row in rows]

    def push_audit(self, rows: Sequence[AuditRow]) -> dict[str, Message]:
        return {}

    def push_leave(self, rows: Sequence[LeaveRow]) -> dict[str, Message]:
        return {}

    def leave_since(self, since: str) -> tuple[list[LeaveRow], str]:
        return [], since

    def push_tickets(self, rows: Sequence[TicketRow]) -> dict[str, Message]:
        return {}

    def tickets_since(self, since: str) -> tuple[list[TicketRow], str]:
        return [], since

    def lease_numbers(self, queue: str, day: date, size: int) -> Block:
        return Block(1, size)

    def window(self, cursor: int) -> Window:  # the pull's first read
        person = self.poison
        row = {
            "kind": "case_received",
            "committed_days": 2_000_000_000,
            "applicant": {
                "name": person.name,
                "id_number": person.id_number,
                "phone": person.phone,
            },
        }
        raise ValueError(f"pulled event cannot be read: {row!r}; 申请人 {person.id_number}")


def test_a_failed_pull_leaves_no_applicant_in_log_or_message(
    qtbot: Any, services: Services, workers: Workers, logs: Path, expect_log: ExpectLog
) -> None:
    PoisonLink.poison = people(1)[0]
    services.settings.update({"central_url": CENTRAL_URL})
    counter = bootstrap(services.paths, services.clock, central_link=PoisonLink)

    try:
        with expect_log("ui.operations", "unexpected error"):
            told = run_in_window(qtbot, workers.sync, counter.sync.sync_round)
    finally:
        counter.close()

    log = log_text(logs)
    assert "pulled event cannot be read" in log and "Traceback" in log
    assert leaks([log, *told], [PoisonLink.poison]) == []


@pytest.mark.qt_no_exception_capture  # the window's own hook, not pytest-qt's, is under test
def test_an_error_escaping_a_slot_is_told_and_logged_without_the_applicant(
    qtbot: Any, logs: Path, expect_log: ExpectLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = people(1)[0]
    monkeypatch.setattr(sys, "excepthook", report_unexpected)  # as `ui.application.run` does

    def buggy_slot() -> None:  # a bug quoting the record it choked on (a bare name in free
        # text cannot be told from other words: the record's fields and the numbers can)
        shown = {"name": person.name, "id_number": person.id_number, "phone": person.phone}
        raise RuntimeError(f"cannot show {shown!r}; ID {person.id_number}, tel. {person.phone}")

    with expect_log("ui.operations", "unexpected error in the window"):
        QTimer.singleShot(0, buggy_slot)
        qtbot.waitUntil(lambda: bool(boxes()))

    (box,) = boxes()
    told = box.text()
    box.close()
    log = log_text(logs)
    assert "意外错误" in told and "RuntimeError: cannot show" in log
    assert leaks([log, told], [person]) == []


def boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
