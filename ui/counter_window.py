"""The counter window: intake, "my cases" and, for a chief representative, the cases waiting
for their decision; the status bar, shortcuts and the idle lock."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
)

from app.bootstrap import Services
from app.devices.idcard.records import IdCard
from app.domain.appointments import Appointment
from app.domain.messages import Message
from app.domain.roles import Actor, Permission
from app.services.views import PULLED, CaseDetail, Changes
from ui.appointments_view import AppointmentsView
from ui.attendance_view import attendance_action, reads_sheets
from ui.audit_view import audit_action
from ui.calendar_warning import check_calendar
from ui.calling import with_calling
from ui.card_reader import CardReaderBridge
from ui.case_detail import CaseDetailDialog
from ui.cases_view import CasesView
from ui.chief_desk import ChiefDesk
from ui.idle_lock import LOCK_KEYS, IdleLock
from ui.intake import IntakePanel
from ui.intake_online import open_in_intake
from ui.labels import fill, role_title
from ui.language_switch import LanguageWhenFree
from ui.lock_screen import ScreenLock
from ui.login import LoginDialog
from ui.messages import error_text, render
from ui.operations import Operations, Workers
from ui.printer_desk import PrinterDesk
from ui.quarantine import QuarantineDialog
from ui.reader_status import ReaderStatus
from ui.refused_changes import RefusedChangesDialog
from ui.screen_fit import place_main_window, remember_main_window
from ui.settings_dialog import SettingsDialog
from ui.staff_screen import staff_action
from ui.sync_desk import SyncDesk
from ui.window_admin import open_windows

log = logging.getLogger(__name__)
#: The window's size on a screen with room for it; a smaller screen is filled instead.
PREFERRED_SIZE = QSize(1280, 800)


class CounterWindow(QMainWindow):
    #: The language chosen in the settings (zh_CN or en): the session shows it at once.
    language_chosen = Signal(str)

    def __init__(
        self,
        services: Services,
        workers: Workers,
        actor: Actor,
        reader: CardReaderBridge | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("counter_window")
        self._services = services
        self._operations = operations = workers.storage
        self.printer = PrinterDesk(services, workers.printer, actor, self)
        self.sync = SyncDesk(services, workers.sync, self)
        self.sync.pulled.connect(lambda _: self._changed(PULLED))
        self.actor = actor
        self.setWindowTitle(
            fill(
                self.tr("一窗受理 · %1 · %2"),
                services.settings["center_name"],
                actor.window or role_title(actor.role),
            )
        )
        self.intake = IntakePanel(services, operations, actor)
        self.cases = CasesView(services, workers.reading, actor)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.intake, self.tr("受理 (F2)"))
        self.tabs.addTab(self.cases, self.tr("办件 (F3)"))
        self.desk: ChiefDesk | None = None
        if actor.can(Permission.EXTEND_DEADLINE):  # a chief representative
            self.desk = ChiefDesk(services, operations, workers.reading, workers.printer, actor)
            self.tabs.addTab(self.desk, self.tr("待我决定 (F4)"))
            self.desk.open_case.connect(self.open_case)
            self.desk.decided.connect(self._case_changed)
            self.desk.counted.connect(self._show_waiting)
        self.appointments: AppointmentsView | None = None
        if actor.can(Permission.RECEIVE_CASE):
            self.appointments = AppointmentsView(services, operations, actor)
            self.tabs.addTab(self.appointments, self.tr("今日预约 (F11)"))
            self.appointments.chosen.connect(self.open_appointment)
        else:
            self.tabs.setTabEnabled(0, False)
            self.tabs.setCurrentWidget(self.cases)
        work = QStackedWidget()  # the work, and the lock page over it (ui.lock_screen)
        page, self.calling = with_calling(self, services, operations, actor)
        work.addWidget(page)
        self.setCentralWidget(work)
        self.intake.case_stored.connect(self._case_stored)
        self.cases.open_case.connect(self.open_case)
        self.last_case_no: str | None = None
        self.detail: CaseDetailDialog | None = None
        self.reader = reader
        self._status_bar()
        self._menus(workers.sync)
        if reader is not None:
            self._connect_reader(reader)
        self.idle = IdleLock(services.settings["idle_lock_minutes"], self)
        self.idle.idle.connect(self.lock)
        self.idle.asked.connect(self.lock)  # Ctrl+L in front of a dialog too
        QApplication.instance().installEventFilter(self.idle)  # type: ignore[union-attr]
        self.idle.start()
        self.screen_lock = ScreenLock(self, services, operations, actor)
        self.screen_lock.unlocked.connect(self.idle.start)
        self.sync.directory_changed.connect(self.screen_lock.lock_if_disabled)
        self.sync.directory_changed.connect(  # the center's idle lock, as pulled
            lambda: self.idle.set_minutes(float(services.settings["idle_lock_minutes"]))
        )
        self.refresh()
        self._check_calendar()
        place_main_window(self, services.paths.config, PREFERRED_SIZE)

    def _status_bar(self) -> None:
        self.who = QLabel(
            fill(
                self.tr("%1（%2）· 窗口 %3 · 终端 %4"),
                self.actor.display_name,
                role_title(self.actor.role),
                self.actor.window or "—",
                self.actor.terminal,
            )
        )
        self.busy = QLabel()
        self.language = LanguageWhenFree(QLabel())
        self.language.ready.connect(self.language_chosen)
        self.intake.cleared.connect(self._check_language)
        if self.desk is not None:
            self.desk.decision.reason.textChanged.connect(self._check_language)
        self.statusBar().addWidget(self.who)
        self.statusBar().addWidget(self.language.note)
        self.statusBar().addPermanentWidget(self.busy)
        if self.actor.can(Permission.PRINT):
            self.statusBar().addPermanentWidget(self.printer.state_label)
        self.statusBar().addPermanentWidget(self.sync.progress)
        self.statusBar().addPermanentWidget(self.sync.state_label)
        self.statusBar().addPermanentWidget(self.sync.refused_button)
        self.sync.refused_button.clicked.connect(self.open_refused_changes)
        # bound methods, not lambdas: the connection ends with the window (a language switch
        # builds a new one while the workers live on)
        self._operations.busy_changed.connect(self._show_busy)

    def _menus(self, central_work: Operations) -> None:
        case_menu = self.menuBar().addMenu(self.tr("办件(&C)"))
        for text, keys, slot in (
            (self.tr("受理新件"), "F2", self.show_intake),
            (self.tr("办件列表"), "F3", self.show_cases),
            *([(self.tr("待我决定"), "F4", self.show_desk)] if self.desk is not None else []),
            *([(self.tr("今日预约"), "F11", self.show_appointments)] if self.appointments else []),
            (self.tr("按编号查找办件…"), "Ctrl+G", self.ask_case_number),
            (self.tr("刷新"), "F5", self.refresh),
            (self.tr("锁定屏幕"), LOCK_KEYS, self.lock),
            (self.tr("退出"), "Ctrl+Q", self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            case_menu.addAction(action)

        if self.actor.can(Permission.PRINT):
            self.printer.add_menu(self.menuBar(), self.print_current)

        sync_menu = self.menuBar().addMenu(self.tr("同步(&S)"))
        sync_now = QAction(self.tr("立即同步"), self)
        sync_now.setShortcut(QKeySequence("F9"))
        sync_now.triggered.connect(self.sync.sync_now)
        sync_menu.addAction(sync_now)
        if self.actor.can(Permission.VIEW_ALL_CASES):
            held = QAction(self.tr("同步隔离区…"), self)
            held.setObjectName("open_quarantine")
            held.triggered.connect(self.open_quarantine)
            sync_menu.addAction(held)

        settings_menu = self.menuBar().addMenu(self.tr("设置(&T)"))
        counter_settings = QAction(self.tr("本机设置…"), self)
        counter_settings.setObjectName("open_settings")
        counter_settings.triggered.connect(self.open_settings)
        settings_menu.addAction(counter_settings)

        attendance = attendance_action(
            self, self._services, central_work, self._operations, self.actor
        )
        if not reads_sheets(self.actor):  # administrators, supervisors and chiefs
            case_menu.insertAction(case_menu.actions()[-1], attendance)  # 请假 before 退出
            return
        admin = self.menuBar().addMenu(self.tr("管理(&A)"))
        if self.actor.can(Permission.MANAGE_CATALOG):
            for text, slot in (
                (self.tr("导入事项清单（Excel）…"), self.import_catalog),
                (self.tr("导出事项清单（Excel）…"), self.export_catalog),
                (self.tr("加载节假日安排…"), self.load_calendar),
                (self.tr("窗口…"), self.open_windows),
            ):
                action = QAction(text, self)
                action.setObjectName(slot.__name__)
                action.triggered.connect(slot)
                admin.addAction(action)
        if self.actor.can(Permission.MANAGE_STAFF):
            admin.addAction(
                staff_action(self, self._services, self._operations, self.actor, self.sync.sync_now)
            )
        if self.actor.can(Permission.VIEW_ALL_CASES):
            admin.addAction(audit_action(self, self._services, central_work, self.actor))
        admin.addAction(attendance)

    def open_windows(self) -> None:
        open_windows(self._services, self._operations, self.actor, self, self.sync.sync_now)

    def import_catalog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入事项清单"), "", "Excel (*.xlsx)")
        if path:
            actor = self.actor
            self._run_admin(
                lambda: self._services.catalog.import_sheet(actor, Path(path)),
                self.tr("已导入 %1 个事项"),
            )

    def export_catalog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出事项清单"), "事项清单.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self._run_admin(
                lambda: self._services.catalog.export_sheet(Path(path)),
                self.tr("已导出 %1 个事项"),
            )

    def load_calendar(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("加载节假日安排"), "", self.tr("节假日安排 (*.json)")
        )
        if path:
            actor = self.actor
            self._run_admin(
                lambda: self._services.calendar.load_file(actor, Path(path)).year,
                self.tr("已加载 %1 年节假日安排"),
            )

    def _run_admin(self, call: Callable[[], object], done: str) -> None:
        """Administrator tasks report in a message box: an import refused lists every bad row."""

        def report(result: object) -> None:
            QMessageBox.information(self, self.windowTitle(), fill(done, result))

        def refuse(error: Exception) -> None:
            QMessageBox.warning(self, self.windowTitle(), error_text(error))

        self._operations.run(call, report, refuse)
        self._check_calendar()

    def _connect_reader(self, reader: CardReaderBridge) -> None:
        """Card events fill the intake panel; the status bar says whether the reader works."""
        self.reader_state = ReaderStatus(reader)
        self.statusBar().addPermanentWidget(self.reader_state)
        reader.card_read.connect(self._card_read)
        reader.card_failed.connect(self._card_failed)
        if reader.demo_cards is not None:
            self.reader_state.add_demo_menu(self.menuBar(), reader.demo_cards)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("正在保存……") if busy else "")

    def _card_failed(self, message: Message) -> None:
        self.intake.show_message(render(message), error=True)

    def _card_read(self, card: IdCard, photo: bytes | None) -> None:
        if self.screen_lock.locked:  # the intake behind the lock stays as it was typed
            log.info("card read while the screen is locked: not used")
            return
        if self.tabs.isTabEnabled(0):
            self.tabs.setCurrentWidget(self.intake)
            self.intake.fill_from_card(card, self._services.clock.now().date(), photo)

    def refresh(self) -> None:
        """Read the lists again: the cases, the appointments, and the chief's queue."""
        self.cases.refresh()
        if self.appointments is not None:
            self.appointments.refresh()
        if self.desk is not None:
            self.desk.refresh()

    def _changed(self, changes: Changes) -> None:
        """Read again only the lists that show what changed."""
        if changes.case_lists:
            self.cases.refresh()
        if changes.decision_queue and self.desk is not None:
            self.desk.refresh()

    def _case_changed(self, changes: Changes) -> None:
        """A case was acted on here: the lists that show it read it, the central hears of it."""
        self._changed(changes)
        self.sync.sync_now()

    def _show_waiting(self, count: int) -> None:
        if self.desk is not None:
            title = fill(self.tr("待我决定 %1 (F4)"), count) if count else self.tr("待我决定 (F4)")
            self.tabs.setTabText(self.tabs.indexOf(self.desk), title)

    def _case_stored(self, detail: CaseDetail) -> None:
        self.last_case_no = detail.case.case_no
        if self.appointments is not None:  # an appointment taken up shows so
            self.appointments.refresh()
        self.sync.sync_now()
        self._changed(detail.changes())
        if self._services.settings["print_after_intake"] and self.actor.can(Permission.PRINT):
            self.printer.print_default_slip(detail)

    def print_current(self) -> None:
        """Slips and notices of the case in view: the list's current row, else the case just
        registered at the intake."""
        if self.tabs.currentWidget() is self.cases:
            case_no = self.cases.current_case_no()
        elif self.desk is not None and self.tabs.currentWidget() is self.desk:
            case_no = self.desk.current.case.case_no if self.desk.current else None
        else:
            case_no = self.last_case_no
        if case_no is None:
            self.statusBar().showMessage(self.tr("请先在办件列表中选择一个办件。"), 8000)
            return
        self.printer.open_slips(case_no)

    def show_intake(self) -> None:
        if self.tabs.isTabEnabled(0):
            self.tabs.setCurrentWidget(self.intake)
            self.intake.focus_search()

    def show_appointments(self) -> None:
        if self.appointments is not None:
            self.tabs.setCurrentWidget(self.appointments)
            self.appointments.table.setFocus()

    def open_appointment(self, appointment: Appointment) -> None:
        """An appointment or pre-application into the intake; never over work typed there."""
        if self.intake.holds_work():
            self.statusBar().showMessage(
                self.tr("受理页上还有未登记的内容：请先受理或清空 (Ctrl+N)，再打开预约。"), 8000
            )
            return
        item = self._services.catalog.item(appointment.entry.item_code)
        self.tabs.setCurrentWidget(self.intake)
        open_in_intake(self.intake, appointment, item)

    def show_cases(self) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.table.setFocus()

    def show_desk(self) -> None:
        if self.desk is not None:
            self.tabs.setCurrentWidget(self.desk)
            self.desk.table.setFocus()

    def ask_case_number(self) -> None:
        number, ok = QInputDialog.getText(self, self.tr("查找办件"), self.tr("办件编号"))
        if ok and number.strip():
            self.open_case(number.strip())

    def open_case(self, case_no: str) -> None:
        actor = self.actor
        self._operations.run(
            lambda: self._services.cases.detail(actor, case_no),
            self._show_detail,
            lambda error: self.statusBar().showMessage(error_text(error), 8000),
        )

    def _show_detail(self, detail: CaseDetail) -> None:
        if self.detail is not None:
            self.detail.close()
        self.detail = CaseDetailDialog(self._services, self._operations, self.actor, detail, self)
        self.detail.changed.connect(self._case_changed)
        self.detail.print_requested.connect(self.printer.open_slips)
        self.detail.finished.connect(self._check_language)
        self.detail.open()

    def open_settings(self) -> None:
        self.settings_dialog = SettingsDialog(self._services, self._operations, self.actor, self)
        self.settings_dialog.use_reader(self.reader)
        self.settings_dialog.saved.connect(self._settings_saved)
        self.settings_dialog.open()

    def _settings_saved(self, values: dict[str, object]) -> None:
        if "idle_lock_minutes" in values:
            self.idle.set_minutes(float(str(values["idle_lock_minutes"])))
        self.statusBar().showMessage(self.tr("本机设置已保存。"), 8000)
        if "language" in values:
            self.language.choose(str(values["language"]), self._typed_work())

    def _check_language(self) -> None:
        self.language.check(self._typed_work())

    def _typed_work(self) -> bool:
        """Whether a rebuilt window would lose something typed (see ui.language_switch)."""
        detail = self.detail
        return (
            self.intake.holds_work()
            or (detail is not None and detail.isVisible() and bool(detail.reason.text().strip()))
            or (self.desk is not None and bool(self.desk.decision.reason.toPlainText().strip()))
        )

    def open_quarantine(self) -> None:
        self.quarantine = QuarantineDialog(self._services, self._operations, self.actor, self)
        self.quarantine.open()

    def open_refused_changes(self) -> None:
        """The changes made here that the central did not take, with what was typed."""
        self.refused = RefusedChangesDialog(self._services, self._operations, self.actor, self)
        self.refused.open()

    @property
    def lock_dialog(self) -> LoginDialog | None:
        """The password prompt while the screen is locked."""
        return self.screen_lock.dialog

    def lock(self) -> None:
        """Hide everything until the signed-in person types their password again."""
        self.idle.stop()  # started again once it is open
        self.screen_lock.lock()

    def _check_calendar(self) -> None:
        check_calendar(self, self._services, self._operations, self.actor)

    def closeEvent(self, event: object) -> None:  # noqa: N802
        remember_main_window(self, self._services.paths.config)
        self.sync.stop()
        QApplication.instance().removeEventFilter(self.idle)  # type: ignore[union-attr]
        super().closeEvent(event)  # type: ignore[arg-type]
