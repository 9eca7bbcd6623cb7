"""Attendance (考勤) as the supervision room, the administrator and a chief read it: who sat
at which window when, each person's days, and the monthly sheet — all read from the audit
trail (`app.domain.attendance`) and the approved leave, never from a record of its own.

The trail is the whole center's when this counter reaches the central, else this terminal's
own (`AuditSearch.gather`, through the sync service's link: call these on the thread that
syncs, the window's sync worker); every answer says which.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from app.domain.attendance import (
    Stint,
    presences,
    readable_departments,
    stints,
    where_was,
    who_at,
)
from app.domain.attendance_sheet import OfficeHours, SheetLine, month_days, sheet_line
from app.domain.audit import AuditQuery
from app.domain.events import CHINA_TIME
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Role
from app.domain.staff import StaffMember
from app.private_files import write_private
from app.services.audit_search import AuditSearch
from app.services.calendar import CalendarService
from app.services.errors import NotSaved
from app.services.leave import LeaveService
from app.services.time_source import Clock
from app.settings import Settings
from app.storage.unit_of_work import UnitOfWorkFactory

#: At most this many entries of the trail read for one answer (a month of a center of 400).
MOST_ENTRIES = 1_000_000
#: Roles that sit at windows and have a line on the sheet.
STAFF_ON_SHEET = (Role.CLERK, Role.CHIEF_REPRESENTATIVE)


@dataclass(frozen=True)
class Sittings:
    """Sittings found, and where the trail they come from was read, in words."""

    stints: list[Stint]
    source: Message


@dataclass(frozen=True)
class AttendanceSheet:
    month: str
    lines: list[SheetLine]
    source: Message


class AttendanceService:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        trail: AuditSearch,
        leave: LeaveService,
        calendar: CalendarService,
        settings: Settings,
        clock: Clock,
    ) -> None:
        self._uow = uow
        self._trail = trail
        self._leave = leave
        self._calendar = calendar
        self._settings = settings
        self._clock = clock

    def hours(self) -> OfficeHours:
        return OfficeHours(
            time.fromisoformat(self._settings["office_opens"]),
            time.fromisoformat(self._settings["office_closes"]),
        )

    def who_at(self, actor: Actor, window: str, moment: datetime) -> Sittings:
        """Who sat at `window` at `moment`."""
        found = self._sittings(actor, moment.astimezone(CHINA_TIME).date(), 1)
        return Sittings(who_at(found.stints, window.strip(), moment), found.source)

    def where_was(self, actor: Actor, person: str, day: date) -> Sittings:
        """Where `person` sat on `day`, in order."""
        found = self._sittings(actor, day, 1)
        return Sittings(where_was(found.stints, person.strip(), day), found.source)

    def sheet(self, actor: Actor, month: str, person: str = "") -> AttendanceSheet:
        """The month's sheet: one line per person `actor` may read (or only `person`)."""
        first, last = month_days(month)
        department = readable_departments(actor)
        found = self._sittings(actor, first, (last - first).days + 1)
        days = presences(found.stints)
        leave = self._leave.approved_for(department)
        calendar = self._calendar.calendar()
        hours, today = self.hours(), self._clock.now().date()
        lines = [
            sheet_line(
                member.username,
                member.display_name,
                member.department or "",
                month,
                is_working_day=calendar.is_working_day,
                presence={d: p for (who, d), p in days.items() if who == member.username},
                requests=[r for r in leave if r.person == member.username],
                hours=hours,
                today=today,
            )
            for member in self._people(department)
            if not person or member.username == person.strip()
        ]
        return AttendanceSheet(f"{first:%Y-%m}", lines, found.source)

    def export(self, actor: Actor, month: str, path: Path, person: str = "") -> int:
        """Write the month's sheet to an Excel file only this account can read; the number
        of lines written."""
        from app.services.attendance_export import sheet_bytes  # openpyxl only when asked

        sheet = self.sheet(actor, month, person)
        try:
            write_private(path, sheet_bytes(sheet.month, sheet.lines))
        except OSError as error:
            raise NotSaved(
                msg("考勤表未能写入 {file}：{reason}", file=str(path), reason=error.strerror or "")
            ) from error
        return len(sheet.lines)

    def _people(self, department: str | None) -> list[StaffMember]:
        with self._uow.reading() as uow:
            staff = uow.staff.all()
        return sorted(
            (
                m
                for m in staff
                if m.role in STAFF_ON_SHEET and (department is None or m.department == department)
            ),
            key=lambda m: (m.department or "", m.username),
        )

    def _sittings(self, actor: Actor, first: date, days: int) -> Sittings:
        """The sittings begun on the `days` days from `first` of the people `actor` may read."""
        department = readable_departments(actor)
        since = datetime.combine(first, time(), CHINA_TIME)
        query = AuditQuery(since=since, until=since + timedelta(days=days), limit=MOST_ENTRIES)
        found = self._trail.gather(query)
        with self._uow.reading() as uow:
            staff = uow.staff.all()
        windows = {m.username: m.window for m in staff if m.window}
        readable = {m.username for m in staff if department is None or m.department == department}
        return Sittings(
            [s for s in stints(found.entries, windows) if s.person in readable], found.source
        )
