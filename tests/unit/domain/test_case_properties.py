"""Deriving state from events, under random sequences of commands by random people.

Whatever is tried, a command either is refused (IllegalTransition or ValueError, leaving the
case as it was) or returns one event; replaying the whole log then gives the same case as
applying the events one by one, and the log stays a numbered, unbroken hash chain. The clock
says what the law says after every event: a closed case has no due date, a case not yet
accepted no completion countdown, and a day overdue is never undone by a later event — not
even by an extension an older counter wrote after the time limit had run out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.calendar_files import load_calendar_dir
from app.domain.case import Case, CaseStatus, Stamp, SuspensionReason
from app.domain.catalog import Item, ItemKind
from app.domain.deadline import ClockLevel, ClockPhase, deadline
from app.domain.event_data import Extended
from app.domain.events import CHINA_TIME, Event, EventKind, new_event, verify_chain
from app.domain.identity import make_resident_id
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.services.demo_people import demo_step_record

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
CATALOG = {
    raw["code"]: Item.from_dict(raw)
    for raw in json.loads((RESOURCES / "catalog" / "items.json").read_text("utf-8"))
}
CALENDAR = load_calendar_dir(RESOURCES / "calendar")
#: A 承诺件 with a site survey, a 即办件, a 联办件, one with an Art. 45 expert review (GH), and
#: one with a survey, a hearing and a chief's review (WL): every shape of flow the catalog has.
ITEMS = [
    CATALOG[code]
    for code in ("SCJG-XK-001", "SCJG-QT-001", "SCJG-QT-002", "GH-XK-002", "WL-XK-001")
]
APPLICANT = Applicant(
    ApplicantKind.PERSON, "李建国", make_resident_id("230203", date(1970, 1, 9), 31)
)
START = datetime(2026, 12, 21, 9, 0, tzinfo=CHINA_TIME)
OPEN = {
    CaseStatus.RECEIVED,
    CaseStatus.AWAITING_CORRECTION,
    CaseStatus.IN_PROGRESS,
    CaseStatus.SUSPENDED,
}
Command = Callable[[Case, Stamp], Event]


def people(item: Item) -> list[Actor]:
    """A clerk and a chief of the item's department, a chief without it, a stranger."""
    home = item.department
    return [
        Actor("clerk", "窗口", Role.CLERK, home, "W1", "t1"),
        Actor("chief", "首席", Role.CHIEF_REPRESENTATIVE, home, "W2", "t2", frozenset({item.code})),
        Actor("chief2", "首席", Role.CHIEF_REPRESENTATIVE, home, "W2", "t2", frozenset()),
        Actor("stranger", "他部门", Role.CLERK, "XX", "X1", "t3"),
    ]


#: Mostly the clerk or the chief of the department, sometimes someone who may not act.
WHO = st.sampled_from([0, 0, 1, 1, 2, 3])
REASONS = st.sampled_from(["", "  ", "材料不全", "申请人要求撤回", " 情况复杂 ", "不符合法定条件"])
WAIT = st.integers(0, 60 * 24 * 4)  # minutes until the next command
PICKS = st.lists(st.booleans(), min_size=8, max_size=8)
ENDINGS = frozenset({"withdraw"})  # refusal can only come early anyway
FIELDS = (
    "status",
    "materials",
    "missing_materials",
    "correction_requested",
    "current_step",
    "step_started",
    "pauses",
    "extension_days",
    "stopped_at",
    "outcome_reason",
)


def state(case: Case) -> dict[str, Any]:
    return {name: getattr(case, name) for name in FIELDS} | {"events": len(case.events)}


def snapshot(case: Case) -> dict[str, Any]:
    """A copy of the state that later changes to the case cannot reach."""
    copied = state(case)
    copied["step_started"] = dict(case.step_started)
    copied["pauses"] = list(case.pauses)
    return copied


def chosen(item: Item, picks: list[bool]) -> list[str]:
    return [m.name for m, take in zip(item.materials, picks, strict=False) if take]


