"""Storage hygiene (issue 13 §6 and "Speed"): reading units of work take no write lock, units
of work do not nest, caches are rebuilt by whoever changed them, and the lookups that grow
with the store go through their indexes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import event, text

import app.services.cases as cases_module
import app.services.catalog
from app.bootstrap import Services, Store, bootstrap, open_store
from app.domain.case import Case
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, Role
from app.paths import Paths
from app.services.time_source import FixedClock
from app.storage.database import MIGRATIONS
from app.storage.unit_of_work import NestedUnitOfWork

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)
CASES = 400


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The store the services run on, for the test to watch and use directly."""
    store = open_store(Paths(tmp_path, tmp_path, tmp_path / "logs").database)
    yield store
    store.close()


@pytest.fixture
def services(tmp_path: Path, store: Store) -> Iterator[Services]:
    paths = Paths(tmp_path, tmp_path, tmp_path / "logs")
    services = bootstrap(paths, clock=FixedClock(NOW), store=store)
    yield services
    services.close()


@pytest.fixture
def filled(services: Services) -> Services:
    items = [item for item in services.catalog.items() if not item.is_one_form]
    services.demo.write_cases(CASES, items)
    return services


def chief_of(services: Services, department: str) -> Actor:
    scope = frozenset(i.code for i in services.catalog.items() if i.department == department)
    return Actor("chief", "首席代表", Role.CHIEF_REPRESENTATIVE, department, "A06", "t", scope)


# ---- units of work -------------------------------------------------------------------------


def test_a_write_proceeds_while_a_reading_unit_of_work_is_open(
    store: Store, services: Services
) -> None:
    committed = threading.Event()

    def write() -> None:
        with store.uow() as uow:
            uow.sync.set_marks({"probe": "written"})
            uow.commit()
        committed.set()

    with store.uow.reading() as reading:
        assert reading.sync.mark("probe") is None
        writer = threading.Thread(target=write)
        writer.start()
        # a reader holding the write lock would keep the writer waiting for the busy timeout
        assert committed.wait(timeout=5)
        assert reading.sync.mark("probe") is None  # the reader keeps its snapshot
    writer.join()
    with store.uow.reading() as reading:
        assert reading.sync.mark("probe") == "written"


def test_a_reading_unit_of_work_cannot_write(store: Store, services: Services) -> None:
    with store.uow.reading() as reading, pytest.raises(Exception, match="readonly"):
        reading.sync.set_marks({"probe": "written"})
    with store.uow() as uow:  # the connection writes again for the next writer
        uow.sync.set_marks({"probe": "written"})
        uow.commit()


def test_a_unit_of_work_inside_another_raises_at_once_naming_both_places(
    store: Store,
    services: Services,
) -> None:
    for inner in (store.uow, store.uow.reading):
        with store.uow() as _, pytest.raises(NestedUnitOfWork) as raised, inner() as _:
            pass
        message = str(raised.value)
        assert message.count(f"{__file__}:") == 2, message
        assert "test_a_unit_of_work_inside_another" in message
    with store.uow.reading() as uow:  # and the thread is free again afterwards
        assert uow.cases.count() == 0


def test_units_of_work_on_other_threads_are_not_nested(store: Store, services: Services) -> None:
    opened = threading.Event()

    def read() -> None:
        with store.uow.reading() as _:
            opened.set()

    with store.uow() as _:
        reader = threading.Thread(target=read)
        reader.start()
        assert opened.wait(timeout=5)
    reader.join()


# ---- caches ----------------------------------------------------------------------------------


