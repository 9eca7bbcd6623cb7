"""Attendance read from the audit trail: sittings from logins, logouts and the last entry
when no logout was recorded, who sat at a window when, a person's day, and the monthly
sheet's counts by the center's hours, the calendar and approved leave."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from app.domain.attendance import Stint, presences, stints, where_was, who_at
from app.domain.attendance_sheet import OfficeHours, leave_halves, month_days, sheet_line
from app.domain.audit import AuditAction, AuditEntry
from app.domain.events import CHINA_TIME
from app.domain.leave import (
    Half,
    HalfDay,
    LeaveKind,
    LeavePeriod,
    LeaveRequest,
    LeaveStatus,
)

DAY = date(2026, 12, 7)  # a Monday
HOURS = OfficeHours(time(9), time(17))


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA_TIME)


def entry(
    who: str, action: AuditAction, moment: datetime, terminal: str = "t1", window: str = ""
) -> AuditEntry:
    details = {"window": window} if window else {}
    return AuditEntry(uuid4(), moment, who, terminal, action, "", details)


def test_a_sitting_runs_from_login_to_logout_at_the_window_the_login_names() -> None:
    found = stints(
        [
            entry("scjg01", AuditAction.LOGIN, at(8, 55), window="A04"),
            entry("scjg01", AuditAction.SCREEN_LOCKED, at(12)),
            entry("scjg01", AuditAction.LOGOUT, at(17, 5)),
        ]
    )
    assert found == [Stint("scjg01", "t1", "A04", at(8, 55), at(17, 5), True)]


def test_without_a_logout_the_sitting_ends_at_the_persons_last_entry_there() -> None:
    found = stints(
        [
            entry("scjg01", AuditAction.LOGIN, at(9, 10)),
            entry("scjg01", AuditAction.SCREEN_UNLOCKED, at(16, 30)),
            entry("someone", AuditAction.LOGIN_FAILED, at(16, 45)),  # not theirs: no end
            entry("scjg01", AuditAction.LOGIN, at(9, 0, DAY + timedelta(days=1))),
        ],
        windows={"scjg01": "A04"},  # the window on record, for a LOGIN naming none
    )
    assert found[0] == Stint("scjg01", "t1", "A04", at(9, 10), at(16, 30), False)
    assert found[1].day == DAY + timedelta(days=1)


def test_the_next_login_at_the_terminal_ends_the_sitting_before_it() -> None:
    found = stints(
        [
            entry("a", AuditAction.LOGIN, at(9), window="A04"),
            entry("a", AuditAction.SCREEN_LOCKED, at(11)),
            entry("b", AuditAction.LOGIN, at(13), window="A04"),
            entry("b", AuditAction.LOGOUT, at(17)),
        ]
    )
    assert [(s.person, s.start, s.end) for s in found] == [
        ("a", at(9), at(11)),
        ("b", at(13), at(17)),
    ]
    assert [s.person for s in who_at(found, "A04", at(10, 15))] == ["a"]
    assert [s.person for s in who_at(found, "A04", at(15))] == ["b"]
    assert who_at(found, "A04", at(12)) == []  # nobody between a's last entry and b's login
    assert who_at(found, "A05", at(10, 15)) == []


def test_a_person_at_two_windows_in_a_day_signs_in_at_the_first_and_out_at_the_last() -> None:
    found = stints(
        [
            entry("a", AuditAction.LOGIN, at(8, 50), "t1", "A04"),
            entry("a", AuditAction.LOGOUT, at(12), "t1"),
            entry("a", AuditAction.LOGIN, at(13, 30), "t2", "B01"),
            entry("a", AuditAction.LOGOUT, at(17, 2), "t2"),
        ]
    )
    day = presences(found)[("a", DAY)]
    assert (day.signed_in, day.signed_out, day.windows) == (at(8, 50), at(17, 2), ("A04", "B01"))
    assert [s.window for s in where_was(found, "a", DAY)] == ["A04", "B01"]


moments = st.lists(
    st.tuples(
        st.sampled_from(["a", "b"]),
        st.sampled_from([AuditAction.LOGIN, AuditAction.LOGOUT, AuditAction.SCREEN_LOCKED]),
        st.integers(min_value=0, max_value=3 * 24 * 60 - 1),
        st.sampled_from(["t1", "t2"]),
    ),
    max_size=40,
)


@given(moments)
def test_sittings_are_sound_whatever_the_trail(
    events: list[tuple[str, AuditAction, int, str]],
) -> None:
    start = datetime.combine(DAY, time(), CHINA_TIME)
    trail = [entry(who, action, start + timedelta(minutes=m), t) for who, action, m, t in events]
    found = stints(trail)
    logins = [e for e in trail if e.action is AuditAction.LOGIN]
    assert len(found) == len(logins)  # one sitting per login, nothing else begins one
    for stint in found:
        assert stint.start <= stint.end
        assert stint.end.astimezone(CHINA_TIME).date() == stint.day  # never past midnight
        assert (stint.person, stint.terminal, stint.start) in {
            (e.actor, e.terminal, e.at) for e in logins
        }
    for terminal in ("t1", "t2"):  # a terminal's sittings do not overlap
        own = sorted((s for s in found if s.terminal == terminal), key=lambda s: s.start)
        for before, after in zip(own, own[1:], strict=False):
            assert before.end <= after.start


# ----------------------------------------------------------------- the monthly sheet


def approved(kind: LeaveKind, first: Half, last: Half, back: Half | None = None) -> LeaveRequest:
    return LeaveRequest(
        uuid4(),
        "a",
        "scjg",
        kind,
        LeavePeriod(first, last),
        "r",
        at(8),
        LeaveStatus.APPROVED,
        "chief",
        back_on=back,
    )


def weekdays(day: date) -> bool:
    return day.weekday() < 5


def test_the_sheet_counts_presence_lateness_leave_and_absence() -> None:
    found = stints(
        [
            entry("a", AuditAction.LOGIN, at(9, 20, date(2026, 12, 1))),  # late
            entry("a", AuditAction.LOGOUT, at(17, 30, date(2026, 12, 1))),
            entry("a", AuditAction.LOGIN, at(8, 40, date(2026, 12, 2))),
            entry("a", AuditAction.LOGOUT, at(16, 0, date(2026, 12, 2))),  # early
            entry("a", AuditAction.LOGIN, at(13, 0, date(2026, 12, 3))),  # morning on leave
            entry("a", AuditAction.LOGOUT, at(17, 0, date(2026, 12, 3))),
        ]
    )
    days = {d: p for (_, d), p in presences(found).items()}
    requests = [
        approved(LeaveKind.PERSONAL, Half(date(2026, 12, 3)), Half(date(2026, 12, 3))),
        approved(  # sick from the 7th, back on the 9th: two days of it taken
            LeaveKind.SICK,
            Half(date(2026, 12, 7)),
            Half(date(2026, 12, 11), HalfDay.AFTERNOON),
            back=Half(date(2026, 12, 9)),
        ),
    ]
    line = sheet_line(
        "a",
        "甲",
        "scjg",
        "2026-12",
        is_working_day=weekdays,
        presence=days,
        requests=requests,
        hours=HOURS,
        today=date(2026, 12, 10),
    )
    # working days 1-4, 7-10: eight; present 1, 2, 3
    assert (line.working_days, line.present, line.late, line.early) == (8, 3, 1, 1)
    assert line.leave == {LeaveKind.PERSONAL: 0.5, LeaveKind.SICK: 2.0}
    assert line.absent == 3.0  # the 4th, the 9th and the 10th


def test_days_to_come_are_not_counted_and_months_are_read_whole() -> None:
    line = sheet_line(
        "a",
        "甲",
        "scjg",
        "2026-12",
        is_working_day=weekdays,
        presence={},
        requests=[],
        hours=HOURS,
        today=date(2026, 11, 30),
    )
    assert (line.working_days, line.absent) == (0, 0.0)
    assert month_days("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert month_days("2027-02") == (date(2027, 2, 1), date(2027, 2, 28))


@given(
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=0, max_value=60),
)
def test_an_approved_leave_covers_the_halves_between_its_ends(start: int, length: int) -> None:
    first = Half.of_index(Half(DAY).index + start)
    last = Half.of_index(first.index + length)
    request = approved(LeaveKind.ANNUAL, first, last)
    days = (first.day + timedelta(days=n) for n in range((last.day - first.day).days + 1))
    covered = sum(len(leave_halves([request], day).get(LeaveKind.ANNUAL, ())) for day in days)
    assert covered == length + 1
    assert Half.parse(str(first), HalfDay.MORNING) == first
