"""The reprint queue (补打队列): slips that did not come out, and why, each printed again on
request once the printer is back. A slip leaves the queue only when it has printed."""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.print_jobs import PrintJob
from app.domain.roles import Actor
from app.services.print_results import PrintOutcome
from app.services.printing import job_title
from ui.labels import fill
from ui.messages import render
from ui.operations import Operations
from ui.printer_dialog import PrinterDialog


class PrintQueueDialog(PrinterDialog):
    """Emits `printed` with the PrintOutcome of each reprint."""

    printed = Signal(object)

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, printer_operations, actor, "print_queue", parent)
        self.setWindowTitle(self.tr("补打队列"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("waiting_jobs")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("办件编号"),
                self.tr("凭条"),
                self.tr("放入时间"),
                self.tr("次数"),
                self.tr("未打印的原因"),
            ]
        )
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.reprint_button = QPushButton(self.tr("补打选中的凭条 (Enter)"))
        self.reprint_button.setObjectName("reprint")
        self.refresh_button = QPushButton(self.tr("刷新 (F5)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addStretch()
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.reprint_button.clicked.connect(self.reprint)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.activated.connect(lambda _: self.reprint())
        QShortcut(QKeySequence("Return"), self.table, self.reprint)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.resize(860, 420)
        self.refresh()

    def refresh(self) -> None:
        actor = self._actor
        self._work.run(lambda: self._services.printing.waiting_jobs(actor), self._show, self._fail)

    def _show(self, jobs: list[PrintJob]) -> None:
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            cells = (
                job.case_no,
                render(job_title(job.kind)),
                job.queued_at.strftime("%m-%d %H:%M"),
                str(job.attempts),
                render(job.reason),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, job.id)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        if jobs:
            self.table.selectRow(0)
            self.table.setFocus()
        self.reprint_button.setEnabled(bool(jobs))
        if not jobs and not self.message.text():  # an outcome just said stays said
            self._say(self.tr("补打队列是空的：所有凭条都已打印。"), error=False)

    def reprint(self) -> None:
        cell = self.table.item(self.table.currentRow(), 0)
        if cell is None:
            return
        job_id: UUID = cell.data(Qt.ItemDataRole.UserRole)
        actor = self._actor
        self.reprint_button.setEnabled(False)
        self._say(fill(self.tr("正在补打 %1 的凭条……"), cell.text()), error=False)
        self._work.run(
            lambda: self._services.printing.reprint(actor, job_id), self._reprinted, self._fail
        )

    def _reprinted(self, outcome: PrintOutcome) -> None:
        self._say(render(outcome.message), error=not outcome.printed)
        self.printed.emit(outcome)
        self.refresh()

    def _fail(self, error: Exception) -> None:
        self.reprint_button.setEnabled(self.table.rowCount() > 0)
        super()._fail(error)
