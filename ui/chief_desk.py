"""The chief representative's desk (待我决定): the cases waiting for their decision.

Only the items their department authorised them to decide are listed (`actor.scope`), the
soonest due first. Selecting a case shows what the decision rests on — for a department's part
of a one-form application, the shared form. The chief approves, denies with the reason the
applicant will read, extends the time limit under Art. 42 with the reason told to the
applicant, or records a collective decision (局务会) and decides. The decision document is
offered at once. The service checks the chief's authority whatever the desk shows; its refusal
is said here in words and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.case import CaseStatus
from app.domain.case_rules import Action, extension_limit
from app.domain.event_data import Extended
from app.domain.roles import Actor
from app.services.printing import notice_file_name
from app.services.views import CaseDetail, DecisionQueue
from printing.notice_texts import NOTICE_MESSAGES, NoticeKind
from ui.cases_view import CaseTableModel, fit_columns
from ui.confirm import ConfirmDialog, case_rows, confirm_decision
from ui.feedback import show_message
from ui.labels import CLOCK_COLOURS, clock_sentence, clock_title, fill
from ui.messages import error_text, render
from ui.one_form_views import SharedFormBox
from ui.operations import Operations
from ui.page_bar import PageBar
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
QLabel#desk_empty { color: #5f6368; font-size: 16px; padding: 40px; }
"""


