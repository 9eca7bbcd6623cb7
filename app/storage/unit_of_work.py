"""Unit of work: one transaction, with the repositories that work inside it.

A unit of work that writes (`uow()`) takes the store's write lock when it opens (BEGIN
IMMEDIATE), so two writers queue instead of failing half-way. One that only reads
(`uow.reading()`) opens a plain transaction on a connection that refuses writes: with WAL it
reads a snapshot and never waits for a writer nor holds one up. Units of work do not nest: a
second one opened on a thread that already holds one would wait for the first's lock until
the busy timeout, so it raises `NestedUnitOfWork` at once, naming both places.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.storage.appointment_repository import AppointmentRepository
from app.storage.audit_repository import AuditRepository
from app.storage.case_repository import CaseRepository
from app.storage.checkpoint_repository import CheckpointRepository
from app.storage.database import READ_ONLY, checkpoint
from app.storage.leave_repository import LeaveRepository
from app.storage.refusal_repository import RefusalRepository
from app.storage.repositories import (
    CalendarRepository,
    CatalogRepository,
    PrintJobRepository,
    SyncRepository,
)
from app.storage.setting_repository import SettingRepository
from app.storage.staff_repository import StaffRepository
from app.storage.store_health import store_failure
from app.storage.ticket_repository import TicketRepository
from app.storage.window_repository import WindowRepository


class StoreConflict(Exception):
    """What `attempt` wrote clashes with a row already held (a unique key); the constraint's
    name only: the statement's parameters may hold personal data."""

    def __init__(self, constraint: str) -> None:
        super().__init__(constraint)
        self.constraint = constraint


class NestedUnitOfWork(RuntimeError):
    """A unit of work was opened inside another on the same thread (a bug, never the
    clerk's doing): the text names where each was opened."""


class UnitOfWork:
    """`with uow:` opens a transaction; `commit()` makes it durable; leaving rolls back the rest."""

    cases: CaseRepository
    catalog: CatalogRepository
    staff: StaffRepository
    calendar: CalendarRepository
    print_jobs: PrintJobRepository
    sync: SyncRepository
    checkpoints: CheckpointRepository
    audit: AuditRepository
    leave: LeaveRepository
    windows: WindowRepository
    tickets: TicketRepository
    appointments: AppointmentRepository
    refusals: RefusalRepository
    center_settings: SettingRepository

    def __init__(
        self, sessions: sessionmaker[Session], open_here: threading.local, path: Path
    ) -> None:
        self._sessions = sessions
        self._open_here = open_here
        self._path = path

    def __enter__(self) -> UnitOfWork:
        caller = sys._getframe(1)
        place = f"{caller.f_code.co_filename}:{caller.f_lineno} ({caller.f_code.co_name})"
        outer: str | None = getattr(self._open_here, "place", None)
        if outer is not None:
            raise NestedUnitOfWork(
                f"a unit of work opened at {place} inside the one opened at {outer} "
                "on the same thread"
            )
        self._open_here.place = place
        try:
            self._session = self._sessions()
            self.cases = CaseRepository(self._session)
            self.catalog = CatalogRepository(self._session)
            self.staff = StaffRepository(self._session)
            self.calendar = CalendarRepository(self._session)
            self.print_jobs = PrintJobRepository(self._session)
            self.sync = SyncRepository(self._session)
            self.checkpoints = CheckpointRepository(self._session)
            self.audit = AuditRepository(self._session)
            self.leave = LeaveRepository(self._session)
            self.windows = WindowRepository(self._session)
            self.tickets = TicketRepository(self._session)
            self.appointments = AppointmentRepository(self._session)
            self.refusals = RefusalRepository(self._session)
            self.center_settings = SettingRepository(self._session)
        except BaseException:
            self._open_here.place = None
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            self._session.rollback()
            self._session.close()
        finally:
            self._open_here.place = None
        if error is not None:  # a damaged or unwritable store is told in words, not a trace
            failure = store_failure(error, self._path)
            if failure is not None:
                raise failure from error

    def commit(self) -> None:
        self._session.commit()

    @contextmanager
    def attempt(self) -> Iterator[None]:
        """A part of the transaction that is written (flushed) as a whole or not at all: when
        it raises, what it wrote is undone and the rest of the transaction stands."""
        try:
            with self._session.begin_nested():
                yield
        except IntegrityError as error:
            raise StoreConflict(_constraint(error)) from None


def _constraint(error: IntegrityError) -> str:
    """`UNIQUE constraint failed: case_summaries.case_no` → `case_summaries.case_no`."""
    text = str(error.orig)
    return text.split(":", 1)[1].strip() if ":" in text else type(error.orig).__name__


class UnitOfWorkFactory:
    """Makes units of work on one engine; the services hold one of these."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writing = sessionmaker(engine, expire_on_commit=False)
        self._reading = sessionmaker(
            engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False
        )
        self._open_here = threading.local()  # where this thread opened its unit of work
        self.path = Path(engine.url.database or "")

    def __call__(self) -> UnitOfWork:
        """A unit of work that may write: it holds the write lock from the start."""
        return UnitOfWork(self._writing, self._open_here, self.path)

    def reading(self) -> UnitOfWork:
        """A unit of work that only reads: no write lock, and any write in it fails."""
        return UnitOfWork(self._reading, self._open_here, self.path)

    def checkpoint(self) -> None:
        """Empty the WAL into the store (between the batches of a bulk writer)."""
        checkpoint(self.engine)
