"""A case's event history (办件环节记录) as the case window shows it: one row per event, with
its time, what happened (the step's name, approved or not), who did it, at which window, and a
note (what is missing, why it was suspended or extended, the out-of-hall record, the collective
decision, the certificate number)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.domain.case import SUSPENSION_MESSAGES, Case
from app.domain.event_data import (
    CorrectionRequested,
    Decided,
    Extended,
    Issued,
    PickedUp,
    Refused,
    Returned,
    StepCompleted,
    Suspended,
    UnknownEvent,
    Withdrawn,
)
from app.domain.events import Event
from app.domain.events import event_title as domain_event_title
from ui.labels import event_title, fill
from ui.messages import render


class EventHistory(QTreeWidget):
    """The timeline of the case window: every event of the case, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setHeaderLabels(
            [self.tr("时间"), self.tr("环节"), self.tr("经办人"), self.tr("窗口"), self.tr("说明")]
        )
        self.setRootIsDecorated(False)

    def show_events(self, case: Case) -> None:
        self.clear()
        for event in case.events:
            self.addTopLevelItem(
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
            self.resizeColumnToContents(column)

    def _event_name(self, case: Case, event: Event) -> str:
        match event.data:
            case StepCompleted(step) | Returned(step):
                return f"{event_title(event.kind)}：{case.terms.flow[step].name}"
            case Decided(approved):
                return event_title(event.kind) + (
                    self.tr("（准予）") if approved else self.tr("（不予）")
                )
            case UnknownEvent() as unknown:
                return render(domain_event_title(unknown))
        return event_title(event.kind)

    def _event_note(self, event: Event) -> str:
        match event.data:
            case CorrectionRequested(missing):
                return self.tr("需补正：") + "、".join(missing)
            case Suspended(reason, note):
                return render(SUSPENSION_MESSAGES[reason]) + " " + note
            case Extended(days, reason):
                return fill(self.tr("延长 %1 个工作日："), days) + reason
            case StepCompleted(_, note, form):
                if not form:
                    return note
                return fill(
                    self.tr("%1 在%2，%3：%4"),
                    form["done_on"],
                    form["place"],
                    form["staff"],
                    form["findings"],
                )
            case Decided() as decided:
                return self._decision_note(decided)
            case Refused(reason) | Returned(_, reason) | Withdrawn(reason):
                return reason
            case Issued(certificate_no):
                return certificate_no
            case PickedUp(picked_up_by):
                return picked_up_by
        return ""

    def _decision_note(self, decided: Decided) -> str:
        parts = [decided.reason] if decided.reason else []
        if decided.collective:
            record = decided.collective
            parts.append(
                fill(
                    self.tr("%1（%2）集体决策：%3"),
                    record["body"],
                    record["held_on"],
                    record["resolution"],
                )
            )
        if decided.credit_code:
            parts.append(fill(self.tr("统一社会信用代码 %1"), decided.credit_code))
        return "；".join(parts)
