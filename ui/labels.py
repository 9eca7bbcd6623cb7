"""Titles of domain values as the interface shows them, translatable."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from app.domain.case import CaseStatus
from app.domain.catalog import ItemKind
from app.domain.clock import ClockLevel
from app.domain.events import EventKind
from app.domain.roles import Role


def _tr(text: str) -> str:
    """Translate a title marked with QT_TRANSLATE_NOOP in this module's context."""
    return QCoreApplication.translate("labels", text)


def status_title(status: CaseStatus) -> str:
    return _tr(
        {
            CaseStatus.RECEIVED: QT_TRANSLATE_NOOP("labels", "待受理"),
            CaseStatus.AWAITING_CORRECTION: QT_TRANSLATE_NOOP("labels", "待补正"),
            CaseStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("labels", "办理中"),
            CaseStatus.SUSPENDED: QT_TRANSLATE_NOOP("labels", "暂停计时"),
            CaseStatus.APPROVED: QT_TRANSLATE_NOOP("labels", "准予许可"),
            CaseStatus.DENIED: QT_TRANSLATE_NOOP("labels", "不予许可"),
            CaseStatus.ISSUED: QT_TRANSLATE_NOOP("labels", "已办结"),
            CaseStatus.PICKED_UP: QT_TRANSLATE_NOOP("labels", "已取件"),
            CaseStatus.REFUSED: QT_TRANSLATE_NOOP("labels", "不予受理"),
            CaseStatus.WITHDRAWN: QT_TRANSLATE_NOOP("labels", "已撤回"),
        }[status]
    )


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
    return _tr(
        {
            Role.CLERK: QT_TRANSLATE_NOOP("labels", "窗口人员"),
            Role.CHIEF_REPRESENTATIVE: QT_TRANSLATE_NOOP("labels", "首席代表"),
            Role.SUPERVISOR: QT_TRANSLATE_NOOP("labels", "电子监察"),
            Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("labels", "系统管理员"),
            Role.KIOSK: QT_TRANSLATE_NOOP("labels", "自助终端"),
        }[role]
    )


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


def clock_title(level: ClockLevel, days_left: int) -> str:
    if level is ClockLevel.OVERDUE:
        return QCoreApplication.translate("labels", "超时 %n 个工作日", None, -days_left)
    if level is ClockLevel.DONE:
        return QCoreApplication.translate("labels", "按时办结")
    if level is ClockLevel.DONE_LATE:
        return QCoreApplication.translate("labels", "超时办结")
    return QCoreApplication.translate("labels", "剩余 %n 个工作日", None, days_left)


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
