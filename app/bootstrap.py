"""The composition root: the one place that builds storage, clock and services."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.devices.printer.backends import open_printer
from app.devices.printer.simulator import SimulatedPrinter
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.target import TargetKind, parse_target
from app.paths import Paths, resources_dir
from app.services.auth import AuthService
from app.services.calendar import CalendarService
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.printing import PrintService
from app.services.restore import StoreRestore
from app.services.settings import SettingsService
from app.services.sync import SyncService
from app.services.time_source import Clock, SystemClock
from app.settings import Settings
from app.storage.backups import backed_up_on, make_backup
from app.storage.store_health import check_folder, open_store
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
    printing: PrintService
    sync: SyncService
    counter_settings: SettingsService
    #: The printer of the `simulator` setting: one per process, so the demo menu can play a
    #: printer in trouble and the tests can read what it printed.
    simulated_printer: SimulatedPrinter

    restore: StoreRestore

    def close(self) -> None:
        self.sync.close()
        self.engine.dispose()

    def backup_folder(self) -> Path:
        """Where the store's backups go: the `backup_folder` setting, else under the data."""
        folder = self.settings["backup_folder"]
        return Path(folder).expanduser() if folder else self.paths.data / "backups"

    def back_up(self) -> Path:
        """A backup of the store now (rotated: the newest `backup_keep` are kept)."""
        folder = self.backup_folder()
        return make_backup(
            self.paths.database, folder, self.settings["backup_keep"], self.clock.now()
        )

    def back_up_daily(self) -> Path | None:
        """A backup unless one was made today already (the window makes it at close)."""
        if backed_up_on(self.backup_folder(), f"{self.clock.now():%Y%m%d}"):
            return None
        return self.back_up()


def bootstrap(paths: Paths | None = None, clock: Clock | None = None) -> Services:
    """Open (and migrate) the local store and wire the services on it.

    A store without a catalog or a calendar gets the shipped ones, so a fresh machine works.
    """
    paths = paths or Paths.from_environment()
    check_folder(paths.data)
    # python-escpos caches its printer profiles in a new temporary folder on every start
    # unless told where: keep one cache in the data directory
    escpos_cache = paths.data / "cache" / "escpos"
    escpos_cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(escpos_cache))
    settings = Settings.load(paths.settings)
    engine = open_store(paths.database)
    uow = UnitOfWorkFactory(engine)
    clock = clock or SystemClock()
    catalog = CatalogService(uow)
    calendar = CalendarService(uow, clock)
    cases = CaseService(
        uow, catalog, calendar, clock, settings["terminal_no"], settings["division_code"]
    )

    simulated_printer = SimulatedPrinter(paths.data / "spool")

    def printer(setting: str) -> SlipPrinter:
        target = parse_target(setting)
        if target.kind is TargetKind.SIMULATOR:
            return simulated_printer
        return open_printer(target, simulated_printer.spool_dir)

    sync = SyncService(uow, cases, catalog, calendar, settings, clock)
    services = Services(
        paths=paths,
        settings=settings,
        engine=engine,
        uow=uow,
        clock=clock,
        auth=AuthService(uow, settings["terminal_name"]),
        catalog=catalog,
        calendar=calendar,
        cases=cases,
        printing=PrintService(uow, cases, catalog, settings, clock, printer),
        sync=sync,
        counter_settings=SettingsService(settings),
        simulated_printer=simulated_printer,
        restore=StoreRestore(uow, sync, settings["terminal_name"], settings["terminal_no"]),
    )
    if not catalog.items():
        catalog.load_json(resources_dir() / "catalog")
    if not calendar.calendar().schedules:
        for path in sorted((resources_dir() / "calendar").glob("*.json")):
            calendar.load_file(None, path)
    return services
