"""`verify` holds the cyclic garbage collector off while it checks a batch of cases (issue 14
"Speed": walking a batch's events again and again was a fifth of the check), and only then:
it runs again after each batch, after a batch that failed, and is left off where it was off."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import pytest

from app.services import store_audit
from app.services.store_audit import case_findings
from app.storage.unit_of_work import UnitOfWork


class Cases:
    """The rows a store gives `verify`: every case lost but its id; whether the collector ran
    while each batch was read."""

    def __init__(self, fail: bool = False) -> None:
        self.collecting: list[bool] = []
        self.fail = fail

    def stored_logs(self, keys: Sequence[str]) -> dict[str, list[Any]]:
        self.collecting.append(gc.isenabled())
        if self.fail:
            raise OSError("disk I/O error")
        return {key: [] for key in keys}

    def stored_summaries(self, keys: Sequence[str]) -> dict[str, Any]:
        return {}


class Store:
    def __init__(self, cases: Cases) -> None:
        self.cases = cases


def named(cases: Cases) -> Iterator[str | None]:
    """The cases `verify` names, as it names them."""
    uow = cast(UnitOfWork, Store(cases))
    for finding in case_findings(uow, ["a", "b", "c"], set(), "01"):
        yield finding.case_no


@contextmanager
def collector(enabled: bool) -> Iterator[None]:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def test_the_collector_is_off_while_a_batch_is_read_and_on_between_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store_audit, "BATCH", 2)
    cases = Cases()
    with collector(enabled=True):
        found = [(case_no, gc.isenabled()) for case_no in named(cases)]
        assert gc.isenabled()
    assert cases.collecting == [False, False]
    assert found == [("a", True), ("b", True), ("c", True)]


def test_the_collector_runs_again_after_a_batch_that_failed() -> None:
    with collector(enabled=True):
        with pytest.raises(OSError):
            list(named(Cases(fail=True)))
        assert gc.isenabled()


def test_a_collector_held_off_already_is_left_off() -> None:
    cases = Cases()
    with collector(enabled=False):
        assert list(named(cases)) == ["a", "b", "c"]
        assert not gc.isenabled()
    assert cases.collecting == [False]
