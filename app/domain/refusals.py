"""A change the central refused, kept as a fact of its own: the counter converges with the
central without deleting or changing anything.

Two administrators (two chiefs) change the same person, window or leave request at two
counters before either syncs: both write the same version (position) of its log; the central
keeps the first to arrive and refuses the second. The second counter records that refusal
(`Refusal`: which event, the central's reason, when) beside its log, append-only like the
log. Its folds then leave the refused event out (`standing`), so the central's event of that
version follows what this counter holds and is taken in at the pull: both counters show the
same. The refused event stays in the log, readable (what was typed is never lost), and the
administrator makes the change again on top of the current version.

One mechanism for the three logs that can clash this way (`RefusedLog`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar
from uuid import UUID

from app.domain.audit import ACTION_MESSAGES, AuditAction
from app.domain.messages import Message, msg
from app.domain.staff_events import AUDIT_ACTIONS, KINDS
from app.domain.windows import KIND_MESSAGES, WindowEventKind


class RefusedLog(StrEnum):
    """The logs whose events a central may refuse for a clash (their table's name)."""

    STAFF = "staff_events"
    WINDOWS = "window_events"
    LEAVE = "leave_events"


#: What each log's subject is, in words (人员 wang01, 窗口 A04, 请假 3f2a…).
SUBJECT_MESSAGES: dict[RefusedLog, Message] = {
    RefusedLog.STAFF: msg("人员"),
    RefusedLog.WINDOWS: msg("窗口"),
    RefusedLog.LEAVE: msg("请假"),
}


@dataclass(frozen=True)
class Refusal:
    """The central refused the event `event_id` of `log`, the `position`-th of `subject`'s
    log, for `reason` (its own words); recorded here `at`."""

    event_id: UUID
    log: RefusedLog
    subject: str
    position: int
    reason: Message
    at: datetime


@dataclass(frozen=True)
class RefusedChange:
    """A refused change as the administrator reads it: who typed what, the values they
    typed (`values`, field → value as text), and why the central did not take it."""

    refusal: Refusal
    actor: str
    at: datetime
    what: str  # the event's kind as stored (staff_changed, approved, …)
    values: tuple[tuple[str, str], ...]

    @property
    def title(self) -> Message:
        """What the change was, in words (修改人员, 修改, 不批准请假 …)."""
        log = self.refusal.log
        if log is RefusedLog.STAFF:
            by_kind = {kind: AUDIT_ACTIONS[change] for change, kind in KINDS.items()}
            return ACTION_MESSAGES[by_kind[self.what]]
        if log is RefusedLog.WINDOWS:
            return KIND_MESSAGES[WindowEventKind(self.what)]
        return ACTION_MESSAGES[AuditAction(f"leave_{self.what}")]


class _Identified(Protocol):
    @property
    def id(self) -> UUID: ...


E = TypeVar("E", bound=_Identified)


def standing(events: Iterable[E], refused: Collection[UUID]) -> list[E]:
    """The events of a log that count: all but those the central refused (a fold reads
    these; the refused stay in the log)."""
    return [event for event in events if event.id not in refused]