def any_command(name: str, item: Item, case: Case, data: st.DataObject) -> Command:
    """The named command with arguments drawn at random, sensible or not."""

    def draw(strategy: st.SearchStrategy[Any], label: str) -> Any:
        return data.draw(strategy, label=label)

    match name:
        case "accept":
            everything = draw(st.booleans(), "all materials shown")
            shown = [m.name for m in item.materials] if everything else None
            return lambda c, s: c.accept(s, shown)
        case "request_correction":
            listed = chosen(item, draw(PICKS, "listed"))
            return lambda c, s: c.request_correction(s, listed, "请补齐")
        case "supplement":
            brought = list(case.missing_materials) if draw(st.booleans(), "all") else [" "]
            return lambda c, s: c.supplement(s, brought)
        case "refuse":
            reason = draw(REASONS, "reason")
            return lambda c, s: c.refuse(s, reason)
        case "complete_step":
            step = (case.current_step or 0) + draw(st.integers(-2, 1), "step from current")
            return lambda c, s: c.complete_step(s, step, "办理完毕", demo_step_record(s.at.date()))
        case "return_to_step":
            step = (case.current_step or 0) - draw(st.integers(-1, 2), "steps back")
            reason = draw(REASONS, "reason")
            return lambda c, s: c.return_to_step(s, step, reason)
        case "suspend":
            why = draw(st.sampled_from([*SuspensionReason, "coffee_break"]), "reason")
            return lambda c, s: c.suspend(s, why, "依法暂停")
        case "resume":
            return lambda c, s: c.resume(s)
        case "extend":
            days = draw(st.integers(-1, 17), "days")
            reason = draw(REASONS, "reason")
            return lambda c, s: c.extend(s, days, reason, due=due_now(c, s))
        case "decide":
            approved = draw(st.booleans(), "approved")
            reason = draw(REASONS, "reason")
            return lambda c, s: c.decide(s, approved, reason)
        case "issue":
            return lambda c, s: c.issue(s, "ZS-001")
        case "pick_up":
            return lambda c, s: c.pick_up(s, "本人")
        case "withdraw":
            reason = draw(REASONS, "reason")
            return lambda c, s: c.withdraw(s, reason)
    raise AssertionError(name)


COMMANDS = (
    "accept",
    "request_correction",
    "supplement",
    "refuse",
    "complete_step",
    "return_to_step",
    "suspend",
    "resume",
    "extend",
    "decide",
    "issue",
    "pick_up",
    "withdraw",
)


def due_now(case: Case, stamp: Stamp) -> date | None:
    """The due date as the service asks the clock for it before an extension."""
    return deadline(case, CALENDAR, stamp.at).due


def next_step(case: Case, approved: bool) -> Command | None:
    """The command that moves an open case one step on towards pick-up."""
    missing = [m for m in case.terms.required_materials if m not in case.materials]
    match case.status:
        case CaseStatus.RECEIVED if case.correction_requested or not missing:
            return lambda c, s: c.accept(s, c.terms.materials)
        case CaseStatus.RECEIVED:
            return lambda c, s: c.request_correction(s, missing, "请一次补齐")
        case CaseStatus.AWAITING_CORRECTION:
            return lambda c, s: c.supplement(s, c.missing_materials)
        case CaseStatus.IN_PROGRESS if case.awaiting_decision:
            return lambda c, s: c.decide(s, approved, "不符合法定条件")
        case CaseStatus.IN_PROGRESS:
            return lambda c, s: c.complete_step(
                s, c.current_step or 0, "", demo_step_record(s.at.date())
            )
        case CaseStatus.SUSPENDED:
            return lambda c, s: c.resume(s)
        case CaseStatus.APPROVED:
            return lambda c, s: c.issue(s, "ZS-002")
        case CaseStatus.ISSUED | CaseStatus.DENIED:
            return lambda c, s: c.pick_up(s)
    return None


