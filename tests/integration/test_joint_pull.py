"""Issue 15 §6, a joint window's cases of the center above, against a real central
PostgreSQL: the later events of such a case, made at the center above's counters, come down to
the joint window that accepted it (its pull reads them, the read policy and the view admit
them in the database) and it hears of them at once; nothing else of the center above is
readable by it. `verify --central` and the daily report count such a case under the center
above."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta
from uuid import uuid4

import psycopg

from app.central.logins import Counter
from app.domain.case import Case, Stamp
from app.domain.daily_report import Tally
from app.domain.events import Event
from app.domain.receiving import receive
from app.services.demo_people import demo_step_record
from app.sync.listener import CentralListener
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW
from tests.integration.test_central_schema import APPLICANT, FOOD, REQUIRED, push, stored_events
from tests.integration.test_joint_window import (  # noqa: F401
    CITY,
    DISTRICT,
    GA,
    HOSPITAL,
    TEMPORARY_ID,
    WJ,
    Bayannur,
    accept,
    bayannur,
)

CITY_CLERK = replace(WJ, username="wj-city", terminal="counter-01")
ELSEWHERE = "152900"  # 阿拉善盟: a center of no part in Bayannur's tree


def city_step(case: Case) -> Event:
    """The next step of a case, made at the city's counter."""
    at = NOW + timedelta(hours=1)
    return case.complete_step(
        Stamp(CITY_CLERK, at, uuid4()), 1, "核查通过", demo_step_record(at.date())
    )


def a_city_case(terminal: str) -> list[Event]:
    """A case the city's own counter received: none of the joint window's."""
    clerk = replace(CITY_CLERK, terminal=terminal)
    case = receive(Stamp(clerk, NOW, uuid4()), uuid4(), "261102-01-001", FOOD, APPLICANT,
                   REQUIRED, center=CITY)  # fmt: skip
    return list(case.events)


def test_the_joint_windows_case_of_the_center_above_comes_back_from_that_centers_counter(
    central: CentralDatabase,  # noqa: F811
    bayannur: Bayannur,  # noqa: F811
) -> None:
    joint = bayannur.counter
    case_no = accept(joint, WJ, HOSPITAL)
    own_case_no = accept(joint, GA, TEMPORARY_ID)
    joint.sync.sync_once()
    case_id = joint.cases.detail(WJ, case_no).case.case_id
    city = central.add_counter(CITY, 1)
    heard = threading.Event()
    listener = CentralListener(bayannur.joint.url(central.url), bayannur.joint.name,
                               lambda _: heard.set(), retry_seconds=0.2)  # fmt: skip
    listener.start()
    try:
        with central.connect(city) as above:
            # the city's counter reads the case under its center and works its next step
            upper = Case.from_events(stored_events(above, case_id, "central.events_for_counter"))
            step = city_step(upper)
            push(above, [step], CITY)
            push(above, a_city_case(city.name), CITY)
        # told at once: no waiting for the next scheduled round
        assert heard.wait(timeout=10)
    finally:
        listener.stop()
    joint.sync.sync_once()
    case = joint.cases.detail(WJ, case_no).case
    assert case.events[-1].id == step.id and case.events[-1].terminal == city.name
    # verify --central: every event alike, each case counted under its own center
    comparison = joint.sync.compare()
    own = joint.cases.detail(GA, own_case_no).case
    assert comparison.differences == []
    assert comparison.held == {CITY: (1, len(case.events)), DISTRICT: (1, len(own.events))}
    # the daily report: the city's case apart, under the city
    report = joint.printing.daily_report(WJ, NOW.date())
    figures = report.report.figures
    assert figures.centers == ["", CITY]
    assert figures.totals_of(CITY)[Tally.RECEIVED] == figures.totals_of("")[Tally.RECEIVED] == 1
    assert f"上级中心 {CITY}（合一窗口受理，计入该中心）" in report.text
    # nothing else of the city is readable at the joint window, nor any of it at a plain one
    city_cases = "SELECT DISTINCT case_id FROM {} WHERE center = %s"
    for counter, readable in ((bayannur.joint, [(case_id,)]), (bayannur.plain, [])):
        with central.connect(counter) as connection:
            for table in ("central.events", "central.events_for_counter"):
                cases = connection.execute(city_cases.format(table).encode(), (CITY,))
                assert cases.fetchall() == readable


def running_xid(central: CentralDatabase, connection: psycopg.Connection) -> int:  # noqa: F811
    """The id of the transaction `connection` has open, as one that writes would have, and a
    later transaction ended (the horizon of a pull it does not concern goes past it)."""
    (xid,) = connection.execute("SELECT pg_current_xact_id()::text::bigint").fetchone() or ()
    with central.connect() as admin:
        admin.execute("SELECT pg_current_xact_id()")
    return int(xid)


def horizon(central: CentralDatabase, counter: Counter) -> int:  # noqa: F811
    with central.connect(counter) as connection:
        (found,) = connection.execute("SELECT central.pull_horizon()").fetchone() or ()
    return int(found)


def test_a_pull_waits_for_the_transactions_that_may_write_what_it_reads(
    central: CentralDatabase,  # noqa: F811
    bayannur: Bayannur,  # noqa: F811
) -> None:
    central.add_center(ELSEWHERE, "city")
    city, elsewhere = central.add_counter(CITY, 1), central.add_counter(ELSEWHERE, 2)
    # the city's counter writes into the cases below (上报件, a joint window's cases)
    with central.connect(city, autocommit=False) as above:
        xid = running_xid(central, above)
        assert horizon(central, bayannur.plain) <= xid
        assert horizon(central, bayannur.joint) <= xid
        assert horizon(central, elsewhere) > xid
    # a joint window writes into the city; a plain district counter does not
    with central.connect(bayannur.joint, autocommit=False) as joint:
        xid = running_xid(central, joint)
        assert horizon(central, city) <= xid
    with central.connect(bayannur.plain, autocommit=False) as plain:
        xid = running_xid(central, plain)
        assert horizon(central, city) > xid
