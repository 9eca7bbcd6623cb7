"""The case clock against the State Council's 2025/2026 schedules: due dates, yellow and red,
time that is not counted (corrections, suspensions, Art. 45 steps), extensions only within the
limit, lateness that stays, the Art. 32 intake before acceptance, finished cases, a step over
its own limit, and a deadline in a year whose schedule is not loaded."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.calendar_files import load_calendar_dir
from app.domain.case import CaseStatus, IllegalTransition, Stamp, SuspensionReason
from app.domain.catalog import Item
from app.domain.deadline import ClockLevel, ClockPhase, Deadline, deadline, due_date
from app.domain.event_data import Extended
from app.domain.events import CHINA_TIME, new_event
from app.domain.identity import make_resident_id
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.services.demo_people import demo_step_record

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
CALENDAR = load_calendar_dir(RESOURCES / "calendar")
RAW_ITEMS = {
    raw["code"]: raw
    for raw in json.loads((RESOURCES / "catalog" / "items.json").read_text("utf-8"))
}
CATALOG = {code: Item.from_dict(raw) for code, raw in RAW_ITEMS.items()}
FOOD = CATALOG["SCJG-XK-001"]  # committed 4: 受理 → 现场核查 (2) → 首席代表审核决定 (1) → 制证 (1)
LOST_LICENSE = CATALOG["SCJG-QT-001"]  # 即办件
SURVEY = CATALOG["GH-XK-001"]  # committed 10: 受理 → 现场踏勘 (3) → 审核 (5) → 发证 (2)
EXPERT = CATALOG["GH-XK-002"]  # committed 9: 受理 → 专家评审 (5, not counted) → 公示 → …
MORTGAGE = CATALOG["ZR-DJ-002"]  # committed 5
ID_CARD = CATALOG["GA-QT-001"]  # committed 20

APPLICANT = Applicant(
    ApplicantKind.PERSON, "陈春梅", make_resident_id("230204", date(1990, 3, 8), 246)
)


def at(day: date | str, hour: int = 10, minute: int = 0) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time(hour, minute), CHINA_TIME)


class Counter:
    """A case worked at given moments, by the department's clerk or its chief."""

    def __init__(self, item: Item, received: datetime, materials: list[str] | None = None) -> None:
        self.clerk = Actor("clerk", "窗口", Role.CLERK, item.department, "W1", "t1")
        self.chief = Actor(
            "chief",
            "首席",
            Role.CHIEF_REPRESENTATIVE,
            item.department,
            "W2",
            "t2",
            frozenset({item.code}),
        )
        chosen = [m.name for m in item.required_materials] if materials is None else materials
        self.case = receive(
            Stamp(self.clerk, received, uuid4()), uuid4(), "261102-01-001", item, APPLICANT, chosen
        )

    def do(self, moment: datetime, command: str, *args: Any, chief: bool = False) -> Counter:
        stamp = Stamp(self.chief if chief else self.clerk, moment, uuid4())
        kwargs: dict[str, Any] = {}
        if command == "complete_step":  # an out-of-hall step brings its form
            args = (*args, "")[:2] + (demo_step_record(moment.date()),)
        if command == "extend":  # the service asks the clock whether the limit still runs
            kwargs["due"] = self.clock(moment).due
        getattr(self.case, command)(stamp, *args, **kwargs)
        return self

    def clock(self, now: datetime | str) -> Deadline:
        moment = at(now) if isinstance(now, str) else now
        found = deadline(self.case, CALENDAR, moment)
        assert due_date(self.case, CALENDAR, moment) == found.due  # what a summary stores
        return found


def accepted(item: Item, day: str = "2026-11-02") -> Counter:
    """Received and accepted at 10:00 on a Monday."""
    return Counter(item, at(day)).do(at(day, 10, 5), "accept")


# ------------------------------------------------------------------------- due dates


def test_due_is_counted_in_working_days_from_receipt_across_a_holiday_block() -> None:
    counter = accepted(MORTGAGE, "2026-09-23")  # a Wednesday before 中秋 and 国庆
    clock = counter.clock(at("2026-09-23", 15))
    assert clock.due == date(2026, 10, 8)
    assert (clock.days_allowed, clock.days_used, clock.days_left) == (5, 0, 5)
    assert clock.level is ClockLevel.ON_TIME
    assert not clock.paused and clock.unloaded_years == ()
    # the last day before the holidays leaves one working day, and still does in the holidays
    for now in ("2026-09-30", "2026-10-05"):
        clock = counter.clock(now)
        assert (clock.days_used, clock.days_left, clock.level) == (4, 1, ClockLevel.WARNING)


