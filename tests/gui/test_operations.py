"""A background operation answers on the GUI thread with its result, or with the error object
itself: a clerk's error keeps what it carries (the field, the problems), a bug arrives as
`Unexpected` after it was logged."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

import pytest

from app.domain.applicant import ApplicantError
from app.domain.enterprise_form import FormError, FormProblem
from app.domain.messages import msg
from tests.logfail import ExpectLog
from ui.messages import error_text
from ui.operations import Operations, Unexpected


@pytest.fixture
def operations(qtbot) -> Iterator[Operations]:  # noqa: ANN001
    operations = Operations("test-worker")
    yield operations
    operations.stop()


def answer(qtbot, operations: Operations, call) -> tuple[str, object, bool]:  # noqa: ANN001
    """(how it ended, what came, whether the callback ran on the GUI thread)."""
    answers: list[tuple[str, object, bool]] = []

    def on(kind: str):  # noqa: ANN202
        return lambda value: answers.append(
            (kind, value, threading.current_thread() is threading.main_thread())
        )

    operations.run(call, on("done"), on("error"))
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    return answers[0]


def test_the_result_comes_back_on_the_gui_thread(qtbot, operations) -> None:  # noqa: ANN001
    ran_on: list[str] = []

    def call() -> int:
        ran_on.append(threading.current_thread().name)
        return 42

    assert answer(qtbot, operations, call) == ("done", 42, True)
    assert ran_on != [threading.main_thread().name]


def test_a_clerks_error_arrives_as_the_object_with_its_field(qtbot, operations) -> None:  # noqa: ANN001
    def call() -> None:
        raise ApplicantError("phone", msg("联系电话只能由数字和“-”组成"))

    kind, error, on_gui = answer(qtbot, operations, call)
    assert kind == "error" and on_gui
    assert isinstance(error, ApplicantError) and error.field == "phone"


def test_a_forms_problems_arrive_with_the_error(qtbot, operations) -> None:  # noqa: ANN001
    problems = (FormProblem("name", msg("请填写企业名称")),)

    def call() -> None:
        raise FormError(problems)

    kind, error, _ = answer(qtbot, operations, call)
    assert kind == "error" and isinstance(error, FormError) and error.problems == problems


def test_a_bug_is_logged_and_told_as_unexpected(
    qtbot,
    operations,
    caplog,
    expect_log: ExpectLog,  # noqa: ANN001
) -> None:
    def call() -> None:
        raise KeyError("a bug")

    with (
        caplog.at_level(logging.ERROR, logger="ui.operations"),
        expect_log("ui.operations", "unexpected error"),
    ):
        kind, error, _ = answer(qtbot, operations, call)
    assert kind == "error" and isinstance(error, Unexpected)
    assert "已记录日志" in error_text(error) and "a bug" not in error_text(error)
    assert any(record.exc_info for record in caplog.records)
