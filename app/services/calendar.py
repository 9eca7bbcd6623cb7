"""The working-day calendar as the center keeps it: loaded yearly, read by every clock."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from app.domain.audit import AuditAction, AuditEntry
from app.domain.calendar import CalendarError, WorkCalendar, YearSchedule
from app.domain.messages import msg
from app.domain.roles import Actor, Permission
from app.services.audit import AuditTrail
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)

#: How far ahead the administrator is warned about a year whose schedule is missing.
LOOKAHEAD_DAYS = 60


class CalendarService:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, audit: AuditTrail) -> None:
        self._uow = uow
        self._clock = clock
        self._audit = audit
        self._calendar: WorkCalendar | None = None

    def calendar(self) -> WorkCalendar:
        """The work calendar, read on first use and read again, on the thread that changed
        it, right after a schedule is loaded (never left for the GUI thread to rebuild)."""
        if self._calendar is None:
            self._calendar = self._read()
        return self._calendar

    def _read(self) -> WorkCalendar:
        with self._uow.reading() as uow:
            return WorkCalendar(uow.calendar.schedules())

    def due(self, start: date, days: int) -> date:
        return self.calendar().add_working_days(start, days)

    def load_file(self, actor: Actor | None, path: Path) -> YearSchedule:
        """Load (or replace) one year's schedule from its JSON file."""
        if actor is not None:
            actor.require(Permission.MANAGE_CALENDAR, msg("维护节假日安排"))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CalendarError(
                msg("无法读取节假日安排文件 {file}：{error}", file=path.name, error=str(error))
            ) from error
        except RecursionError:
            raise CalendarError(
                msg("节假日安排文件 {file} 嵌套过深，不是节假日安排", file=path.name)
            ) from None
        schedule = YearSchedule.from_json(data)
        entry = None
        if actor is not None:
            entry = self._audit.entry(
                actor.username,
                AuditAction.CALENDAR_IMPORTED,
                str(schedule.year),
                {"file": path.name},
            )
        return self.adopt(schedule, entry)

    def adopt(self, schedule: YearSchedule, audit: AuditEntry | None = None) -> YearSchedule:
        """Load (or replace) one year's schedule, read from a file or published centrally;
        `audit` (who loaded it) is written in the same transaction."""
        others = [s for s in self.calendar().schedules if s.year != schedule.year]
        WorkCalendar([*others, schedule])  # refuses a schedule that clashes with its neighbours
        with self._uow() as uow:
            uow.calendar.save(schedule, self._clock.now())
            if audit is not None:
                uow.audit.add(audit)
            uow.commit()
        self._calendar = self._read()
        log.info("holiday schedule for %s loaded", schedule.year)
        return schedule

    def missing_years(self) -> list[int]:
        """Years the next weeks reach whose schedule is not loaded: tell the administrator."""
        today = self._clock.now().date()
        calendar = self.calendar()
        horizon = calendar.add_working_days(today, LOOKAHEAD_DAYS)
        return calendar.unloaded_years(today, horizon)