def test_an_immediate_item_is_due_the_day_it_is_accepted() -> None:
    counter = accepted(LOST_LICENSE, "2026-11-23")
    clock = counter.clock(at("2026-11-23", 10, 6))
    assert clock.due == date(2026, 11, 23)
    assert (clock.days_allowed, clock.days_left) == (0, 0)
    assert clock.level is ClockLevel.WARNING
    assert counter.clock("2026-11-24").level is ClockLevel.OVERDUE
    counter.do(at("2026-11-23", 10, 9), "decide", True)
    counter.do(at("2026-11-23", 10, 12), "issue", "补领执照")
    done = counter.clock("2026-11-30")
    assert (done.level, done.due, done.stopped_on) == (ClockLevel.DONE, None, date(2026, 11, 23))
    assert done.closed_as is CaseStatus.APPROVED and done.was_due == date(2026, 11, 23)


# ------------------------------------------------------------------------ yellow, red


def test_yellow_once_ninety_percent_of_the_time_is_used() -> None:
    counter = accepted(ID_CARD)  # 20 working days: due 2026-11-30
    assert counter.clock("2026-11-02").due == date(2026, 11, 30)
    on_time = counter.clock("2026-11-25")
    assert (on_time.days_used, on_time.days_left, on_time.level) == (17, 3, ClockLevel.ON_TIME)
    yellow = counter.clock("2026-11-26")
    assert (yellow.days_used, yellow.days_left, yellow.level) == (18, 2, ClockLevel.WARNING)


def test_yellow_with_one_working_day_left_and_red_once_overdue() -> None:
    counter = accepted(MORTGAGE)  # 5 working days: due Monday 2026-11-09
    expected = {
        "2026-11-05": (3, 2, ClockLevel.ON_TIME),
        "2026-11-06": (4, 1, ClockLevel.WARNING),  # 80 % used, but one day left
        "2026-11-08": (4, 1, ClockLevel.WARNING),  # a Sunday
        "2026-11-09": (5, 0, ClockLevel.WARNING),
        "2026-11-10": (6, -1, ClockLevel.OVERDUE),
        "2026-11-14": (9, -4, ClockLevel.OVERDUE),  # Saturday: four working days late
    }
    for now, (used, left, level) in expected.items():
        clock = counter.clock(now)
        assert clock.due == date(2026, 11, 9)
        assert (clock.days_used, clock.days_left, clock.level) == (used, left, level), now


# ------------------------------------------------------------------ time not counted


def test_a_correction_wait_counts_nothing_down_and_the_case_counts_from_the_supplement() -> None:
    required = [m.name for m in FOOD.required_materials]
    counter = Counter(FOOD, at("2026-11-02"), required[1:])
    counter.do(at("2026-11-03", 10, 5), "request_correction", required[:1])  # day 2 of 5
    waiting = counter.clock("2026-11-05")
    assert (waiting.phase, waiting.level) == (ClockPhase.CORRECTION, ClockLevel.WAITING)
    assert waiting.due is None and waiting.warning_from is None and waiting.notice_due is None
    assert (waiting.waiting_since, waiting.days_waited) == (date(2026, 11, 3), 2)
    assert waiting.days_used == 0 and not waiting.paused
    long_wait = counter.clock("2026-12-31")  # however long the applicant takes: never red
    assert long_wait.level is ClockLevel.WAITING and long_wait.days_overdue == 0
    counter.do(at("2026-11-05", 9), "supplement", required[:1])
    counter.do(at("2026-11-05", 9, 10), "accept")
    clock = counter.clock("2026-11-05")
    assert clock.phase is ClockPhase.RUNNING and not clock.paused
    assert clock.due == date(2026, 11, 11)  # four working days from the supplement (Art. 32)
    assert (clock.days_used, clock.days_left) == (0, 4)


