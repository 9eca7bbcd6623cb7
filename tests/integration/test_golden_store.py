"""The golden store: cases written by an older version (`tests/fixtures/golden_store`, made by
its script before events were typed) still verify, fold to the state they folded to then, and
each event, read as its typed kind, encodes to the very text that was hashed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.domain.case import Case
from app.domain.event_data import EventKind, UnknownEvent
from app.domain.events import canonical_json
from tests.fixtures.golden_store.make_golden_store import STATES, STORE, folded_state
from tests.integration.store_harness import open_store
from tests.stores import store_of

#: Kinds made after the golden store was written (their encoding is tested with them).
NEWER_KINDS = {EventKind.REPORTED_UP.value}  # tests/unit/domain/test_report_up.py


@pytest.fixture
def golden(tmp_path: Path) -> Iterator[Services]:
    shutil.copyfile(STORE, tmp_path / "onewindow.sqlite3")
    services = open_store(tmp_path)
    yield services
    services.close()


def test_every_chain_of_the_golden_store_verifies(golden: Services) -> None:
    assert golden.cases.verify() == []


def test_every_case_of_the_golden_store_folds_to_the_same_state(golden: Services) -> None:
    expected = json.loads(STATES.read_text(encoding="utf-8"))
    with store_of(golden) as store, store.uow() as uow:
        logs = uow.cases.events_of_many(uow.cases.all_case_ids())
    folded = {
        str(case_id): folded_state(Case.from_events(events)) for case_id, events in logs.items()
    }
    assert folded == expected


def test_every_event_of_the_golden_store_is_typed_and_encodes_to_its_stored_text(
    golden: Services,
) -> None:
    with store_of(golden) as store, store.uow() as uow:
        logs = uow.cases.events_of_many(uow.cases.all_case_ids())
    events = [event for log in logs.values() for event in log]
    assert {str(e.kind) for e in events} == {kind.value for kind in EventKind} - NEWER_KINDS
    for event in events:
        assert not isinstance(event.data, UnknownEvent), event.data
        assert canonical_json(event.data.to_payload()) == event.payload_json
