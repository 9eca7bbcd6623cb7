"""The daily report (当日办件日结单) of this terminal: the day's figures and the day's anchor, read
from the store (`app.domain.daily_report` says what is counted and checked). Printing it, on
the slip printer or as a PDF, is `PrintService`'s work.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, timedelta

from app.domain.daily_report import DailyReport, anchor, day_checkpoint, day_figures
from app.domain.events import Event
from app.domain.messages import MessageError, msg
from app.domain.roles import Actor, Permission
from app.services.checkpoint_audit import log_leaves
from app.services.time_source import Clock
from app.settings import Settings
from app.storage.case_repository import UnreadableRow
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class NotYet(MessageError, ValueError):
    """A report asked for a day that has not come yet."""


class DailyReportService:
    """Reads the report of this terminal (the `terminal_name` setting) for the staff of its
    windows; the administrator may read it too (the command line)."""

    def __init__(self, uow: UnitOfWorkFactory, settings: Settings, clock: Clock) -> None:
        self._uow = uow
        self._settings = settings
        self._clock = clock

    def today(self) -> date:
        return self._clock.now().date()

    def report(self, actor: Actor, day: date | None = None) -> DailyReport:
        """The report of this terminal for `day` (today by default)."""
        actor.require(Permission.DAILY_REPORT, msg("打印日结单"))
        day = day or self.today()
        if day > self.today():
            raise NotYet(msg("{day} 还没有到，没有日结单", day=day.isoformat()))
        terminal = self._settings["terminal_name"]
        # events are stamped in China time; a day either side covers any other offset
        start = (day - timedelta(days=1)).isoformat() if day > date.min else ""
        end = (day + timedelta(days=2)).isoformat()
        with self._uow.reading() as uow:
            stored = uow.cases.stored_logs(uow.cases.cases_written_by(terminal, start, end))
            figures = day_figures(map(_readable, stored.values()), terminal, day)
            checkpoint = day_checkpoint(uow.checkpoints.held(), terminal, day)
            held = None
            if checkpoint is not None:
                leaves = [item for _, item in log_leaves(uow, terminal)]
                held = anchor(checkpoint, leaves, figures.leaves)
        if figures.unreadable:
            log.warning("daily report %s: %d cases do not read", day, figures.unreadable)
        if held is not None and not held.holds:
            log.warning("daily report %s: the log does not hold against the day's checkpoint", day)
        return DailyReport(figures, held, self._settings["center_name"], actor.window)


def _readable(stored: Sequence[Event | UnreadableRow]) -> list[Event]:
    """The log, or nothing when a row of it does not read (the report counts it unreadable)."""
    events = [event for event in stored if isinstance(event, Event)]
    return events if len(events) == len(stored) else []