def test_a_correction_notice_given_too_late_counts_from_the_receipt() -> None:
    """Art. 32: not told within five working days, the case counted as accepted on receipt."""
    required = [m.name for m in FOOD.required_materials]
    counter = Counter(FOOD, at("2026-11-02"), required[1:])  # notice due 2026-11-09
    counter.do(at("2026-11-10"), "request_correction", required[:1])
    counter.do(at("2026-11-12"), "supplement", required[:1])
    counter.do(at("2026-11-12", 11), "accept")
    clock = counter.clock("2026-11-12")
    # from 2026-11-02, four days plus the two the applicant took: due 2026-11-10, late by 2
    assert (clock.due, clock.level, clock.days_overdue) == (
        date(2026, 11, 10),
        ClockLevel.OVERDUE,
        2,
    )


# ------------------------------------------------------------------ before acceptance


def test_a_case_not_accepted_counts_the_five_days_of_art_32_not_a_completion_date() -> None:
    counter = Counter(ID_CARD, at("2026-11-02"))  # Monday: notice due Monday 2026-11-09
    expected = {
        "2026-11-02": (ClockLevel.ON_TIME, 5, 0),
        "2026-11-05": (ClockLevel.ON_TIME, 2, 3),
        "2026-11-06": (ClockLevel.WARNING, 1, 4),  # the five days are running out
        "2026-11-09": (ClockLevel.WARNING, 0, 5),
        "2026-11-10": (ClockLevel.NOTICE_LATE, -1, 6),  # counts as accepted since receipt
    }
    for now, (level, left, waited) in expected.items():
        clock = counter.clock(now)
        assert clock.phase is ClockPhase.INTAKE, now
        assert clock.due is None and clock.warning_from is None, now
        assert clock.notice_due == date(2026, 11, 9), now
        assert (clock.level, clock.days_left, clock.days_waited) == (level, left, waited), now
        assert clock.waiting_since == date(2026, 11, 2) and clock.days_overdue == 0, now
    counter.do(at("2026-11-11"), "accept")  # accepted late: counted from the receipt
    assert counter.clock("2026-11-11").days_used == 7


def test_a_suspension_is_not_counted() -> None:
    counter = accepted(FOOD).do(at("2026-11-03"), "suspend", SuspensionReason.TESTING)
    suspended = counter.clock("2026-11-06")
    assert suspended.paused
    assert suspended.due == date(2026, 11, 11)
    assert suspended.days_used == 1
    counter.do(at("2026-11-09"), "resume")
    clock = counter.clock("2026-11-09")
    assert not clock.paused
    assert clock.due == date(2026, 11, 12)  # four working days later than 2026-11-06
    assert (clock.days_used, clock.days_left) == (1, 3)


def test_an_uncounted_art_45_step_holds_the_clock() -> None:
    counter = accepted(EXPERT)  # committed 9: due 2026-11-13 if nothing were held
    in_review = counter.clock("2026-11-06")
    assert in_review.paused and in_review.days_used == 0
    assert in_review.step_due == date(2026, 11, 9)  # the review's own limit of 5 days
    counter.do(at("2026-11-09"), "complete_step", 1, "专家评审通过")
    clock = counter.clock("2026-11-09")
    assert not clock.paused
    assert clock.due == date(2026, 11, 20)
    assert (clock.days_used, clock.days_left, clock.level) == (0, 9, ClockLevel.ON_TIME)


def test_a_review_over_its_own_limit_is_flagged_while_the_case_clock_stands() -> None:
    counter = accepted(EXPERT)
    clock = counter.clock("2026-11-10")
    assert clock.step_overdue and clock.level is ClockLevel.ON_TIME


# --------------------------------------------------------------- extension, finishing


def test_an_extension_adds_its_days() -> None:
    counter = accepted(SURVEY)
    assert counter.clock("2026-11-03").due == date(2026, 11, 16)
    counter.do(at("2026-11-03"), "extend", 5, "需补充踏勘", chief=True)
    clock = counter.clock("2026-11-03")
    assert clock.due == date(2026, 11, 23)
    assert (clock.days_allowed, clock.days_left) == (15, 14)


def test_an_overdue_case_cannot_be_extended() -> None:
    counter = accepted(FOOD)  # due 2026-11-06
    with pytest.raises(IllegalTransition, match="已于2026-11-06届满，已经超时，不能延长"):
        counter.do(at("2026-11-09"), "extend", 10, "情况复杂", chief=True)
    clock = counter.clock("2026-11-09")
    assert (clock.level, clock.days_overdue, clock.days_allowed) == (ClockLevel.OVERDUE, 1, 4)


