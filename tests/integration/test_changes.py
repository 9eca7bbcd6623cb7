"""What an operation changed, as the screens learn it from its result: the case lists after
every write, the chief's decision queue only when a case enters it or leaves it."""

from __future__ import annotations

from datetime import date

from app.bootstrap import Services
from app.services.demo_people import demo_step_record
from tests.integration.store_harness import CHIEF, CLERK, receive

SURVEY = demo_step_record(date(2026, 11, 2))


def test_an_intake_changes_the_lists_but_not_the_decision_queue(services: Services) -> None:
    case_no = receive(services)
    detail = services.cases.detail(CLERK, case_no)
    changes = detail.changes()
    assert changes.cases == frozenset({case_no}) and changes.case_lists
    assert not changes.decision_queue


def test_a_case_entering_and_leaving_the_decision_queue_changes_it(services: Services) -> None:
    case_no = receive(services)
    detail = services.cases.detail(CHIEF, case_no)
    while not detail.case.awaiting_decision:
        step = detail.case.current_step
        assert step is not None
        before = detail.case
        detail = services.cases.complete_step(CHIEF, case_no, step, form=SURVEY)
    assert detail.changes(before).decision_queue  # it entered the queue
    decided = services.cases.decide(CHIEF, case_no, True)
    assert decided.changes(detail.case).decision_queue  # it left it
    assert not decided.changes(decided.case).decision_queue  # nothing to do with the queue
