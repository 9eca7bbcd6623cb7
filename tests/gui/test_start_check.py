"""The window runs the quick check of the store (`verify --since-last`) at every start, on a
worker, while the clerk signs in: damage written after the last clean check is told in a box
and named case by case in the log; a clean store says nothing."""

from __future__ import annotations

import logging
import random
import sqlite3
from contextlib import closing

import pytest
from PySide6.QtWidgets import QMessageBox

from app.bootstrap import Services
from app.services.demo_people import demo_person
from tests.gui.conftest import wait_idle
from tests.integration.store_harness import ACCEPT, CLERK, FOOD, required
from ui.application import Session
from ui.operations import Workers

pytestmark = pytest.mark.gui


def start(qtbot, services: Services, workers: Workers) -> Session:  # noqa: ANN001
    session = Session(services, workers)
    qtbot.addWidget(session.login)
    session.show_login()
    return session


def test_an_event_tampered_after_the_last_clean_check_is_told_at_start(
    qtbot,  # noqa: ANN001
    services: Services,
    workers: Workers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert services.cases.verify() == []  # the clean check leaves its mark
    person = demo_person(random.Random(7))
    case_no = services.cases.receive(CLERK, FOOD, person, required(services), ACCEPT).case.case_no
    with closing(sqlite3.connect(services.paths.database)) as raw, raw:
        raw.execute("UPDATE case_summaries SET status = 'approved' WHERE case_no = ?", (case_no,))
    caplog.set_level(logging.INFO, "app.services.incremental_audit")

    session = start(qtbot, services, workers)
    qtbot.waitUntil(lambda: session.start_check.box is not None, timeout=10_000)

    box = session.start_check.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert session.login.isVisible()  # signing in goes on under it
    assert box.text() == f"启动时的数据校验发现1处问题（{case_no}）：记录可能被改动或删除。"
    assert "告知系统管理员" in box.informativeText()
    assert "onewindow verify" in box.informativeText()
    assert box.detailedText().startswith(f"办件 {case_no}：摘要的办理状态与记录重演的结果不符")
    logged = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(case_no in line and "摘要的办理状态" in line for line in logged)
    box.accept()


def test_a_clean_store_starts_without_a_box(
    qtbot,  # noqa: ANN001
    services: Services,
    workers: Workers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert services.cases.verify() == []
    person = demo_person(random.Random(8))
    services.cases.receive(CLERK, FOOD, person, required(services), ACCEPT)
    caplog.set_level(logging.INFO, "app.services.incremental_audit")

    session = start(qtbot, services, workers)
    wait_idle(qtbot, workers.reading)

    assert session.start_check.box is None
    assert "start check since" in caplog.text  # it ran, and found nothing
    assert not [w for w in session.login.children() if isinstance(w, QMessageBox)]


def test_a_store_never_verified_is_not_checked_in_full_at_start(
    qtbot,  # noqa: ANN001
    services: Services,
    workers: Workers,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, "app.services.incremental_audit")
    session = start(qtbot, services, workers)  # the seeded store: no clean verify yet
    wait_idle(qtbot, workers.reading)
    assert session.start_check.box is None
    assert "no clean verify has left its mark yet" in caplog.text
