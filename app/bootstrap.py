"""The composition root: the one place that builds storage, clock and services."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from app.paths import Paths, resources_dir
from app.services.auth import AuthService
from app.services.calendar import CalendarService
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.clock import Clock, SystemClock
from app.settings import Settings
from app.storage.database import migrate, open_engine
from app.storage.unit_of_work import UnitOfWorkFactory


@dataclass
class Services:
    """Everything the window and the command line call, built once per process."""

    paths: Paths
    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    clock: Clock
    auth: AuthService
    catalog: CatalogService
    calendar: CalendarService
    cases: CaseService

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(paths: Paths | None = None, clock: Clock | None = None) -> Services:
    """Open (and migrate) the local store and wire the services on it.

    A store without a catalog or a calendar gets the shipped ones, so a fresh machine works.
    """
    paths = paths or Paths.from_environment()
    settings = Settings.load(paths.settings)
    engine = open_engine(paths.database)
    migrate(engine)
    uow = UnitOfWorkFactory(engine)
    clock = clock or SystemClock()
    catalog = CatalogService(uow)
    calendar = CalendarService(uow, clock)
    services = Services(
        paths=paths,
        settings=settings,
        engine=engine,
        uow=uow,
        clock=clock,
        auth=AuthService(uow, settings["terminal_name"]),
        catalog=catalog,
        calendar=calendar,
        cases=CaseService(uow, catalog, calendar, clock, settings["terminal_no"]),
    )
    if not catalog.items():
        catalog.load_json(resources_dir() / "catalog")
    if not calendar.calendar().schedules:
        for path in sorted((resources_dir() / "calendar").glob("*.json")):
            calendar.load_file(None, path)
    return services
