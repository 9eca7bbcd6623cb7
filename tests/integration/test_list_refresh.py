"""A list refresh reads and folds again only the cases that changed since the last one (their
summary counts more events than the case held folded), and shows the same clocks as folding
every case from its stored events."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.case import Case, SuspensionReason
from app.domain.deadline import deadline
from app.services.time_source import FixedClock
from app.storage.case_repository import CaseRepository
from tests.integration.store_harness import CLERK, NOW, open_store, receive
from tests.stores import store_of


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = open_store(tmp_path)
    yield services
    services.close()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The case ids of every log read for a list, one entry per read."""
    asked: list[list[str]] = []
    stored_logs = CaseRepository.stored_logs

    def watched(self: CaseRepository, case_ids: list[str]) -> object:
        asked.append(list(case_ids))
        return stored_logs(self, case_ids)

    monkeypatch.setattr(CaseRepository, "stored_logs", watched)
    return asked


def test_a_refresh_folds_only_what_changed(services: Services, reads: list[list[str]]) -> None:
    numbers = [receive(services, seed=seed) for seed in range(5)]
    first = services.cases.list_cases(CLERK)
    assert len(reads[-1]) == 5
    again = services.cases.list_cases(CLERK)
    assert reads[-1] == [] and again == first
    services.cases.suspend(CLERK, numbers[2], SuspensionReason.EXPERT_REVIEW, "专家评审")
    receive(services, seed=9)
    listed = services.cases.list_cases(CLERK)
    changed = {e.summary.case_no for e in listed if str(e.summary.case_id) in reads[-1]}
    assert len(reads[-1]) == 2 and numbers[2] in changed


def test_the_clocks_are_those_of_a_fresh_fold(services: Services) -> None:
    numbers = [receive(services, seed=seed) for seed in range(4)]
    services.cases.list_cases(CLERK)
    services.cases.suspend(CLERK, numbers[1], SuspensionReason.EXPERT_REVIEW, "专家评审")
    services.cases.refuse(CLERK, receive(services, seed=7, decision=None), "不符合条件")
    calendar = services.calendar.calendar()
    listed = services.cases.list_cases(CLERK)
    with store_of(services) as store, store.uow.reading() as uow:
        folded = {
            e.summary.case_id: Case.from_events(uow.cases.events_of(e.summary.case_id))
            for e in listed
        }
    assert len(listed) == 5
    assert [e.deadline for e in listed] == [
        deadline(folded[e.summary.case_id], calendar, NOW) for e in listed
    ]


def test_a_held_clock_is_counted_again_the_next_day(services: Services) -> None:
    receive(services)
    [before] = services.cases.list_cases(CLERK)
    assert isinstance(services.clock, FixedClock)
    services.clock.advance(days=1)
    [after] = services.cases.list_cases(CLERK)
    assert before.deadline is not None and after.deadline is not None
    assert after.deadline.days_used == before.deadline.days_used + 1
