"""Titles of domain values as the interface shows them, translatable."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QColor

from app.domain.case import STATUS_MESSAGES, CaseStatus
from app.domain.catalog import ItemKind
from app.domain.clock import ClockLevel
from app.domain.events import EventKind
from app.domain.roles import ROLE_MESSAGES, Role
from ui.messages import render


def _tr(text: str) -> str:
    """Translate a title marked with QT_TRANSLATE_NOOP in this module's context."""
    return QCoreApplication.translate("labels", text)


def status_title(status: CaseStatus) -> str:
    return render(STATUS_MESSAGES[status])


def kind_title(kind: ItemKind) -> str:
    return _tr(
        {
            ItemKind.IMMEDIATE: QT_TRANSLATE_NOOP("labels", "即办件"),
            ItemKind.PROMISED: QT_TRANSLATE_NOOP("labels", "承诺件"),
            ItemKind.REPORTED: QT_TRANSLATE_NOOP("labels", "上报件"),
            ItemKind.JOINT: QT_TRANSLATE_NOOP("labels", "联办件"),
        }[kind]
    )


def role_title(role: Role) -> str:
    return render(ROLE_MESSAGES[role])


def event_title(kind: EventKind) -> str:
    return _tr(
        {
            EventKind.RECEIVED: QT_TRANSLATE_NOOP("labels", "接件"),
            EventKind.ACCEPTED: QT_TRANSLATE_NOOP("labels", "受理"),
            EventKind.CORRECTION_REQUESTED: QT_TRANSLATE_NOOP("labels", "一次性补正告知"),
            EventKind.MATERIALS_SUPPLEMENTED: QT_TRANSLATE_NOOP("labels", "补齐材料"),
            EventKind.REFUSED: QT_TRANSLATE_NOOP("labels", "不予受理"),
            EventKind.STEP_COMPLETED: QT_TRANSLATE_NOOP("labels", "环节办理完成"),
            EventKind.RETURNED: QT_TRANSLATE_NOOP("labels", "退回"),
            EventKind.SUSPENDED: QT_TRANSLATE_NOOP("labels", "暂停计时"),
            EventKind.RESUMED: QT_TRANSLATE_NOOP("labels", "恢复计时"),
            EventKind.EXTENDED: QT_TRANSLATE_NOOP("labels", "延长期限"),
            EventKind.DECIDED: QT_TRANSLATE_NOOP("labels", "作出决定"),
            EventKind.ISSUED: QT_TRANSLATE_NOOP("labels", "发证办结"),
            EventKind.PICKED_UP: QT_TRANSLATE_NOOP("labels", "取件"),
            EventKind.WITHDRAWN: QT_TRANSLATE_NOOP("labels", "撤回"),
        }[kind]
    )


class ClockText(QObject):
    """The time-limit column's words. A class of its own because lupdate gives plural forms
    (%n: "1 working day", "4 working days") only to tr() calls."""

    def title(self, level: ClockLevel, days_left: int) -> str:
        if level is ClockLevel.OVERDUE:
            return self.tr("超时 %n 个工作日", "", -days_left)
        if level is ClockLevel.DONE:
            return self.tr("按时办结")
        if level is ClockLevel.DONE_LATE:
            return self.tr("超时办结")
        return self.tr("剩余 %n 个工作日", "", days_left)


@cache
def _clock_text() -> ClockText:
    return ClockText()


def clock_title(level: ClockLevel, days_left: int) -> str:
    return _clock_text().title(level, days_left)


#: Red, yellow, green as the supervision screen uses them; finished cases in grey.
CLOCK_COLOURS = {
    ClockLevel.ON_TIME: QColor("#1e8e3e"),
    ClockLevel.WARNING: QColor("#c77700"),
    ClockLevel.OVERDUE: QColor("#c5221f"),
    ClockLevel.DONE: QColor("#5f6368"),
    ClockLevel.DONE_LATE: QColor("#a50e0e"),
}


def fill(template: str, *values: object) -> str:
    """Put values into a translated template's %1, %2, … (highest first, so %10 is not %1)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
