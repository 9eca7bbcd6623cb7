"""An appointment's log and its fold, and the rule of arrival the kiosk and the counter share."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest

from app.domain.appointments import (
    AppointmentError,
    AppointmentEvent,
    AppointmentEventKind,
    AppointmentStatus,
    Limits,
    TicketPriority,
    Timeliness,
    appointment_id,
    arrival,
    fold,
    fold_all,
    todays,
)
from app.domain.events import CHINA_TIME
from app.domain.portal_export import PortalEntry, parse_export
from app.paths import resources_dir

DAY = date(2026, 12, 8)
ENTRIES = parse_export(
    (resources_dir() / "portal" / "example_export.json").read_text(encoding="utf-8"), "x"
)
LIMITS = Limits(early=30, late=15)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA_TIME)


def log(entry: PortalEntry, *kinds: AppointmentEventKind, **data: str) -> list[AppointmentEvent]:
    ident = appointment_id(entry.reference)
    imported = AppointmentEvent(
        uuid4(), ident, 1, AppointmentEventKind.IMPORTED, at(7), "shell", "t1",
        {"entry": json.loads(json.dumps(entry.to_dict())), "file": "x.json"},
    )  # fmt: skip
    later = [
        AppointmentEvent(uuid4(), ident, n, kind, at(9, n), "clerk", "t1", data)
        for n, kind in enumerate(kinds, start=2)
    ]
    return [imported, *later]


def test_the_id_is_the_references_at_every_terminal() -> None:
    assert appointment_id("YY1") == appointment_id("YY1") != appointment_id("YY2")


def test_the_fold_follows_the_events() -> None:
    booked = ENTRIES[0]
    assert fold(log(booked), DAY).status is AppointmentStatus.BOOKED
    checked = fold(log(booked, AppointmentEventKind.CHECKED_IN), DAY)
    assert checked.status is AppointmentStatus.CHECKED_IN and checked.checked_in_at == at(9, 2)
    done = fold(
        log(booked, AppointmentEventKind.CHECKED_IN, AppointmentEventKind.ACCEPTED,
            case_no="261208-01-001"),
        DAY,
    )  # fmt: skip
    assert (done.status, done.case_no, done.version) == (
        AppointmentStatus.ACCEPTED,
        "261208-01-001",
        3,
    )
    assert not done.is_open
    cancelled = fold(log(booked, AppointmentEventKind.CANCELLED), DAY)
    assert cancelled.status is AppointmentStatus.CANCELLED


def test_an_open_appointment_expires_after_its_day_and_a_pre_application_without_one_does_not() -> (
    None
):
    tomorrow = DAY + timedelta(days=1)
    assert fold(log(ENTRIES[0]), tomorrow).status is AppointmentStatus.EXPIRED
    accepted = log(ENTRIES[0], AppointmentEventKind.ACCEPTED, case_no="1")
    assert fold(accepted, tomorrow).status is AppointmentStatus.ACCEPTED
    assert fold(log(ENTRIES[3]), tomorrow + timedelta(days=30)).status is AppointmentStatus.BOOKED


def test_a_log_that_does_not_begin_with_the_import_is_refused() -> None:
    with pytest.raises(AppointmentError):
        fold(log(ENTRIES[0], AppointmentEventKind.CHECKED_IN)[1:], DAY)


def test_fold_all_orders_by_slot_with_those_without_one_last() -> None:
    events = [e for entry in reversed(ENTRIES) for e in log(entry)]
    order = [a.reference for a in fold_all(events, DAY)]
    assert order == ["WS202612070015", "YY202612080001", "YY202612080002", "WS202612060042"]


@pytest.mark.parametrize(
    ("when", "timeliness", "priority"),
    [
        (at(9, 29), Timeliness.EARLY, TicketPriority.ORDINARY),
        (at(9, 30), Timeliness.ON_TIME, TicketPriority.APPOINTMENT),
        (at(10, 0), Timeliness.ON_TIME, TicketPriority.APPOINTMENT),
        (at(10, 15), Timeliness.ON_TIME, TicketPriority.APPOINTMENT),
        (at(10, 16), Timeliness.LATE, TicketPriority.ORDINARY),
    ],
)
def test_on_time_from_early_before_to_late_after_the_start(
    when: datetime, timeliness: Timeliness, priority: TicketPriority
) -> None:
    came = arrival(fold(log(ENTRIES[0]), DAY), when, LIMITS)
    assert (came.timeliness, came.priority) == (timeliness, priority)
    assert came.opens == at(9, 30) and came.closes == at(10, 15)


def test_the_words_say_when_to_come_back_or_that_they_are_a_walk_in() -> None:
    booked = fold(log(ENTRIES[0]), DAY)
    assert (
        str(arrival(booked, at(8), LIMITS).words) == "您预约的时间是今天 10:00，请于 09:30 后签到"
    )
    assert "按现场取号办理" in str(arrival(booked, at(11), LIMITS).words)
    assert str(arrival(booked, at(10), LIMITS).words) == "预约 10:00 已签到，优先办理"
    with pytest.raises(AppointmentError):
        arrival(fold(log(ENTRIES[3]), DAY), at(10), LIMITS)


def test_todays_appointment_of_the_card_holder() -> None:
    held = fold_all([e for entry in ENTRIES for e in log(entry)], DAY)
    person = ENTRIES[0].person
    assert person is not None
    found = todays(held, person.id_number.lower(), DAY)
    assert found is not None and found.reference == "YY202612080001"
    assert todays(held, person.id_number, DAY + timedelta(days=1)) is None
    stranger = "110101199001010015"
    assert todays(held, stranger, DAY) is None
    accepted = fold_all(log(ENTRIES[0], AppointmentEventKind.ACCEPTED, case_no="1"), DAY)
    assert todays(accepted, person.id_number, DAY) is None


def test_a_case_naming_the_reference_takes_it_up_though_this_log_does_not_say_so() -> None:
    taken = fold(log(ENTRIES[0]), DAY, taken_as="261208-02-007")
    assert (taken.status, taken.case_no) == (AppointmentStatus.ACCEPTED, "261208-02-007")
    cancelled = fold(log(ENTRIES[0], AppointmentEventKind.CANCELLED), DAY, taken_as="x")
    assert cancelled.status is AppointmentStatus.CANCELLED
    events = [e for entry in ENTRIES for e in log(entry)]
    by_reference = {a.reference: a for a in fold_all(events, DAY, {"WS202612060042": "1"})}
    assert by_reference["WS202612060042"].status is AppointmentStatus.ACCEPTED
    assert by_reference["YY202612080001"].status is AppointmentStatus.BOOKED
