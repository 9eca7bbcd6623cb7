"""The sync quarantine (同步隔离区) for the supervisor: events the central refused, or events
of the central that do not fit the cases held here, each kept whole with the reason.

Read-only: what to do about each (a fork between two counters, an event altered after it was
written) is decided by people; the record itself is never changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.domain.sync import OUTCOME_TITLES, Direction
from app.services.views import HeldEvent
from ui.dialog_parts import listing, read_only_table
from ui.feedback import show_message
from ui.labels import event_title, fill
from ui.messages import render
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

DIRECTIONS = {
    Direction.PUSH: QT_TRANSLATE_NOOP("QuarantineDialog", "本机上传被拒"),
    Direction.PULL: QT_TRANSLATE_NOOP("QuarantineDialog", "中心记录与本机冲突"),
}


class QuarantineDialog(QDialog):
    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quarantine")
        self.setWindowTitle(self.tr("同步隔离区"))
        self.table = read_only_table(
            "held_events",
            [
                self.tr("隔离时间"),
                self.tr("方向"),
                self.tr("办件编号"),
                self.tr("第几条"),
                self.tr("环节"),
                self.tr("结果"),
                self.tr("原因"),
            ],
        )
        self.resize(1000, 420)
        self.message = listing(
            self,
            self.table,
            "quarantine_message",
            operations,
            lambda: services.sync.held_events(actor),
            self._show,
        )

    def _show(self, held: list[HeldEvent]) -> None:
        self.table.setRowCount(len(held))
        for row, entry in enumerate(held):
            q = entry.held
            kind = event_title(entry.kind)
            cells = (
                q.at.strftime("%Y-%m-%d %H:%M"),
                self.tr(DIRECTIONS[q.direction]),
                entry.case_no,
                str(q.position),
                kind,
                render(OUTCOME_TITLES[q.outcome]),
                render(q.reason),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # the reason is often longer than its column
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        show_message(
            self.message,
            fill(self.tr("共 %1 条记录在隔离区；记录本身不会被修改或删除。"), len(held))
            if held
            else self.tr("隔离区是空的：所有记录都已与中心一致。"),
            error=False,
        )