def test_a_catalog_never_searched_is_not_indexed_when_it_changes(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command line (`sync`, `restore`) that takes in a catalog never searches it: building
    the index would load pypinyin's dictionaries (54 MB) for nothing."""
    built: list[int] = []
    real_index = app.services.catalog.CatalogIndex

    def recording_index(*args: object) -> object:
        built.append(1)
        return real_index(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(app.services.catalog, "CatalogIndex", recording_index)
    services.catalog.adopt(list(services.catalog.departments().values()), services.catalog.items())
    assert built == []
    assert services.catalog.search("营业执照", 5)  # built on first use
    assert built == [1]


def test_the_catalog_and_its_index_are_rebuilt_on_the_thread_that_changed_them(
    store: Store, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.catalog.index()  # built before, as the window does on its storage worker
    built_on: list[str] = []
    real_index = app.services.catalog.CatalogIndex

    def recording_index(*args: object) -> object:
        built_on.append(threading.current_thread().name)
        return real_index(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(app.services.catalog, "CatalogIndex", recording_index)
    sql_on: list[str] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda *_: sql_on.append(threading.current_thread().name),
    )
    departments = list(services.catalog.departments().values())
    items = services.catalog.items()
    renamed = [
        item if n else type(item).from_dict({**item.to_dict(), "name": "新名称的事项"})
        for n, item in enumerate(items)
    ]
    sync_worker = threading.Thread(
        target=lambda: services.catalog.adopt(departments, renamed), name="sync-worker"
    )
    sync_worker.start()
    sync_worker.join()
    assert built_on == ["sync-worker"]
    sql_on.clear()
    # the next keystroke on the GUI thread: the new catalog, no SQLite, no index built
    assert [i.name for i in services.catalog.search("新名称", 5)] == ["新名称的事项"]
    assert services.catalog.item(items[0].code).name == "新名称的事项"
    assert services.catalog.departments()
    assert built_on == ["sync-worker"]
    assert sql_on == []


def test_the_work_calendar_is_read_again_by_whoever_loaded_a_schedule(
    store: Store, services: Services, tmp_path: Path
) -> None:
    schedule = services.calendar.calendar().schedules[-1]
    sql_on: list[str] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda *_: sql_on.append(threading.current_thread().name),
    )
    loader = threading.Thread(target=lambda: services.calendar.adopt(schedule), name="worker")
    loader.start()
    loader.join()
    assert set(sql_on) == {"worker"}
    sql_on.clear()
    assert services.calendar.calendar().schedules[-1].year == schedule.year
    assert sql_on == []


# ---- the chief's desk, paged and indexed -------------------------------------------------------


def test_the_decision_queue_is_a_page_of_what_folding_every_case_finds(
    store: Store, filled: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = filled
    chief = chief_of(services, "SCJG")
    with store.uow.reading() as uow:
        summaries = uow.cases.summaries(departments=["SCJG"], limit=None)
        logs = uow.cases.events_of_many(s.case_id for s in summaries)
    folded = [Case.from_events(logs[s.case_id]) for s in summaries]
    waiting = [
        c
        for c in folded
        if c.awaiting_decision
        and not c.is_parent
        and c.terms.flow[c.terms.decision_step].role is Role.CHIEF_REPRESENTATIVE
    ]
    assert len(waiting) >= 4
    monkeypatch.setattr(cases_module, "QUEUE_PAGE", 3)
    first, second = (services.cases.decision_queue(chief, start) for start in (0, 3))
    assert first.total == second.total == len(waiting)
    assert (len(first.entries), first.start, second.start) == (3, 0, 3)
    pages = first.entries + second.entries
    dues = [e.deadline.due or date.max for e in pages]
    assert dues == sorted(dues)
    beyond = services.cases.decision_queue(chief, 1000)  # decided meanwhile: the last page
    assert beyond.start == (len(waiting) - 1) // 3 * 3 and beyond.entries
    everyone = {
        e.summary.case_no
        for start in range(0, len(waiting), 3)
        for e in services.cases.decision_queue(chief, start).entries
    }
    assert everyone == {c.case_no for c in waiting}


@pytest.mark.usefixtures("filled")
def test_migration_0005_fills_what_each_case_waits_for_as_the_write_path_does(
    store: Store,
) -> None:
    query = "SELECT case_id, waits_for FROM case_summaries ORDER BY case_id"
    with store.engine.connect() as connection:
        written = connection.execute(text(query)).all()
    assert any(waits for _, waits in written)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    for revision in ("0004", "head"):
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            (command.downgrade if revision == "0004" else command.upgrade)(config, revision)
    with store.engine.connect() as connection:
        assert connection.execute(text(query)).all() == written


# ---- the lookups that grow with the store use their indexes -----------------------------------


def test_the_lookups_that_grow_with_the_store_use_their_indexes(
    store: Store, filled: Services
) -> None:
    services = filled
    engine = store.engine
    statements: list[tuple[str, object]] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append((a[2], a[3])))

    def plan_of(call: Callable[[], object], table: str) -> str:
        """SQLite's plan for the call's first query of `table`."""
        statements.clear()
        call()
        sql, parameters = next(
            (sql, parameters)
            for sql, parameters in statements
            if sql.lstrip().upper().startswith("SELECT") and f"FROM {table}" in sql
        )
        raw = engine.raw_connection()
        try:
            rows = raw.cursor().execute(f"EXPLAIN QUERY PLAN {sql}", parameters).fetchall()
        finally:
            raw.close()
        return " | ".join(str(row[-1]) for row in rows)

    clerk = Actor("c", "窗口", Role.CLERK, "SCJG", "A04", "t")
    with engine.connect() as connection:
        id_number = str(
            connection.execute(
                text(
                    "SELECT json_extract(payload, '$.applicant.id_number') FROM events WHERE "
                    "kind = 'received' AND json_extract(payload, '$.applicant.kind') = 'person'"
                )
            ).scalar()
        )
    found = plan_of(lambda: services.cases.applicant_on_record(clerk, id_number), "events")
    assert "ix_events_applicant_id" in found
    assert services.cases.applicant_on_record(clerk, id_number) is not None
    assert "ix_events_terminal_seq" in plan_of(services.sync.status, "events")
    listing = plan_of(lambda: services.cases.list_cases(clerk), "case_summaries")
    assert "ix_case_summaries_department_received_at" in listing
    assert "TEMP B-TREE" not in listing
    chief = chief_of(services, "SCJG")
    queue = plan_of(lambda: services.cases.decision_queue(chief), "case_summaries")
    assert "ix_case_summaries_waits_for" in queue
    with engine.connect() as connection:
        indexes = {row[1] for row in connection.execute(text("PRAGMA index_list(events)"))}
    assert "ix_events_case_id" not in indexes


def test_demo_data_empties_the_wal_between_its_batches(filled: Services) -> None:
    # checkpoints that never get a turn let the WAL outgrow the store (2 GB at 600,000 cases)
    wal = filled.paths.database.with_name(filled.paths.database.name + "-wal")
    assert wal.stat().st_size == 0
