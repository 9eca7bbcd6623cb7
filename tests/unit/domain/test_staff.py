"""Staff accounts as the fold of their events: every event kind, the version it must follow,
the record form that goes to the store (and later the central), and the profile rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import CHINA_TIME
from app.domain.roles import Role
from app.domain.staff import StaffRefused, check_profile, check_username, fold
from app.domain.staff_events import (
    Authorisation,
    Changed,
    Created,
    Disabled,
    Enabled,
    PasswordReset,
    PasswordSet,
    Profile,
    ScopeGranted,
    StaffChange,
    StaffEvent,
    Unlocked,
    from_record,
    to_record,
)

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
CLERK = Profile("王晓燕", Role.CLERK, "SCJG", ("A02", "A03"))
CHIEF = Profile("李首席", Role.CHIEF_REPRESENTATIVE, "SCJG", ("A06",))
DOCUMENT = Authorisation("江市监授〔2026〕3号", date(2026, 3, 1))


def log(*changes: StaffChange, username: str = "wangxy") -> list[StaffEvent]:
    return [
        StaffEvent(uuid4(), username, n, T0 + timedelta(minutes=n), f"admin{n}", "counter-01", c)
        for n, c in enumerate(changes, start=1)
    ]


def test_a_created_account_is_its_profile_and_first_password() -> None:
    member = fold(log(Created(CLERK, "hash-1", True)))
    assert member is not None
    assert (member.display_name, member.role, member.department) == ("王晓燕", Role.CLERK, "SCJG")
    assert member.windows == ("A02", "A03") and member.window == "A02"
    assert (member.version, member.active, member.must_change_password) == (1, True, True)
    assert (member.changed_by, member.changed_at) == ("admin1", T0 + timedelta(minutes=1))


def test_each_change_folds_in_its_order() -> None:
    member = fold(
        log(
            Created(CHIEF, "hash-1", False),
            Changed(Profile("李首席", Role.CHIEF_REPRESENTATIVE, "SCJG", ("A07",))),
            ScopeGranted(frozenset({"SCJG-XK-001"}), DOCUMENT),
            Disabled(),
            PasswordReset("hash-2"),
            Enabled(),
            PasswordSet("hash-3"),
            Unlocked(),
        )
    )
    assert member is not None
    assert member.version == 8 and member.windows == ("A07",)
    assert member.scope == {"SCJG-XK-001"} and member.authorisation == DOCUMENT
    assert member.active and not member.must_change_password
    assert member.password_hash == "hash-3"
    assert member.unlocked_at == T0 + timedelta(minutes=8)


def test_a_reset_asks_for_a_new_password_and_counts_as_an_unlock() -> None:
    member = fold(log(Created(CLERK, "h", False), PasswordReset("one-time")))
    assert member is not None and member.must_change_password
    assert member.unlocked_at == T0 + timedelta(minutes=2)


def test_a_log_must_start_with_a_creation_and_follow_its_versions() -> None:
    with pytest.raises(ValueError, match="does not start"):
        fold(log(Disabled()))
    events = log(Created(CLERK, "h", False), Disabled())
    with pytest.raises(ValueError, match="follows"):
        fold([events[0], events[1], events[1]])
    with pytest.raises(ValueError, match="created already"):
        fold(log(Created(CLERK, "h", False), Created(CLERK, "h", False)))


CHANGES = st.sampled_from(
    [
        Changed(CLERK),
        Disabled(),
        Enabled(),
        PasswordReset("h2"),
        PasswordSet("h3"),
        ScopeGranted(frozenset({"A", "B"}), DOCUMENT),
        Unlocked(),
    ]
)


@given(st.lists(CHANGES, max_size=12))
def test_the_fold_is_the_same_from_the_stored_records(changes: list[StaffChange]) -> None:
    events = log(Created(CHIEF, "h1", True), *changes)
    again = [
        StaffEvent(
            e.id,
            e.username,
            e.version,
            e.at,
            e.actor,
            e.terminal,
            from_record(e.kind, to_record(e.change)),
        )
        for e in events
    ]
    assert fold(again) == fold(events)
    member = fold(events)
    assert member is not None and member.version == len(events)


@given(st.lists(CHANGES, max_size=12))
def test_the_state_is_the_last_word_of_each_kind(changes: list[StaffChange]) -> None:
    member = fold(log(Created(CHIEF, "h1", False), *changes))
    assert member is not None
    switches = [c for c in changes if isinstance(c, Disabled | Enabled)]
    assert member.active == (not switches or isinstance(switches[-1], Enabled))
    passwords = [c for c in changes if isinstance(c, PasswordReset | PasswordSet)]
    last_was_reset = bool(passwords) and isinstance(passwords[-1], PasswordReset)
    assert member.must_change_password == last_was_reset


def test_a_clerk_or_chief_needs_a_department() -> None:
    for role in (Role.CLERK, Role.CHIEF_REPRESENTATIVE):
        with pytest.raises(StaffRefused, match="须属于一个部门") as refused:
            check_profile(Profile("张三", role, None))
        assert refused.value.field == "department"
    check_profile(Profile("监察员", Role.SUPERVISOR, None))
    with pytest.raises(StaffRefused, match="姓名"):
        check_profile(Profile("  ", Role.SUPERVISOR, None))


@pytest.mark.parametrize("name", ["a", "-ab", "有中文", "x" * 33, "a b"])
def test_usernames_are_short_plain_words(name: str) -> None:
    with pytest.raises(StaffRefused):
        check_username(name)


def test_the_demo_usernames_are_valid() -> None:
    for name in ("admin", "scjg01", "scjg-chief", "scjg-a05", "wang.xy"):
        check_username(name)
