"""Sync against a real central PostgreSQL: push answered per event, idempotent; refused events
quarantined without blocking the queue; pull by the transaction horizon; faults in words."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import make_url, text

from app.central.errors import CentralError
from app.central.reference import publish
from app.central.schema import central_engine
from app.domain.calendar import YearSchedule
from app.domain.case import IllegalTransition
from app.domain.roles import Actor, Role
from app.domain.sync import Direction, PushOutcome
from app.services.demo_people import demo_one_form, demo_step_record
from app.services.sync import PUSHED_THROUGH
from app.sync.central_push import CentralUnreachable
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, SyncedCounter, make_counter
from tests.stores import store_of

#: The form of an out-of-hall step (the demo cases' site surveys), recorded afterwards.
SURVEY = demo_step_record(date(2026, 11, 2))


@pytest.fixture
def counters(tmp_path: Path, central: CentralDatabase) -> Iterator[list[SyncedCounter]]:  # noqa: F811
    central.add_center("C1")
    made = [make_counter(tmp_path / f"counter{n}", central, "C1", n) for n in (1, 2)]
    yield made
    for counter in made:
        counter.close()


def central_rows(central: CentralDatabase, sql: str) -> list[tuple]:  # noqa: F811
    with central.connect() as connection:
        return connection.execute(sql.encode()).fetchall()


def test_events_go_up_once_and_a_batch_sent_again_is_harmless(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first = counters[0]
    for _ in range(3):
        first.receive()
    report = first.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.ACCEPTED: 6}  # received + accepted, three times
    assert central_rows(central, "SELECT count(*) FROM central.events") == [(6,)]
    assert central_rows(central, "SELECT count(DISTINCT case_id) FROM central.events") == [(3,)]
    status = first.services.sync.status()
    assert (status.online, status.waiting, status.problem) == (True, 0, None)

    # the answer was lost (say): the counter sends everything again
    with store_of(first.services) as store, store.uow() as uow:
        uow.sync.set_marks({PUSHED_THROUGH: "0"})
        uow.commit()
    again = first.services.sync.sync_once()
    assert again.outcomes == {PushOutcome.DUPLICATE: 6}
    assert central_rows(central, "SELECT count(*) FROM central.events") == [(6,)]
    assert first.services.sync.differences() == []


def test_a_tampered_event_is_quarantined_and_the_queue_goes_on(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first = counters[0]
    first.receive()
    # an event altered in the local file after it was written (the hash no longer fits)
    with store_of(first.services) as store, store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER IF EXISTS events_no_update"))
        connection.execute(text("UPDATE events SET actor = 'someone-else' WHERE position = 2"))
    first.receive()
    report = first.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.ACCEPTED: 3, PushOutcome.REJECTED: 1}
    held = first.services.sync.quarantined(first.supervisor)
    assert [(q.direction, q.outcome, q.position) for q in held] == [
        (Direction.PUSH, PushOutcome.REJECTED, 2)
    ]
    assert "哈希不符" in str(held[0].reason)
    assert held[0].event["actor"] == "someone-else"  # kept whole
    assert first.services.sync.status().quarantined == 1
    assert first.services.sync.status().waiting == 0  # the queue is not blocked


def test_what_another_counter_did_comes_down_to_the_case_held_here(
    counters: list[SyncedCounter],
) -> None:
    first, second = counters
    case_no = first.receive()
    first.services.sync.sync_once()
    assert second.services.sync.sync_once().pulled == 2
    detail = second.services.cases.detail(second.clerk, case_no)
    step = detail.case.current_step
    assert step is not None
    second.services.cases.complete_step(second.clerk, case_no, step, "现场核查通过", form=SURVEY)
    second.services.sync.sync_once()

    report = first.services.sync.sync_once()
    assert report.pulled == 1
    events = first.services.cases.detail(first.clerk, case_no).case.events
    assert [e.terminal for e in events] == ["counter-01", "counter-01", "counter-02"]
    assert first.services.cases.verify() == []


def test_two_counters_writing_the_same_step_offline_fork_and_both_keep_their_event(
    counters: list[SyncedCounter],
) -> None:
    first, second = counters
    case_no = first.receive()
    first.services.sync.sync_once()
    second.services.sync.sync_once()
    step = first.services.cases.detail(first.clerk, case_no).case.current_step
    assert step is not None
    first.services.cases.complete_step(first.clerk, case_no, step, "窗口一", form=SURVEY)
    second.services.cases.complete_step(second.clerk, case_no, step, "窗口二", form=SURVEY)
    assert first.services.sync.sync_once().outcomes == {PushOutcome.ACCEPTED: 1}
    report = second.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.FORK: 1}
    assert report.held_back == 1  # the central's event at that position does not fit here
    held = second.services.sync.quarantined(second.supervisor)
    assert {(q.direction, q.outcome) for q in held} == {
        (Direction.PUSH, PushOutcome.FORK),
        (Direction.PULL, PushOutcome.FORK),
    }


def test_a_late_committing_transaction_is_not_skipped_by_the_pull_cursor(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first, second = counters
    early = first.receive()
    with store_of(first.services) as store, store.uow() as uow:
        rows = [row for _, row in uow.sync.outbox("counter-01", 0, 100)]
    # a push that began first (its transaction id is older) and commits last
    from app.sync.central_push import _INSERT, _as_arrays

    slow = central.connect(first.registration, autocommit=False)
    slow.execute(_INSERT, _as_arrays(rows, "C1"))
    late = second.receive()
    second.services.sync.sync_once()  # a newer transaction commits
    third = make_counter(first.services.paths.data.parent / "c3", central, "C1", 3)
    try:
        # the newer transaction's events wait below the horizon the open one holds back
        assert third.services.sync.sync_once().pulled == 0
        slow.commit()
        assert third.services.sync.sync_once().pulled == 4  # both, the late one not skipped
        numbers = {e.summary.case_no for e in third.services.cases.list_cases(third.clerk)}
        assert numbers == {early, late}
    finally:
        slow.close()
        third.close()


def test_a_terminal_name_the_central_does_not_know_is_told_and_nothing_is_held(
    counters: list[SyncedCounter],
) -> None:
    first = counters[0]
    first.receive()
    first.services.settings.set("terminal_name", "counter-09")
    with pytest.raises(CentralError, match="counter-01.*counter-09"):
        first.services.sync.sync_once()
    first.services.settings.set("terminal_name", "counter-01")
    status = first.services.sync.status()
    assert "counter-09" in str(status.problem) and not status.online
    assert status.quarantined == 0 and status.waiting == 2
    first.services.sync.sync_once()
    assert first.services.sync.status().online


@pytest.mark.parametrize(
    ("change", "words"),
    [({"password": "wrong"}, "拒绝登录"), ({"port": 1}, "无法连接中心数据库")],
)
def test_a_wrong_password_or_an_unreachable_central_is_told_and_nothing_is_lost(
    counters: list[SyncedCounter], change: dict[str, object], words: str
) -> None:
    first = counters[0]
    first.receive()
    url = make_url(first.services.settings["central_url"]).set(**change)
    first.services.settings.set("central_url", url.render_as_string(hide_password=False))
    with pytest.raises(CentralUnreachable, match=words):
        first.services.sync.sync_once()
    status = first.services.sync.status()
    assert words in str(status.problem) and not status.online
    assert first.registration.password not in str(status.problem)
    assert status.waiting == 2


def test_verify_against_the_central_names_what_is_missing(
    counters: list[SyncedCounter],
) -> None:
    first = counters[0]
    first.receive()
    first.services.sync.sync_once()
    first.receive()
    differences = first.services.sync.differences()
    assert len(differences) == 2
    assert all("本机有而中心没有（尚未上传）" in line for line in differences)


def test_a_counter_of_one_center_cannot_read_another(
    tmp_path: Path,
    central: CentralDatabase,  # noqa: F811
) -> None:
    central.add_center("A")
    central.add_center("B")
    a = make_counter(tmp_path / "a", central, "A", 1)
    b = make_counter(tmp_path / "b", central, "B", 1)
    try:
        a.receive()
        a.services.sync.sync_once()
        assert b.services.sync.sync_once().pulled == 0
        with central.connect(b.registration) as connection:
            assert connection.execute("SELECT count(*) FROM central.events").fetchone() == (0,)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute("DELETE FROM central.events")
    finally:
        a.close()
        b.close()


def test_the_catalog_and_the_holidays_published_centrally_reach_every_counter(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first, second = counters
    catalog = first.services.catalog
    items = catalog.items()
    renamed = replace(items[0], name=items[0].name + "（更名）")
    year_2027 = YearSchedule.from_json(
        {
            "year": 2027,
            "source": "测试用：2027年节假日安排（仅含元旦）",
            "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}],
            "working_weekends": [],
        }
    )
    with central_engine(central.url) as engine, engine.begin() as connection:
        publish(
            connection,
            list(catalog.departments().values()),
            [renamed, *items[2:]],  # one renamed, one withdrawn
            [year_2027],
        )
    report = second.services.sync.sync_once()
    assert report.items == len(items) - 1 and report.years == [2027]
    assert "事项清单已更新" in str(report.words())
    assert second.services.catalog.item(renamed.code).name == renamed.name
    assert [i.code for i in second.services.catalog.search(items[1].name)][:1] != [items[1].code]
    assert 2027 in [s.year for s in second.services.calendar.calendar().schedules]
    again = second.services.sync.sync_once()  # nothing changed since: nothing adopted again
    assert (again.items, again.years) == (0, [])


def test_an_empty_central_catalog_never_empties_the_one_here(
    counters: list[SyncedCounter],
) -> None:
    first = counters[0]
    before = len(first.services.catalog.items())
    first.services.sync.sync_once()
    assert len(first.services.catalog.items()) == before


def test_a_counter_whose_clock_is_hours_wrong_is_ordered_by_position_not_by_time(
    tmp_path: Path,
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first, _ = counters
    case_no = first.receive()
    first.services.sync.sync_once()
    late = make_counter(tmp_path / "late", central, "C1", 3)
    late.services.clock.moment = NOW - timedelta(hours=7)  # hours behind the others
    try:
        late.services.sync.sync_once()
        step = late.services.cases.detail(late.clerk, case_no).case.current_step
        assert step is not None
        late.services.cases.complete_step(late.clerk, case_no, step, "时钟慢了七小时", form=SURVEY)
        assert late.services.sync.sync_once().outcomes == {PushOutcome.ACCEPTED: 1}
        first.services.sync.sync_once()
        events = first.services.cases.detail(first.clerk, case_no).case.events
        assert [e.position for e in events] == [1, 2, 3]
        assert events[2].at < events[1].at  # its time says earlier; its position says after
    finally:
        late.close()


def test_a_one_form_application_fans_out_and_the_departments_decisions_come_back(
    counters: list[SyncedCounter],
) -> None:
    """The one window accepts; the tax window, at another counter, decides its child; the
    one window sees the decision after its next sync and cannot yet issue."""
    one_window, tax_counter = counters
    item = one_window.services.catalog.item("SCJG-YBZ-001")
    form = demo_one_form(random.Random(8), NOW.date())
    materials = [m.name for m in item.required_materials]
    accepted = one_window.services.cases.receive_one_form(
        one_window.clerk, item.code, form, materials
    )
    assert accepted.joint is not None
    one_window.services.sync.sync_once()
    assert tax_counter.services.sync.sync_once().pulled == 12  # six cases, two events each
    tax_clerk = Actor("sw01", "税务窗口", Role.CLERK, "SW", "A07", "counter-02")
    tax_child = next(c.ref.case_no for c in accepted.joint.children if c.ref.department == "SW")
    shared = tax_counter.services.cases.detail(tax_clerk, tax_child)
    assert shared.form is not None and shared.form.name == form.name
    tax_counter.services.cases.decide(tax_clerk, tax_child, False, "财务负责人未实名认证")
    tax_counter.services.sync.sync_once()

    one_window.services.sync.sync_once()
    joint = one_window.services.cases.detail(one_window.clerk, accepted.case.case_no).joint
    assert joint is not None
    assert [c.outcome_reason for c in joint.denied] == ["财务负责人未实名认证"]
    with pytest.raises(IllegalTransition, match="已被不予许可：财务负责人未实名认证"):
        one_window.services.cases.issue_together(one_window.clerk, accepted.case.case_no)
