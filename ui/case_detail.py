"""One case: who, what, where it stands against its deadline, its whole timeline, next steps.

Only the actions legal in the case's state are offered; the service still checks each one. A
one-form parent shows where each department stands and offers the unified issuance (统一发证)
once every department approved; a child names its parent and shows the shared form. A step
done outside the hall, and a collective decision, are recorded in a form (`ui.step_record`).
The event history is `ui.event_history`; the row of action buttons `ui.case_actions`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import assert_never

from PySide6.QtCore import Qt, Signal
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
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.case import SUSPENSION_MESSAGES
from app.domain.case_rules import Action
from app.domain.case_rules import Offer as CaseOffer
from app.domain.roles import Actor, Permission
from app.services.views import CaseDetail
from printing.notice_texts import NoticeKind
from ui.case_actions import ActionRow, Offer, Typed
from ui.confirm import ConfirmDialog, case_rows, confirm_decision
from ui.event_history import EventHistory
from ui.feedback import show_message
from ui.labels import CLOCK_COLOURS, clock_sentence, clock_title, fill, status_title
from ui.messages import error_text, render
from ui.one_form_views import JointTable, SharedFormBox
from ui.operations import Operations
from ui.step_record import (
    CollectiveDecisionDialog,
    RecordDialog,
    StepRecordDialog,
    decision_is_collective,
    run_record,
)


class CaseDetailDialog(QDialog):
    """Shows one case; emits `changed` with what each action changed (`Changes`)."""

    changed = Signal(object)  # Changes
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
        self.record: RecordDialog | None = None  # the record dialog open, if any
        self.confirmation: ConfirmDialog | None = None  # a decision being confirmed
        self.header = QLabel()
        self.header.setObjectName("case_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.relation = QLabel()
        self.relation.setObjectName("case_relation")
        self.relation.setTextFormat(Qt.TextFormat.RichText)
        self.relation.linkActivated.connect(lambda link: self.follow(link.removeprefix("case:")))
        self.clock = QLabel()
        self.clock.setObjectName("case_clock")
        self.joint = JointTable()
        self.joint.itemActivated.connect(
            lambda item, _: self.follow(item.data(1, Qt.ItemDataRole.UserRole))
        )
        self.form = SharedFormBox()
        self.timeline = EventHistory()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr("理由或说明（不予受理、不予许可、退回、延期、撤回时必填）")
        )
        self.suspension = QComboBox()
        self.suspension.setObjectName("suspension_reason")
        for reason, title in SUSPENSION_MESSAGES.items():
            self.suspension.addItem(render(title), reason)
        self.extension = QSpinBox()
        self.extension.setObjectName("extension_days")
        self.extension.setRange(1, 15)
        self.extension.setValue(10)
        self.message = QLabel()
        self.message.setObjectName("detail_message")
        self.message.setWordWrap(True)
        self.action_row = ActionRow()
        self.options = options = QFormLayout()
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
        layout.addWidget(self.relation)
        layout.addWidget(self.clock)
        layout.addWidget(self.joint)
        layout.addWidget(self.form)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(options)
        layout.addWidget(self.action_row)
        layout.addWidget(self.message)
        self.resize(1040, 760 if detail.form is not None else 640)
        self.show_detail(detail)

    # ---- showing -----------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail) -> None:
        self.detail = detail
        case, deadline = detail.case, detail.deadline
        self.setWindowTitle(fill(self.tr("办件 %1"), case.case_no))
        credit = (
            fill(self.tr("<br>统一社会信用代码：<b>%1</b>"), case.credit_code)
            if case.credit_code
            else ""
        )
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
            + credit
        )
        self._show_relation(detail)
        colour = CLOCK_COLOURS[deadline.level].name()
        notes = [self.tr("暂停计时中")] if deadline.paused else []
        if deadline.step_overdue:
            notes.append(self.tr("本环节已超出环节时限！"))
        self.clock.setText(
            fill(
                self.tr("<span style='color:%1'><b>%2</b></span> · %3 %4"),
                colour,
                clock_title(deadline),
                clock_sentence(deadline),
                " · ".join(notes),
            )
        )
        self.joint.setVisible(detail.joint is not None)
        if detail.joint is not None:
            self.joint.show_progress(detail.joint)
        self.form.show_form(detail.form)
        self.timeline.show_events(case)
        offers = self._offers(detail)
        names = {offer.name for offer in offers}
        self.options.setRowVisible(self.suspension, "suspend" in names)
        self.options.setRowVisible(self.extension, "extend" in names)
        self.action_row.show_offers(offers)

    def _show_relation(self, detail: CaseDetail) -> None:
        case, joint = detail.case, detail.joint
        if case.parent is not None:
            self.relation.setText(
                fill(
                    self.tr(
                        "一表制子件：总件 <a href='case:%1'>%1</a>（%2），结果由受理窗口统一发证"
                    ),
                    case.parent.case_no,
                    case.parent.item_name,
                )
            )
        elif joint is not None:
            self.relation.setText(
                fill(
                    self.tr(
                        "一表制申请：%1 个部门并联审批，已准予 %2 个；双击一行查看该部门的子件"
                    ),
                    len(joint.children),
                    joint.done,
                )
            )
        self.relation.setVisible(case.parent is not None or joint is not None)

    # ---- acting ------------------------------------------------------------------------

    def _offers(self, detail: CaseDetail) -> list[Offer]:
        """A button for each action the case offers this actor now (`Case.offers`)."""
        case = detail.case
        today, due = self._today(), detail.deadline.due
        return [self._offer(detail, offer) for offer in case.offers(self._actor, today, due)]

    def _offer(self, detail: CaseDetail, offer: CaseOffer) -> Offer:
        case = detail.case
        cases, no, actor = self._services.cases, case.case_no, self._actor
        service = self._service
        blocked = render(offer.blocked) if offer.blocked else ""
        current = case.current_step or 0
        name = offer.action.value
        match offer.action:
            case Action.ACCEPT:
                return Offer(name, self.tr("受理"), service(lambda _: cases.accept(actor, no)))
            case Action.SUPPLEMENT:
                missing = list(case.missing_materials)
                act = service(lambda _: cases.supplement(actor, no, missing))
                return Offer(name, self.tr("材料已补齐"), act)
            case Action.REFUSE:
                act = self._confirmed(
                    NoticeKind.REFUSAL, lambda t: cases.refuse(actor, no, t.reason)
                )
                return Offer(name, self.tr("不予受理"), act)
            case Action.ISSUE_TOGETHER:
                joint = detail.joint
                if joint is not None and not joint.ready:
                    blocked = self.joint.not_ready(joint)
                act = service(lambda _: cases.issue_together(actor, no))
                return Offer(name, self.tr("统一发证"), act, blocked)
            case Action.APPROVE:
                return Offer(name, self.tr("准予许可"), lambda: self._decide(True), blocked)
            case Action.DENY:
                return Offer(name, self.tr("不予许可"), lambda: self._decide(False), blocked)
            case Action.COMPLETE_STEP:
                step = case.terms.flow[current]
                if step.is_out_of_hall:
                    complete = lambda: self._record_step(current)  # noqa: E731
                else:
                    complete = service(lambda t: cases.complete_step(actor, no, current, t.reason))
                return Offer(name, fill(self.tr("完成“%1”"), step.name), complete)
            case Action.RETURN:
                act = service(lambda t: cases.return_to_step(actor, no, current - 1, t.reason))
                return Offer(name, self.tr("退回上一环节"), act)
            case Action.SUSPEND:
                act = service(lambda t: cases.suspend(actor, no, t.suspension, t.reason))
                return Offer(name, self.tr("暂停计时"), act)
            case Action.RESUME:
                return Offer(name, self.tr("恢复计时"), service(lambda _: cases.resume(actor, no)))
            case Action.EXTEND:
                act = service(lambda t: cases.extend(actor, no, t.days, t.reason))
                return Offer(name, self.tr("延长期限"), act, blocked)
            case Action.ISSUE:
                return Offer(name, self.tr("发证办结"), service(lambda _: cases.issue(actor, no)))
            case Action.PICK_UP:
                applicant = case.applicant.name
                act = service(lambda _: cases.pick_up(actor, no, applicant))
                return Offer(name, self.tr("登记取件"), act)
            case Action.WITHDRAW:
                title = self.tr("撤回全部申请") if case.is_parent else self.tr("申请人撤回")
                act = service(lambda t: cases.withdraw(actor, no, t.reason))
                return Offer(name, title, act)
            case Action.REPORT_UP:
                act = service(lambda t: cases.report_up(actor, no, t.reason))
                return Offer(name, self.tr("上报上级中心"), act, blocked)
            case unreachable:
                assert_never(unreachable)

    def _decide(self, approved: bool) -> None:
        """Approve or deny; a collective decision step asks for the meeting's record first."""
        case = self.detail.case
        cases, no, actor = self._services.cases, case.case_no, self._actor
        reason = self._reason()
        if not decision_is_collective(case):
            kind = NoticeKind.APPROVAL if approved else NoticeKind.DENIAL
            self._confirmed(kind, lambda _: cases.decide(actor, no, approved, reason))()
            return
        step = case.terms.flow[case.terms.decision_step]
        dialog = CollectiveDecisionDialog(step, self._today(), approved, reason, self)
        self.record = dialog

        def decide_with(record: dict[str, str]) -> Callable[[], CaseDetail]:
            chosen, why = dialog.approved, dialog.decision_reason()
            return lambda: cases.decide(actor, no, chosen, why, collective=record)

        run_record(dialog, self._operations, decide_with, self._done)

    def _record_step(self, step: int) -> None:
        """A step outside the hall is completed with its record (事后录入)."""
        case = self.detail.case
        cases, no, actor = self._services.cases, case.case_no, self._actor
        note = self._reason()
        dialog = StepRecordDialog(case.terms.flow[step], self._today(), self)
        self.record = dialog
        run_record(
            dialog,
            self._operations,
            lambda record: lambda: cases.complete_step(actor, no, step, note, form=record),
            self._done,
        )

    def follow(self, case_no: str) -> None:
        """Show another case of the same application (the parent, or a department's child)."""
        actor = self._actor
        self._operations.run(
            lambda: self._services.cases.detail(actor, case_no), self.show_detail, self._failed
        )

    def _today(self) -> date:
        return self._services.clock.now().date()

    def _reason(self) -> str:
        return self.reason.text().strip()

    def _service(self, call: Callable[[Typed], CaseDetail]) -> Callable[[], None]:
        """The button's action: read what was typed now, then call the service off the GUI."""

        def act() -> None:
            typed = self._typed()
            self._run(lambda: call(typed))

        return act

    def _confirmed(
        self, kind: NoticeKind, call: Callable[[Typed], CaseDetail]
    ) -> Callable[[], None]:
        """Like `_service`, for a decision written for ever: shown and asked once first
        (a refusal or denial without its reason goes straight to the service, which says so)."""

        def act() -> None:
            typed = self._typed()
            if kind is not NoticeKind.APPROVAL and not typed.reason:
                self._run(lambda: call(typed))
                return
            self.confirmation = confirm_decision(
                self,
                kind,
                case_rows(self.detail.case, typed.reason),
                lambda: self._run(lambda: call(typed)),
            )

        return act

    def _typed(self) -> Typed:
        return Typed(self._reason(), self.extension.value(), self.suspension.currentData())

    def _run(self, call: Callable[[], CaseDetail]) -> None:
        self.message.clear()
        self._operations.run(call, self._done, self._failed)

    def _done(self, detail: CaseDetail) -> None:
        changes = detail.changes(self.detail.case)
        self.reason.clear()
        show_message(self.message, self.tr("已记录。"), error=False)
        one_form = detail.case.is_parent or detail.case.parent is not None
        if one_form and (detail.joint is None or detail.form is None):
            # read it again with its departments' progress or the shared form
            self.follow(detail.case.case_no)
        else:
            self.show_detail(detail)
        self.changed.emit(changes)

    def _failed(self, error: Exception) -> None:
        show_message(self.message, error_text(error), error=True)
