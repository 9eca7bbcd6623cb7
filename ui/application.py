"""Starting the window: Qt application, translation, style, services, sign-in, main window."""

from __future__ import annotations

import contextlib
import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import Services, bootstrap
from app.domain.messages import MessageError
from app.domain.roles import Actor
from app.logs import configure_logging
from app.paths import Paths, resources_dir
from app.services.demo import DEMO_PASSWORD, DemoAccount, DemoStoreRefused
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow
from ui.garbage import GarbageCollector
from ui.kiosk_session import KioskSession
from ui.labels import role_title
from ui.language import install_translation
from ui.login import LoginDialog
from ui.messages import error_text
from ui.operations import Workers, report_unexpected
from ui.screen_fit import install_screen_fit
from ui.start_check import StartCheck

log = logging.getLogger(__name__)
DEMO_CASES = 300


def apply_style(app: QApplication) -> None:
    style = resources_dir() / "styles" / "counter.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def print_demo_accounts(accounts: list[DemoAccount]) -> None:
    print(f"演示账号（密码均为 {DEMO_PASSWORD}）/ demo accounts (password {DEMO_PASSWORD}):")
    for account in accounts:
        print(f"  {account.username:<14} {role_title(account.role):<6} {account.display_name}")


class Session:
    """Holds the window of whoever is signed in; signing in again replaces it."""

    def __init__(
        self,
        services: Services,
        workers: Workers,
        reader: CardReaderBridge | None = None,
    ) -> None:
        self.services = services
        self.workers = workers
        self.reader = reader
        self.window: CounterWindow | None = None
        #: replaced by a language switch, deleted once no work they asked for is under way
        self._retiring: list[CounterWindow] = []
        for operations in (workers.storage, workers.printer, workers.sync):
            operations.busy_changed.connect(lambda _: self._delete_retired())
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_screen_fit(app)  # every window of the session fits its screen
        self.login = LoginDialog(services, workers.storage)
        self.login.signed_in.connect(self.open_window)
        self.start_check = StartCheck(services, workers.reading, lambda: self.window or self.login)

    def show_login(self) -> None:
        """The sign-in, and the quick check of the store behind it (never holding it up)."""
        self.login.show()
        log.info("login window shown")
        self.start_check.start()

    def open_window(self, actor: Actor) -> None:
        self.window = CounterWindow(self.services, self.workers, actor, self.reader)
        self.window.language_chosen.connect(self.switch_language)
        self.window.show()

    def sign_out(self) -> None:
        """The person signed in leaves (the program closes): written to the audit trail. Run
        after the workers stopped, as the day's backup is."""
        if self.window is not None:
            self.services.session.logout(self.window.actor)

    def switch_language(self, language: str) -> None:
        """Show everything in `language` from now on, without a restart: the translators are
        replaced, and the sign-in dialog and the counter window are built again in the new
        language for the same person, on the same tab and at the same place."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        install_translation(app, language)
        self.login.deleteLater()
        self.login = LoginDialog(self.services, self.workers.storage)
        self.login.signed_in.connect(self.open_window)
        old = self.window
        if old is None:
            return
        tab = old.tabs.currentIndex()
        geometry = old.saveGeometry()
        self.open_window(old.actor)
        assert self.window is not None
        self.window.restoreGeometry(geometry)
        self.window.tabs.setCurrentIndex(tab)
        old.close()
        self._retire(old)
        log.info("language switched to %s", language)

    def _retire(self, window: CounterWindow) -> None:
        """Delete a replaced window once no work it asked for is still under way: the answer
        of a printer query sent before the switch must find its labels alive."""
        self._retiring.append(window)
        self._delete_retired()

    def _delete_retired(self) -> None:
        """The replaced windows go when every worker is idle; no reference to them is kept."""
        workers = (self.workers.storage, self.workers.printer, self.workers.sync)
        if any(o.busy for o in workers):
            return
        for window in self._retiring:
            window.deleteLater()
        self._retiring.clear()


def start_reader(services: Services) -> CardReaderBridge | None:
    """The configured ID-card reader, started; None when this counter has none.

    A reader that cannot be opened is not an error here: the worker keeps trying and the
    status bar says so, while the clerk types the applicant in. A photo decoder that cannot be
    loaded is logged, and cards are read without their photo.
    """
    reader = services.card_reader
    transport = reader.transport()
    if transport is None:
        return None
    bridge = CardReaderBridge(transport, reader.photo_decoder(), reader.demo_cards(transport))
    bridge.start()
    return bridge


def open_services(paths: Paths, demo: bool) -> Services | None:
    """The services on the store at `paths` (the demo's seeded when asked), or None after
    telling why not — a bad settings file, a store the demo must not touch — in a message box
    and in one line on the terminal that started the window."""
    try:
        services = bootstrap(paths)
        if demo:
            try:
                accounts = services.demo.open(DEMO_CASES)
            except DemoStoreRefused:
                services.close()
                raise
            if accounts is not None:
                print_demo_accounts(accounts)
            else:
                print(
                    f"演示数据位于 {paths.data}；演示账号密码均为 {DEMO_PASSWORD}"
                    "（如 scjg01、scjg-chief、jiancha、admin）"
                )
    except MessageError as error:  # what stops the window before it opens, told as such
        log.error("not started: %s", error)
        print(f"错误：{error_text(error)}", file=sys.stderr)
        QMessageBox.critical(None, "一窗受理", error_text(error))
        return None
    return services


def run(demo: bool = False) -> int:
    paths = Paths.from_environment()
    with contextlib.suppress(OSError):  # a folder it may not write: open_services says so
        configure_logging(paths.logs)
    sys.excepthook = report_unexpected
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("OneWindow")
    app.setApplicationDisplayName("一窗受理")
    collector = GarbageCollector(app)  # Qt objects die on the GUI thread, never on a worker
    services = open_services(paths, demo)
    if services is None:
        return 1
    install_translation(app, services.settings["language"])
    apply_style(app)
    workers = Workers()
    reader = start_reader(services)
    session: Session | KioskSession
    if services.settings["terminal_role"] == "kiosk":  # no sign-in: the kiosk's own account
        session = KioskSession(services, workers, reader)
        session.start()
        collector.freeze_start_up()
    else:
        session = Session(services, workers, reader)
        # what the first window loads (the catalog's pinyin index among it) lives as long
        # as the program
        session.login.signed_in.connect(
            collector.freeze_start_up, Qt.ConnectionType.SingleShotConnection
        )
        session.show_login()
    code = app.exec()
    if reader is not None:
        reader.stop()
    workers.stop()
    try:
        session.sign_out()
    except MessageError as error:
        log.warning("the sign-out is not in the audit trail: %s", error)
    try:  # the day's backup of the store, at close
        services.store_care.back_up_daily()
    except MessageError as error:
        log.warning("no backup of the store at close: %s", error)
    services.close()
    collector.deleteLater()
    return code
