"""`verify` with the cases shared among worker processes names what one process names, in the
same order: every tampering of `test_tampering` at once, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from app.bootstrap import Services, open_store
from app.services import full_audit
from app.services.full_audit import Processes
from tests.integration.test_tampering import (
    case_id_of,
    denied,
    drop_guards,
    edit,
    payload_edit,
    receive,
    services,  # noqa: F401 -- the fixture
    sql,
)


def test_workers_name_every_tampering_as_one_process_does(
    services: Services,  # noqa: F811 -- the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(full_audit, "PARALLEL_FROM", 1)  # a small store, shared all the same
    monkeypatch.setattr(full_audit, "BATCH", 2)  # several batches, several workers
    untouched = receive(services, 0)
    approved, summary, deleted, emptied = (
        denied(services, 1),
        *(receive(services, s) for s in (2, 3, 4)),
    )
    database = services.paths.database
    edit(database, approved, payload_edit(4, approved=True))
    sql(database, "UPDATE case_summaries SET window = 'Z99' WHERE case_no = ?", summary)
    with closing(sqlite3.connect(database)) as raw, raw:
        drop_guards(raw)
        case_id = case_id_of(raw, deleted)
        raw.execute("DELETE FROM events WHERE case_id = ?", (case_id,))
        raw.execute("DELETE FROM case_summaries WHERE case_id = ?", (case_id,))
    sql(
        database,
        "DELETE FROM events WHERE case_id = (SELECT case_id FROM case_summaries WHERE case_no = ?)",
        emptied,
    )

    alone = services.cases.verify()
    shared = services.cases.verify(processes=Processes(2, open_store))

    assert shared == alone
    named = {finding.case_no for finding in shared}
    assert {approved, summary, deleted, emptied} <= named
    assert untouched not in named
    assert None in named  # the dropped triggers
