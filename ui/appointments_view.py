"""Today's appointments and the online pre-applications waiting (今日预约与网上申报), at the
counter: the portal's folder is taken in first (and again whenever a file lands in it), the
list shows each with its slot, the portal's number, the applicant with the ID number masked,
the item and what became of it; Enter opens an open one into the intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.appointments import STATUS_MESSAGES, Appointment
from app.domain.messages import Message, MessageError
from app.domain.portal_export import EntryKind
from app.domain.roles import Actor
from app.services.errors import NotFound
from app.services.portal_import import ImportReport
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations


@dataclass(frozen=True)
class Gathered:
    """What one refresh found: the files taken in (or the folder's problem), the list, and
    the name of each item listed."""

    reports: list[ImportReport]
    problem: Message | None
    appointments: list[Appointment]
    item_names: dict[str, str]


class AppointmentsView(QWidget):
    """Emits `chosen` with an open Appointment (Enter, double-click or the button)."""

    chosen = Signal(object)

    def __init__(self, services: Services, operations: Operations, actor: Actor) -> None:
        super().__init__()
        self._services = services
        self._operations = operations
        self._actor = actor
        self.appointments: list[Appointment] = []
        self.headers = [
            self.tr("时段"),
            self.tr("类别"),
            self.tr("网上编号"),
            self.tr("申请人"),
            self.tr("证件号码"),
            self.tr("事项"),
            self.tr("状态"),
        ]
        self.table = QTableWidget(0, len(self.headers))
        self.table.setObjectName("appointments")
        self.table.setHorizontalHeaderLabels(self.headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.cellActivated.connect(lambda row, _: self.open_row(row))
        self.note = QLabel()
        self.note.setObjectName("appointments_note")
        self.note.setWordWrap(True)
        self.count = QLabel()
        self.open_button = QPushButton(self.tr("打开到受理 (Enter)"))
        self.open_button.setObjectName("open_appointment")
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentRow()))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.count)
        bar.addStretch()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        QShortcut(
            QKeySequence("Return"), self.table, lambda: self.open_row(self.table.currentRow())
        )
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self.refresh())
        self._watch()

    def _watch(self) -> None:
        folder = str(self._services.settings["portal_folder"]).strip()
        if folder and Path(folder).is_dir() and folder not in self.watcher.directories():
            self.watcher.addPath(folder)

    def refresh(self) -> None:
        """Take the folder's new files in, then read the list again."""
        self._watch()
        services, actor = self._services, self._actor

        def gather() -> Gathered:
            problem = None
            try:
                reports = services.portal.import_folder(actor)
            except MessageError as error:  # the folder is missing: said, the list still shown
                reports, problem = [], error.message
            found = services.appointments.today(actor)
            names = {}
            for code in {a.entry.item_code for a in found}:
                try:
                    names[code] = services.catalog.item(code).name
                except NotFound:
                    names[code] = code
            return Gathered(reports, problem, found, names)

        self._operations.run(gather, self._show, self._failed)

    def _show(self, gathered: Gathered) -> None:
        self.appointments = gathered.appointments
        self.table.setRowCount(len(self.appointments))
        for row, appointment in enumerate(self.appointments):
            for column, text in enumerate(self._cells(appointment, gathered.item_names)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if not appointment.is_open:
                    cell.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        waiting = sum(a.is_open for a in self.appointments)
        self.count.setText(
            fill(self.tr("今日预约与网上申报 %1 条，待办理 %2 条"), len(self.appointments), waiting)
        )
        said = [render(report.words) for report in gathered.reports]
        refused = any(report.refusal is not None for report in gathered.reports)
        if gathered.problem is not None:
            said.append(render(gathered.problem))
        show_message(self.note, " ".join(said), refused or gathered.problem is not None)
        if self.appointments and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _cells(self, appointment: Appointment, names: dict[str, str]) -> list[str]:
        entry = appointment.entry
        slot = entry.slot
        if entry.kind is EntryKind.APPOINTMENT:
            kind = self.tr("预约")
        elif entry.form is not None:
            kind = self.tr("网上申报（一表制）")
        else:
            kind = self.tr("网上申报")
        status = render(STATUS_MESSAGES[appointment.status])
        if appointment.case_no:
            status = f"{status} {appointment.case_no}"
        who = entry.applicant or entry.person
        return [
            f"{slot.start:%H:%M}–{slot.end:%H:%M}" if slot else self.tr("未预约时段"),
            kind,
            entry.reference,
            who.display_name if who else "",
            entry.person.masked_id if entry.person else "",
            names.get(entry.item_code, entry.item_code),
            status,
        ]

    def _failed(self, error: Exception) -> None:
        show_message(self.note, error_text(error), True)

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.appointments):
            return
        appointment = self.appointments[row]
        if not appointment.is_open:
            show_message(
                self.note,
                fill(
                    self.tr("%1 %2，不能再次受理。"),
                    appointment.reference,
                    render(STATUS_MESSAGES[appointment.status]),
                ),
                True,
            )
            return
        self.chosen.emit(appointment)
