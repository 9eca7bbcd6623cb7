"""Case handling at the window: each action is one transaction that appends one event.

The service checks the role's permission and loads the case; the case's command checks that
the step is legal now, records its event and folds it (pending); the repository's `save` then
writes the pending events and the case's refreshed summary together, so a crash leaves either
both or neither. The path downward: `CaseService.accept` → `_act_in_store` → `Case.accept` →
`Case._record` (new_event, apply) → `CaseTransactions._save` → `CaseRepository.save_all`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from uuid import uuid4

from app.domain.applicant import Applicant
from app.domain.case import Case, CaseStatus, IllegalTransition, Stamp, SuspensionReason
from app.domain.case_number import day_prefix, format_case_number
from app.domain.catalog import Item
from app.domain.deadline import deadline
from app.domain.enterprise_form import EnterpriseForm, FormError, FormProblem
from app.domain.enterprise_form_checks import form_problems
from app.domain.events import Event
from app.domain.joint import open_one_form
from app.domain.messages import Message, msg
from app.domain.receiving import receive
from app.domain.roles import Actor, Permission, Role
from app.services.case_log import import_events
from app.services.case_transactions import CaseTransactions
from app.services.catalog import CatalogService
from app.services.errors import NotFound, RestoreNeeded
from app.services.full_audit import Processes
from app.services.incremental_audit import PageCheck, checked, start_check
from app.services.store_audit import Finding
from app.services.views import CaseDetail, CaseListEntry, DecisionQueue
from app.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

#: A case command: it checks its rule, records its event and folds it into the case.
Command = Callable[[Case, Stamp], Event]
#: A command that also needs the store, e.g. to number a credit code in the same transaction.
StoreCommand = Callable[[UnitOfWork, Case, Stamp], Event]
#: Given the misfits of an import inside its transaction (see `CaseService.import_events`).
Imported = Callable[[UnitOfWork, list[tuple[Event, str]]], None]
#: How many cases the chief's desk lists at a time (earliest due first).
QUEUE_PAGE = 50


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


@dataclass(frozen=True)
class Online:
    """An application filed on the portal (网上申报, channel online): its number for the
    receipt, and what is written with the case in its transaction, before the case itself
    (the pre-application's ACCEPTED event, see `AppointmentService.accept`)."""

    reference: str
    written: Callable[[UnitOfWork, Case], None]
    channel: str = "online"  # "appointment": booked on the portal, filled in at the counter


class CaseService(CaseTransactions):
    """Every action on a case at the window, and the reading of cases."""

    # ---- opening a case ----------------------------------------------------------------

    def can_accept(self, actor: Actor, item: Item) -> bool:
        """Whether this actor may decide an application for `item` at intake (accept, ask for
        corrections, refuse): the rule `receive` applies, asked before anything is typed."""
        return self.refusal(actor, item) is None

    def refusal(self, actor: Actor, item: Item) -> Message | None:
        """Why this actor may not decide an application for `item` here, in words (an item
        not declared at this center's level, another department's); None when they may."""
        if (not_here := self._place.refusal(item.levels)) is not None:
            return not_here
        if actor.can(Permission.HANDLE_CASE) and actor.works_for(item.department):
            return None
        return _not_this_department(item, self._catalog)

    def checked_applicant(self, applicant: Applicant) -> Applicant:
        """The applicant as `receive` takes it (identifiers normalised); ApplicantError names
        the field to mend."""
        return applicant.validated()

    def receive(
        self,
        actor: Actor,
        item_code: str,
        applicant: Applicant,
        materials: Sequence[str],
        decision: IntakeDecision | None = None,
        channel: str = "counter",
        online: Online | None = None,
    ) -> CaseDetail:
        """Open a case and, at the window, decide on it at once; one transaction for both."""
        actor.require(Permission.RECEIVE_CASE, msg("接件"))
        if decision is not None:
            actor.require(Permission.HANDLE_CASE, msg("受理办件"))
        item = self._catalog.item(item_code)
        refused = (
            self.refusal(actor, item) if decision is not None else self._place.refusal(item.levels)
        )
        if refused is not None:
            raise IllegalTransition(refused)
        calendar = self._calendar.calendar()  # before the transaction: it may read the store
        with self._uow() as uow:
            _refuse_when_behind(uow)
            now = self._clock.now()
            sequence = uow.cases.next_sequence(day_prefix(now.date(), self._terminal_no))
            case_no = format_case_number(now.date(), self._terminal_no, sequence)
            center = self._place.case_center(item.levels)  # the item's center's case
            case = receive(
                self._stamp(actor),
                uuid4(),
                case_no,
                item,
                applicant,
                materials,
                online.channel if online else channel,
                center=center,
                reference=online.reference if online else "",
            )
            if decision is not None:
                _decide_at_intake(case, self._stamp(actor), decision)
            if online is not None:  # before the case is saved: its own receipt not seen
                online.written(uow, case)
            self._save(uow, calendar, case)
            if center:
                uow.sync.belongs_to(case.case_id, center)
            uow.commit()
        log.info("case %s received (%s) by %s", case.case_no, case.status.value, actor.username)
        return self._detail(case)

    def form_problems(self, form: EnterpriseForm) -> list[FormProblem]:
        """What keeps `form` from being accepted today: what `receive_one_form` refuses with."""
        return form_problems(form, self._catalog.scope_rules(), self._clock.now().date())

    def receive_one_form(
        self,
        actor: Actor,
        item_code: str,
        form: EnterpriseForm,
        materials: Sequence[str],
        online: Online | None = None,
    ) -> CaseDetail:
        """Accept a one-form application: the parent and every department's child, at once.

        The form is checked whole first (FormError lists every problem); then one transaction
        writes all the cases, so a failure leaves none of them.
        """
        actor.require(Permission.RECEIVE_CASE, msg("接件"))
        actor.require(Permission.HANDLE_CASE, msg("受理办件"))
        item = self._catalog.item(item_code)
        if not item.is_one_form:
            raise NotFound(msg("{item}不是一表制事项", item=item.name))
        if (refused := self.refusal(actor, item)) is not None:
            raise IllegalTransition(refused)
        children = self._catalog.children(item)
        calendar = self._calendar.calendar()  # before the transaction: it may read the store
        problems = self.form_problems(form)
        if problems:
            raise FormError(problems)
        with self._uow() as uow:
            _refuse_when_behind(uow)
            now = self._clock.now()
            prefix = day_prefix(now.date(), self._terminal_no)
            numbers = [
                format_case_number(now.date(), self._terminal_no, uow.cases.next_sequence(prefix))
                for _ in range(1 + len(children))
            ]
            opened = open_one_form(
                self._stamp(actor), item, children, form, materials, numbers, uuid4,
                online.reference if online else "",
            )  # fmt: skip
            if online is not None:
                online.written(uow, opened.parent)
            self._save(uow, calendar, *opened.cases)
            uow.commit()
        log.info(
            "one-form case %s accepted with %d children by %s",
            opened.parent.case_no,
            len(opened.children),
            actor.username,
        )
        return self._joint_detail(opened.parent, opened.children)

    def issue_together(self, actor: Actor, case_no: str) -> CaseDetail:
        """Unified issuance (统一发证) of a one-form application: every child and the parent."""
        return self._act_jointly(
            actor,
            case_no,
            msg("统一发证"),
            lambda parent, children, stamp: parent.issue_together(stamp, children, uuid4),
        )

    def withdraw_together(self, actor: Actor, case_no: str, reason: str) -> CaseDetail:
        """The applicant withdraws a one-form application whole: the open children and the parent."""
        return self._act_jointly(
            actor,
            case_no,
            msg("撤回"),
            lambda parent, children, stamp: parent.withdraw_together(
                stamp, children, reason, uuid4
            ),
        )

    def applicant_on_record(self, actor: Actor, id_number: str) -> Applicant | None:
        """What this center already holds on a person (phone, address), from their latest
        application here: what the one form need not ask again."""
        actor.require(Permission.RECEIVE_CASE, msg("查询申请人记录"))
        with self._uow.reading() as uow:
            return uow.cases.latest_applicant(id_number)

    def decision_queue(self, actor: Actor, start: int = 0) -> DecisionQueue:
        """The cases waiting for this chief representative's decision, within their authority:
        a page of QUEUE_PAGE from the `start`-th, earliest due first, and how many wait in all
        (an index answers). A start past the end gives the last page."""
        actor.require(Permission.EXTEND_DEADLINE, msg("查看待决定办件"))
        with self._uow.reading() as uow:
            waiting = (Role.CHIEF_REPRESENTATIVE, actor.department, actor.scope, QUEUE_PAGE)
            summaries, total = uow.cases.waiting_for(*waiting, start)
            if start and not summaries and total:  # decided down to fewer pages meanwhile
                start = (total - 1) // QUEUE_PAGE * QUEUE_PAGE
                summaries, total = uow.cases.waiting_for(*waiting, start)
            logs = uow.cases.stored_logs([str(s.case_id) for s in self._folded.changed(summaries)])
        entries = self._entries(summaries, logs)
        return DecisionQueue(entries, total, start, QUEUE_PAGE)

    # ---- the steps after ---------------------------------------------------------------

    def accept(
        self, actor: Actor, case_no: str, materials: Sequence[str] | None = None
    ) -> CaseDetail:
        return self._act(actor, case_no, msg("受理"), lambda c, s: c.accept(s, materials))

    def request_correction(
        self, actor: Actor, case_no: str, missing: Sequence[str], note: str = ""
    ) -> CaseDetail:
        return self._act(
            actor, case_no, msg("出具补正告知"), lambda c, s: c.request_correction(s, missing, note)
        )

    def supplement(self, actor: Actor, case_no: str, materials: Sequence[str]) -> CaseDetail:
        return self._act(
            actor, case_no, msg("登记补正材料"), lambda c, s: c.supplement(s, materials)
        )

    def refuse(self, actor: Actor, case_no: str, reason: str) -> CaseDetail:
        return self._act(actor, case_no, msg("不予受理"), lambda c, s: c.refuse(s, reason))

    def complete_step(
        self,
        actor: Actor,
        case_no: str,
        step: int,
        note: str = "",
        form: Mapping[str, str] | None = None,
    ) -> CaseDetail:
        """Finish the current step; a step outside the hall brings its form (事后录入)."""
        return self._act(
            actor, case_no, msg("办理环节"), lambda c, s: c.complete_step(s, step, note, form)
        )

    def return_to_step(self, actor: Actor, case_no: str, step: int, reason: str) -> CaseDetail:
        return self._act(
            actor, case_no, msg("退回"), lambda c, s: c.return_to_step(s, step, reason)
        )

    def suspend(
        self, actor: Actor, case_no: str, reason: SuspensionReason, note: str = ""
    ) -> CaseDetail:
        return self._act(actor, case_no, msg("暂停计时"), lambda c, s: c.suspend(s, reason, note))

    def resume(self, actor: Actor, case_no: str) -> CaseDetail:
        return self._act(actor, case_no, msg("恢复计时"), lambda c, s: c.resume(s))

    def extend(self, actor: Actor, case_no: str, days: int, reason: str) -> CaseDetail:
        """Extend under Art. 42: the clock says whether the time limit still runs."""
        actor.require(Permission.EXTEND_DEADLINE, msg("延长办理期限"))
        calendar = self._calendar.calendar()  # before the transaction: it may read the store

        def extension(case: Case, stamp: Stamp) -> Event:
            due = deadline(case, calendar, stamp.at).due
            return case.extend(stamp, days, reason, due=due)

        return self._act(actor, case_no, msg("延长期限"), extension)

    def decide(
        self,
        actor: Actor,
        case_no: str,
        approved: bool,
        reason: str = "",
        collective: Mapping[str, str] | None = None,
    ) -> CaseDetail:
        """Approve or deny; approving a business license assigns its credit code."""
        actor.require(Permission.DECIDE_CASE, msg("作出许可决定"))

        def decision(uow: UnitOfWork, case: Case, stamp: Stamp) -> Event:
            code = ""
            if approved and case.terms.issues_credit_code:
                _refuse_when_behind(uow)  # a credit code, like a case number, must not repeat
                code = self._new_credit_code(uow)
            return case.decide(stamp, approved, reason, credit_code=code, collective=collective)

        return self._act_in_store(actor, case_no, msg("作出决定"), decision)

    def report_up(self, actor: Actor, case_no: str, note: str = "") -> CaseDetail:
        """Send a 上报件 up to the center above, which decides it (上报); its clock runs on."""
        above = self._place.above
        return self._act(actor, case_no, msg("上报"), lambda c, s: c.report_up(s, above, note))

    def issue(self, actor: Actor, case_no: str, certificate_no: str = "") -> CaseDetail:
        return self._act(actor, case_no, msg("发证办结"), lambda c, s: c.issue(s, certificate_no))

    def pick_up(self, actor: Actor, case_no: str, picked_up_by: str = "") -> CaseDetail:
        return self._act(actor, case_no, msg("登记取件"), lambda c, s: c.pick_up(s, picked_up_by))

    def withdraw(self, actor: Actor, case_no: str, reason: str) -> CaseDetail:
        """Withdraw a case; a one-form parent is withdrawn with its children."""
        with self._uow.reading() as uow:
            is_parent = self._load(uow, actor, case_no).is_parent
        if is_parent:
            return self.withdraw_together(actor, case_no, reason)
        return self._act(actor, case_no, msg("撤回"), lambda c, s: c.withdraw(s, reason))

    # ---- reading -----------------------------------------------------------------------

    def detail(self, actor: Actor, case_no: str) -> CaseDetail:
        """The case; a one-form parent with its children's progress, a child with the form."""
        with self._uow.reading() as uow:  # the catalog and the calendar are read after it
            case = self._load(uow, actor, case_no)
            children = self._children(uow, case) if case.is_parent else []
            parent = None
            if case.parent is not None:
                parent_log = uow.cases.events_of(case.parent.case_id)
                parent = Case.from_events(parent_log) if parent_log else None
        if case.is_parent:
            return self._joint_detail(case, children)
        detail = self._detail(case)
        if parent is not None and parent.form is not None:
            detail = replace(detail, form=EnterpriseForm.from_dict(parent.form))
        return detail

    def list_cases(
        self,
        actor: Actor,
        *,
        mine: bool = False,
        statuses: Iterable[CaseStatus] | None = None,
        limit: int = 200,
    ) -> list[CaseListEntry]:
        """The newest cases the actor may see: their window's departments', or all for
        supervision."""
        actor.require(Permission.VIEW_DEPARTMENT_CASES, msg("查看办件"))
        departments = None if actor.can(Permission.VIEW_ALL_CASES) else actor.handled_departments
        with self._uow.reading() as uow:
            summaries = uow.cases.summaries(
                departments=departments,
                received_by=actor.username if mine else None,
                statuses=statuses,
                limit=limit,
            )
            logs = uow.cases.stored_logs([str(s.case_id) for s in self._folded.changed(summaries)])
        return self._entries(summaries, logs)

    def verify(
        self,
        since_last: bool = False,
        processes: Processes | None = None,
        pages: PageCheck | None = None,
    ) -> list[Finding]:
        """What is wrong with the store, case by case (`store_audit`): empty when all holds.
        `since_last`: only what was written since the last clean check, when there was one
        (`incremental_audit`); the full check shares a large store's cases among `processes`
        (`full_audit`). `pages`, the check of the file's pages, runs beside it: StoreError
        when they do not hold. A clean check leaves its mark for the next one."""
        return checked(self._uow, self._terminal, since_last, processes, pages)

    def start_check(self) -> list[Finding] | None:
        """The quick check the window runs at every start (`incremental_audit.start_check`);
        None when there is no clean check to start from."""
        return start_check(self._uow, self._terminal)

    def import_events(
        self, events: Sequence[Event], then: Imported | None = None
    ) -> list[tuple[Event, str]]:
        """Store events other terminals wrote (pulled from the central), in one transaction;
        the misfits are returned with the reason (see `case_log.import_events`). `then` is
        given them before the transaction commits, to write what goes with them."""
        calendar = self._calendar.calendar()
        with self._uow() as uow:
            misfits = import_events(
                uow, events, lambda cases: self._save(uow, calendar, *cases), self._terminal
            )
            if then is not None:
                then(uow, misfits)
            uow.commit()
        return misfits

    # ---- shared machinery --------------------------------------------------------------

    def _act(self, actor: Actor, case_no: str, what: Message, command: Command) -> CaseDetail:
        return self._act_in_store(actor, case_no, what, lambda _, c, s: command(c, s))

    def _act_in_store(
        self, actor: Actor, case_no: str, what: Message, command: StoreCommand
    ) -> CaseDetail:
        """Load the case, record the command's event and store it, in one transaction."""
        actor.require(Permission.HANDLE_CASE, what)
        calendar = self._calendar.calendar()  # before the transaction: it may read the store
        with self._uow() as uow:
            case = self._load(uow, actor, case_no)
            event = command(uow, case, self._stamp(actor))
            self._save(uow, calendar, case)
            uow.commit()
        log.info("case %s: %s by %s", case.case_no, event.kind, actor.username)
        if case.parent is not None:  # a one-form child is shown with the shared form
            return self.detail(actor, case.case_no)
        return self._detail(case)


def _refuse_when_behind(uow: UnitOfWork) -> None:
    """No new case number while the central holds events of this terminal this store lacks."""
    missing = uow.sync.missing_own()
    if missing is not None:
        raise RestoreNeeded(*missing)


def _decide_at_intake(case: Case, stamp: Stamp, decision: IntakeDecision) -> None:
    match decision:
        case Accept():
            case.accept(stamp)
        case RequestCorrection(missing, note):
            case.request_correction(stamp, missing, note)
        case Refuse(reason):
            case.refuse(stamp, reason)


def _not_this_department(item: Item, catalog: CatalogService) -> Message:
    return msg(
        "“{item}”由{department}受理，不属于本窗口所在部门，不能在此受理；"
        "请引导申请人到{window}窗口办理。",
        item=item.name,
        department=catalog.department_name(item.department),
        window=item.window,
    )
