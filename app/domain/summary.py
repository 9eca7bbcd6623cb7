"""One line of a case list: what a clerk scans in "my cases" without opening the case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from app.domain.case import CaseStatus


@dataclass(frozen=True)
class CaseSummary:
    case_id: UUID
    case_no: str
    item_code: str
    item_name: str
    department: str
    applicant_name: str
    applicant_masked_id: str
    received_by: str
    window: str
    received_at: datetime
    status: CaseStatus
    due_date: date | None  # only while the completion clock runs (accepted, not closed)
    events: int
    last_event_at: datetime
