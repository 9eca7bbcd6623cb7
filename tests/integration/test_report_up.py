"""Issue 15 §6, 上报件 through two counters' programs and a real central: a district counter
sends a case up; it appears on the city chief representative's desk (read from the
central); the decision made there comes back to the district's window, on its clock, and
the case is finished where it was accepted, and its decision document printed there."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from app.bootstrap import Services, bootstrap
from app.domain.case import CaseStatus, IllegalTransition
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock
from printing.notice_texts import NoticeKind
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, configure_counter

CITY, DISTRICT = "150800", "150802"
QUALIFICATION = "ZJ-XK-004"  # 建筑业企业资质核准: a 上报件 decided at its chief's review


def counter(central: CentralDatabase, home: Path, center: str, number: int) -> Services:  # noqa: F811
    registered = central.add_counter(center, number)
    paths = Paths(home, home, home / "logs")
    configure_counter(home, number, registered.name, registered.url(central.url))
    first = bootstrap(paths, clock=FixedClock(NOW))
    first.sync.register(registered.url(central.url))
    first.close()
    return bootstrap(paths, clock=FixedClock(NOW))


def staff(services: Services) -> tuple[Actor, Actor]:
    terminal = services.settings["terminal_name"]
    clerk = Actor("zj01", "住建窗口", Role.CLERK, "ZJ", "D01", terminal)
    chief = Actor(
        "zj-chief", "住建首席代表", Role.CHIEF_REPRESENTATIVE, "ZJ", "D02", terminal,
        frozenset({QUALIFICATION}),
    )  # fmt: skip
    return clerk, chief


def test_a_case_sent_up_is_decided_on_the_citys_desk_and_comes_back(
    central: CentralDatabase,  # noqa: F811
    tmp_path: Path,
) -> None:
    central.add_center(CITY, "city")
    central.add_center(DISTRICT, "district", parent=CITY)
    district = counter(central, tmp_path / "district", DISTRICT, 6)
    city = counter(central, tmp_path / "city", CITY, 1)
    try:
        clerk, chief = staff(district)
        item = district.catalog.item(QUALIFICATION)
        materials = [m.name for m in item.required_materials]
        person = demo_person(random.Random(5))
        accepted = district.cases.receive(clerk, QUALIFICATION, person, materials, Accept())
        case_no = accepted.case.case_no
        sent = district.cases.report_up(chief, case_no, "初审同意，报市级审批")
        assert sent.case.reported_to == CITY
        with pytest.raises(IllegalTransition, match="由上级中心作出决定"):
            district.cases.decide(chief, case_no, True)  # no longer the district's to decide
        district.sync.sync_once()

        _, city_chief = staff(city)
        (waiting,) = city.reported.waiting(city_chief)
        assert (waiting.center, waiting.case.case_no) == (DISTRICT, case_no)
        assert waiting.due == sent.deadline.due  # the same clock, read at the city
        assert city.cases.list_cases(city_chief) == []  # not the city's case: not in its store
        city.reported.decide(city_chief, waiting.case.case_id, True)
        assert city.reported.waiting(city_chief) == []

        district.sync.sync_once()
        back = district.cases.detail(clerk, case_no)
        assert back.case.status is CaseStatus.APPROVED
        assert back.case.events[-1].terminal == city.settings["terminal_name"]
        assert back.case.stopped_at == back.case.events[-1].at  # the clock stops at the decision
        issued = district.cases.issue(clerk, case_no)  # finished at the accepting window
        assert issued.case.status is CaseStatus.ISSUED
        # where the decision document is printed for the applicant, too
        assert NoticeKind.APPROVAL in district.printing.notice_kinds(clerk, case_no)
        pdf = district.printing.notice_pdf(clerk, case_no, NoticeKind.APPROVAL)
        assert pdf.startswith(b"%PDF")
    finally:
        district.close()
        city.close()
