"""Fixtures for driving the real counter window with pytest-qt (offscreen)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from app.bootstrap import Services, bootstrap
from app.domain.events import CHINA_TIME
from app.paths import Paths
from app.services.demo import DEMO_PASSWORD
from app.services.time_source import FixedClock
from ui.application import Session, apply_style
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow
from ui.operations import Operations, Workers

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)


@pytest.fixture(autouse=True)
def _garbage_on_the_gui_thread() -> Iterator[None]:
    """As in the window (`ui/garbage.py`): no automatic collection while a test's workers
    run, since a worker collecting a cycle that holds a Qt object freezes the run; what the
    test left is collected here, on the main thread."""
    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(scope="session")
def seeded_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with demo accounts and cases, made once and copied for each test."""
    home = tmp_path_factory.mktemp("seeded")
    services = bootstrap(Paths(home, home, home / "logs"), clock=FixedClock(NOW))
    services.demo.seed(40)
    services.close()
    return home


@pytest.fixture
def services(seeded_home: Path, tmp_path: Path) -> Iterator[Services]:
    (tmp_path / "onewindow.sqlite3").write_bytes((seeded_home / "onewindow.sqlite3").read_bytes())
    services = bootstrap(Paths(tmp_path, tmp_path, tmp_path / "logs"), clock=FixedClock(NOW))
    yield services
    services.close()


@pytest.fixture
def workers(qtbot) -> Iterator[Workers]:  # noqa: ANN001
    workers = Workers()
    yield workers
    workers.stop()


@pytest.fixture
def operations(workers: Workers) -> Operations:
    return workers.storage


@pytest.fixture
def printer_operations(workers: Workers) -> Operations:
    return workers.printer


@pytest.fixture
def sign_in(  # noqa: ANN201
    qtbot,  # noqa: ANN001
    services: Services,
    workers: Workers,
    qapp,  # noqa: ANN001
):
    """Sign in through the real login dialog; returns the counter window."""
    apply_style(qapp)
    sessions: list[Session] = []  # alive as in the application (a language switch needs it)

    def sign_in_as(
        username: str, password: str = DEMO_PASSWORD, reader: CardReaderBridge | None = None
    ) -> CounterWindow:
        session = Session(services, workers, reader)
        sessions.append(session)
        session.show_login()
        qtbot.addWidget(session.login)
        qtbot.keyClicks(session.login.username, username)
        qtbot.keyClicks(session.login.password, password)
        qtbot.mouseClick(session.login.submit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: session.window is not None, timeout=5000)
        assert session.window is not None
        wait_idle(qtbot, workers.storage, workers.reading)
        return session.window

    yield sign_in_as
    # closed and deleted here, not by pytest-qt: a language switch replaces (and deletes) a
    # window; one left undeleted stays alive through its Qt connections, and every later
    # test's style sheet then polishes it again
    for session in sessions:
        if session.window is not None and isValid(session.window):
            session.window.close()
            session.window.deleteLater()


def wait_idle(qtbot, *operations: Operations) -> None:  # noqa: ANN001
    """Until every one of these workers is idle (a write's answer may queue a list refresh
    on the reading worker: name both to wait for the lists too)."""
    qtbot.waitUntil(lambda: not any(o.busy for o in operations), timeout=5000)


VALID_ID = "11010519491231002X"


def type_text(qtbot, edit, text: str) -> None:  # noqa: ANN001
    """Keys for ASCII; Chinese arrives as an input method commits it, a whole word at once."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def choose(qtbot, window: CounterWindow, query: str) -> None:  # noqa: ANN001
    window.intake.focus_search()
    type_text(qtbot, window.intake.search.box, query)
    qtbot.keyClick(window.intake.search.box, Qt.Key.Key_Return)


def accept_case(qtbot, window: CounterWindow, item: str = "营业执照遗失补领") -> str:  # noqa: ANN001
    """Register a complete application for `item` at the intake; its case number."""
    intake = window.intake
    choose(qtbot, window, item)
    type_text(qtbot, intake.applicant.fields["name"].edit, "陈思远")
    qtbot.keyClicks(intake.applicant.fields["id_number"].edit, VALID_ID)
    intake.materials.check_all()
    qtbot.keyClick(intake, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "已登记" in intake.result.text(), timeout=5000)
    return intake.result.text().split()[1]


def confirm(qtbot, owner) -> None:  # noqa: ANN001
    """Answer the confirmation of a decision `owner` opened with Enter, as the clerk does."""
    qtbot.waitUntil(
        lambda: owner.confirmation is not None and owner.confirmation.isVisible(), timeout=5000
    )
    qtbot.keyClick(owner.confirmation, Qt.Key.Key_Return)