def test_an_extension_granted_after_the_limit_is_void_and_the_lateness_stays() -> None:
    """A log written elsewhere (an older counter) may hold one: it moves nothing."""
    counter = accepted(FOOD)  # due 2026-11-06
    late = counter.clock("2026-11-09")
    case = counter.case
    case.apply(
        new_event(
            id=uuid4(),
            case_id=case.case_id,
            position=len(case.events) + 1,
            data=Extended(10, "情况复杂"),
            actor="chief",
            window="W2",
            terminal="t2",
            at=at("2026-11-09", 11),
            prev_hash=case.last_hash,
        )
    )
    after = counter.clock("2026-11-09")
    assert (after.due, after.days_allowed, after.days_overdue) == (late.due, 4, 1)
    assert after.level is ClockLevel.OVERDUE
    assert counter.clock("2026-11-12").days_overdue == 4  # and it goes on counting


def test_a_late_case_suspended_stays_late_by_as_many_days() -> None:
    counter = accepted(FOOD)  # due 2026-11-06
    counter.do(at("2026-11-10"), "suspend", SuspensionReason.TESTING)
    for now in ("2026-11-10", "2026-11-13", "2026-11-20"):
        clock = counter.clock(now)
        assert (clock.level, clock.days_overdue, clock.paused) == (ClockLevel.OVERDUE, 2, True)
    counter.do(at("2026-11-20"), "resume")
    counter.do(at("2026-11-23"), "complete_step", 1)
    counter.do(at("2026-11-23", 11), "decide", True, chief=True)
    done = counter.clock("2026-12-31")
    assert (done.level, done.days_overdue, done.due) == (ClockLevel.DONE_LATE, 3, None)


def test_a_case_decided_in_time_is_done_and_stays_done() -> None:
    counter = accepted(FOOD)  # due 2026-11-06
    counter.do(at("2026-11-04"), "complete_step", 1)
    counter.do(at("2026-11-05"), "decide", True, chief=True)
    for now in ("2026-11-05", "2026-12-31"):
        clock = counter.clock(now)
        assert clock.level is ClockLevel.DONE
        assert clock.days_used == 3
    counter.do(at("2026-11-20"), "issue", "JY1")
    assert counter.clock("2026-12-31").level is ClockLevel.DONE


def test_a_case_decided_late_is_done_late() -> None:
    counter = accepted(FOOD)
    counter.do(at("2026-11-04"), "complete_step", 1)
    counter.do(at("2026-11-09"), "decide", False, "场所不符合要求", chief=True)
    clock = counter.clock("2026-12-31")
    assert clock.level is ClockLevel.DONE_LATE
    assert (clock.days_used, clock.days_left) == (5, -1)


def test_a_refusal_or_withdrawal_stops_the_clock_and_leaves_no_due_date() -> None:
    refused = Counter(FOOD, at("2026-11-02")).do(at("2026-11-02", 11), "refuse", "不属于本部门")
    withdrawn = accepted(FOOD).do(at("2026-11-03"), "withdraw", "申请人撤回")
    never_accepted = refused.clock("2026-12-31")
    assert (never_accepted.phase, never_accepted.level) == (ClockPhase.STOPPED, ClockLevel.CLOSED)
    assert never_accepted.due is None and never_accepted.was_due is None
    assert (never_accepted.stopped_on, never_accepted.closed_as) == (
        date(2026, 11, 2),
        CaseStatus.REFUSED,
    )
    clock = withdrawn.clock("2026-12-31")
    assert (clock.level, clock.due, clock.closed_as) == (
        ClockLevel.DONE,
        None,
        CaseStatus.WITHDRAWN,
    )
    assert clock.step_due is None


# ------------------------------------------------------------------- calendar years


def test_a_december_case_is_due_in_a_year_whose_schedule_is_not_loaded() -> None:
    counter = accepted(ID_CARD, "2026-12-15")
    clock = counter.clock("2026-12-15")
    assert clock.due == date(2027, 1, 12)  # 2027-01-01 counted as a Friday like any other
    assert clock.unloaded_years == (2027,)
    assert accepted(ID_CARD).clock("2026-11-02").unloaded_years == ()


# ---------------------------------------------------------------------- step clocks


