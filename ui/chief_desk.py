"""The chief representative's desk (待我决定): the cases waiting for their decision.

Only the items their department authorised them to decide are listed (`actor.scope`), the
soonest due first. Selecting a case shows what the decision rests on — for a department's part
of a one-form application, the shared form. The chief approves, denies with the reason the
applicant will read, extends the time limit under Art. 42 with the reason told to the
applicant, or records a collective decision (局务会) and decides. The decision document is
offered at once (ui/decision_document.py); what the decision rests on is summed up by
ui/decision_summary.py. The service checks the chief's authority whatever the desk shows; its refusal
is said here in words and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.case import CaseStatus
from app.domain.case_rules import Action, extension_limit
from app.domain.event_data import Extended
from app.domain.roles import Actor
from app.services.views import CaseDetail, DecisionQueue
from printing.notice_texts import NoticeKind
from ui.cases_view import CaseTableModel, case_table, fit_columns
from ui.confirm import ConfirmDialog, case_rows, confirm_decision
from ui.decision_document import DocumentBar
from ui.decision_panel import DecisionPanel
from ui.decision_summary import DecisionSummary
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.one_form_views import SharedFormBox
from ui.operations import Operations
from ui.page_bar import PageBar
from ui.reported_desk import ReportedDesk
from ui.step_record import (
    CollectiveDecisionDialog,
    RecordDialog,
    decision_is_collective,
    run_record,
)

QUEUE_COLUMNS = ("case_no", "item", "applicant", "masked_id", "received", "due", "clock")
#: The desk's own message colours: the counter's stylesheet does not know these names.
STYLE = """
QLabel#desk_message[error="true"], QLabel#document_message[error="true"] { color: #a50e0e; }
QLabel#desk_message[error="false"] { color: #137333; }
QPushButton#desk_approve { background: #0b57d0; color: white; font-weight: bold;
                           border-radius: 4px; }
