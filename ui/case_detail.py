"""One case: who, what, where it stands against its deadline, its whole timeline, next steps.

Only the actions legal in the case's state are offered; the service still checks each one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.case import Case, CaseStatus, SuspensionReason
from app.domain.events import Event, EventKind
from app.domain.roles import Actor, Permission, Role
from app.services.views import CaseDetail
from ui.feedback import show_message
from ui.labels import CLOCK_COLOURS, clock_title, event_title, fill, status_title
from ui.operations import Operations

SUSPENSION_TITLES = {
    SuspensionReason.HEARING: QT_TRANSLATE_NOOP("CaseDetailDialog", "听证"),
    SuspensionReason.TENDERING: QT_TRANSLATE_NOOP("CaseDetailDialog", "招标"),
    SuspensionReason.AUCTION: QT_TRANSLATE_NOOP("CaseDetailDialog", "拍卖"),
    SuspensionReason.INSPECTION: QT_TRANSLATE_NOOP("CaseDetailDialog", "检验"),
    SuspensionReason.TESTING: QT_TRANSLATE_NOOP("CaseDetailDialog", "检测"),
    SuspensionReason.QUARANTINE: QT_TRANSLATE_NOOP("CaseDetailDialog", "检疫"),
    SuspensionReason.APPRAISAL: QT_TRANSLATE_NOOP("CaseDetailDialog", "鉴定"),
    SuspensionReason.EXPERT_REVIEW: QT_TRANSLATE_NOOP("CaseDetailDialog", "专家评审"),
}


class CaseDetailDialog(QDialog):
    """Shows one case; emits `changed` with the new CaseDetail after each action."""

    changed = Signal(object)
    print_requested = Signal(str)  # the case number

    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        detail: CaseDetail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_detail")
        self._services = services
        self._operations = operations
        self._actor = actor
        self.header = QLabel()
        self.header.setObjectName("case_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clock = QLabel()
        self.clock.setObjectName("case_clock")
        self.timeline = QTreeWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setHeaderLabels(
            [self.tr("时间"), self.tr("环节"), self.tr("经办人"), self.tr("窗口"), self.tr("说明")]
        )
        self.timeline.setRootIsDecorated(False)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr("理由或说明（不予受理、不予许可、退回、延期、撤回时必填）")
        )
        self.suspension = QComboBox()
        self.suspension.setObjectName("suspension_reason")
        for reason, title in SUSPENSION_TITLES.items():
            self.suspension.addItem(self.tr(title), reason)
        self.extension = QSpinBox()
        self.extension.setObjectName("extension_days")
        self.extension.setRange(1, 15)
        self.extension.setValue(10)
        self.message = QLabel()
        self.message.setObjectName("detail_message")
        self.message.setWordWrap(True)
        self.actions = QHBoxLayout()
        options = QFormLayout()
        options.addRow(self.tr("理由/说明(&R)"), self.reason)
        options.addRow(self.tr("特别程序"), self.suspension)
        options.addRow(self.tr("延长工作日"), self.extension)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        if actor.can(Permission.PRINT):
            slips = QPushButton(self.tr("凭条与通知书 (Alt+P)"))
            slips.setObjectName("slips")
            slips.setShortcut(QKeySequence("Alt+P"))
            slips.clicked.connect(lambda: self.print_requested.emit(self.detail.case.case_no))
            top.addWidget(slips, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.clock)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(options)
        layout.addLayout(self.actions)
        layout.addWidget(self.message)
        self.resize(900, 620)
        self.show_detail(detail)

    # ---- showing -----------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail) -> None:
        self.detail = detail
        case, deadline = detail.case, detail.deadline
        self.setWindowTitle(fill(self.tr("办件 %1"), case.case_no))
        self.header.setText(
            fill(
                self.tr("<h3>%1 · %2</h3>%3 · 申请人：%4（%5）<br>状态：<b>%6</b> · 当前环节：%7"),
                case.case_no,
                case.terms.item_name,
                detail.department_name,
                case.applicant.name,
                case.applicant.masked_id,
                status_title(case.status),
                case.step.name if case.step else "—",
            )
        )
        colour = CLOCK_COLOURS[deadline.level].name()
        notes = [self.tr("暂停计时中")] if deadline.paused else []
        if deadline.step_overdue:
            notes.append(self.tr("本环节已超出环节时限！"))
        self.clock.setText(
            fill(
                self.tr(
                    "<span style='color:%1'><b>%2</b></span> · 承诺 %3 个工作日，应于 %4 前办结 %5"
                ),
                colour,
                clock_title(deadline.level, deadline.days_left),
                deadline.days_allowed,
                deadline.due.isoformat(),
                " · ".join(notes),
            )
        )
        self.timeline.clear()
        for event in case.events:
            self.timeline.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        event.at.strftime("%Y-%m-%d %H:%M"),
                        self._event_name(case, event),
                        event.actor,
                        event.window,
                        self._event_note(event),
                    ]
                )
            )
        for column in range(4):
            self.timeline.resizeColumnToContents(column)
        self._offer_actions(case)

    def _event_name(self, case: Case, event: Event) -> str:
        if event.kind in (EventKind.STEP_COMPLETED, EventKind.RETURNED):
            step = case.terms.flow[int(event.payload["step"])].name
            return f"{event_title(event.kind)}：{step}"
        if event.kind is EventKind.DECIDED:
            return event_title(event.kind) + (
                "（准予）" if event.payload["approved"] else "（不予）"
            )
        return event_title(event.kind)

    def _event_note(self, event: Event) -> str:
        payload = event.payload
        if event.kind is EventKind.CORRECTION_REQUESTED:
            return self.tr("需补正：") + "、".join(payload["missing"])
        if event.kind is EventKind.SUSPENDED:
            return (
                self.tr(SUSPENSION_TITLES[SuspensionReason(payload["reason"])])
                + " "
                + payload.get("note", "")
            )
        if event.kind is EventKind.EXTENDED:
            return fill(self.tr("延长 %1 个工作日："), payload["days"]) + payload["reason"]
        for key in ("reason", "note", "certificate_no", "picked_up_by"):
            if payload.get(key):
                return str(payload[key])
        return ""

    # ---- acting ------------------------------------------------------------------------

    def _offer_actions(self, case: Case) -> None:
        while self.actions.count():
            widget = self.actions.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # gone from the dialog now, not at the next event loop
                widget.deleteLater()
        if (
            not self._actor.can(Permission.HANDLE_CASE)
            or self._actor.department != case.terms.department
        ):
            return
        cases, no = self._services.cases, case.case_no
        actor = self._actor
        offers: list[tuple[str, str, Callable[[], CaseDetail]]] = []
        status = case.status
        if status is CaseStatus.RECEIVED:
            offers.append(("accept", self.tr("受理"), lambda: cases.accept(actor, no)))
        if status is CaseStatus.AWAITING_CORRECTION:
            missing = list(case.missing_materials)
            offers.append(
                ("supplement", self.tr("材料已补齐"), lambda: cases.supplement(actor, no, missing))
            )
        if status in (CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION):
            offers.append(
                ("refuse", self.tr("不予受理"), lambda: cases.refuse(actor, no, self._reason()))
            )
        if status is CaseStatus.IN_PROGRESS:
            self._offer_progress(case, offers)
        if status is CaseStatus.SUSPENDED:
            offers.append(("resume", self.tr("恢复计时"), lambda: cases.resume(actor, no)))
        if (
            status in (CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED)
            and actor.role is Role.CHIEF_REPRESENTATIVE
        ):
            offers.append(
                (
                    "extend",
                    self.tr("延长期限"),
                    lambda: cases.extend(actor, no, self.extension.value(), self._reason()),
                )
            )
        if status is CaseStatus.APPROVED:
            offers.append(("issue", self.tr("发证办结"), lambda: cases.issue(actor, no)))
        if status in (CaseStatus.ISSUED, CaseStatus.DENIED):
            offers.append(
                (
                    "pick_up",
                    self.tr("登记取件"),
                    lambda: cases.pick_up(actor, no, case.applicant.name),
                )
            )
        if case.is_open and status is not CaseStatus.APPROVED:
            offers.append(
                (
                    "withdraw",
                    self.tr("申请人撤回"),
                    lambda: cases.withdraw(actor, no, self._reason()),
                )
            )
        for number, (name, title, call) in enumerate(offers, start=1):
            button = QPushButton(f"{title} (Alt+{number})")
            button.setShortcut(QKeySequence(f"Alt+{number}"))
            button.setObjectName(f"action_{name}")
            button.clicked.connect(lambda _=False, c=call: self._run(c))
            self.actions.addWidget(button)
        self.actions.addStretch()

    def _offer_progress(
        self, case: Case, offers: list[tuple[str, str, Callable[[], CaseDetail]]]
    ) -> None:
        cases, no, actor = self._services.cases, case.case_no, self._actor
        current = case.current_step or 0
        if case.awaiting_decision:
            offers.append(("approve", self.tr("准予许可"), lambda: cases.decide(actor, no, True)))
            offers.append(
                (
                    "deny",
                    self.tr("不予许可"),
                    lambda: cases.decide(actor, no, False, self._reason()),
                )
            )
        else:
            name = case.terms.flow[current].name
            offers.append(
                (
                    "complete_step",
                    fill(self.tr("完成“%1”"), name),
                    lambda: cases.complete_step(actor, no, current, self._reason()),
                )
            )
        if current > 1:
            offers.append(
                (
                    "return",
                    self.tr("退回上一环节"),
                    lambda: cases.return_to_step(actor, no, current - 1, self._reason()),
                )
            )
        offers.append(
            (
                "suspend",
                self.tr("暂停计时"),
                lambda: cases.suspend(actor, no, self.suspension.currentData(), self._reason()),
            )
        )

    def _reason(self) -> str:
        return self.reason.text().strip()

    def _run(self, call: Callable[[], CaseDetail]) -> None:
        self.message.clear()
        self._operations.run(call, self._done, self._failed)

    def _done(self, detail: CaseDetail) -> None:
        self.reason.clear()
        show_message(self.message, self.tr("已记录。"), error=False)
        self.show_detail(detail)
        self.changed.emit(detail)

    def _failed(self, message: str) -> None:
        show_message(self.message, message, error=True)
