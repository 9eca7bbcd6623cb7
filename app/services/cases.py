"""Case handling at the window: each action is one transaction that appends one event.

The service checks the role's permission and that the case belongs to the actor's department,
lets the domain decide whether the step is legal now, then writes the event and the case's
refreshed summary together, so a crash leaves either both or neither.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID, uuid4

from app.domain.applicant import Applicant
from app.domain.calendar import WorkCalendar
from app.domain.case import Case, CaseStatus, Stamp, SuspensionReason, receive
from app.domain.case_number import day_prefix, format_case_number
from app.domain.clock import Deadline, deadline
from app.domain.events import ChainError, Event, verify_chain
from app.domain.roles import Actor, Permission
from app.services.calendar import CalendarService
from app.services.catalog import CatalogService
from app.services.clock import Clock
from app.services.errors import NotFound
from app.services.views import CaseDetail, CaseListEntry
from app.storage.repositories import summary_to_row
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

Command = Callable[[Case, Stamp], Event]


@dataclass(frozen=True)
class Accept:
    """Accept on receipt: the materials are complete (受理)."""


@dataclass(frozen=True)
class RequestCorrection:
    """Tell the applicant at once and in full what is missing (一次性补正告知)."""

    missing: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Refuse:
    """Refuse in writing, with the reason (不予受理)."""

    reason: str


IntakeDecision = Accept | RequestCorrection | Refuse


class CaseService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        calendar: CalendarService,
        clock: Clock,
        terminal_no: int,
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._calendar = calendar
        self._clock = clock
        self._terminal_no = terminal_no

    # ---- opening a case ----------------------------------------------------------------

    def receive(
        self,
        actor: Actor,
        item_code: str,
        applicant: Applicant,
        materials: Sequence[str],
        decision: IntakeDecision | None = None,
        channel: str = "counter",
    ) -> CaseDetail:
        """Open a case and, at the window, decide on it at once; one transaction for both."""
        actor.require(Permission.RECEIVE_CASE, "接件")
        if decision is not None:
            actor.require(Permission.HANDLE_CASE, "受理办件")
        item = self._catalog.item(item_code)
        calendar = self._calendar.calendar()  # before the transaction: it may read the store
        with self._uow() as uow:
            now = self._clock.now()
            sequence = uow.cases.next_sequence(day_prefix(now.date(), self._terminal_no))
            case_no = format_case_number(now.date(), self._terminal_no, sequence)
            first = receive(
                self._stamp(actor), uuid4(), case_no, item, applicant, materials, channel
            )
            case = Case.from_events([first])
            if decision is not None:
                case.apply(_intake_command(decision)(case, self._stamp(actor)))
            self._store(uow, case, case.events, calendar)
            uow.commit()
        log.info("case %s received (%s) by %s", case.case_no, case.status.value, actor.username)
        return self._detail(case)

    # ---- the steps after ---------------------------------------------------------------

    def accept(
        self, actor: Actor, case_no: str, materials: Sequence[str] | None = None
    ) -> CaseDetail:
        return self._act(actor, case_no, "受理", lambda c, s: c.accept(s, materials))

    def request_correction(
        self, actor: Actor, case_no: str, missing: Sequence[str], note: str = ""
    ) -> CaseDetail:
        return self._act(
            actor, case_no, "出具补正告知", lambda c, s: c.request_correction(s, missing, note)
        )

    def supplement(self, actor: Actor, case_no: str, materials: Sequence[str]) -> CaseDetail:
        return self._act(actor, case_no, "登记补正材料", lambda c, s: c.supplement(s, materials))

    def refuse(self, actor: Actor, case_no: str, reason: str) -> CaseDetail:
        return self._act(actor, case_no, "不予受理", lambda c, s: c.refuse(s, reason))

    def complete_step(self, actor: Actor, case_no: str, step: int, note: str = "") -> CaseDetail:
        return self._act(actor, case_no, "办理环节", lambda c, s: c.complete_step(s, step, note))

    def return_to_step(self, actor: Actor, case_no: str, step: int, reason: str) -> CaseDetail:
        return self._act(actor, case_no, "退回", lambda c, s: c.return_to_step(s, step, reason))

    def suspend(
        self, actor: Actor, case_no: str, reason: SuspensionReason, note: str = ""
    ) -> CaseDetail:
        return self._act(actor, case_no, "暂停计时", lambda c, s: c.suspend(s, reason, note))

    def resume(self, actor: Actor, case_no: str) -> CaseDetail:
        return self._act(actor, case_no, "恢复计时", lambda c, s: c.resume(s))

    def extend(self, actor: Actor, case_no: str, days: int, reason: str) -> CaseDetail:
        actor.require(Permission.EXTEND_DEADLINE, "延长办理期限")
        return self._act(actor, case_no, "延长期限", lambda c, s: c.extend(s, days, reason))

    def decide(self, actor: Actor, case_no: str, approved: bool, reason: str = "") -> CaseDetail:
        actor.require(Permission.DECIDE_CASE, "作出许可决定")
        return self._act(actor, case_no, "作出决定", lambda c, s: c.decide(s, approved, reason))

    def issue(self, actor: Actor, case_no: str, certificate_no: str = "") -> CaseDetail:
        return self._act(actor, case_no, "发证办结", lambda c, s: c.issue(s, certificate_no))

    def pick_up(self, actor: Actor, case_no: str, picked_up_by: str = "") -> CaseDetail:
        return self._act(actor, case_no, "登记取件", lambda c, s: c.pick_up(s, picked_up_by))

    def withdraw(self, actor: Actor, case_no: str, reason: str) -> CaseDetail:
        return self._act(actor, case_no, "撤回", lambda c, s: c.withdraw(s, reason))

    # ---- reading -----------------------------------------------------------------------

    def detail(self, actor: Actor, case_no: str) -> CaseDetail:
        with self._uow() as uow:
            case = self._load(uow, actor, case_no)
        return self._detail(case)

    def list_cases(
        self,
        actor: Actor,
        *,
        mine: bool = False,
        statuses: Iterable[CaseStatus] | None = None,
        limit: int = 200,
    ) -> list[CaseListEntry]:
        """The newest cases the actor may see: their department's, or all for supervision."""
        actor.require(Permission.VIEW_DEPARTMENT_CASES, "查看办件")
        department = None if actor.can(Permission.VIEW_ALL_CASES) else actor.department
        with self._uow() as uow:
            summaries = uow.cases.summaries(
                department=department,
                received_by=actor.username if mine else None,
                statuses=statuses,
                limit=limit,
            )
            logs = uow.cases.events_of_many(s.case_id for s in summaries)
        return [
            CaseListEntry(summary, self._deadline(Case.from_events(logs[summary.case_id])))
            for summary in summaries
        ]

    def verify(self) -> list[tuple[str, str]]:
        """Every case whose log is broken, as (case number, what is wrong).

        Each chain must hold, and hold as many events as the case's summary counted when the
        last one was written: a chain cut short at its end still links up by itself.
        """
        broken: list[tuple[str, str]] = []
        with self._uow() as uow:
            counted = uow.cases.event_counts()
            case_ids = uow.cases.all_case_ids()
            for start in range(0, len(case_ids), 2000):
                batch = uow.cases.events_of_many(case_ids[start : start + 2000])
                for case_id, events in batch.items():
                    case_no, expected = counted.get(case_id, (str(case_id), len(events)))
                    try:
                        verify_chain(events)
                    except ChainError as error:
                        broken.append((case_no, str(error)))
                    else:
                        if len(events) != expected:
                            broken.append(
                                (
                                    case_no,
                                    f"应有{expected}条记录，实有{len(events)}条，末尾记录缺失",
                                )
                            )
        return broken

    def import_events(self, events: Sequence[Event]) -> list[tuple[Event, str]]:
        """Store events other terminals wrote (pulled from the central), in one transaction.

        Each case's new events must continue the chain this store holds; those that do not
        (this counter wrote another event at the same position while offline: a fork) are
        returned with the reason, and nothing of that case is stored. Events already held
        are skipped.
        """
        calendar = self._calendar.calendar()
        by_case: dict[UUID, list[Event]] = {}
        for event in events:
            by_case.setdefault(event.case_id, []).append(event)
        misfits: list[tuple[Event, str]] = []
        with self._uow() as uow:
            held = uow.cases.events_of_many(by_case)
            for case_id, incoming in by_case.items():
                have = held[case_id]
                known = {event.id for event in have}
                new = sorted((e for e in incoming if e.id not in known), key=lambda e: e.position)
                if not new:
                    continue
                try:
                    verify_chain([*have, *new])
                    case = Case.from_events([*have, *new])
                # data from elsewhere: a malformed payload is a misfit too, not a crash
                except (ValueError, KeyError, TypeError) as error:
                    misfits.extend((event, str(error)) for event in new)
                    continue
                self._store(uow, case, new, calendar)
            uow.commit()
        return misfits

    # ---- shared machinery --------------------------------------------------------------

    def _act(self, actor: Actor, case_no: str, what: str, command: Command) -> CaseDetail:
        actor.require(Permission.HANDLE_CASE, what)
        calendar = self._calendar.calendar()  # before the transaction: it may read the store
        with self._uow() as uow:
            case = self._load(uow, actor, case_no)
            event = command(case, self._stamp(actor))
            case.apply(event)
            self._store(uow, case, [event], calendar)
            uow.commit()
        log.info("case %s: %s by %s", case.case_no, event.kind.value, actor.username)
        return self._detail(case)

    def _load(self, uow: UnitOfWork, actor: Actor, case_no: str) -> Case:
        case_id = uow.cases.case_id_of(case_no)
        if case_id is None:
            raise NotFound(f"没有编号为 {case_no} 的办件")
        case = Case.from_events(uow.cases.events_of(case_id))
        if not actor.can(Permission.VIEW_ALL_CASES) and actor.department != case.terms.department:
            raise NotFound(f"没有编号为 {case_no} 的本部门办件")
        return case

    def _store(
        self, uow: UnitOfWork, case: Case, events: Sequence[Event], calendar: WorkCalendar
    ) -> None:
        """Append the events and refresh the summary, inside the caller's transaction."""
        uow.cases.append(events)
        due = deadline(case, calendar, self._clock.now()).due
        uow.cases.save_summaries([summary_to_row(case, due)])

    def _stamp(self, actor: Actor) -> Stamp:
        return Stamp(actor=actor, at=self._clock.now(), event_id=uuid4())

    def _deadline(self, case: Case) -> Deadline:
        return deadline(case, self._calendar.calendar(), self._clock.now())

    def _detail(self, case: Case) -> CaseDetail:
        name = self._catalog.department_name(case.terms.department)
        return CaseDetail(case=case, deadline=self._deadline(case), department_name=name)


def _intake_command(decision: IntakeDecision) -> Command:
    match decision:
        case Accept():
            return lambda c, s: c.accept(s)
        case RequestCorrection(missing, note):
            return lambda c, s: c.request_correction(s, missing, note)
        case Refuse(reason):
            return lambda c, s: c.refuse(s, reason)
