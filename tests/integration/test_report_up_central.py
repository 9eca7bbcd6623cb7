"""Issue 15 §6, 上报件 against a real central PostgreSQL: a district counter sends a case up
to the city; the city's counter reads the case whole from the central, its chief decides,
and the decision — filed under the district's case — is what the district's counter pulls
back. Row-level security refuses a decision on a case not sent up to the decider's center,
and the central refuses a case sent up past the center right above."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors

from app.domain.case import Case, CaseStatus, Stamp
from app.domain.events import Event
from app.domain.receiving import receive
from app.domain.roles import Actor
from app.services.demo_people import demo_step_record
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.test_central_schema import APPLICANT, START, push, stored_events
from tests.unit.domain.test_case import CATALOG
from tests.unit.domain.test_report_up import CITY_CHIEF, DISTRICT_CHIEF, WJ_CLERK

CITY, DISTRICT, PROVINCE = "150800", "150802", "150000"
HOSPITAL = CATALOG["WJ-XK-003"]


def stamp(actor: Actor, terminal: str, at: datetime) -> Stamp:
    return Stamp(replace(actor, terminal=terminal), at, uuid4())


def at_decision(terminal: str) -> Case:
    """A 上报件 accepted at a district counter and worked to its decision step."""
    materials = [m.name for m in HOSPITAL.required_materials]
    case = receive(
        stamp(WJ_CLERK, terminal, START), uuid4(), "261102-06-001", HOSPITAL, APPLICANT, materials
    )
    at = START + timedelta(minutes=7)
    case.accept(stamp(WJ_CLERK, terminal, at))
    for step in range(1, HOSPITAL.decision_step):
        at += timedelta(minutes=7)
        case.complete_step(
            stamp(WJ_CLERK, terminal, at), step, "核查通过", demo_step_record(at.date())
        )
    return case


def decide_above(case: Case, terminal: str, at: datetime) -> Event:
    return case.decide(stamp(CITY_CHIEF, terminal, at), True, center=CITY)


def test_a_case_goes_up_is_decided_above_and_the_decision_comes_back(
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center(PROVINCE, "province")
    central.add_center(CITY, "city", parent=PROVINCE)
    central.add_center(DISTRICT, "district", parent=CITY)
    district = central.add_counter(DISTRICT, 6)
    city = central.add_counter(CITY, 1)
    case = at_decision(district.name)
    later = START + timedelta(hours=2)
    with central.connect(district) as connection:
        push(connection, case.events, DISTRICT)
        # past the center right above: refused
        too_far = Case.from_events(list(case.events))
        too_far.report_up(stamp(DISTRICT_CHIEF, district.name, later), PROVINCE)
        with pytest.raises(psycopg.Error, match="只能上报中心") as refused:
            push(connection, too_far.events[-1:], DISTRICT)
        assert refused.value.sqlstate == "OWJ04"
        # a decision on a case the central does not hold as sent up to the city: refused
        forged = Case.from_events(list(case.events))
        forged.report_up(stamp(DISTRICT_CHIEF, district.name, later), CITY)
        decide_above(forged, city.name, later)
        with central.connect(city) as above, pytest.raises(errors.InsufficientPrivilege):
            push(above, forged.events[-1:], DISTRICT)
        case.report_up(stamp(DISTRICT_CHIEF, district.name, later), CITY, "初审同意")
        push(connection, case.events[-1:], DISTRICT)
        # a decision of the city's made up at the district's counter: refused
        posing = Case.from_events(list(case.events))
        decide_above(posing, district.name, later)
        with pytest.raises(psycopg.Error, match="上报件由所报的上级中心决定") as refused:
            push(connection, posing.events[-1:], DISTRICT)
        assert refused.value.sqlstate == "OWJ05"
    with central.connect(city) as above:
        # the city reads the case whole, from the central, and decides it
        held = stored_events(above, case.case_id, "central.reported_to_me")
        assert [e.hash for e in held] == [e.hash for e in case.events]
        upper = Case.from_events(held)
        assert upper.reported_to == CITY
        decision = decide_above(upper, city.name, later + timedelta(days=1))
        push(above, [decision], DISTRICT)
    with central.connect(district) as connection:
        back = stored_events(connection, case.case_id, "central.events_for_counter")
    assert back[-1].hash == decision.hash
    folded = Case.from_events(back)
    assert folded.status is CaseStatus.APPROVED and folded.stopped_at == decision.at
