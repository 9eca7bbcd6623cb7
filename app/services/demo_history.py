"""Demo history: cases that reach a chosen state by the same legal steps the window takes.

Each case is made by the domain's commands at simulated moments in the past, so the history is
as legal and as chained as a real one.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from uuid import uuid4

from app.domain.calendar import WorkCalendar
from app.domain.case import Case, CaseStatus, Stamp, SuspensionReason
from app.domain.case_number import day_prefix, format_case_number
from app.domain.catalog import FlowElement, Item, ItemKind
from app.domain.events import CHINA_TIME, Event
from app.domain.joint import credit_code
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.services.demo_people import (
    DIVISIONS,
    demo_collective_record,
    demo_enterprise,
    demo_person,
    demo_step_record,
)

#: How many working days back the oldest demo case may start.
HISTORY_DAYS = 250
STATUS_WEIGHTS = {
    CaseStatus.PICKED_UP: 30,
    CaseStatus.ISSUED: 12,
    CaseStatus.IN_PROGRESS: 22,
    CaseStatus.RECEIVED: 3,
    CaseStatus.AWAITING_CORRECTION: 5,
    CaseStatus.SUSPENDED: 4,
    CaseStatus.APPROVED: 6,
    CaseStatus.DENIED: 6,
    CaseStatus.REFUSED: 8,
    CaseStatus.WITHDRAWN: 4,
}


class DemoHistory:
    """Generates cases that lead, by legal steps, to a chosen state at `now`."""

    def __init__(
        self,
        items: list[Item],
        calendar: WorkCalendar,
        now: datetime,
        numbers: dict[str, int],
        terminals: Sequence[int],
        seed: int = 2026,
    ) -> None:
        self._items = items
        self._calendar = calendar
        self._now = now
        self._rng = random.Random(seed)
        today = now.date()
        #: working days before today, newest first: where a history of N days must begin
        self._past = [
            day
            for day in (today - timedelta(days=n) for n in range(1, 3 * HISTORY_DAYS))
            if calendar.is_working_day(day)
        ][:HISTORY_DAYS]
        self._scopes: dict[str, frozenset[str]] = {}
        for item in items:
            self._scopes[item.department] = self._scopes.get(item.department, frozenset()) | {
                item.code
            }
        self.numbers: Counter[str] = Counter(numbers)
        self._terminals = list(terminals)
        self._actors: dict[tuple[str, Role], Actor] = {}
        self._credit_codes = 0

    def cases(self, count: int, departments_first: str | None = None) -> Iterator[Case]:
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        for number in range(count):
            # the first cases show every state once, at the department shown first in the demo
            showcase = number < len(statuses) and departments_first is not None
            target = statuses[number] if showcase else self._rng.choices(statuses, weights)[0]
            pool = (
                [i for i in self._items if i.department == departments_first]
                if showcase
                else self._items
            )
            yield self._case(self._rng.choice(pool), target)

    def _actor(self, item: Item, role: Role) -> Actor:
        """The department's demo clerk or chief representative (see `demo_accounts`)."""
        key = (item.department, role)
        if key not in self._actors:
            code = item.department.lower()
            username = f"{code}01" if role is Role.CLERK else f"{code}-chief"
            self._actors[key] = Actor(
                username,
                username,
                role,
                item.department,
                item.window,
                f"demo-{code}",
                self._scopes[item.department],
            )
        return self._actors[key]

    def _case(self, item: Item, target: CaseStatus) -> Case:
        plan = list(self._plan(item, target))
        span = sum(days for _, days in plan)
        open_case = target in {
            CaseStatus.RECEIVED,
            CaseStatus.AWAITING_CORRECTION,
            CaseStatus.IN_PROGRESS,
            CaseStatus.SUSPENDED,
            CaseStatus.APPROVED,
        }
        slack = self._rng.randint(0, 3 if open_case else 60)
        back = min(span + slack, HISTORY_DAYS)
        moment = self._moment(self._past[back - 1] if back else self._now.date())
        if moment > self._now:  # today, before the hour drawn: received earlier this morning
            moment = self._now - timedelta(minutes=self._rng.randint(5, 120))
        clerk = self._actor(item, Role.CLERK)
        terminal = self._rng.choice(self._terminals)
        prefix = day_prefix(moment.date(), terminal)
        self.numbers[prefix] += 1
        case_no = format_case_number(moment.date(), terminal, self.numbers[prefix])
        applicant = (
            demo_enterprise(self._rng)
            if item.kind is ItemKind.JOINT or self._rng.random() < 0.3
            else demo_person(self._rng)
        )
        materials = [m.name for m in item.materials if m.required or self._rng.random() < 0.5]
        if (
            target in {CaseStatus.AWAITING_CORRECTION, CaseStatus.REFUSED}
            or self._rng.random() < 0.08
        ):
            materials = materials[1:]
        case = receive(self._stamp(clerk, moment), uuid4(), case_no, item, applicant, materials)
        for action, days in plan:
            moment = self._later(moment, days)
            if moment > self._now:
                break
            self._act(case, item, action, moment)
        return case

    def _plan(self, item: Item, target: CaseStatus) -> Iterator[tuple[str, int]]:
        """The actions that lead to `target`, each with the working days it waits before."""
        rng = self._rng
        if target is CaseStatus.SUSPENDED and item.decision_step <= 1:
            target = CaseStatus.IN_PROGRESS  # nothing to suspend in a case decided on the spot
        if target in {CaseStatus.AWAITING_CORRECTION, CaseStatus.REFUSED} or rng.random() < 0.1:
            yield "correct", 0
            if target is CaseStatus.AWAITING_CORRECTION:
                return
            if target is CaseStatus.REFUSED:
                yield "refuse", rng.randint(1, 4)
                return
            yield "supplement", rng.randint(1, 4)
        if target is CaseStatus.RECEIVED:
            return
        if target is CaseStatus.WITHDRAWN and rng.random() < 0.5:
            yield "withdraw", rng.randint(0, 2)
            return
        yield "accept", 0
        for step in range(1, item.decision_step):
            limit = item.flow[step].days
            yield f"step:{step}", rng.choice([0, limit, limit, max(0, limit - 1), limit + 1])
            if target is CaseStatus.SUSPENDED and step == 1:
                yield "suspend", 0
                return
        if target in {CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED}:
            if target is CaseStatus.SUSPENDED:
                yield "suspend", 0
            return
        if target is CaseStatus.WITHDRAWN:
            yield "withdraw", rng.randint(0, 2)
            return
        approved = target is not CaseStatus.DENIED
        yield ("approve" if approved else "deny"), item.flow[item.decision_step].days
        if target in {CaseStatus.APPROVED, CaseStatus.DENIED}:
            return
        yield "issue", item.flow[-1].days
        if target is CaseStatus.PICKED_UP:
            yield "pick_up", rng.randint(0, 5)

    def _credit_code(self) -> str:
        """Codes of demo history are numbered under terminal 0, which no counter has."""
        self._credit_codes += 1
        return credit_code(DIVISIONS[0], 0, self._credit_codes)

    @staticmethod
    def _collective(item: Item, moment: datetime) -> dict[str, str] | None:
        if item.flow[item.decision_step].element is not FlowElement.COLLECTIVE_DECISION:
            return None
        return demo_collective_record(moment.date())

    def _act(self, case: Case, item: Item, action: str, moment: datetime) -> Event:
        """Take the action on the case: its event is recorded and pending."""
        clerk = self._stamp(self._actor(item, Role.CLERK), moment)
        chief = self._stamp(self._actor(item, Role.CHIEF_REPRESENTATIVE), moment)
        decider = (
            chief if item.flow[item.decision_step].role is Role.CHIEF_REPRESENTATIVE else clerk
        )
        name, _, arg = action.partition(":")
        match name:
            case "correct":
                missing = [m for m in case.terms.required_materials if m not in case.materials]
                return case.request_correction(
                    clerk,
                    missing or list(case.terms.materials[:1]),  # e.g. an illegible copy
                    "请补齐后再来",
                )
            case "supplement":
                return case.supplement(
                    clerk, list(case.missing_materials) or list(case.terms.materials[:1])
                )
            case "refuse":
                return case.refuse(clerk, "逾期未补正，材料仍不齐全")
            case "accept":
                return case.accept(
                    clerk, list(dict.fromkeys([*case.materials, *case.terms.required_materials]))
                )
            case "step":
                step = int(arg)
                stamp = chief if item.flow[step].role is Role.CHIEF_REPRESENTATIVE else clerk
                if item.flow[step].window:  # a post of its own window (Liaocheng's 审核岗)
                    actor = replace(stamp.actor, window=item.flow[step].window)
                    stamp = replace(stamp, actor=actor)
                return case.complete_step(
                    stamp, step, "审查通过", demo_step_record(stamp.at.date())
                )
            case "suspend":
                return case.suspend(
                    clerk, self._rng.choice(list(SuspensionReason)), "依法组织专家评审"
                )
            case "approve":
                return case.decide(
                    decider,
                    True,
                    credit_code=self._credit_code() if item.issues_credit_code else "",
                    collective=self._collective(item, moment),
                )
            case "deny":
                return case.decide(
                    decider,
                    False,
                    "申请人不符合法定条件",
                    collective=self._collective(item, moment),
                )
            case "issue":
                return case.issue(
                    clerk, f"{item.department}{moment:%Y%m%d}{self._rng.randint(1, 9999):04d}"
                )
            case "pick_up":
                return case.pick_up(clerk, case.applicant.name)
            case "withdraw":
                return case.withdraw(clerk, "申请人主动撤回申请")
        raise ValueError(action)

    @staticmethod
    def _stamp(actor: Actor, moment: datetime) -> Stamp:
        return Stamp(actor=actor, at=moment, event_id=uuid4())

    def _moment(self, day: date) -> datetime:
        minutes = self._rng.randint(0, 7 * 60)
        return datetime.combine(day, time(9, 0), CHINA_TIME) + timedelta(minutes=minutes)

    def _later(self, moment: datetime, working_days: int) -> datetime:
        if working_days == 0:
            return moment + timedelta(minutes=self._rng.randint(1, 20))
        return self._moment(self._calendar.add_working_days(moment.date(), working_days))
