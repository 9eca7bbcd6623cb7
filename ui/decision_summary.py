"""What the chief's decision rests on, in a few lines above the shared form: the case and
its item, the applicant (masked ID), the clock, the deciding department and step (and whether
it must be decided collectively), an extension already granted, the one-form parent case, and
a warning when the case is not at its decision step."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.services.views import CaseDetail
from ui.labels import CLOCK_COLOURS, clock_sentence, clock_title, fill
from ui.step_record import decision_is_collective


class DecisionSummary(QLabel):
    """The case in view at the chief's desk, summed up for the decision (rich text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("desk_summary")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_detail(self, detail: CaseDetail) -> None:
        self.setText(self._summary(detail))

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
