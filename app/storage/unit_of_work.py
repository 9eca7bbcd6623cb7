"""Unit of work: one transaction, with the repositories that work inside it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from app.storage.case_repository import CaseRepository
from app.storage.repositories import (
    CalendarRepository,
    CatalogRepository,
    PrintJobRepository,
    StaffRepository,
    SyncRepository,
)


class StoreConflict(Exception):
    """What `attempt` wrote clashes with a row already held (a unique key); the constraint's
    name only: the statement's parameters may hold personal data."""

    def __init__(self, constraint: str) -> None:
        super().__init__(constraint)
        self.constraint = constraint


class UnitOfWork:
    """`with uow:` opens a transaction; `commit()` makes it durable; leaving rolls back the rest."""

    cases: CaseRepository
    catalog: CatalogRepository
    staff: StaffRepository
    calendar: CalendarRepository
    print_jobs: PrintJobRepository
    sync: SyncRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> UnitOfWork:
        self._session = self._sessions()
        self.cases = CaseRepository(self._session)
        self.catalog = CatalogRepository(self._session)
        self.staff = StaffRepository(self._session)
        self.calendar = CalendarRepository(self._session)
        self.print_jobs = PrintJobRepository(self._session)
        self.sync = SyncRepository(self._session)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._session.rollback()
        self._session.close()

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
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self._sessions)