class CaseLog(RuleBasedStateMachine):
    """One case, commands tried at random; the log is checked after every one."""

    def __init__(self) -> None:
        super().__init__()
        self.case: Case
        self.item: Item
        self.actors: list[Actor]
        self.events: list[Event] = []
        self.at = START
        self.patience = 0  # events before a refusal or withdrawal may end the case
        self.days_overdue = 0  # the most the clock has ever said

    @initialize(
        item=st.sampled_from(ITEMS),
        picks=PICKS,
        days_ago=st.integers(0, 400),
        patience=st.integers(0, 8),
    )
    def receive(self, item: Item, picks: list[bool], days_ago: int, patience: int) -> None:
        self.item = item
        self.patience = patience
        self.actors = people(item)
        self.at = START - timedelta(days=days_ago)
        stamp = Stamp(self.actors[0], self.at, uuid4())
        self.case = receive(stamp, uuid4(), "261221-01-001", item, APPLICANT, chosen(item, picks))
        self.events = list(self.case.events)

    def attempt(self, who: int, wait: int, command: Command) -> bool:
        """Try a command; True when it gave an event, which is then applied and replayed."""
        self.at += timedelta(minutes=wait)
        before = snapshot(self.case)
        try:
            event = command(self.case, Stamp(self.actors[who], self.at, uuid4()))
        except ValueError:  # IllegalTransition is one; a bad suspension reason is another
            assert snapshot(self.case) == before, "a refused command changed the case"
            return False
        assert isinstance(event, Event)
        assert event.position == len(self.events) + 1
        assert event.prev_hash == self.events[-1].hash
        assert self.case.events[-1] is event and self.case.pending[-1] is event  # folded
        self.events.append(event)
        assert state(Case.from_events(self.events)) == state(self.case)
        return True

    @rule(name=st.sampled_from(COMMANDS), who=WHO, wait=WAIT, data=st.data())
    def act(self, name: str, who: int, wait: int, data: st.DataObject) -> None:
        """Any command, by anyone, with any arguments."""
        if name in ENDINGS and len(self.events) <= self.patience:
            return  # let some cases live long enough to reach the later steps
        self.attempt(who, wait, any_command(name, self.item, self.case, data))

    @rule(wait=WAIT, approved=st.booleans(), detour=st.booleans())
    def advance(self, wait: int, approved: bool, detour: bool) -> None:
        """The next step a diligent window takes, by the person entitled to it: never refused.

        On a detour, a case in progress is first sent back a step, or extended by the chief.
        """
        command = next_step(self.case, approved)
        entitled = int(
            self.case.step is not None and self.case.step.role is Role.CHIEF_REPRESENTATIVE
        )
        if detour and self.case.status is CaseStatus.IN_PROGRESS:
            command, entitled = self.detour(self.at + timedelta(minutes=wait))
        if command is None:
            return
        assert self.attempt(entitled, wait, command), "the entitled person's step was refused"

    def detour(self, when: datetime) -> tuple[Command, int]:
        """Sent back a step, extended within the limit by the chief, or suspended."""
        returned = sum(e.kind is EventKind.RETURNED for e in self.events)
        if (self.case.current_step or 0) >= 2 and returned < 2:
            back = (self.case.current_step or 0) - 1
            return lambda c, s: c.return_to_step(s, back, "需重新核查"), 0
        extendable = not self.case.extension_days and self.item.kind is not ItemKind.IMMEDIATE
        due = deadline(self.case, CALENDAR, when).due
        if extendable and due is not None and when.date() <= due:
            return lambda c, s: c.extend(s, 10, "情况复杂", due=due_now(c, s)), 1
        return lambda c, s: c.suspend(s, SuspensionReason.EXPERT_REVIEW), 0

    @precondition(
        lambda self: (
            self.case.status in (CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED)
            and not self.case.extension_days
            and self.item.kind is not ItemKind.IMMEDIATE
        )
    )
    @rule(
        wait=st.integers(0, 60) | st.integers(60 * 24 * 15, 60 * 24 * 60), days=st.integers(1, 15)
    )
    def extension_from_an_older_counter(self, wait: int, days: int) -> None:
        """An extension written without asking the clock (a counter before issue 12, or a
        clock that was wrong): the log holds it, whenever it came — at once, or weeks late."""
        self.at += timedelta(minutes=wait)
        event = new_event(
            id=uuid4(),
            case_id=self.case.case_id,
            position=len(self.events) + 1,
            data=Extended(days, "旧版本延长"),
            actor="chief",
            window="W2",
            terminal="t2",
            at=self.at,
            prev_hash=self.events[-1].hash,
        )
        self.case.apply(event)
        self.events.append(event)

    # ---- what must hold after every command ------------------------------------------

    @invariant()
    def the_log_is_a_numbered_unbroken_chain(self) -> None:
        assert [e.position for e in self.events] == list(range(1, len(self.events) + 1))
        assert self.case.events == self.events
        verify_chain(self.events)

    @invariant()
    def only_the_last_pause_may_be_open_and_only_while_the_clock_is_held(self) -> None:
        case = self.case
        pauses = case.pauses
        assert all(p.end is not None for p in pauses[:-1])
        assert all(p.end is None or p.start <= p.end for p in pauses)
        assert [p.start for p in pauses] == sorted(p.start for p in pauses)
        step = case.step
        held = case.status in {CaseStatus.AWAITING_CORRECTION, CaseStatus.SUSPENDED} or (
            case.status is CaseStatus.IN_PROGRESS and step is not None and not step.counts
        )
        assert (bool(pauses) and pauses[-1].end is None) == held

    @invariant()
    def the_clock_runs_until_the_case_is_decided_or_closed(self) -> None:
        case = self.case
        assert (case.stopped_at is None) == (case.status in OPEN)
        clock = deadline(case, CALENDAR, self.at)
        assert clock.days_used >= 0
        # an extension counts only when granted within the limit
        assert case.terms.committed_days <= clock.days_allowed
        assert clock.days_allowed <= case.terms.committed_days + case.extension_days
        assert clock.due is None or clock.due >= case.received_at.date()
        stopped = {ClockLevel.DONE, ClockLevel.DONE_LATE, ClockLevel.CLOSED}
        assert (clock.level in stopped) == (case.status not in OPEN)
        if self.item.kind is ItemKind.IMMEDIATE and not case.pauses and clock.due is not None:
            # due the day it is received, or the next working day if received on a day off
            received = case.received_at.date()
            first_working = (
                received
                if CALENDAR.is_working_day(received)
                else CALENDAR.next_working_day(received)
            )
            assert clock.due == first_working
        assert 0 <= case.extension_days <= 15

    @invariant()
    def a_closed_case_has_no_due_date(self) -> None:
        clock = deadline(self.case, CALENDAR, self.at)
        if self.case.stopped_at is not None:
            assert clock.phase is ClockPhase.STOPPED
            assert clock.due is None and clock.warning_from is None
            assert clock.stopped_on == self.case.stopped_at.date()
            assert clock.closed_as is not None

    @invariant()
    def a_case_not_yet_accepted_has_no_completion_countdown(self) -> None:
        clock = deadline(self.case, CALENDAR, self.at)
        if self.case.status in (CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION):
            assert clock.phase in (ClockPhase.INTAKE, ClockPhase.CORRECTION)
            assert clock.due is None and clock.warning_from is None
            assert clock.level not in (ClockLevel.OVERDUE, ClockLevel.DONE_LATE)
            assert clock.days_overdue == 0 and clock.days_used == 0
            assert (clock.notice_due is not None) == (clock.phase is ClockPhase.INTAKE)

    @invariant()
    def a_day_overdue_is_never_undone(self) -> None:
        """Whatever happened since, the case is at least as late as it ever was."""
        clock = deadline(self.case, CALENDAR, self.at)
        assert clock.days_overdue >= self.days_overdue
        assert (clock.days_overdue > 0) == (
            clock.level in (ClockLevel.OVERDUE, ClockLevel.DONE_LATE)
        )
        self.days_overdue = clock.days_overdue


CaseLog.TestCase.settings = settings(
    max_examples=100,
    stateful_step_count=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestCaseLog = CaseLog.TestCase