def test_a_step_over_its_own_limit_warns_while_the_case_is_on_time() -> None:
    counter = accepted(SURVEY)  # site survey: 3 days, due 2026-11-05; the case 2026-11-16
    within = counter.clock("2026-11-05")
    assert within.step_due == date(2026, 11, 5) and not within.step_overdue
    late = counter.clock("2026-11-06")
    assert late.step_overdue
    assert (late.level, late.days_left) == (ClockLevel.ON_TIME, 6)


def test_a_suspension_inside_a_step_moves_the_step_limit_too() -> None:
    counter = accepted(SURVEY)
    counter.do(at("2026-11-03"), "suspend", SuspensionReason.HEARING)
    counter.do(at("2026-11-05"), "resume")
    clock = counter.clock("2026-11-06")
    assert clock.step_due == date(2026, 11, 9) and not clock.step_overdue


def test_returning_to_a_step_gives_it_its_whole_limit_again() -> None:
    counter = accepted(SURVEY)
    counter.do(at("2026-11-04"), "complete_step", 1, "踏勘完成")
    counter.do(at("2026-11-10"), "return_to_step", 1, "踏勘记录不全", chief=True)
    clock = counter.clock("2026-11-12")
    assert clock.step_due == date(2026, 11, 13) and not clock.step_overdue
    assert counter.clock("2026-11-16").step_overdue


# -------------------------------------------------------------------------- property


def simple_item(committed: int) -> Item:
    """An item of `committed` days whose steps have no limits of their own."""
    raw = RAW_ITEMS["ZR-DJ-002"]
    flow = [{**step, "days": 0} for step in raw["flow"]]
    return Item.from_dict(
        {**raw, "legal_days": committed, "committed_days": committed, "flow": flow}
    )


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    received=st.dates(date(2025, 1, 1), date(2026, 11, 30)),
    committed=st.integers(0, 30),
    share=st.floats(0, 1),
)
def test_used_and_left_add_up_to_the_time_allowed(
    received: date, committed: int, share: float
) -> None:
    counter = Counter(simple_item(committed), at(received, 9)).do(at(received, 9), "accept")
    # received on a day off, the clock starts on the next working day
    start = received if CALENDAR.is_working_day(received) else CALENDAR.next_working_day(received)
    due = CALENDAR.add_working_days(start, committed)
    now = start + timedelta(days=round(share * (due - start).days))
    clock = counter.clock(at(now, 17))
    assert clock.due == due
    assert clock.days_used + clock.days_left == committed
    assert clock.level is not ClockLevel.OVERDUE
    late = counter.clock(at(CALENDAR.next_working_day(due), 9))
    assert (late.level, late.days_left) == (ClockLevel.OVERDUE, -1)


@pytest.mark.parametrize("hour", [0, 9, 23])
def test_the_hour_of_receipt_does_not_matter(hour: int) -> None:
    received = datetime(2026, 11, 2, hour, 30, tzinfo=CHINA_TIME)
    counter = Counter(MORTGAGE, received).do(received, "accept")
    assert counter.clock(datetime(2026, 11, 2, 23, 59, tzinfo=CHINA_TIME)).due == date(2026, 11, 9)


def test_a_case_received_on_a_day_off_counts_from_the_next_working_day() -> None:
    saturday = at("2026-11-21")
    on_the_spot = Counter(LOST_LICENSE, saturday).do(saturday, "accept")
    assert on_the_spot.clock(saturday).due == date(2026, 11, 23)  # Monday
    promised = Counter(MORTGAGE, saturday).do(saturday, "accept")
    assert promised.clock(saturday).due == CALENDAR.add_working_days(date(2026, 11, 23), 5)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(
    received=st.dates(date(2025, 1, 1), date(2026, 11, 30)),
    committed=st.integers(0, 30),
)
def test_the_warning_begins_on_the_day_the_clock_says(received: date, committed: int) -> None:
    """`warning_from` is what supervision counts by: the level turns yellow on that day and
    not a day before (an open case whose clock is not held)."""
    counter = Counter(simple_item(committed), at(received, 9)).do(at(received, 9), "accept")
    first = counter.clock(at(received, 9))
    day = first.warning_from
    assert day is not None
    assert counter.clock(at(day, 17)).level in (ClockLevel.WARNING, ClockLevel.OVERDUE)
    start = received if CALENDAR.is_working_day(received) else CALENDAR.next_working_day(received)
    before = day - timedelta(days=1)
    if before >= start:  # (before the clock starts, on days off, it may show either)
        assert counter.clock(at(before, 17)).level is ClockLevel.ON_TIME
