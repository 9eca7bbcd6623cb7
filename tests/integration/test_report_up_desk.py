"""Issue 15 §6, 上报件 at the center above's desk against a real central PostgreSQL: the
city's counter lists what the district sent up (the receipt masked), its chief decides on the
case read whole through the central's `reported_case` — which records who looked and why in
`central.disclosures` — the decision goes into the audit trail of the deciding terminal (and
up to the central with it), and its decision document is made at the city."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest

from app.bootstrap import Services, bootstrap
from app.central.errors import CentralError
from app.domain.audit import AuditAction, AuditQuery
from app.domain.case import CaseStatus
from app.paths import Paths
from app.services.reported_cases import DECISION_PURPOSE
from app.services.time_source import FixedClock
from printing.notice_texts import NoticeKind
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, configure_counter
from tests.integration.test_central_schema import START, push
from tests.integration.test_report_up_central import (
    CITY,
    DISTRICT,
    PROVINCE,
    at_decision,
    stamp,
)
from tests.unit.domain.test_report_up import CITY_CHIEF, DISTRICT_CHIEF


def city_counter(central: CentralDatabase, home: Path) -> Services:  # noqa: F811
    """The city's counter: registered, its settings taken from the central."""
    city = central.add_counter(CITY, 1)
    paths = Paths(home, home, home / "logs")
    configure_counter(home, 1, city.name, city.url(central.url))
    first = bootstrap(paths, clock=FixedClock(NOW))
    first.sync.register(city.url(central.url))
    first.close()
    return bootstrap(paths, clock=FixedClock(NOW))


def test_the_city_decides_on_the_case_read_on_record_and_keeps_it_in_its_trail(
    central: CentralDatabase,  # noqa: F811
    tmp_path: Path,
) -> None:
    central.add_center(PROVINCE, "province")
    central.add_center(CITY, "city", parent=PROVINCE)
    central.add_center(DISTRICT, "district", parent=CITY)
    district = central.add_counter(DISTRICT, 6)
    case = at_decision(district.name)
    case.report_up(stamp(DISTRICT_CHIEF, district.name, START + timedelta(hours=2)), CITY)
    with central.connect(district) as connection:
        push(connection, case.events, DISTRICT)
    services = city_counter(central, tmp_path)
    try:
        chief = replace(CITY_CHIEF, terminal=services.settings["terminal_name"])
        (listed,) = services.reported.waiting(chief)
        # the list is read as another department's cases are: the receipt masked, no record
        assert "*" in listed.case.applicant.id_number
        with central.connect() as admin:
            assert admin.execute("SELECT count(*) FROM central.disclosures").fetchone() == (0,)
        with pytest.raises(CentralError, match="没有上报本中心的这件办件"):
            services.sync.link().reported_case(str(uuid4()), chief.username, DECISION_PURPOSE)
        decided = services.reported.decide(chief, case.case_id, True)
        assert decided.case.status is CaseStatus.APPROVED
        assert "*" not in decided.case.applicant.id_number  # decided on the case whole
        with central.connect() as admin:
            looked = admin.execute(
                "SELECT center, terminal, asked_by, purpose, case_id FROM central.disclosures"
            ).fetchall()
        assert looked == [(CITY, chief.terminal, chief.username, DECISION_PURPOSE, case.case_id)]
        # the deciding terminal's audit trail, and the central's copy of it
        query = AuditQuery(action=AuditAction.REPORTED_DECIDED)
        (entry,) = services.audit.read(query)
        assert (entry.actor, entry.terminal, entry.subject) == (
            chief.username, chief.terminal, case.case_no
        )  # fmt: skip
        assert entry.details == {"center": DISTRICT, "decision": "准予许可"}
        services.sync.sync_once()
        with central.connect() as admin:
            kept = admin.execute(
                "SELECT center, subject FROM central.audit_entries WHERE action = %s",
                (AuditAction.REPORTED_DECIDED.value,),
            ).fetchall()
        assert kept == [(CITY, case.case_no)]
        # the decision document, at the center above, of the case as it was decided
        pdf = services.printing.notice_pdf(chief, decided, NoticeKind.APPROVAL)
        assert pdf.startswith(b"%PDF")
    finally:
        services.close()
