"""The clock through the services and the store: an overdue case is not extended and stays late
in every figure, a case not accepted or closed keeps no due date in its summary, and a store
from before keeps no due date it should not have."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from app.bootstrap import Services
from app.domain.case import CaseStatus, IllegalTransition, SuspensionReason
from app.domain.deadline import ClockLevel, ClockPhase
from app.services.cases import Refuse, RequestCorrection
from app.services.demo_people import demo_person
from app.storage.database import MIGRATIONS, migrate, open_engine
from tests.integration.store_harness import (
    CHIEF,
    CLERK,
    FOOD,
    SUPERVISOR,
    open_store,
    receive,
    required,
)
from tests.stores import store_of


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = open_store(tmp_path)
    yield services
    services.close()


def stored_due(services: Services, case_no: str) -> str | None:
    with store_of(services) as store, store.engine.connect() as connection:
        return connection.execute(
            text("SELECT due_date FROM case_summaries WHERE case_no = :no"), {"no": case_no}
        ).scalar_one()


def test_an_overdue_case_is_not_extended_and_stays_late_in_every_figure(
    services: Services,
) -> None:
    case_no = receive(services)  # accepted Monday 2026-11-23: 4 working days, due Friday
    services.clock.advance(days=8)  # Tuesday 2026-12-01: two working days late
    with pytest.raises(IllegalTransition, match="已于2026-11-27届满，已经超时，不能延长"):
        services.cases.extend(CHIEF, case_no, 5, "情况复杂")
    services.cases.suspend(CLERK, case_no, SuspensionReason.TESTING, "送检")
    services.clock.advance(days=7)  # a week of testing later: still two days late, no fewer
    detail = services.cases.detail(SUPERVISOR, case_no)
    assert detail.case.extension_days == 0
    (entry,) = services.cases.list_cases(SUPERVISOR)
    for clock in (detail.deadline, entry.deadline):
        assert (clock.level, clock.days_overdue, clock.paused) == (ClockLevel.OVERDUE, 2, True)


def test_the_summary_has_a_due_date_only_while_the_clock_runs(services: Services) -> None:
    materials = required(services)
    person = demo_person(random.Random(11))
    asked = services.cases.receive(
        CLERK, FOOD, person, materials[1:], RequestCorrection(tuple(materials[:1]))
    ).case.case_no
    refused = services.cases.receive(
        CLERK, FOOD, person, materials, Refuse("不属于本中心受理范围")
    ).case.case_no
    running = receive(services)
    assert stored_due(services, asked) is None
    assert stored_due(services, refused) is None
    assert stored_due(services, running) == "2026-11-27"
    entries = {e.summary.case_no: e for e in services.cases.list_cases(CLERK)}
    assert entries[asked].summary.due_date is None
    assert entries[asked].deadline.phase is ClockPhase.CORRECTION
    closed = entries[refused].deadline
    assert (closed.due, closed.closed_as, closed.stopped_on) == (
        None,
        CaseStatus.REFUSED,
        entries[refused].summary.received_at.date(),
    )


def test_an_older_store_loses_the_due_dates_of_cases_whose_clock_does_not_run(
    tmp_path: Path,
) -> None:
    engine = open_engine(tmp_path / "onewindow.sqlite3")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    row = (
        "INSERT INTO case_summaries VALUES (:id, :no, 'X', '事项', 'SCJG', '张三', '***', 'c',"
        " 'A01', '2026-11-23T10:00:00+08:00', :status, '2026-11-27', 2,"
        " '2026-11-23T10:00:00+08:00')"
    )
    with engine.begin() as connection:
        for number, status in enumerate(("in_progress", "refused", "received", "approved")):
            connection.execute(
                text(row), {"id": str(UUID(int=number)), "no": f"no-{number}", "status": status}
            )
    migrate(engine)
    with engine.connect() as connection:
        dues = dict(connection.execute(text("SELECT status, due_date FROM case_summaries")).all())
    engine.dispose()
    assert dues == {
        "in_progress": "2026-11-27",
        "refused": None,
        "received": None,
        "approved": None,
    }
