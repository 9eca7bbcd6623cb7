"""What a counter cannot make the central accept, against the real embedded PostgreSQL: an
event signed in the name of someone who is not staff of the center at that window with the
role the event needs, and an event dated where its case or its terminal cannot have been.
Each is refused, kept in the pushing counter's quarantine with the central's reason, and the
queue goes on."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.central.directory import publish_staff
from app.central.schema import central_engine
from app.cli.main import main
from app.domain.events import CHINA_TIME, EVENT_FIELDS
from app.domain.roles import Actor, Role
from app.domain.staff import StaffMember
from app.domain.sync import PushOutcome
from app.paths import Paths
from app.services.demo_people import demo_person, demo_step_record
from app.services.time_source import FixedClock
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import FOOD, SyncedCounter, make_counter
from tests.stores import rehashed

SURVEY = demo_step_record(date(2026, 11, 2))
PERSON = demo_person(random.Random(7))


def member(
    username: str, role: Role, window: str, scope: frozenset[str] = frozenset()
) -> StaffMember:
    return StaffMember(username, username, role, "SCJG", (window,), "", scope)


#: The center's staff as its administrator publishes them (the harness's actors).
STAFF = [
    member("scjg01", Role.CLERK, "A04"),
    member("scjg-chief", Role.CHIEF_REPRESENTATIVE, "A01", frozenset({FOOD})),
]


@pytest.fixture
def counter(tmp_path: Path, central: CentralDatabase) -> Iterator[SyncedCounter]:  # noqa: F811
    central.add_center("C1")
    made = make_counter(tmp_path / "counter1", central, "C1", 1)
    yield made
    made.close()


def publish(central: CentralDatabase, staff: list[StaffMember]) -> None:  # noqa: F811
    with central_engine(central.url) as engine, engine.begin() as connection:
        publish_staff(connection, "C1", staff)


def materials(counter: SyncedCounter) -> list[str]:
    return [m.name for m in counter.services.catalog.item(FOOD).required_materials]


def refusals(counter: SyncedCounter) -> list[tuple[int, str]]:
    return [
        (q.position, str(q.reason)) for q in counter.services.sync.quarantined(counter.supervisor)
    ]


def test_a_decision_signed_as_the_chief_at_another_window_is_refused(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    publish(central, STAFF)
    case_no = counter.receive()
    counter.services.cases.complete_step(counter.clerk, case_no, 1, form=SURVEY)
    # the clerk's counter writes the chief's decision in the chief's name, at its own window
    forger = Actor(
        "scjg-chief",
        "首席代表",
        Role.CHIEF_REPRESENTATIVE,
        "SCJG",
        "A04",
        counter.registration.name,
        frozenset({FOOD}),
    )
    counter.services.cases.decide(forger, case_no, approved=True)
    report = counter.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.ACCEPTED: 3, PushOutcome.REJECTED: 1}
    ((position, reason),) = refusals(counter)
    assert position == 4
    assert "经办人 scjg-chief 不是本中心在此窗口有此权限的在册人员" in reason


def test_an_actor_who_is_not_staff_or_lacks_the_role_is_refused(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
) -> None:
    # the chief is published as a clerk: an extension needs a chief representative
    publish(central, [STAFF[0], member("scjg-chief", Role.CLERK, "A01")])
    case_no = counter.receive()
    counter.services.cases.extend(counter.chief, case_no, 5, "需要现场核查")
    ghost = Actor("ghost", "冒名", Role.CLERK, "SCJG", "A04", counter.registration.name)
    counter.services.cases.receive(ghost, FOOD, PERSON, materials(counter))
    report = counter.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.ACCEPTED: 2, PushOutcome.REJECTED: 2}
    reasons = [reason for _, reason in refusals(counter)]
    assert any("经办人 scjg-chief" in r for r in reasons)
    assert any("经办人 ghost" in r for r in reasons)


def test_a_center_without_published_staff_is_not_checked(counter: SyncedCounter) -> None:
    counter.receive()
    assert counter.services.sync.sync_once().outcomes == {PushOutcome.ACCEPTED: 2}


def test_an_event_dated_years_before_its_terminal_or_before_its_case_is_refused(
    counter: SyncedCounter, tmp_path: Path
) -> None:
    case_no = counter.receive()
    assert counter.services.sync.sync_once().outcomes == {PushOutcome.ACCEPTED: 2}
    home = tmp_path / "counter1"
    for moment in (
        datetime(2019, 5, 6, 10, 0, tzinfo=CHINA_TIME),
        datetime(2026, 11, 2, 10, 0, tzinfo=CHINA_TIME),
    ):
        backdated = bootstrap(Paths(home, home, home / "logs"), clock=FixedClock(moment))
        try:
            if moment.year == 2019:
                backdated.cases.receive(counter.clerk, FOOD, PERSON, materials(counter))
            else:  # a step dated three weeks before the case was received
                backdated.cases.complete_step(counter.clerk, case_no, 1, form=SURVEY)
        finally:
            backdated.close()
    report = counter.services.sync.sync_once()
    assert report.outcomes == {PushOutcome.REJECTED: 2}
    reasons = [reason for _, reason in refusals(counter)]
    assert any("时间早于上一条记录，不可信" in r for r in reasons)
    assert any("比本终端已上传的记录早三年以上" in r for r in reasons)


# ------------------------------------------------------------------------- checkpoints


def sign(central: CentralDatabase, key: Path) -> None:  # noqa: F811
    assert main(["central", "checkpoint", "--url", central.url, "--key", str(key)]) == 0


def rewrite_receipt_and_summary(database: Path, case_no: str, name: str) -> None:
    """Change the applicant's name in a receipt, re-hash the chain and the summary to match:
    every check inside the store holds after it."""
    with closing(sqlite3.connect(database)) as raw, raw:
        raw.row_factory = sqlite3.Row
        raw.execute("DROP TRIGGER events_no_update")
        (case_id,) = raw.execute(
            "SELECT case_id FROM case_summaries WHERE case_no = ?", (case_no,)
        ).fetchone()
        rows = [
            dict(row)
            for row in raw.execute(
                f"SELECT seq, {', '.join(EVENT_FIELDS)} FROM events WHERE case_id = ?"
                " ORDER BY position",
                (case_id,),
            )
        ]
        receipt = json.loads(rows[0]["payload"])
        receipt["applicant"]["name"] = name
        rows[0]["payload"] = json.dumps(receipt, ensure_ascii=False)
        previous = "0" * 64
        for row in rows:
            row["prev_hash"] = previous
            previous = rehashed(row)
            raw.execute(
                "UPDATE events SET payload = ?, digest = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (row["payload"], row["digest"], row["prev_hash"], row["hash"], row["seq"]),
            )
        raw.execute(
            "UPDATE case_summaries SET applicant_name = ? WHERE case_id = ?", (name, case_id)
        )
        raw.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )


def test_a_case_rewritten_consistently_is_named_by_the_signed_checkpoint(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
    tmp_path: Path,
) -> None:
    key = tmp_path / "keys" / "central.key"
    first = [counter.receive() for _ in range(3)]
    counter.services.sync.sync_once()
    sign(central, key)
    assert key.stat().st_mode & 0o777 == 0o600 and key.parent.stat().st_mode & 0o777 == 0o700
    later = [counter.receive() for _ in range(2)]
    counter.services.sync.sync_once()  # keeps the first checkpoint
    sign(central, key)
    counter.services.sync.sync_once()  # and the second
    held = counter.services.cases.verify()
    assert held == []
    with closing(sqlite3.connect(counter.services.paths.database)) as raw:
        assert raw.execute("SELECT size FROM checkpoints ORDER BY size").fetchall() == [(6,), (10,)]

    rewrite_receipt_and_summary(counter.services.paths.database, first[1], "冒名顶替")
    found = [(f.case_no, str(f.problem)) for f in counter.services.cases.verify()]
    assert [case_no for case_no, _ in found] == first  # the batch of the first checkpoint
    assert all("检查点不符" in problem for _, problem in found)
    assert not set(later) & {case_no for case_no, _ in found}


def test_a_forged_checkpoint_is_named(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
    tmp_path: Path,
) -> None:
    counter.receive()
    counter.services.sync.sync_once()
    sign(central, tmp_path / "central.key")
    counter.services.sync.sync_once()
    with closing(sqlite3.connect(counter.services.paths.database)) as raw, raw:
        raw.execute("UPDATE checkpoints SET root = ?", ("0" * 64,))
    ((case_no, problem),) = [(f.case_no, str(f.problem)) for f in counter.services.cases.verify()]
    assert case_no is None and "签名不符：检查点被伪造或改动" in problem


def test_a_case_deleted_at_the_central_is_named_and_never_signed_over(
    counter: SyncedCounter,
    central: CentralDatabase,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = tmp_path / "central.key"
    numbers = [counter.receive() for _ in range(3)]
    counter.services.sync.sync_once()
    sign(central, key)
    counter.services.sync.sync_once()
    case_id = str(counter.services.cases.detail(counter.clerk, numbers[1]).case.case_id)
    with central.connect() as admin:  # whoever holds the central's database
        admin.execute("ALTER TABLE central.events DISABLE TRIGGER USER")
        deleted = admin.execute("DELETE FROM central.events WHERE case_id = %s", (case_id,))
        assert deleted.rowcount == 2
        admin.execute("ALTER TABLE central.events ENABLE TRIGGER USER")
    differences = counter.services.sync.differences()
    assert any(case_id in line and "本机有而中心没有" in line for line in differences)
    assert any("本机记录与检查点相符，中心的记录被改动或删除" in line for line in differences)
    assert counter.services.cases.verify() == []  # this store is not the one changed
    capsys.readouterr()
    assert main(["central", "checkpoint", "--url", central.url, "--key", str(key)]) == 1
    assert "记录少于上次检查点：有记录被删除，未签署" in capsys.readouterr().err
