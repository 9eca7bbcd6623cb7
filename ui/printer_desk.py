"""The counter's printer as the window knows it: the slip printed after each intake, the state
in the status bar, the 打印 menu (slips of a case, the reprint queue, the daily report, the
printer settings) and, with the simulated printer, a menu that plays a printer in trouble.

All printer work goes through the printer's own worker, so a slow or silent printer never
holds up the counter; what became of each slip is said in the status bar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMenuBar

from app.bootstrap import Services
from app.devices.printer.status import SimulatedState, StatusState
from app.domain.roles import Actor, Permission
from app.services.print_results import PrinterState, PrintOutcome
from app.services.views import CaseDetail
from ui.daily_report import DailyReportDialog
from ui.feedback import restyle
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations
from ui.print_queue import PrintQueueDialog
from ui.printer_settings import PrinterSettingsDialog
from ui.slip_preview import SlipPreviewDialog
from ui.tr_marks import QT_TRANSLATE_NOOP

#: How often the status bar asks the printer how it is.
STATE_INTERVAL_MS = 60_000

SIMULATED_STATES = {
    SimulatedState.READY: QT_TRANSLATE_NOOP("PrinterDesk", "正常"),
    SimulatedState.PAPER_NEAR_END: QT_TRANSLATE_NOOP("PrinterDesk", "纸将用尽"),
    SimulatedState.PAPER_OUT: QT_TRANSLATE_NOOP("PrinterDesk", "缺纸"),
    SimulatedState.COVER_OPEN: QT_TRANSLATE_NOOP("PrinterDesk", "盖未关好"),
    SimulatedState.UNREACHABLE: QT_TRANSLATE_NOOP("PrinterDesk", "未开机（连不上）"),
}


class PrinterDesk(QObject):
    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self._services = services
        self._work = printer_operations
        self._actor = actor
        self._window = window
        self.state_label = QLabel(self.tr("打印机：查询中……"))
        self.state_label.setObjectName("printer_state")
        self.slips: SlipPreviewDialog | None = None
        self.queue: PrintQueueDialog | None = None
        self.settings: PrinterSettingsDialog | None = None
        self.daily_report: DailyReportDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(STATE_INTERVAL_MS)
        self._timer.timeout.connect(self.refresh_state)
        self._timer.start()
        self.refresh_state()

    def add_menu(self, menu_bar: QMenuBar, print_current: Callable[[], None]) -> None:
        menu = menu_bar.addMenu(self.tr("打印(&P)"))
        for text, keys, slot in (
            (self.tr("凭条与通知书…"), "Ctrl+P", print_current),
            (self.tr("补打队列…"), "Ctrl+Shift+P", self.open_queue),
            *(
                [(self.tr("打印日结单…"), "", self.open_daily_report)]
                if self._actor.can(Permission.DAILY_REPORT)
                else []
            ),
            (self.tr("打印机设置…"), "", self.open_settings),
        ):
            action = QAction(text, self)
            action.setObjectName(slot.__name__)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
        if self._services.settings["printer"] == "simulator":
            self._add_simulator_menu(menu)

    def _add_simulator_menu(self, menu: QMenu) -> None:
        """Lets the demo (and the tests) show what the counter does with a printer in trouble."""
        states = menu.addMenu(self.tr("模拟打印机"))
        group = QActionGroup(self)
        for state, title in SIMULATED_STATES.items():
            action = QAction(self.tr(title), self)
            action.setCheckable(True)
            action.setChecked(self._services.printing.simulated_state is state)
            action.setObjectName(f"simulate_{state.value}")
            action.triggered.connect(lambda _=False, s=state: self.simulate(s))
            group.addAction(action)
            states.addAction(action)

    def simulate(self, state: SimulatedState) -> None:
        self._services.printing.simulate(state)
        self.refresh_state()

    # ---- printing ----------------------------------------------------------------------

    def print_default_slip(self, case: str | CaseDetail) -> None:
        """The slip the applicant leaves with, right after the case was stored (as the
        command that stored it returned it: nothing is read again)."""
        actor = self._actor
        self._work.run(
            lambda: self._services.printing.print_slip(actor, case),
            self.report,
            self._failed,
        )

    def report(self, outcome: PrintOutcome) -> None:
        """Say what became of a slip; a slip that went to the reprint queue stays said."""
        status_bar = self._window.statusBar()
        if outcome.printed:
            status_bar.showMessage(render(outcome.message), 10_000)
        else:
            status_bar.showMessage(render(outcome.message))
        self.refresh_state()

    def _failed(self, error: Exception) -> None:
        self._window.statusBar().showMessage(error_text(error))
        self.refresh_state()

    def refresh_state(self) -> None:
        actor = self._actor
        self._work.run(
            lambda: self._services.printing.printer_state(actor),
            self._show_state,
            lambda error: self.state_label.setText(fill(self.tr("打印机：%1"), error_text(error))),
        )

    def _show_state(self, state: PrinterState) -> None:
        text = render(state.report.message)
        if state.waiting:
            text += fill(self.tr(" · 待补打 %1 张"), state.waiting)
        self.state_label.setText(text)
        trouble = state.report.state in (StatusState.NOT_READY, StatusState.NO_ANSWER)
        restyle(self.state_label, "error", trouble or bool(state.waiting))

    # ---- dialogs -----------------------------------------------------------------------

    def open_slips(self, case_no: str) -> None:
        if self.slips is not None:
            self.slips.close()
        self.slips = SlipPreviewDialog(
            self._services, self._work, self._actor, case_no, self._window
        )
        self.slips.printed.connect(self.report)
        self.slips.open()

    def open_queue(self) -> None:
        self.queue = PrintQueueDialog(self._services, self._work, self._actor, self._window)
        self.queue.printed.connect(self.report)
        self.queue.finished.connect(lambda _: self.refresh_state())
        self.queue.open()

    def open_daily_report(self) -> None:
        self.daily_report = DailyReportDialog(self._services, self._work, self._actor, self._window)
        self.daily_report.printed.connect(self.report)
        self.daily_report.open()

    def open_settings(self) -> None:
        self.settings = PrinterSettingsDialog(self._services, self._work, self._actor, self._window)
        self.settings.saved.connect(self.refresh_state)
        self.settings.open()
