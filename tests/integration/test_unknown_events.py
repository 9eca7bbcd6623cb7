"""An event a newer counter wrote, of a kind this version does not know (or a known kind it
cannot read), arriving by sync: stored and kept, shown as such, and nothing stops on it — not
the next command, `verify`, the case list, `case show` nor the next sync."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest

from app.bootstrap import Services
from app.cli.render import detail_json, detail_text
from app.domain.case import CaseStatus
from app.domain.event_data import UnknownEvent, decode
from app.domain.events import Event, EventKind, canonical_json, new_event
from app.services.demo_people import demo_step_record
from tests.integration.store_harness import CLERK, NOW, open_store, receive


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = open_store(tmp_path)
    yield services
    services.close()


def newer(services: Services, case_no: str, kind: str, payload: object) -> Event:
    """The next event of the case as a newer counter writes it."""
    held = services.cases.detail(CLERK, case_no).case
    text = canonical_json(payload)
    data = decode(kind, text)
    assert isinstance(data, UnknownEvent)
    return new_event(
        id=uuid4(), case_id=held.case_id, position=len(held.events) + 1, data=data,
        actor="newer01", window="A09", terminal="counter-09",
        at=NOW + timedelta(minutes=len(held.events)), prev_hash=held.last_hash,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "payload", "shown"),
    [
        ("rated", {"stars": 5, "stage": "acceptance"}, "本版本不认识此类记录"),
        ("extended", {"reason": "缺天数"}, "缺少“days”"),
    ],
)
def test_an_unreadable_event_from_sync_is_kept_and_stops_nothing(
    services: Services, kind: str, payload: object, shown: str
) -> None:
    case_no = receive(services)
    event = newer(services, case_no, kind, payload)
    assert services.cases.import_events([event]) == []  # stored, not a misfit
    assert services.cases.import_events([event]) == []  # the next sync: already held
    assert named_by_verify(services, case_no, kind)
    listed = {e.summary.case_no: e for e in services.cases.list_cases(CLERK)}
    assert listed[case_no].summary.events == 3
    detail = services.cases.detail(CLERK, case_no)
    assert detail.case.events[-1] == event and detail.case.status is CaseStatus.IN_PROGRESS
    shown_json = detail_json(detail)["events"][-1]
    assert shown_json["kind"] == kind and shown_json["unreadable"] == shown
    assert shown_json["payload"] == payload
    assert f"无法识别的记录“{kind}”" in detail_text(detail)
    # the next command links onto it
    after = services.cases.complete_step(CLERK, case_no, 1, form=demo_step_record(NOW.date()))
    assert after.case.events[-1].prev_hash == event.hash and after.case.awaiting_decision
    assert named_by_verify(services, case_no, kind)


def named_by_verify(services: Services, case_no: str, kind: str) -> bool:
    """`verify` names the event and goes on: a kind this version does not know as a note (a
    newer version may have written it), a known kind that does not read as damage."""
    findings = services.cases.verify()
    damaged = kind in set(EventKind)
    return [(f.case_no, f.broken) for f in findings] == [(case_no, damaged)] and kind in str(
        findings[0].problem
    )
