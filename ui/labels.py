"""Titles of domain values as the interface shows them, translatable."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor

from app.domain.case import STATUS_MESSAGES, CaseStatus
from app.domain.catalog import ItemKind
from app.domain.deadline import ClockLevel, ClockPhase, Deadline
from app.domain.event_data import EventKind
from app.domain.events import EVENT_TITLES
from app.domain.roles import ROLE_MESSAGES, Role
from ui.messages import render
from ui.tr_marks import QT_TRANSLATE_NOOP


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


def event_title(kind: str) -> str:
    """An event's kind in words; a kind this version does not know, as stored."""
    return render(EVENT_TITLES[EventKind(kind)]) if kind in EVENT_TITLES else kind


class ClockText(QObject):
    """The time-limit column's words. A class of its own because lupdate gives plural forms
    (%n: "1 working day", "4 working days") only to tr() calls."""

    def title(self, clock: Deadline) -> str:
        """The countdown, the wait before acceptance, or how the case ended."""
        match clock.level:
            case ClockLevel.OVERDUE:
                return self.tr("超时 %n 个工作日", "", clock.days_overdue)
            case ClockLevel.DONE:
                return self.tr("按时办结")
            case ClockLevel.DONE_LATE:
                return self.tr("超时 %n 个工作日办结", "", clock.days_overdue)
            case ClockLevel.WAITING:
                return self.tr("等待补正 %n 个工作日", "", clock.days_waited)
            case ClockLevel.NOTICE_LATE:
                return self.tr("超过五日受理期限 %n 个工作日", "", -clock.days_left)
            case ClockLevel.CLOSED:
                return self.tr("未受理")
        if clock.phase is ClockPhase.INTAKE and clock.level is ClockLevel.WARNING:
            return self.tr("已等待 %n 个工作日，五日受理期限将满", "", clock.days_waited)
        if clock.phase is ClockPhase.INTAKE:
            return self.tr("已等待 %n 个工作日", "", clock.days_waited)
        return self.tr("剩余 %n 个工作日", "", clock.days_left)


@cache
def _clock_text() -> ClockText:
    return ClockText()


def clock_title(clock: Deadline) -> str:
    """The time-limit column: the countdown, the wait before acceptance, or how it ended."""
    return _clock_text().title(clock)


def due_title(clock: Deadline) -> str:
    """The due-date column: the date while the completion clock runs; how and when a closed
    case closed; nothing before acceptance (the clock column says how long it waits)."""
    if clock.due is not None:
        return clock.due.isoformat()
    if clock.closed_as is not None and clock.stopped_on is not None:
        return f"{status_title(clock.closed_as)} {clock.stopped_on.isoformat()}"
    return "—"


def clock_sentence(clock: Deadline) -> str:
    """The clock in a sentence, for the case and the chief's desk."""
    if clock.phase is ClockPhase.INTAKE:
        return fill(
            _tr(QT_TRANSLATE_NOOP("labels", "应于 %2 前受理或一次性告知补正，逾期视为 %1 起受理")),
            clock.waiting_since,
            clock.notice_due,
        )
    if clock.phase is ClockPhase.CORRECTION:
        return fill(
            _tr(QT_TRANSLATE_NOOP("labels", "%1 已告知补正，等待申请人补齐材料，补齐之日起受理")),
            clock.waiting_since,
        )
    if clock.phase is ClockPhase.STOPPED:
        return fill(
            _tr(QT_TRANSLATE_NOOP("labels", "%1于 %2，不再计时")),
            status_title(clock.closed_as) if clock.closed_as else "",
            clock.stopped_on,
        )
    return fill(
        _tr(QT_TRANSLATE_NOOP("labels", "承诺 %1 个工作日，应于 %2 前办结")),
        clock.days_allowed,
        clock.due,
    )


#: Red, yellow, green as the supervision screen uses them; finished cases in grey, a wait for
#: the applicant's corrections in blue.
CLOCK_COLOURS = {
    ClockLevel.ON_TIME: QColor("#1e8e3e"),
    ClockLevel.WARNING: QColor("#c77700"),
    ClockLevel.OVERDUE: QColor("#c5221f"),
    ClockLevel.DONE: QColor("#5f6368"),
    ClockLevel.DONE_LATE: QColor("#a50e0e"),
    ClockLevel.WAITING: QColor("#1a73e8"),
    ClockLevel.NOTICE_LATE: QColor("#c5221f"),
    ClockLevel.CLOSED: QColor("#5f6368"),
}


def fill(template: str, *values: object) -> str:
    """Put values into a translated template's %1, %2, … (highest first, so %10 is not %1)."""
    for number in range(len(values), 0, -1):
        template = template.replace(f"%{number}", str(values[number - 1]))
    return template
