"""Asking for leave (请假): the kind, the first and last day with their half days, the reason.

The request is written on the storage worker; a refusal (an overlap, no reason, the end before
the start) is shown under the form and everything typed stays.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.bootstrap import Services
from app.domain.leave import LEAVE_KIND_MESSAGES, Half, HalfDay, LeaveKind, LeavePeriod
from app.domain.roles import Actor
from ui.feedback import show_message
from ui.messages import error_text, render
from ui.operations import Operations


def date_edit(name: str, day: date, shown: str = "yyyy-MM-dd") -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(shown)
    return edit


def day_of(edit: QDateEdit) -> date:
    shown = edit.date()
    return date(shown.year(), shown.month(), shown.day())


class HalfDayEdit(QWidget):
    """A day and which half of it: 上午 or 下午."""

    def __init__(self, name: str, day: date, half: HalfDay) -> None:
        super().__init__()
        self.day = date_edit(f"{name}_day", day)
        self.half = QComboBox()
        self.half.setObjectName(f"{name}_half")
        self.half.addItem(self.tr("上午"), HalfDay.MORNING.value)
        self.half.addItem(self.tr("下午"), HalfDay.AFTERNOON.value)
        self.half.setCurrentIndex(self.half.findData(half.value))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.half)

    def value(self) -> Half:
        return Half(day_of(self.day), HalfDay(self.half.currentData()))


class LeaveDialog(QDialog):
    """The signed-in person asks for leave for themselves."""

    asked = Signal()

    def __init__(
        self, services: Services, work: Operations, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leave_ask")
        self.setWindowTitle(self.tr("请假"))
        self._services, self._work, self._actor = services, work, actor
        today = services.clock.now().date()
        self.kind = QComboBox()
        self.kind.setObjectName("leave_kind")
        for kind in LeaveKind:
            self.kind.addItem(render(LEAVE_KIND_MESSAGES[kind]), kind.value)
        self.first = HalfDayEdit("leave_first", today, HalfDay.MORNING)
        self.last = HalfDayEdit("leave_last", today, HalfDay.AFTERNOON)
        self.reason = QLineEdit()
        self.reason.setObjectName("leave_reason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("请假事由"))
        self.message = QLabel()
        self.message.setObjectName("leave_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.submit = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.submit.setObjectName("leave_submit")
        self.submit.setText(self.tr("提交"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("自"), self.first)
        form.addRow(self.tr("至"), self.last)
        form.addRow(self.tr("事由"), self.reason)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def send(self) -> None:
        kind = LeaveKind(self.kind.currentData())
        period = LeavePeriod(self.first.value(), self.last.value())
        reason, actor = self.reason.text(), self._actor
        self.submit.setEnabled(False)
        self._work.run(
            lambda: self._services.leave.ask(actor, kind, period, reason),
            self._done,
            self._refused,
        )

    def _done(self, _: object) -> None:
        self.asked.emit()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.submit.setEnabled(True)
        show_message(self.message, error_text(error), error=True)
