"""Who sat at which window when (考勤), read from the audit trail: no second record.

A terminal's trail, in time order, gives its sittings (`Stint`): one begins at a LOGIN and
ends at the same person's LOGOUT there. When no logout was recorded (the counter was switched
off, the program ended without one) the sitting ends at the person's **last entry at that
terminal** before the next LOGIN there or before the day ends (a screen lock, an unlock, any
other action of theirs): the last moment the trail shows them there. A sitting never runs
past midnight (China time); one left open at the end of the day ends at its last entry.
Entries of other people at the terminal meanwhile (a failed login) do not end it.

The window is the one the LOGIN entry names (`details["window"]`); a LOGIN written before
entries named it falls back to the person's window on record, else the terminal's name.

A day's sign-in is the start of its first sitting, its sign-out the end of its last; the
supervision room asks `who_at(window, moment)` and `where_was(person, day)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from app.domain.audit import AuditAction, AuditEntry
from app.domain.events import CHINA_TIME
from app.domain.messages import msg
from app.domain.roles import Actor, Permission, PermissionDenied, Role


@dataclass(frozen=True)
class Stint:
    """One person at one terminal (and window) from `start` to `end`; `logged_out` tells
    whether `end` is a recorded LOGOUT or the last entry the trail shows."""

    person: str
    terminal: str
    window: str
    start: datetime
    end: datetime
    logged_out: bool

    @property
    def day(self) -> date:
        return self.start.astimezone(CHINA_TIME).date()

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


@dataclass(frozen=True)
class DayPresence:
    """A person's day: sign-in, sign-out and the windows they sat at."""

    person: str
    day: date
    signed_in: datetime
    signed_out: datetime
    logged_out: bool
    windows: tuple[str, ...]


def stints(entries: Iterable[AuditEntry], windows: Mapping[str, str] | None = None) -> list[Stint]:
    """The sittings the entries show, ordered by start. `windows` maps a person to their
    window on record, for a LOGIN that does not name one."""
    windows = windows or {}
    by_terminal: dict[str, list[AuditEntry]] = {}
    for entry in entries:
        by_terminal.setdefault(entry.terminal, []).append(entry)
    found: list[Stint] = []
    for terminal, its in by_terminal.items():
        found.extend(_terminal_stints(terminal, sorted(its, key=lambda e: e.at), windows))
    return sorted(found, key=lambda s: (s.start, s.terminal))


def _terminal_stints(
    terminal: str, entries: list[AuditEntry], windows: Mapping[str, str]
) -> list[Stint]:
    found: list[Stint] = []
    open_: Stint | None = None
    for entry in entries:
        if open_ is not None and _day(entry.at) != open_.day:
            found.append(open_)  # the day ended without a logout: its last entry stands
            open_ = None
        if entry.action is AuditAction.LOGIN:
            if open_ is not None:
                found.append(open_)
            window = entry.details.get("window") or windows.get(entry.actor) or terminal
            open_ = Stint(entry.actor, terminal, window, entry.at, entry.at, False)
        elif open_ is not None and entry.actor == open_.person:
            open_ = replace(open_, end=entry.at, logged_out=entry.action is AuditAction.LOGOUT)
            if open_.logged_out:
                found.append(open_)
                open_ = None
    if open_ is not None:
        found.append(open_)
    return found


def _day(moment: datetime) -> date:
    return moment.astimezone(CHINA_TIME).date()


def presences(found: Iterable[Stint]) -> dict[tuple[str, date], DayPresence]:
    """Each person's days, from their sittings."""
    days: dict[tuple[str, date], DayPresence] = {}
    for stint in sorted(found, key=lambda s: s.start):
        key = (stint.person, stint.day)
        before = days.get(key)
        if before is None:
            days[key] = DayPresence(
                stint.person, stint.day, stint.start, stint.end, stint.logged_out, (stint.window,)
            )
            continue
        later = stint.end >= before.signed_out
        days[key] = replace(
            before,
            signed_out=stint.end if later else before.signed_out,
            logged_out=stint.logged_out if later else before.logged_out,
            windows=before.windows + (() if stint.window in before.windows else (stint.window,)),
        )
    return days


def who_at(found: Iterable[Stint], window: str, moment: datetime) -> list[Stint]:
    """Who sat at `window` at `moment` (more than one when two terminals stand there)."""
    return [s for s in found if s.window == window and s.covers(moment)]


def where_was(found: Iterable[Stint], person: str, day: date) -> list[Stint]:
    """Where `person` sat on `day`, in order."""
    return [s for s in found if s.person == person and s.day == day]


def readable_departments(actor: Actor) -> str | None:
    """Whose attendance `actor` reads: None for every department (administrators and
    supervision), the chief's own department; PermissionDenied for anyone else (a clerk
    reads only their own line, through `own_only`)."""
    if actor.can(Permission.VIEW_ALL_CASES):
        return None
    if actor.role is Role.CHIEF_REPRESENTATIVE and actor.department:
        return actor.department
    raise PermissionDenied(msg("只有中心管理员、电子监察和首席代表可以查看考勤"))
