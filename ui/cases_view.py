""" "My cases" (我的办件): the newest cases with their state and a coloured deadline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.case import CaseStatus
from app.domain.roles import Actor
from app.services.views import CaseListEntry
from ui.labels import CLOCK_COLOURS, clock_title, due_title, status_title
from ui.messages import error_text
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex


#: Every column a case list can show, by key, with its header.
COLUMNS = {
    "case_no": QT_TRANSLATE_NOOP("CaseTableModel", "办件编号"),
    "item": QT_TRANSLATE_NOOP("CaseTableModel", "事项"),
    "applicant": QT_TRANSLATE_NOOP("CaseTableModel", "申请人"),
    "masked_id": QT_TRANSLATE_NOOP("CaseTableModel", "证件号码"),
    "status": QT_TRANSLATE_NOOP("CaseTableModel", "状态"),
    "received": QT_TRANSLATE_NOOP("CaseTableModel", "接件时间"),
    "due": QT_TRANSLATE_NOOP("CaseTableModel", "应办结日期"),
    "clock": QT_TRANSLATE_NOOP("CaseTableModel", "时限"),
}


def _cell(key: str, entry: CaseListEntry) -> str:
    s, d = entry.summary, entry.deadline
    match key:
        case "case_no":
            return s.case_no
        case "item":
            return s.item_name
        case "applicant":
            return s.applicant_name
        case "masked_id":
            return s.applicant_masked_id
        case "status":
            return status_title(s.status)
        case "received":
            return s.received_at.strftime("%Y-%m-%d %H:%M")
        case "due":
            return due_title(d)
        case _:
            return clock_title(d)


#: Rows measured to fit a list's columns (Qt's default, 1,000, had the model render every
#: cell of every row on the GUI thread at each refresh: ~100 ms for 100 rows).
ROWS_MEASURED = 20


def fit_columns(table: QTableView, stretch: int = 1) -> None:
    """Size the columns to what the first rows hold; `stretch` takes the rest."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(ROWS_MEASURED)
    table.resizeColumnsToContents()
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def case_table(name: str, model: CaseTableModel) -> QTableView:
    """A table of cases to read, not edit: a whole row is chosen, one at a time."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    return table


class CaseTableModel(QAbstractTableModel):
    """Rows of CaseListEntry; the deadline column is coloured by the clock's level."""

    def __init__(self, columns: Sequence[str] = tuple(COLUMNS)) -> None:
        super().__init__()
        self.entries: list[CaseListEntry] = []
        self.columns = tuple(columns)
        self._headers = [self.tr(COLUMNS[key]) for key in self.columns]

    def set_entries(self, entries: list[CaseListEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entries[index.row()]
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(key, entry)
        if role == Qt.ItemDataRole.ForegroundRole and key == "clock":
            return CLOCK_COLOURS[entry.deadline.level]
        if role == Qt.ItemDataRole.UserRole:
            return entry.summary.case_no
        return None


class CasesView(QWidget):
    """The list with its filters; emits `open_case` with a case number (Enter or double-click)."""

    open_case = Signal(str)

    def __init__(self, services: Services, operations: Operations, actor: Actor) -> None:
        super().__init__()
        self._services = services
        self._operations = operations
        self._actor = actor
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        self.status_filter.addItem(self.tr("全部状态"), None)
        for status in CaseStatus:
            self.status_filter.addItem(status_title(status), status)
        self.mine = QCheckBox(self.tr("只看我接件的(&M)"))
        self.mine.setObjectName("mine")
        self.count = QLabel()
        self.model = CaseTableModel()
        self.table = case_table("cases", self.model)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("状态")))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.mine)
        filters.addStretch()
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.mine.toggled.connect(self.refresh)
        QShortcut(QKeySequence("Return"), self.table, self._open_current)

    def refresh(self) -> None:
        status = self.status_filter.currentData()
        statuses = [status] if status is not None else None
        actor, mine = self._actor, self.mine.isChecked()
        self._operations.run(
            lambda: self._services.cases.list_cases(actor, mine=mine, statuses=statuses),
            self._show,
            lambda error: self.count.setText(error_text(error)),
        )

    def _show(self, entries: list[CaseListEntry]) -> None:
        self.model.set_entries(entries)
        fit_columns(self.table)
        self.count.setText(self.tr("共 %n 件", "", len(entries)))
        if entries and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.data(index, Qt.ItemDataRole.UserRole))

    def current_case_no(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)
