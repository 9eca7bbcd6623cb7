"""Starting the window: Qt application, translation, style, services, sign-in, main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from app.bootstrap import Services, bootstrap
from app.devices.idcard.backends import transport_from_setting
from app.devices.idcard.errors import PhotoDecoderError
from app.devices.idcard.photo import NoPhotoDecoder, load_photo_decoder
from app.domain.roles import Actor
from app.logs import configure_logging
from app.paths import Paths, resources_dir
from app.services.demo import DEMO_PASSWORD, DemoAccount, DemoStoreRefused, open_demo_store
from app.services.errors import CLERK_ERRORS
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow
from ui.labels import role_title
from ui.login import LoginDialog
from ui.operations import Workers

log = logging.getLogger(__name__)
DEMO_CASES = 300
#: What stops the window before it opens, told to the person at the counter.
START_ERRORS: tuple[type[Exception], ...] = (*CLERK_ERRORS, DemoStoreRefused)


def install_translation(app: QApplication, language: str) -> None:
    """Chinese is the source language; any other loads its translation file if shipped."""
    if language.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        return
    translator = QTranslator(app)
    if translator.load(str(resources_dir() / "translations" / f"onewindow_{language}.qm")):
        app.installTranslator(translator)
    else:
        log.warning("no translation for %s; showing Chinese", language)


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
        self.login = LoginDialog(services, workers.storage)
        self.login.signed_in.connect(self.open_window)

    def show_login(self) -> None:
        self.login.show()
        log.info("login window shown")

    def open_window(self, actor: Actor) -> None:
        self.window = CounterWindow(self.services, self.workers, actor, self.reader)
        self.window.show()


def start_reader(setting: str, photo_decoder: str) -> CardReaderBridge | None:
    """The configured ID-card reader, started; None when this counter has none.

    A reader that cannot be opened is not an error here: the worker keeps trying and the
    status bar says so, while the clerk types the applicant in. A photo decoder that cannot be
    loaded is logged, and cards are read without their photo.
    """
    transport = transport_from_setting(setting)
    if transport is None:
        return None
    try:
        decoder = load_photo_decoder(photo_decoder)
    except PhotoDecoderError as error:
        log.warning("%s", error)
        decoder = NoPhotoDecoder()
    reader = CardReaderBridge(transport, decoder)
    reader.start()
    return reader


def open_services(paths: Paths, demo: bool) -> Services | None:
    """The services on the store at `paths` (the demo's seeded when asked), or None after
    telling why not — a bad settings file, a store the demo must not touch — in a message box
    and in one line on the terminal that started the window."""
    try:
        services = bootstrap(paths)
        if demo:
            try:
                accounts = open_demo_store(services, DEMO_CASES)
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
    except START_ERRORS as error:
        log.error("not started: %s", error)
        print(f"错误：{error}", file=sys.stderr)
        QMessageBox.critical(None, "一窗受理", str(error))
        return None
    return services


def run(demo: bool = False) -> int:
    paths = Paths.from_environment()
    configure_logging(paths.logs)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("OneWindow")
    app.setApplicationDisplayName("一窗受理")
    services = open_services(paths, demo)
    if services is None:
        return 1
    install_translation(app, services.settings["language"])
    apply_style(app)
    workers = Workers()
    reader = start_reader(services.settings["card_reader"], services.settings["photo_decoder"])
    session = Session(services, workers, reader)
    session.show_login()
    code = app.exec()
    if reader is not None:
        reader.stop()
    workers.stop()
    services.close()
    return code
