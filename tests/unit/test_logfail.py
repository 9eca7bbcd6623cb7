"""An error logged during a test, or a Qt warning, fails it unless the test expects it: checked
on a small suite run with this repository's pytest settings (pyproject and root conftest)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SUITE = """
import logging
import threading

import pytest
from PySide6.QtCore import qWarning

log = logging.getLogger("app.sample")


def test_a_warning_is_allowed():
    log.warning("only a warning")


def test_an_error_fails():
    log.error("broken store")


def test_an_exception_logged_in_a_thread_fails():
    def work():
        try:
            raise OSError("gone")
        except OSError:
            log.exception("worker failed")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()


def test_an_expected_error_passes(expect_log):
    with expect_log("app", "broken") as records:
        log.error("broken store")
    assert len(records) == 1


def test_an_expected_error_must_come(expect_log):
    with expect_log("app", "broken"):
        pass


def test_an_error_of_another_logger_is_not_the_expected_one(expect_log):
    with expect_log("app.other", "broken"):
        log.error("broken store")
        logging.getLogger("app.other").error("broken too")


@pytest.fixture
def noisy_teardown():
    yield
    log.error("closing failed")


def test_an_error_in_teardown_fails(noisy_teardown):
    pass


def test_a_qt_warning_fails():
    qWarning("a Qt warning")


@pytest.mark.qt_log_ignore("expected Qt warning")
def test_an_ignored_qt_warning_passes():
    qWarning("expected Qt warning")
"""


def test_unexpected_errors_and_qt_warnings_fail_a_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "pyproject.toml", pytester.path)
    shutil.copy(ROOT / "conftest.py", pytester.path)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("COLUMNS", "300")  # the summary lines whole
    pytester.makepyfile(test_suite=SUITE)

    result = pytester.runpytest_subprocess("test_suite.py")

    result.assert_outcomes(passed=4, failed=5, errors=1)
    result.stdout.fnmatch_lines_random(
        [
            "FAILED test_suite.py::test_an_error_fails - Failed: logged during the test *",
            "FAILED test_suite.py::test_an_exception_logged_in_a_thread_fails - Failed: logged *",
            "FAILED test_suite.py::test_an_expected_error_must_come - Failed: expected an error*",
            "FAILED test_suite.py::test_an_error_of_another_logger_is_not_the_expected_one - Fa*",
            "ERROR test_suite.py::test_an_error_in_teardown_fails - Failed: logged while tearing*",
            "FAILED test_suite.py::test_a_qt_warning_fails*",
        ]
    )
