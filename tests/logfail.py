"""A test fails when an error is logged during it that the test did not expect.

Anything logged at ERROR or above (a `log.exception` in a worker, a refused sync, a device
gone) is a failure unless the test said it would come, with `expect_log`:

    def test_a_broken_store_is_reported(expect_log):
        with expect_log("ui.operations", "unexpected"):
            ...

A record logged between two tests (a thread of the previous test still running) fails the
setup of the next one. Qt's own warnings fail a test through pytest-qt (`qt_log_level_fail =
"WARNING"` in pyproject; expect one with `@pytest.mark.qt_log_ignore(...)`).
qutebrowser's `tests/helpers/logfail.py` is the model; records are collected here and the test
fails after its phase, so that the failure is not raised inside the code that logged (a worker
thread, an `except` block).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

import pytest

#: The lowest level that fails a test.
FAILING_LEVEL = logging.ERROR


@dataclass
class Expectation:
    """Records of this logger (or a child) holding this text are expected, at least one."""

    logger: str
    text: str
    seen: list[logging.LogRecord] = field(default_factory=list)

    def matches(self, record: logging.LogRecord) -> bool:
        named = record.name == self.logger or record.name.startswith(self.logger + ".")
        return named and self.text in record.getMessage()

    def __str__(self) -> str:
        return f"{self.logger!r} with {self.text!r}"


class LogFailHandler(logging.Handler):
    """On the root logger for the whole run: keeps every failing record nobody expected."""

    def __init__(self) -> None:
        super().__init__(FAILING_LEVEL)
        self._guard = threading.Lock()  # records come from any thread
        self.expected: list[Expectation] = []
        self.unexpected: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            for expectation in self.expected:
                if expectation.matches(record):
                    expectation.seen.append(record)
                    return
            self.unexpected.append(record)

    @contextmanager
    def expect(self, logger: str, text: str = "") -> Iterator[list[logging.LogRecord]]:
        expectation = Expectation(logger, text)
        with self._guard:
            self.expected.append(expectation)
        try:
            yield expectation.seen
        finally:
            with self._guard:
                self.expected.remove(expectation)
        if not expectation.seen:
            pytest.fail(f"expected an error logged by {expectation}, none was", pytrace=False)

    def take_unexpected(self) -> list[logging.LogRecord]:
        with self._guard:
            records, self.unexpected = self.unexpected, []
        return records

    def fail_on_unexpected(self, when: str) -> None:
        if records := self.take_unexpected():
            lines = "\n".join(
                f"  {record.levelname} {record.name}: {record.getMessage()}" for record in records
            )
            pytest.fail(f"logged {when} without expect_log:\n{lines}", pytrace=False)


ExpectLog = Callable[..., AbstractContextManager[list[logging.LogRecord]]]

_handler = LogFailHandler()


def pytest_configure(config: pytest.Config) -> None:
    logging.getLogger().addHandler(_handler)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(_handler)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    _handler.fail_on_unexpected("after the previous test ended")
    yield
    _handler.fail_on_unexpected("while setting the test up")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    try:
        yield
    except BaseException:
        _handler.take_unexpected()  # the test failed anyway; pytest's report shows its log
        raise
    _handler.fail_on_unexpected("during the test")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield
    _handler.fail_on_unexpected("while tearing the test down")


@pytest.fixture
def expect_log() -> ExpectLog:
    """`with expect_log(logger, text):` — an error of that logger holding that text is expected
    inside the block, and must come."""
    return _handler.expect
