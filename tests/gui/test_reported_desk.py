"""The desk of 上报件 at the center above: the cases sent up here listed, a decision made and
said, its decision document offered (and made) at once, a refusal of the central said with the
reason typed kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from uuid import UUID, uuid4

import pytest

from app.bootstrap import Services
from app.central.errors import CentralError
from app.domain.case import Stamp
from app.domain.deadline import deadline
from app.domain.events import CHINA_TIME
from app.domain.messages import msg
from app.domain.roles import Actor
from app.services.reported_cases import ReportedCase, ReportedCases
from app.services.views import CaseDetail
from printing.notice_texts import NoticeKind
from tests.unit.domain.test_report_up import CITY, CITY_CHIEF, DISTRICT_CHIEF, hospital_at_decision
from ui.decision_document import DocumentBar
from ui.operations import Operations
from ui.reported_desk import ReportedDesk

pytestmark = pytest.mark.gui


class CentralSays(ReportedCases):
    """What the central would answer: the cases sent up here, and the decisions taken."""

    def __init__(self, cases: list[ReportedCase], services: Services) -> None:  # no central
        self.cases = cases
        self.services = services
        self.decided: list[tuple[UUID, bool, str]] = []
        self.refusal: CentralError | None = None

    def waiting(self, actor: Actor) -> list[ReportedCase]:
        return list(self.cases)

    def decide(self, actor: Actor, case_id: UUID, approved: bool, reason: str = "") -> CaseDetail:
        if self.refusal is not None:
            raise self.refusal
        self.decided.append((case_id, approved, reason))
        (held,) = [c for c in self.cases if c.case.case_id == case_id]
        self.cases.remove(held)
        case = held.case
        held.case.decide(stamp_of(actor), approved, reason, center=CITY)
        calendar = self.services.calendar.calendar()
        return CaseDetail(case, deadline(case, calendar, self.services.clock.now()), "卫健委")


@pytest.fixture
def operations() -> Iterator[Operations]:
    worker = Operations("reported-test")
    yield worker
    worker.stop()


def sent_up() -> ReportedCase:
    window = hospital_at_decision()
    window.do("report_up", CITY, by=DISTRICT_CHIEF)
    return ReportedCase("150802", window.case, date(2026, 11, 16))


def stamp_of(actor: Actor) -> Stamp:
    return Stamp(actor, datetime(2026, 11, 20, 9, 0, tzinfo=CHINA_TIME), uuid4())


def test_the_cases_sent_up_are_listed_and_a_decision_is_said(
    qtbot, operations, services: Services
) -> None:
    reported = sent_up()
    central = CentralSays([reported], services)
    document = DocumentBar(services, operations, CITY_CHIEF)
    desk = ReportedDesk(central, operations, CITY_CHIEF, document)
    qtbot.addWidget(desk)
    desk.show()
    desk.refresh()
    qtbot.waitUntil(lambda: desk.table.rowCount() == 1)
    assert desk.table.item(0, 0).text() == reported.case.case_no
    assert desk.table.item(0, 2).text() == "150802"
    assert desk.table.item(0, 4).text() == "2026-11-16"
    central.refusal = CentralError(msg("中心没有接受这项决定"))
    desk.reason.setText("选址不符合规划")
    qtbot.waitUntil(desk.deny_button.isEnabled)
    desk.deny_button.click()
    qtbot.waitUntil(lambda: "中心没有接受" in desk.message.text())
    assert desk.reason.text() == "选址不符合规划"  # nothing typed is lost
    central.refusal = None
    desk.deny_button.click()
    qtbot.waitUntil(lambda: desk.table.rowCount() == 0)
    assert central.decided == [(reported.case.case_id, False, "选址不符合规划")]
    assert "不予许可，已写回150802的受理窗口" in desk.message.text()
    assert desk.empty.isVisible()
    # the decision document of the center above, offered at once and made from the case
    assert desk.document.isVisible() and reported.case.case_no in desk.document.title.text()
    assert desk.document.kind is NoticeKind.DENIAL
    pdf = services.printing.notice_pdf(CITY_CHIEF, desk.document.case, NoticeKind.DENIAL)
    assert pdf.startswith(b"%PDF")
