"""Starting the window: what cannot start says why in a message box, never a traceback."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import Paths
from app.services.demo_people import demo_person
from tests.integration.store_harness import ACCEPT, CLERK, FOOD, required
from tests.integration.test_demo_store import open_services as open_store
from tests.logfail import ExpectLog
from ui.application import open_services

pytestmark = pytest.mark.gui


def read_the_message_box(seen: list[str]) -> None:
    """Once the box is up (its own event loop runs this), note its text and close it."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(10, lambda: read_the_message_box(seen))
        return
    seen.append(box.text())
    box.accept()


def test_a_settings_file_that_cannot_be_used_is_named_in_a_message_box(
    qapp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
    expect_log: ExpectLog,
) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"terminal_no": 2,', encoding="utf-8")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_the_message_box(seen))
    with expect_log("ui.application", "not started"):
        assert open_services(Paths(tmp_path, tmp_path, tmp_path / "logs"), demo=False) is None
    [message] = seen
    assert str(settings) in message and "不是有效的 JSON" in message
    [line] = capsys.readouterr().err.splitlines()
    assert line == f"错误：{message}"


def test_the_demo_refuses_a_folder_with_real_cases_in_a_message_box(
    qapp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
    expect_log: ExpectLog,
) -> None:
    services = open_store(tmp_path)
    services.cases.receive(CLERK, FOOD, demo_person(random.Random(3)), required(services), ACCEPT)
    services.close()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_the_message_box(seen))
    with expect_log("ui.application", "not started"):
        assert open_services(Paths(tmp_path, tmp_path, tmp_path / "logs"), demo=True) is None
    [message] = seen
    assert str(tmp_path) in message and "不是演示模式建立的" in message
    assert "demo1234" not in capsys.readouterr().out  # no demo accounts were made


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda store: store.write_text("不是数据库" * 50, encoding="utf-8"), "不是 SQLite 数据库"),
        (lambda store: store.write_bytes(store.read_bytes()[:8192]), "不完整"),
    ],
    ids=["not-sqlite", "cut-short"],
)
def test_a_store_that_cannot_be_used_is_named_in_a_message_box(
    qapp,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # noqa: ANN001
    expect_log: ExpectLog,
    damage: Callable[[Path], object],
    words: str,
) -> None:
    services = open_store(tmp_path)
    services.cases.receive(CLERK, FOOD, demo_person(random.Random(3)), required(services), ACCEPT)
    services.close()
    damage(tmp_path / "onewindow.sqlite3")
    seen: list[str] = []
    QTimer.singleShot(0, lambda: read_the_message_box(seen))
    with expect_log("ui.application", "not started"):
        assert open_services(Paths(tmp_path, tmp_path, tmp_path / "logs"), demo=False) is None
    [message] = seen
    assert str(tmp_path / "onewindow.sqlite3") in message and words in message
    assert "onewindow restore" in message
    [line] = capsys.readouterr().err.splitlines()
    assert line == f"错误：{message}"
