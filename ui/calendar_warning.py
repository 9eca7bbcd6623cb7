"""The administrator's warning in the status bar that next year's holidays are not loaded
yet (deadlines are counted Monday to Friday meanwhile), asked on the storage worker."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from app.bootstrap import Services
from app.domain.roles import Actor, Permission
from ui.labels import fill
from ui.messages import error_text
from ui.operations import Operations


def check_calendar(
    window: QMainWindow, services: Services, operations: Operations, actor: Actor
) -> None:
    """Ask for the years not loaded, and say so (or clear the bar) when they are known."""
    if not actor.can(Permission.MANAGE_CALENDAR):
        return
    bar = window.statusBar()

    def warn(years: list[int]) -> None:
        if not years:
            bar.clearMessage()
            return
        text = QCoreApplication.translate(
            "CounterWindow", "%1年节假日安排尚未加载，期限暂按周一至周五计算，请尽快加载。"
        )
        bar.showMessage(fill(text, "、".join(str(y) for y in years)))

    operations.run(
        services.calendar.missing_years, warn, lambda error: bar.showMessage(error_text(error))
    )
