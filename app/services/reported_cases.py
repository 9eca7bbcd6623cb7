"""上报件 at the center above: the cases the centers below sent up to this center, read from
the central (they are the centers' below: this counter's store does not hold them), for the
chief representative's desk; the decision is written straight into the case at the central,
where the counter that accepted the case pulls it back, and the case goes on there on its
clock (it never stopped while the case was up).

The list reads the cases as a counter reads another department's (receipts masked); the
chief deciding reads the case whole through the central's `reported_case`, which records who
looked and why. The decision is written in this terminal's audit trail, and returned as the
case's detail, from which the desk offers the decision document."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

from app.central.errors import CentralError
from app.domain.audit import AuditAction
from app.domain.case import Case, Stamp
from app.domain.case_rules import decision_refusal
from app.domain.deadline import deadline
from app.domain.events import event_from_fields
from app.domain.messages import msg
from app.domain.roles import Actor, Permission
from app.services.audit import AuditTrail
from app.services.calendar import CalendarService
from app.services.catalog import CatalogService
from app.services.errors import NotFound
from app.services.time_source import Clock
from app.services.views import CaseDetail
from app.storage.case_repository import event_to_row
from app.sync.central_link import CentralLink
from app.sync.central_push import Row

log = logging.getLogger(__name__)

#: Why the deciding chief reads a case sent up here whole (`central.disclosures`).
DECISION_PURPOSE = "上报件决定"


@dataclass(frozen=True)
class ReportedCase:
    """A case sent up to this center: its own center (below), the case, its due date."""

    center: str
    case: Case
    due: date | None


class ReportedCases:
    def __init__(
        self,
        link: Callable[[], CentralLink],
        calendar: CalendarService,
        catalog: CatalogService,
        audit: AuditTrail,
        clock: Clock,
        center: str,
    ) -> None:
        self._link = link
        self._calendar = calendar
        self._catalog = catalog
        self._audit = audit
        self._clock = clock
        self._center = center  # this counter's center: the one the cases went up to

    def waiting(self, actor: Actor) -> list[ReportedCase]:
        """The cases sent up to this center waiting for this chief's decision (their items in
        the chief's authority), earliest due first; CentralError when the central cannot be
        read."""
        actor.require(Permission.DECIDE_CASE, msg("作出许可决定"))
        calendar = self._calendar.calendar()
        now = self._clock.now()
        found = [
            ReportedCase(center, case, deadline(case, calendar, now).due)
            for center, case in self._read().values()
            if case.reported_to == self._center
            and case.awaiting_decision
            and decision_refusal(case, actor) is None
        ]
        return sorted(found, key=lambda c: (c.due or date.max, c.case.case_no))

    def decide(self, actor: Actor, case_id: UUID, approved: bool, reason: str = "") -> CaseDetail:
        """Decide a case sent up here, as this center, on the case read whole (the central
        records that this chief looked); the decision goes into the case at the central at
        once (CentralError, with the central's words, when it is not taken) and into this
        terminal's audit trail. The case as decided, for its decision document."""
        actor.require(Permission.DECIDE_CASE, msg("作出许可决定"))
        rows = self._link().reported_case(str(case_id), actor.username, DECISION_PURPOSE)
        if not rows:
            raise NotFound(msg("没有上报本中心的这件办件"))
        center, case = _folded(rows)
        event = case.decide(
            Stamp(actor, self._clock.now(), uuid4()), approved, reason, center=self._center
        )
        row: Row = {**event_to_row(event), "center": center}
        (answer,) = self._link().push([row], actor.terminal)
        if not answer.outcome.delivered:
            raise CentralError(answer.reason or msg("中心没有接受这项决定"))
        verdict = "准予许可" if approved else "不予许可"
        details = {"center": center, "decision": verdict}
        self._audit.record(actor.username, AuditAction.REPORTED_DECIDED, case.case_no, details)
        log.info("case %s of %s decided here (sent up)", case.case_no, center)
        return CaseDetail(
            case=case,
            deadline=deadline(case, self._calendar.calendar(), self._clock.now()),
            department_name=self._catalog.department_name(case.terms.department),
        )

    def _read(self) -> dict[UUID, tuple[str, Case]]:
        rows: dict[UUID, list[Row]] = {}
        for row in self._link().reported_to_me():
            rows.setdefault(UUID(str(row["case_id"])), []).append(row)
        return {case_id: _folded(events) for case_id, events in rows.items()}


def _folded(rows: list[Row]) -> tuple[str, Case]:
    """A case's center and the case, from its rows as the central answers them."""
    return str(rows[0]["center"]), Case.from_events([event_from_fields(e) for e in rows])
