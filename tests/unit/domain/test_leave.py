"""Leave requests as folded events, and who may ask, decide and record a person back."""

from __future__ import annotations

from datetime import date, datetime
from uuid import uuid4

import pytest

from app.domain.events import CHINA_TIME
from app.domain.leave import (
    Half,
    HalfDay,
    LeaveError,
    LeaveEvent,
    LeaveEventKind,
    LeaveKind,
    LeavePeriod,
    LeaveStatus,
    check_asking,
    check_back,
    check_deciding,
    fold,
)
from app.domain.roles import Actor, Role

CLERK = Actor("a", "甲", Role.CLERK, "scjg", "A04", "t1")
CHIEF = Actor("chief", "首席", Role.CHIEF_REPRESENTATIVE, "scjg", "A01", "t1")
OTHER_CHIEF = Actor("chief2", "首席乙", Role.CHIEF_REPRESENTATIVE, "gaj", "B01", "t2")
AT = datetime(2026, 12, 7, 9, tzinfo=CHINA_TIME)
PERIOD = LeavePeriod(Half(date(2026, 12, 8)), Half(date(2026, 12, 10), HalfDay.AFTERNOON))


def events(*steps: tuple[LeaveEventKind, str, dict[str, str]]) -> list[LeaveEvent]:
    request = uuid4()
    asked = {"kind": "sick", "first": "2026-12-08am", "last": "2026-12-10pm", "reason": "发烧"}
    made = [
        LeaveEvent(uuid4(), request, 1, LeaveEventKind.ASKED, AT, "a", "t1", "a", "scjg", asked)
    ]
    for position, (kind, actor, data) in enumerate(steps, start=2):
        made.append(
            LeaveEvent(uuid4(), request, position, kind, AT, actor, "t1", "a", "scjg", data)
        )
    return made


def test_a_request_folds_from_asked_to_approved_to_back_early() -> None:
    asked = fold(events())
    assert (asked.status, asked.kind, asked.period, asked.version) == (
        LeaveStatus.PENDING,
        LeaveKind.SICK,
        PERIOD,
        1,
    )
    assert asked.taken is None
    done = fold(
        events(
            (LeaveEventKind.APPROVED, "chief", {"note": ""}),
            (LeaveEventKind.BACK, "a", {"on": "2026-12-09pm"}),
        )
    )
    assert (done.status, done.decided_by, done.version) == (LeaveStatus.APPROVED, "chief", 3)
    assert done.taken == LeavePeriod(Half(date(2026, 12, 8)), Half(date(2026, 12, 9)))
    refused = fold(events((LeaveEventKind.REFUSED, "chief", {"note": "人手不足"})))
    assert (refused.status, refused.note, refused.taken) == (LeaveStatus.REFUSED, "人手不足", None)


def test_only_the_chief_of_the_department_decides_once_and_never_their_own() -> None:
    request = fold(events())
    check_deciding(CHIEF, request)
    with pytest.raises(LeaveError, match="本部门"):
        check_deciding(OTHER_CHIEF, request)
    with pytest.raises(LeaveError, match="首席代表审批"):
        check_deciding(CLERK, request)
    decided = fold(events((LeaveEventKind.APPROVED, "chief", {})))
    with pytest.raises(LeaveError, match="已经审批过"):
        check_deciding(CHIEF, decided)
    own = fold(events())
    with pytest.raises(LeaveError, match="本人"):
        check_deciding(Actor("a", "甲", Role.CHIEF_REPRESENTATIVE, "scjg", "", "t1"), own)


def test_asking_refuses_overlaps_reversed_periods_and_no_reason() -> None:
    standing = fold(events())
    with pytest.raises(LeaveError, match="重叠"):
        check_asking(
            CLERK, LeavePeriod(Half(date(2026, 12, 10)), Half(date(2026, 12, 11))), "x", [standing]
        )
    check_asking(  # the afternoon of the 7th ends before the morning of the 8th begins
        CLERK,
        LeavePeriod(
            Half(date(2026, 12, 7), HalfDay.AFTERNOON), Half(date(2026, 12, 7), HalfDay.AFTERNOON)
        ),
        "x",
        [standing],
    )
    with pytest.raises(LeaveError, match="早于"):
        check_asking(CLERK, LeavePeriod(PERIOD.last, PERIOD.first), "x", [])
    with pytest.raises(LeaveError, match="事由"):
        check_asking(CLERK, PERIOD, "  ", [])
    with pytest.raises(LeaveError, match="窗口人员和首席代表"):
        check_asking(Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "t1"), PERIOD, "x", [])


def test_back_is_within_an_approved_leave_by_the_person_or_their_chief() -> None:
    approved = fold(events((LeaveEventKind.APPROVED, "chief", {})))
    check_back(CLERK, approved, Half(date(2026, 12, 9)))
    check_back(CHIEF, approved, Half(date(2026, 12, 9)))
    with pytest.raises(LeaveError, match="本人或本部门"):
        check_back(OTHER_CHIEF, approved, Half(date(2026, 12, 9)))
    with pytest.raises(LeaveError, match="期间之内"):
        check_back(CLERK, approved, Half(date(2026, 12, 12)))
    with pytest.raises(LeaveError, match="已批准"):
        check_back(CLERK, fold(events()), Half(date(2026, 12, 9)))


def test_half_days_are_read_as_written() -> None:
    assert Half.parse("2026-12-08pm", HalfDay.MORNING) == Half(date(2026, 12, 8), HalfDay.AFTERNOON)
    assert Half.parse("2026-12-08", HalfDay.AFTERNOON) == Half(date(2026, 12, 8), HalfDay.AFTERNOON)
    with pytest.raises(LeaveError, match="2026-12-08am"):
        Half.parse("12/08", HalfDay.MORNING)