class DocumentBar(QFrame):
    """The written decision just made (or the extension notice), to open or save as PDF."""

    def __init__(
        self,
        services: Services,
        printer_operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("document_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._services = services
        self._work = printer_operations
        self._actor = actor
        self.case_no = ""
        self.kind: NoticeKind | None = None
        self.title = QLabel()
        self.title.setObjectName("document_title")
        self.title.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开 PDF"))
        self.open_button.setObjectName("open_document")
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.setObjectName("save_document")
        self.message = QLabel()
        self.message.setObjectName("document_message")
        self.message.setWordWrap(True)
        self.open_button.clicked.connect(self.open_document)
        self.save_button.clicked.connect(self.save_document)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.message.hide()
        self.hide()

    def offer(self, case_no: str, kind: NoticeKind) -> None:
        self.case_no, self.kind = case_no, kind
        self.title.setText(fill(self.tr("%1 · %2"), render(NOTICE_MESSAGES[kind]), case_no))
        self.message.clear()
        self.message.hide()
        self.show()

    def open_document(self) -> None:
        """Open it in the system's PDF viewer, from which it is printed."""
        kind, case_no, actor = self.kind, self.case_no, self._actor
        if kind is None:
            return
        folder = self._services.paths.data / "cache" / "notices"
        self._work.run(
            lambda: self._services.printing.notice_to_open(actor, case_no, kind, folder),
            self._opened,
            self._fail,
        )

    def save_document(self) -> None:
        kind, case_no, actor = self.kind, self.case_no, self._actor
        if kind is None:
            return
        suggested = str(Path.home() / notice_file_name(case_no, kind))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存决定书"), suggested, self.tr("PDF 文件 (*.pdf)")
        )
        if not path:
            return
        self._work.run(
            lambda: self._services.printing.save_notice(actor, case_no, kind, Path(path)),
            lambda saved: self._say(fill(self.tr("已保存：%1"), saved), error=False),
            self._fail,
        )

    def _opened(self, path: Path) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(fill(self.tr("已在 PDF 阅读器中打开：%1"), path.name), error=False)
        else:
            self._say(fill(self.tr("没有能打开 PDF 的程序。文件已保存在 %1。"), path), error=True)

    def _fail(self, error: Exception) -> None:
        self._say(error_text(error), error=True)

    def _say(self, message: str, error: bool) -> None:
        show_message(self.message, message, error)
        self.message.show()


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
        self._actor = actor
        self.current: CaseDetail | None = None
        self.record: RecordDialog | None = None  # the collective decision's dialog, when open
        self.confirmation: ConfirmDialog | None = None  # a decision being confirmed
        self._wanted: str | None = None  # the case whose detail is being loaded
        self.pages = PageBar("desk_pages")
        self.pages.moved.connect(self._turn_to)
        self._start = 0  # the first row of the page in view
        self.model = CaseTableModel(QUEUE_COLUMNS)
        self.table = QTableView()
        self.table.setObjectName("decision_queue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        QShortcut(QKeySequence("Return"), self.table, self._open_current)
        self.summary = QLabel()
        self.summary.setObjectName("desk_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form = SharedFormBox()
        self.empty = QLabel(self.tr("没有等待您决定的办件。"))
        self.empty.setObjectName("desk_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("desk_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(66)
        self.reason.setPlaceholderText(
            self.tr("理由：不予许可、延长期限时必填，将写入决定书或告知书，申请人会看到")
        )
        self.approve_button = self._button("desk_approve", self.tr("准予 (Alt+Y)"), "Alt+Y")
        self.deny_button = self._button("desk_deny", self.tr("不予许可 (Alt+N)"), "Alt+N")
        self.collective_button = self._button(
            "desk_collective", self.tr("集体决策… (Alt+J)"), "Alt+J"
        )
        self.extension = QSpinBox()
        self.extension.setObjectName("desk_extension_days")
        self.extension.setRange(1, 10)
        self.extension.setValue(10)
        self.extension.setSuffix(self.tr(" 个工作日"))
        self.extend_button = self._button("desk_extend", self.tr("延长期限 (Alt+E)"), "Alt+E")
        self.message = QLabel()
        self.message.setObjectName("desk_message")
        self.message.setWordWrap(True)
        self.document = DocumentBar(services, printer_operations, actor)
        self.approve_button.clicked.connect(lambda: self.decide(True))
        self.deny_button.clicked.connect(lambda: self.decide(False))
        self.collective_button.clicked.connect(lambda: self.record_collective(True))
        self.extend_button.clicked.connect(self.extend)
        self._lay_out()
        self._show_case(None)

    def _button(self, name: str, title: str, keys: str) -> QPushButton:
        button = QPushButton(title)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(keys))
        return button

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

        decision = QGroupBox(self.tr("决定"))
        decision.setObjectName("desk_decision")
        decision.setMaximumWidth(540)
        buttons = QHBoxLayout()
        for button in (self.approve_button, self.deny_button, self.collective_button):
            buttons.addWidget(button)
        buttons.addStretch()
        extension = QHBoxLayout()
        extension.addWidget(QLabel(self.tr("延长")))
        extension.addWidget(self.extension)
        extension.addWidget(self.extend_button)
        extension.addStretch()
        decision_layout = QVBoxLayout(decision)
        decision_layout.addWidget(self.reason)
        decision_layout.addLayout(buttons)
        decision_layout.addLayout(extension)
        decision_layout.addStretch()

        self.case_panel = QWidget()
        panel_layout = QHBoxLayout(self.case_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(scroll, 1)
        panel_layout.addWidget(decision, 1)
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
            self.reason.clear()  # a reason belongs to the case it was typed for
            if self.message.property("error"):
                self.message.clear()  # a refusal concerned the case before
        self.current = detail
        self.empty.setVisible(detail is None)
        self.case_panel.setVisible(detail is not None)
        if detail is None:
            return
        self.summary.setText(self._summary(detail))
        self.form.show_form(detail.form)
        case = detail.case
        collective = decision_is_collective(case)
        self.collective_button.setText(
            self.tr("须集体决策… (Alt+J)") if collective else self.tr("集体决策… (Alt+J)")
        )
        today = self._services.clock.now().date()
        offered = {
            offer.action for offer in case.offers(self._actor, today, detail.deadline.due)
            if offer.blocked is None
        }  # fmt: skip
        for button in (self.approve_button, self.deny_button, self.collective_button):
            button.setEnabled(Action.APPROVE in offered)
        self.extension.setMaximum(extension_limit(case))
        self.extend_button.setEnabled(Action.EXTEND in offered)
        self.extension.setEnabled(Action.EXTEND in offered)

    def _summary(self, detail: CaseDetail) -> str:
        case, clock = detail.case, detail.deadline
        applicant = case.applicant
        who = escape(applicant.name)
        if applicant.legal_representative:
            who += fill(self.tr("（法定代表人 %1）"), escape(applicant.legal_representative))
        decision_step = case.terms.flow[case.terms.decision_step]
        lines = [
            f"<h3>{case.case_no} · {case.terms.item_name}</h3>",
            fill(self.tr("申请人：%1 · 证件号码 %2"), who, applicant.masked_id),
            fill(
                self.tr("接件：%1 · %2 · %3"),
                case.received_at.strftime("%Y-%m-%d %H:%M"),
                clock_sentence(clock),
                f"<span style='color:{CLOCK_COLOURS[clock.level].name()}'><b>"
                f"{clock_title(clock)}</b></span>",
            ),
            fill(
                self.tr("承办部门：%1 · 决定环节：%2%3"),
                detail.department_name,
                decision_step.name,
                self.tr("（须集体决策，录入会议记录）") if decision_is_collective(case) else "",
            ),
        ]
        if case.extension_days:
            lines.append(fill(self.tr("已延长 %1 个工作日（只可延长一次）"), case.extension_days))
        elif clock.days_overdue:
            lines.append(self.tr("已超出办理期限，不能再延长（第四十二条：延长须在原期限内决定）"))
        if case.parent is not None:
            lines.append(
                fill(
                    self.tr("一表制子件：总件 %1（%2），准予后由受理窗口统一发证"),
                    case.parent.case_no,
                    case.parent.item_name,
                )
            )
        if not case.awaiting_decision:
            lines.append(
                "<span style='color:#a50e0e'>"
                + self.tr("本件当前不在决定环节，不能作出决定。")
                + "</span>"
            )
        return "<br>".join(lines)

    # ---- deciding ----------------------------------------------------------------------

    def _reason(self) -> str:
        return self.reason.toPlainText().strip()

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
        case_no, actor, days = self.current.case.case_no, self._actor, self.extension.value()
        self._run(lambda: self._services.cases.extend(actor, case_no, days, reason))

    def _need_reason(self, message: str) -> None:
        show_message(self.message, message, error=True)
        self.reason.setFocus()

    def _run(self, call: Callable[[], CaseDetail]) -> None:
        self.message.clear()
        self._operations.run(
            call,
            self._decided,
            lambda error: show_message(self.message, error_text(error), error=True),
        )

    def _decided(self, detail: CaseDetail) -> None:
        case = detail.case
        self.reason.clear()
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
