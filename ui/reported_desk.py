"""上报件 at the center above: the cases the centers below sent up to this center, for the
chief representative's decision (opened from the chief's desk).

They are read from the central — this counter's store holds its own center's cases only —
so the list needs the central, and says so when it cannot be reached. A decision goes
straight into the case at the central (`ReportedCases.decide`); the counter that accepted the
case pulls it back and finishes the case there, on its clock. The decision document is offered
here at once (the document bar of the chief's desk: open or save the PDF, print from it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.roles import Actor
from app.services.reported_cases import ReportedCase, ReportedCases
from app.services.views import CaseDetail
from printing.notice_texts import NoticeKind
from ui.decision_document import DocumentBar
from ui.dialog_parts import read_only_table
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text
from ui.operations import Operations


class ReportedDesk(QDialog):
    """The cases sent up to this center that wait for this chief, earliest due first."""

    def __init__(
        self,
        reported: ReportedCases,
        operations: Operations,
        actor: Actor,
        document: DocumentBar,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reported_desk")
        self.setWindowTitle(self.tr("下级中心上报的办件"))
        self._reported = reported
        self._operations = operations
        self._actor = actor
        self.document = document
        self.cases: list[ReportedCase] = []
        self.table = read_only_table(
            "reported_cases",
            [
                self.tr("办件编号"),
                self.tr("事项"),
                self.tr("上报中心"),
                self.tr("申请人"),
                self.tr("应办结"),
            ],
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("reported_reason")
        self.reason.setPlaceholderText(self.tr("不予许可须写明理由"))
        self.approve_button = QPushButton(self.tr("准予许可"))
        self.approve_button.setObjectName("reported_approve")
        self.deny_button = QPushButton(self.tr("不予许可"))
        self.deny_button.setObjectName("reported_deny")
        refresh = QPushButton(self.tr("刷新"))
        refresh.setObjectName("reported_refresh")
        self.empty = QLabel(self.tr("没有上报本中心、等待您决定的办件。"))
        self.empty.setObjectName("reported_empty")
        self.empty.hide()
        self.message = QLabel()
        self.message.setObjectName("reported_message")
        self.message.setWordWrap(True)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.deny_button.clicked.connect(lambda: self.decide(False))
        refresh.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reason, 1)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.deny_button)
        buttons.addWidget(refresh)
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("下级中心上报本中心决定的办件（从中心数据库读取），决定即写回受理窗口")
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.document)
        self.resize(760, 420)
        self._enable()

    def refresh(self) -> None:
        actor = self._actor
        self._operations.run(lambda: self._reported.waiting(actor), self._show, self._failed)

    def _show(self, cases: list[ReportedCase]) -> None:
        self.cases = cases
        self.table.setRowCount(len(cases))
        for row, reported in enumerate(cases):
            case = reported.case
            due = reported.due.isoformat() if reported.due else ""
            values = (case.case_no, case.terms.item_name, reported.center, case.applicant.name, due)
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        if cases:
            self.table.selectRow(0)
        self.empty.setVisible(not cases)
        self._enable()

    def _enable(self) -> None:
        chosen = bool(self.table.selectedItems()) and not self._operations.busy
        self.approve_button.setEnabled(chosen)
        self.deny_button.setEnabled(chosen)

    def decide(self, approved: bool) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        reported = self.cases[rows[0].row()]
        actor, reason, case_id = self._actor, self.reason.text(), reported.case.case_id
        number = reported.case.case_no

        def done(decided: CaseDetail) -> None:
            self.reason.clear()
            self.document.offer(decided, NoticeKind.APPROVAL if approved else NoticeKind.DENIAL)
            verdict = self.tr("准予许可") if approved else self.tr("不予许可")
            show_message(
                self.message,
                fill(self.tr("%1：%2，已写回%3的受理窗口"), number, verdict, reported.center),
                error=False,
            )
            self.refresh()

        self._operations.run(
            lambda: self._reported.decide(actor, case_id, approved, reason), done, self._failed
        )

    def _failed(self, error: Exception) -> None:
        show_message(self.message, error_text(error), error=True)  # the reason typed stays
        self._enable()