QPushButton#desk_approve:disabled { background: #9bb7e8; }
QPushButton#desk_deny { color: #a50e0e; }
QPushButton#desk_deny:disabled { color: #b8a0a0; }
QLabel#desk_empty { color: #5f6368; font-size: 16px; padding: 40px; }
"""


class ChiefDesk(QWidget):
    """Emits `decided` with the CaseDetail after each decision or extension, `open_case` with a
    case number (Enter or double-click in the list), `counted` with the queue's length."""

    decided = Signal(object)  # what a decision changed (Changes)
    open_case = Signal(str)
    counted = Signal(int)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        reading: Operations,
        printer_operations: Operations,
        actor: Actor,
    ) -> None:
        """`operations` runs the decisions; `reading` the queue and the case in view."""
        super().__init__()
        self.setObjectName("chief_desk")
        self.setStyleSheet(STYLE)
        self._services = services
        self._operations = operations
        self._reading = reading
        self._printer_operations = printer_operations
        self._actor = actor
        self.current: CaseDetail | None = None
        self.record: RecordDialog | None = None  # the collective decision's dialog, when open
        self.confirmation: ConfirmDialog | None = None  # a decision being confirmed
        self.reported: ReportedDesk | None = None  # the 上报件 sent up here, when open
        self._wanted: str | None = None  # the case whose detail is being loaded
        self.pages = PageBar("desk_pages")
        self.pages.moved.connect(self._turn_to)
        self._start = 0  # the first row of the page in view
        self.model = CaseTableModel(QUEUE_COLUMNS)
        self.table = case_table("decision_queue", self.model)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        QShortcut(QKeySequence("Return"), self.table, self._open_current)
        self.summary = DecisionSummary()
        self.form = SharedFormBox()
        self.empty = QLabel(self.tr("没有等待您决定的办件。"))
        self.empty.setObjectName("desk_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.decision = DecisionPanel()
        self.message = QLabel()
        self.message.setObjectName("desk_message")
        self.message.setWordWrap(True)
        self.document = DocumentBar(services, printer_operations, actor)
        self.decision.approve_button.clicked.connect(lambda: self.decide(True))
        self.decision.deny_button.clicked.connect(lambda: self.decide(False))
        self.decision.collective_button.clicked.connect(lambda: self.record_collective(True))
        self.decision.extend_button.clicked.connect(self.extend)
        self._lay_out()
        self._show_case(None)

    def _lay_out(self) -> None:
        heading = QLabel(self.tr("<b>待我决定</b> · 仅列出您获授权审批的事项，按应办结日期排序"))
        heading.setObjectName("desk_heading")
        refresh = QPushButton(self.tr("刷新 (F5)"))
        refresh.setObjectName("desk_refresh")
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.pages)
        if self._services.sync.configured:  # 上报件 are read from the central
            reported = QPushButton(self.tr("下级上报件"))
            reported.setObjectName("desk_reported")
            reported.clicked.connect(self.open_reported)
            top.addWidget(reported)
        top.addWidget(refresh)

        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.setContentsMargins(0, 0, 0, 0)
        about_layout.addWidget(self.summary)
        about_layout.addWidget(self.form)
        about_layout.addStretch()
        scroll = QScrollArea()
        scroll.setObjectName("desk_case")
        scroll.setWidget(about)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.case_panel = QWidget()
        panel_layout = QHBoxLayout(self.case_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(scroll, 1)
        panel_layout.addWidget(self.decision, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.empty)
        lower_layout.addWidget(self.case_panel, 1)
        # below the case: what was just decided stays in view when the next case comes up
        lower_layout.addWidget(self.message)
        lower_layout.addWidget(self.document)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setSizes([260, 440])  # the queue above, the case to decide gets the room
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    def open_reported(self) -> None:
        """The cases the centers below sent up to this center (ui/reported_desk.py)."""
        document = DocumentBar(self._services, self._printer_operations, self._actor)
        self.reported = ReportedDesk(
            self._services.reported, self._operations, self._actor, document, self
        )
        self.reported.show()
        self.reported.refresh()

    # ---- the queue ---------------------------------------------------------------------

    def refresh(self) -> None:
        actor, start = self._actor, self._start
        self._reading.run(
            lambda: self._services.cases.decision_queue(actor, start),
            self._show_queue,
            lambda error: show_message(self.message, error_text(error), error=True),
        )

    def _turn_to(self, start: int) -> None:
        self._start = start
        self.refresh()

    def _show_queue(self, queue: DecisionQueue) -> None:
        """One page of the queue, earliest due first; the count says how many wait in all."""
        entries = queue.entries
        keep = self._wanted or (self.current.case.case_no if self.current else None)
        self.model.set_entries(entries)
        fit_columns(self.table)
        self._start = queue.start
        self.pages.show_place(queue.start, len(entries), queue.page, queue.total)
        self.counted.emit(queue.total)
        numbers = [e.summary.case_no for e in entries]
        if keep in numbers:
            self.table.selectRow(numbers.index(keep))
        elif entries:
            self.table.selectRow(0)
        elif self.current is None or not self.current.case.awaiting_decision:
            self._show_case(None)
        # else: a case brought into view by number stays, though not in the queue

    def _selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.show_case(self.model.data(indexes[0], Qt.ItemDataRole.UserRole))

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.data(index, Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._activated(index)

    # ---- the case in view --------------------------------------------------------------

    def show_case(self, case_no: str) -> None:
        """Bring a case into view, whether or not it is in the queue (the service decides)."""
        if self.current is not None and self.current.case.case_no == case_no:
            return
        self._wanted = case_no
        actor = self._actor
        self._reading.run(
            lambda: self._services.cases.detail(actor, case_no),
            self._loaded,
            self._load_failed,
        )

    def _loaded(self, detail: CaseDetail) -> None:
        if detail.case.case_no != self._wanted:
            return  # another case was chosen meanwhile
        self._wanted = None
        self._show_case(detail)

    def _load_failed(self, error: Exception) -> None:
        self._wanted = None
        show_message(self.message, error_text(error), error=True)

    def _show_case(self, detail: CaseDetail | None) -> None:
        switched = (self.current.case.case_no if self.current else None) != (
            detail.case.case_no if detail else None
        )
        if switched:
            self.decision.reason.clear()  # a reason belongs to the case it was typed for
            if self.message.property("error"):
                self.message.clear()  # a refusal concerned the case before
        self.current = detail
        self.empty.setVisible(detail is None)
        self.case_panel.setVisible(detail is not None)
        if detail is None:
            return
        self.summary.show_detail(detail)
        self.form.show_form(detail.form)
        case = detail.case
        collective = decision_is_collective(case)
        self.decision.show_collective(collective)
        today = self._services.clock.now().date()
        offers = {
            offer.action: offer.blocked
            for offer in case.offers(self._actor, today, detail.deadline.due)
        }
        offered = {action for action, blocked in offers.items() if blocked is None}
        for button in (
            self.decision.approve_button,
            self.decision.deny_button,
            self.decision.collective_button,
        ):
            button.setEnabled(Action.APPROVE in offered)
        if (blocked := offers.get(Action.APPROVE)) is not None:  # say why, before any click
            show_message(self.message, render(blocked), error=True)
        self.decision.extension.setMaximum(extension_limit(case))
        self.decision.extend_button.setEnabled(Action.EXTEND in offered)
        self.decision.extension.setEnabled(Action.EXTEND in offered)

    # ---- deciding ----------------------------------------------------------------------

    def _reason(self) -> str:
        return self.decision.reason.toPlainText().strip()

    def decide(self, approved: bool) -> None:
        """Approve, or deny with the reason, once the chief has seen what will be written and
        confirmed it; a collective step asks for the meeting first."""
        if self.current is None:
            return
        reason = self._reason()
        if not approved and not reason:
            self._need_reason(self.tr("不予许可须写明理由：申请人将在决定书中看到。"))
            return
        if decision_is_collective(self.current.case):
            self.record_collective(approved)
            return
        case_no, actor = self.current.case.case_no, self._actor
        self.confirmation = confirm_decision(
            self,
            NoticeKind.APPROVAL if approved else NoticeKind.DENIAL,
            case_rows(self.current.case, reason),
            lambda: self._run(
                lambda: self._services.cases.decide(actor, case_no, approved, reason)
            ),
        )

    def record_collective(self, approved: bool = True) -> None:
        """Record the collective decision (局务会), then decide as it resolved."""
        if self.current is None:
            return
        case = self.current.case
        step = case.terms.flow[case.terms.decision_step]
        today = self._services.clock.now().date()
        self.record = CollectiveDecisionDialog(step, today, approved, self._reason(), self)
        dialog, actor, case_no = self.record, self._actor, case.case_no

        def decide_with(record: dict[str, str]) -> Callable[[], CaseDetail]:
            chosen, why = dialog.approved, dialog.decision_reason()
            return lambda: self._services.cases.decide(
                actor, case_no, chosen, why, collective=record
            )

        run_record(dialog, self._operations, decide_with, self._decided)

    def extend(self) -> None:
        """Extend the time limit once (Art. 42); the reason goes to the applicant."""
        if self.current is None:
            return
        reason = self._reason()
        if not reason:
            self._need_reason(self.tr("延长期限须写明理由：将书面告知申请人。"))
            return
        case_no, actor, days = (
            self.current.case.case_no,
            self._actor,
            self.decision.extension.value(),
        )
        self._run(lambda: self._services.cases.extend(actor, case_no, days, reason))

    def _need_reason(self, message: str) -> None:
        show_message(self.message, message, error=True)
        self.decision.reason.setFocus()

    def _run(self, call: Callable[[], CaseDetail]) -> None:
        self.message.clear()
        self._operations.run(
            call,
            self._decided,
            lambda error: show_message(self.message, error_text(error), error=True),
        )

    def _decided(self, detail: CaseDetail) -> None:
        case = detail.case
        self.decision.reason.clear()
        if isinstance(case.events[-1].data, Extended):  # still waiting, with more time
            kind = NoticeKind.EXTENSION
            said = fill(
                self.tr("已延长 %1 个工作日，应于 %2 前办结。请将延长期限告知书交申请人。"),
                case.extension_days,
                detail.deadline.due,  # an extension runs the clock on: it has a due date
            )
        elif case.status is CaseStatus.APPROVED:
            kind = NoticeKind.APPROVAL
            said = fill(self.tr("已准予许可：%1。"), case.case_no)
            if case.credit_code:
                said += fill(self.tr("统一社会信用代码：%1。"), case.credit_code)
        else:
            kind = NoticeKind.DENIAL
            said = fill(self.tr("已不予许可：%1。"), case.case_no)
        show_message(self.message, said, error=False)
        self.document.offer(case.case_no, kind)
        changes = detail.changes(self.current.case if self.current else None)
        self.current = detail
        self._show_case(detail)
        self.decided.emit(changes)
        self.refresh()
