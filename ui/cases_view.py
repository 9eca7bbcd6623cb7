""" "My cases" (我的办件): the newest cases with their state and a coloured deadline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
from ui.labels import CLOCK_COLOURS, clock_title, status_title
from ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Rows of CaseListEntry; the deadline column is coloured by the clock's level."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[CaseListEntry] = []
        self._headers = [
            self.tr("办件编号"),
            self.tr("事项"),
            self.tr("申请人"),
            self.tr("证件号码"),
            self.tr("状态"),
            self.tr("接件时间"),
            self.tr("应办结日期"),
            self.tr("时限"),
        ]

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
        s, d = entry.summary, entry.deadline
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                s.case_no,
                s.item_name,
                s.applicant_name,
                s.applicant_masked_id,
                status_title(s.status),
                s.received_at.strftime("%Y-%m-%d %H:%M"),
                d.due.isoformat(),
                clock_title(d.level, d.days_left),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 7:
            return CLOCK_COLOURS[d.level]
        if role == Qt.ItemDataRole.UserRole:
            return s.case_no
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
        self.table = QTableView()
        self.table.setObjectName("cases")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
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
            self.count.setText,
        )

    def _show(self, entries: list[CaseListEntry]) -> None:
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
