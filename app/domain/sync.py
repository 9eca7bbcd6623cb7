"""Sync with the central database, in the words of the domain: what became of each event sent
up, the events held back in quarantine, and how far this counter is behind.

Push is idempotent: an event's id is its key, so an event sent twice is a `DUPLICATE` (the
same content already there) and does no harm. An event the central refuses is kept locally in
quarantine for the supervisor, never dropped and never in the way of the events after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.messages import Message, msg


class PushOutcome(StrEnum):
    ACCEPTED = "accepted"  # now on the central
    DUPLICATE = "duplicate"  # already there with the same content (sent before)
    INTEGRITY = "integrity"  # the same id is there with different content
    FORK = "fork"  # another event already holds this position of the case
    REJECTED = "rejected"  # refused: broken chain, bad hash, not this counter's to send

    @property
    def delivered(self) -> bool:
        """The central holds this very event."""
        return self in (PushOutcome.ACCEPTED, PushOutcome.DUPLICATE)


OUTCOME_TITLES = {
    PushOutcome.ACCEPTED: msg("已上传"),
    PushOutcome.DUPLICATE: msg("中心已有（重复上传）"),
    PushOutcome.INTEGRITY: msg("中心有同编号但内容不同的记录"),
    PushOutcome.FORK: msg("中心该办件的同一环节已有另一条记录（分叉）"),
    PushOutcome.REJECTED: msg("中心拒收"),
}


class Direction(StrEnum):
    PUSH = "push"  # ours, refused by the central
    PULL = "pull"  # the central's, which does not fit the case as this counter holds it


@dataclass(frozen=True)
class Quarantined:
    """An event held back, with the reason; the event's row is kept whole."""

    event_id: str
    case_id: str
    position: int
    direction: Direction
    outcome: PushOutcome
    reason: Message
    at: datetime
    event: dict[str, object]


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says about sync."""

    configured: bool
    online: bool
    waiting: int  # this counter's events not yet on the central
    quarantined: int
    last_sync: datetime | None
    problem: Message | None  # the last failure, None when the last attempt worked
