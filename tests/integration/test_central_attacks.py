"""Issue 14 §1 against a real central PostgreSQL: no counter can stop a center. Poison events
(refused on arrival; set aside by every fold when already there) and terminal numbers. One
center stalling another (§2): `test_center_isolation`."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import make_url

from app.bootstrap import bootstrap
from app.central.errors import CentralError
from app.central.supervision import refresh_clocks, set_aside
from app.cli.main import main
from app.domain.event_data import UnknownEvent, decode
from app.domain.events import CHINA_TIME, Event, new_event
from app.paths import Paths
from tests.integration.central_harness import (  # noqa: F401
    CentralDatabase,
    central,
    central_server,
)
from tests.integration.sync_harness import NOW, SyncedCounter, make_counter
from tests.integration.test_central_schema import APPLICANT, clerk, food_case, push


@pytest.fixture
def counters(tmp_path: Path, central: CentralDatabase) -> Iterator[list[SyncedCounter]]:  # noqa: F811
    central.add_center("C1")
    made = [make_counter(tmp_path / f"counter{n}", central, "C1", n) for n in (1, 2)]
    yield made
    for counter in made:
        counter.close()


def receipt_with(terminal: str, at: datetime | None = None, **changes: Any) -> Event:
    """A receipt as a counter (or a forger with its login) writes it: a valid hash over a
    payload changed by `changes` (dotted keys reach into `terms`)."""
    first = food_case(clerk(terminal), steps=1)[0]
    payload = json.loads(first.payload_json)
    for key, value in changes.items():
        if key.startswith("terms."):
            payload["terms"][key.removeprefix("terms.")] = value
        else:
            payload[key] = value
    return new_event(
        id=uuid4(), case_id=uuid4(), position=1,
        data=UnknownEvent("received", payload, decode("x", "{}").reason),  # type: ignore[union-attr]
        actor=first.actor, window=first.window, terminal=terminal,
        at=at or datetime.now(CHINA_TIME), prev_hash=first.prev_hash,
    )  # fmt: skip


def next_event(before: Event, kind: str, payload: object) -> Event:
    return new_event(
        id=uuid4(), case_id=before.case_id, position=before.position + 1,
        data=UnknownEvent(kind, payload, decode("x", "{}").reason),  # type: ignore[union-attr]
        actor=before.actor, window=before.window, terminal=before.terminal,
        at=before.at + timedelta(minutes=1), prev_hash=before.hash,
    )  # fmt: skip


def after_receipt(kind: str, payload: object) -> list[Event]:
    """A sound receipt, then an event of `kind`."""
    first = receipt_with("counter-01")
    return [first, next_event(first, kind, payload)]


def sneak_in(central: CentralDatabase, events: list[Event], center: str = "C1") -> None:  # noqa: F811
    """Events the central accepted before it checked content (before migration 0008)."""
    with central.connect() as admin:
        admin.execute("ALTER TABLE central.events DISABLE TRIGGER events_check_content")
        push(admin, events, center=center)
        admin.execute("ALTER TABLE central.events ENABLE ALWAYS TRIGGER events_check_content")


# ------------------------------------------------------------------ §1 what is accepted


@pytest.mark.parametrize(
    ("poison", "words"),
    [
        (lambda: [receipt_with("counter-01", **{"terms.committed_days": 2 * 10**9})], "时限"),
        (lambda: [receipt_with("counter-01", **{"terms.legal_days": "20"})], "时限"),
        (lambda: [receipt_with("counter-01", case_no=7)], "办件编号"),
        (lambda: [receipt_with("counter-01", note="字" * 100_000)], "256 KB"),
        (lambda: [receipt_with("counter-01", at=datetime(2015, 1, 5, tzinfo=CHINA_TIME))], "时间"),
        (lambda: [receipt_with("counter-01", at=NOW + timedelta(days=400))], "时间"),
        (lambda: after_receipt("decided", {"reason": "?"}), "准予"),
        (lambda: after_receipt("extended", {"days": 10**9}), "延期"),
        (lambda: after_receipt("Rated!", {}), "类型"),
    ],
    ids=[
        "two billion days", "days as text", "case number not text", "300 KB",
        "dated 2015", "a year ahead", "decision without yes or no", "extension of 10^9 days",
        "kind not a name",
    ],
)  # fmt: skip
def test_the_central_refuses_what_no_fold_can_read(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
    poison: Any,
    words: str,
) -> None:
    *sound, bad = poison()
    with central.connect(counters[0].registration) as connection:
        push(connection, sound)
        with pytest.raises(psycopg.Error, match=words) as refused:
            push(connection, [bad])
        assert refused.value.sqlstate == "OWV01"


def test_a_kind_from_a_newer_counter_is_kept_and_folded_by_nobody(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
) -> None:
    first, second = counters
    case_no = first.receive()
    first.services.sync.sync_once()
    receipt = first.services.cases.detail(first.clerk, case_no).case.events[-1]
    rated = next_event(receipt, "rated", {"stars": 5})
    with central.connect(first.registration) as connection:
        push(connection, [rated])  # accepted: a newer counter's kind is kept
    assert second.services.sync.sync_once().pulled == 3
    assert refresh_clocks(central.url, NOW) == 1 and set_aside(central.url) == []
    shown = second.services.cases.detail(second.clerk, case_no).case
    assert len(shown.events) == 3 and str(shown.status) == "in_progress"


def test_a_poison_event_already_there_stops_no_pull_and_no_supervision(
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    first, second = counters
    good = first.receive()
    first.services.sync.sync_once()
    poison = receipt_with("counter-01", at=NOW, **{"terms.committed_days": 2_000_000_000})
    accepted = food_case(clerk(), steps=2)[1]  # accepted: the clock runs, 2e9 days long
    poisoned = next_event(poison, "accepted", json.loads(accepted.payload_json))
    sneak_in(central, [poison, poisoned])
    # a counter with the same number as the second (before registrations were checked)
    clash_no = second.receive()
    clash = receipt_with("counter-01", at=NOW, case_no=clash_no)
    with central.connect(first.registration) as connection:
        push(connection, [clash])
    caplog.set_level(logging.INFO)
    report = second.services.sync.sync_once()  # no exception: both set aside, the rest taken
    assert (report.pulled, report.held_back) == (2, 3)
    held = {q.event_id: str(q.reason) for q in second.services.sync.quarantined(second.supervisor)}
    assert set(held) == {str(poison.id), str(poisoned.id), str(clash.id)}
    # two billion days end beyond any calendar; the clash names the case number
    assert "超出" in held[str(poison.id)] and "办件编号" in held[str(clash.id)]
    assert {c.summary.case_no for c in second.services.cases.list_cases(second.clerk)} == {
        good,
        clash_no,
    }
    logged = caplog.text
    assert str(poison.id) in logged and str(clash.id) in logged
    assert APPLICANT.name not in logged and "Traceback" not in logged
    # the cursor moved: the next round takes only what is new
    later = first.receive()
    first.services.sync.sync_once()
    report = second.services.sync.sync_once()
    assert (report.pulled, report.held_back) == (2, 0)
    assert later in {c.summary.case_no for c in second.services.cases.list_cases(second.clerk)}
    # supervision folds every other case, sets the poison aside and moves on
    assert refresh_clocks(central.url, NOW) == 4
    assert [(c, "超出" in why) for c, _, why in set_aside(central.url)] == [
        (str(poison.case_id), True)
    ]
    assert refresh_clocks(central.url, NOW) == 0


# ------------------------------------------------------------------ §1 terminal numbers


def test_one_terminal_number_per_center_learnt_from_the_registration(
    tmp_path: Path,
    counters: list[SyncedCounter],
    central: CentralDatabase,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(CentralError, match="2 号终端.*已登记"):
        central.add_counter("C1", 2)
    with pytest.raises(CentralError, match="1 到 99"):
        central.add_counter("C1", 100)
    with central.connect() as admin, pytest.raises(errors.CheckViolation):
        admin.execute(
            "INSERT INTO central.terminals (role_name, center, number, name)"
            " VALUES ('x', 'C1', 100, 'counter-100')"
        )
    # a counter whose number is not the one registered does not sync, and says how to fix it
    second = counters[1]
    second.services.settings.set("terminal_no", 1)
    second.receive()
    with pytest.raises(CentralError, match="onewindow register"):
        second.services.sync.sync_once()
    assert second.services.sync.status().quarantined == 0
    # registering: one pasted line, the three settings from the central
    assert main(["central", "add-counter", "--url", central.url, "--center", "C1",
                 "--terminal", "7"]) == 0  # fmt: skip
    line = next(x for x in capsys.readouterr().out.splitlines() if "onewindow register" in x)
    url = line.split("'")[1]
    home = tmp_path / "fresh"
    services = bootstrap(Paths(home, home, home / "logs"))
    try:
        services.sync.register(url)
        settings = services.settings
        assert (settings["terminal_no"], settings["terminal_name"]) == (7, "counter-07")
        assert settings.central_login_url() == url  # the password itself is kept apart
        assert make_url(settings["central_url"]).password is None
        services.sync.sync_once()
    finally:
        services.close()
