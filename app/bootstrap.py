"""The composition root: the one place that builds the adapters — the store, the clock, the
printer opener, the ID-card reader's transport, the link to the central and its listener —
and the services on them. Tests hand in their own adapters; nothing else builds one
(`tests/unit/test_layers.py` checks).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.domain.appointments import Limits
from app.paths import Paths, resources_dir
from app.private_files import private_folder
from app.services.appointments import AppointmentService
from app.services.attendance import AttendanceService
from app.services.audit import AuditTrail
from app.services.audit_search import AuditSearch
from app.services.auth import AuthService
from app.services.calendar import CalendarService
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.center_settings import CenterSettingsLog
from app.services.center_settings import adopt as adopt_center_settings
from app.services.full_record import FullRecords
from app.services.leave import LeaveService
from app.services.portal_import import PortalImport
from app.services.queue import QueueService
from app.services.queue_central import QueueCentral
from app.services.reported_cases import ReportedCases
from app.services.restore import StoreRestore
from app.services.session import SessionService
from app.services.settings import SettingsService
from app.services.staff import StaffService
from app.services.staff_log import Passwords
from app.services.store_care import StoreCare
from app.services.sync import LinkOpener, ListenerOpener, SyncService
from app.services.time_source import Clock, SystemClock
from app.services.windows import WindowService
from app.settings import Settings, place_of
from app.storage.database import open_engine
from app.storage.store_health import check_folder, check_store_file, migrate_or_tell
from app.storage.unit_of_work import UnitOfWorkFactory
from app.sync.central_link import CentralLink
from app.sync.listener import CentralListener

if TYPE_CHECKING:  # built on first use: `sync`, `restore` and `verify` load no device code
    from app.devices.printer.slip_printer import SlipPrinter
    from app.devices.printer.target import PrinterTarget
    from app.services.card_reader import CardReaderService, TransportOpener
    from app.services.demo import DemoService
    from app.services.kiosk import KioskService
    from app.services.printing import PrintService

#: Opens a printer that is not the simulator: the target, and the folder for file output.
PrinterOpener = Callable[["PrinterTarget", Path], "SlipPrinter"]


@dataclass(frozen=True)
class Store:
    """The local store: its engine and the units of work on it."""

    engine: Engine
    uow: UnitOfWorkFactory

    def close(self) -> None:
        self.engine.dispose()


def open_store(database: Path) -> Store:
    """The store in `database`, migrated to this version's schema; StoreError (in words)
    when its folder or file cannot be used."""
    check_folder(database.parent)
    check_store_file(database)
    engine = open_engine(database)
    migrate_or_tell(engine, database)
    return Store(engine, UnitOfWorkFactory(engine))


def card_reader(
    settings: Settings, open_transport: TransportOpener | None = None
) -> CardReaderService:
    """The counter's ID-card reader as its settings name it (the window and `onewindow card`);
    `open_transport` None: the real transports."""
    from app.devices.idcard.backends import transport_from_setting
    from app.devices.idcard.photo import load_photo_decoder
    from app.devices.idcard.simulator import SimulatedTransport
    from app.services.card_reader import CardReaderService

    opener = open_transport or transport_from_setting
    return CardReaderService(settings, opener, load_photo_decoder, SimulatedTransport)


@dataclass
class Services:
    """Everything the window and the command line call, built once per process: services,
    the settings and paths they run with, and the time source; no adapter. The printing, the
    card reader and the demo are built when first used (their libraries are a tenth of a
    second of every start of `onewindow sync`)."""

    paths: Paths
    settings: Settings
    clock: Clock
    auth: AuthService
    staff: StaffService
    audit: AuditTrail
    windows: WindowService
    audit_search: AuditSearch
    session: SessionService
    catalog: CatalogService
    calendar: CalendarService
    cases: CaseService
    sync: SyncService
    #: 上报件 sent up to this center, read from the central
    reported: ReportedCases
    counter_settings: SettingsService
    store_care: StoreCare
    restore: StoreRestore
    full_records: FullRecords
    leave: LeaveService
    attendance: AttendanceService
    #: the hall's queue: tickets, the waiting list, calling
    queue: QueueService
    appointments: AppointmentService
    portal: PortalImport
    #: Releases what the adapters hold (the store's connections), at shutdown.
    release: Callable[[], None]
    make_printing: Callable[[], PrintService]
    make_card_reader: Callable[[], CardReaderService]
    make_demo: Callable[[], DemoService]
    make_kiosk: Callable[[Services], KioskService]

    @cached_property
    def printing(self) -> PrintService:
        return self.make_printing()

    @cached_property
    def card_reader(self) -> CardReaderService:
        return self.make_card_reader()

    @cached_property
    def demo(self) -> DemoService:
        return self.make_demo()

    @cached_property
    def kiosk(self) -> KioskService:
        """The self-service kiosk's work (a kiosk terminal's only service of its own)."""
        return self.make_kiosk(self)

    def close(self) -> None:
        self.sync.close()
        self.queue.close()
        self.release()


def bootstrap(
    paths: Paths | None = None,
    clock: Clock | None = None,
    *,
    store: Store | None = None,
    printer_opener: PrinterOpener | None = None,
    card_transport: TransportOpener | None = None,
    central_link: LinkOpener = CentralLink,
    listener: ListenerOpener = CentralListener,
    login_pause: Callable[[float], None] = time.sleep,
) -> Services:
    """Open (and migrate) the local store, unless one is given, and wire the services on it
    and on the other adapters (each the real one unless a test gives its own: None for the
    printer's and the card reader's).

    A store without a catalog or a calendar gets the shipped ones, so a fresh machine works.
    `login_pause` waits before a wrong password is answered (tests record it instead).
    """
    paths = paths or Paths.from_environment()
    check_folder(paths.data)
    private_folder(paths.data)  # the store, the spool: names and ID numbers (PIPL Art. 51)
    private_folder(paths.config)  # the settings
    # python-escpos caches its printer profiles in a new temporary folder on every start
    # unless told where: keep one cache in the data directory
    escpos_cache = paths.data / "cache" / "escpos"
    escpos_cache.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(escpos_cache))
    settings = Settings.load(paths.settings)
    store = store or open_store(paths.database)
    uow = store.uow
    clock = clock or SystemClock()
    audit = AuditTrail(uow, settings["terminal_name"], clock)
    adopt_center_settings(uow, settings)  # the center's values, where known, over the file's
    catalog = CatalogService(uow, audit)
    calendar = CalendarService(uow, clock, audit)
    cases = CaseService(
        uow,
        catalog,
        calendar,
        clock,
        settings["terminal_no"],
        settings["division_code"],
        settings["terminal_name"],
        place_of(settings),
    )
    passwords = Passwords()
    auth = AuthService(
        uow, settings["terminal_name"], audit, settings, clock, passwords, login_pause
    )
    staff = StaffService(uow, catalog, audit, clock, settings["terminal_name"], passwords)
    counter_settings = SettingsService(
        settings,
        audit,
        CenterSettingsLog(uow, settings, audit, clock, settings["terminal_name"]),
    )
    sync = SyncService(uow, cases, catalog, calendar, settings, clock, central_link, listener)

    def demo() -> DemoService:
        from app.services.demo import DemoService

        return DemoService(
            paths.data, uow, open_store, staff, catalog, calendar, cases, clock, windows
        )

    leave = LeaveService(uow, audit, clock)
    windows = WindowService(uow, catalog, audit, clock, settings["terminal_name"])
    audit_search = AuditSearch(audit, sync)
    services = Services(
        paths=paths,
        settings=settings,
        clock=clock,
        auth=auth,
        staff=staff,
        audit=audit,
        windows=windows,
        audit_search=audit_search,
        session=SessionService(auth, audit),
        catalog=catalog,
        calendar=calendar,
        cases=cases,
        sync=sync,
        reported=ReportedCases(sync.link, calendar, catalog, audit, clock, settings["center_code"]),
        counter_settings=counter_settings,
        store_care=StoreCare(paths, uow, settings, clock),
        restore=StoreRestore(uow, sync, settings["terminal_name"], settings["terminal_no"]),
        full_records=FullRecords(uow, sync),
        leave=leave,
        attendance=AttendanceService(uow, audit_search, leave, calendar, settings, clock),
        queue=QueueService(
            uow, catalog, windows, settings, clock, QueueCentral(uow, settings, central_link)
        ),
        appointments=AppointmentService(
            uow, cases, clock, settings["terminal_name"], lambda: appointment_limits(settings)
        ),
        portal=PortalImport(
            uow, catalog, clock, settings["terminal_name"], lambda: settings["portal_folder"]
        ),
        release=store.close,
        make_printing=lambda: _printing(
            paths, uow, cases, catalog, settings, clock, counter_settings, printer_opener
        ),
        make_card_reader=lambda: card_reader(settings, card_transport),
        make_demo=demo,
        make_kiosk=lambda built: _kiosk(built, uow),
    )
    if catalog.empty():
        catalog.load_json(resources_dir() / "catalog")
    if not calendar.calendar().schedules:
        for path in sorted((resources_dir() / "calendar").glob("*.json")):
            calendar.load_file(None, path)
    return services


def appointment_limits(settings: Settings) -> Limits:
    """How early and how late an appointment is taken, as the settings say now."""
    return Limits(settings["appointment_early_minutes"], settings["appointment_late_minutes"])


def _printing(
    paths: Paths,
    uow: UnitOfWorkFactory,
    cases: CaseService,
    catalog: CatalogService,
    settings: Settings,
    clock: Clock,
    counter_settings: SettingsService,
    printer_opener: PrinterOpener | None,
) -> PrintService:
    """The printing service on the printer the settings name (the simulator's spool, a file,
    a network, serial or USB printer)."""
    from app.devices.printer.backends import open_printer
    from app.devices.printer.simulator import SimulatedPrinter
    from app.devices.printer.target import TargetKind, parse_target
    from app.services.daily_report import DailyReportService
    from app.services.printing import PrintService

    simulated_printer = SimulatedPrinter(paths.data / "spool")
    opener = printer_opener or open_printer

    def printer(setting: str) -> SlipPrinter:
        target = parse_target(setting)
        if target.kind is TargetKind.SIMULATOR:
            return simulated_printer
        return opener(target, simulated_printer.spool_dir)

    daily_report = DailyReportService(uow, settings, clock)
    return PrintService(
        uow,
        cases,
        catalog,
        settings,
        clock,
        printer,
        simulated_printer,
        daily_report,
        counter_settings,
    )


def _kiosk(services: Services, uow: UnitOfWorkFactory) -> KioskService:
    """The kiosk's service on the others (printing and the queue among them)."""
    from app.services.kiosk import KioskService

    return KioskService(
        uow,
        services.auth,
        services.catalog,
        services.cases,
        services.queue,
        services.printing,
        services.clock,
        place_of(services.settings),
    )
