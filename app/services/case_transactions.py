"""What every case action shares: loading the case in a unit of work, stamping the command,
saving the case's pending events with its summary, and the case as the window and the lists
show it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from uuid import uuid4

from app.domain.calendar import WorkCalendar
from app.domain.case import Case, Stamp
from app.domain.deadline import Deadline, deadline, due_date
from app.domain.enterprise_form import EnterpriseForm
from app.domain.events import Event
from app.domain.joint import credit_code, progress
from app.domain.levels import CITY_COUNTER, Place
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission
from app.domain.summary import CaseSummary
from app.services.calendar import CalendarService
from app.services.catalog import CatalogService
from app.services.errors import NotFound
from app.services.folded_cases import FoldedCases
from app.services.time_source import Clock
from app.services.views import CaseDetail, CaseListEntry
from app.storage.case_repository import UnreadableRow
from app.storage.unit_of_work import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)

#: A command on a one-form parent and its children together.
JointCommand = Callable[[Case, list[Case], Stamp], None]


class CaseTransactions:
    """The unit-of-work side of `CaseService`: one transaction per action, downward only."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        catalog: CatalogService,
        calendar: CalendarService,
        clock: Clock,
        terminal_no: int,
        division_code: str,
        terminal: str,
        place: Place = CITY_COUNTER,
    ) -> None:
        self._uow = uow
        #: this counter's center's level (and the center above's at a joint window)
        self._place = place
        self._catalog = catalog
        self._calendar = calendar
        self._clock = clock
        self._terminal_no = terminal_no
        self._division_code = division_code
        #: this terminal's name: its own events are never held masked (`verify_chain`)
        self._terminal = terminal
        self._folded = FoldedCases()  # what the lists showed, for their next refresh

    def _act_jointly(
        self,
        actor: Actor,
        case_no: str,
        what: Message,
        command: JointCommand,
    ) -> CaseDetail:
        """One action on a parent and its children, one transaction."""
        actor.require(Permission.HANDLE_CASE, what)
        calendar = self._calendar.calendar()
        with self._uow() as uow:
            parent = self._load(uow, actor, case_no)
            children = self._children(uow, parent)
            command(parent, children, self._stamp(actor))
            self._save(uow, calendar, *children, parent)
            uow.commit()
        log.info(
            "one-form case %s: %s by %s", parent.case_no, parent.events[-1].kind, actor.username
        )
        return self._joint_detail(parent, children)

    def _load(self, uow: UnitOfWork, actor: Actor, case_no: str) -> Case:
        case_id = uow.cases.case_id_of(case_no)
        if case_id is None:
            raise NotFound(msg("没有编号为 {case_no} 的办件", case_no=case_no))
        try:
            case = Case.from_events(uow.cases.events_of(case_id))
        except ValueError as error:  # its log is gone or does not fold: tampered
            raise NotFound(
                msg(
                    "办件 {case_no} 的记录缺失或无法读取，请运行 onewindow verify 查明",
                    case_no=case_no,
                )
            ) from error
        if not actor.can(Permission.VIEW_ALL_CASES) and not actor.works_for(case.terms.department):
            raise NotFound(msg("没有编号为 {case_no} 的本部门办件", case_no=case_no))
        return case

    def _new_credit_code(self, uow: UnitOfWork) -> str:
        """The next credit code of this terminal, numbered inside the deciding transaction."""
        sequence = uow.cases.next_sequence(f"credit-code-{self._terminal_no:02d}")
        return credit_code(self._division_code, self._terminal_no, sequence)

    def _children(self, uow: UnitOfWork, parent: Case) -> list[Case]:
        logs = uow.cases.events_of_many([ref.case_id for ref in parent.children])
        return [Case.from_events(events) for events in logs.values() if events]

    def _joint_detail(self, parent: Case, children: Sequence[Case]) -> CaseDetail:
        form = EnterpriseForm.from_dict(parent.form) if parent.form else None
        return replace(self._detail(parent), form=form, joint=progress(parent, children))

    def _save(self, uow: UnitOfWork, calendar: WorkCalendar, *cases: Case) -> None:
        """Store each case's pending events and summary, inside the caller's transaction."""
        now = self._clock.now()
        uow.cases.save_all((case, due_date(case, calendar, now)) for case in cases)

    def _stamp(self, actor: Actor) -> Stamp:
        return Stamp(actor=actor, at=self._clock.now(), event_id=uuid4())

    def _deadline(self, case: Case) -> Deadline:
        return deadline(case, self._calendar.calendar(), self._clock.now())

    def _detail(self, case: Case) -> CaseDetail:
        name = self._catalog.department_name(case.terms.department)
        return CaseDetail(case=case, deadline=self._deadline(case), department_name=name)

    def _entries(
        self, summaries: Sequence[CaseSummary], logs: Mapping[str, Sequence[Event | UnreadableRow]]
    ) -> list[CaseListEntry]:
        """A list's entries, from the cases held folded and the `logs` of those that changed."""
        calendar, now = self._calendar.calendar(), self._clock.now()
        return [
            CaseListEntry(summary, self._list_clock(summary, logs, calendar, now))
            for summary in summaries
        ]

    def _list_clock(
        self,
        summary: CaseSummary,
        logs: Mapping[str, Sequence[Event | UnreadableRow]],
        calendar: WorkCalendar,
        now: datetime,
    ) -> Deadline | None:
        """The clock of a listed case (`FoldedCases`); a case whose log is gone or does not
        fold (tampered) keeps its line with no clock, so that one such case never stops a
        list."""
        clock = self._folded.clock(summary, calendar, now)
        if clock is not None:
            return clock
        log = logs.get(str(summary.case_id), [])
        events = [event for event in log if isinstance(event, Event)]
        if not events or len(events) != len(log):
            return None
        try:
            return self._folded.keep(Case.from_events(events), calendar, now)
        except ValueError:
            return None
