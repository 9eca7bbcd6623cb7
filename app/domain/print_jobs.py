"""A slip waiting in the reprint queue (补打队列): which, for whom, and why it did not print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from app.domain.messages import Message


@dataclass(frozen=True)
class PrintJob:
    id: UUID
    case_no: str
    kind: str  # a printing.slips.SlipKind value
    queued_at: datetime
    queued_by: str
    reason: Message  # the printer's last answer, for the clerk (stored as its template)
    attempts: int
    done_at: datetime | None = None
