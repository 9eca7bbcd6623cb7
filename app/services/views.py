"""What the services hand to the window and the command line: cases with their clocks."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.case import Case
from app.domain.deadline import Deadline
from app.domain.enterprise_form import EnterpriseForm
from app.domain.joint import JointProgress
from app.domain.summary import CaseSummary
from app.domain.sync import Quarantined


@dataclass(frozen=True)
class CaseDetail:
    """One case, its whole timeline and where it stands against its committed time."""

    case: Case
    deadline: Deadline
    department_name: str
    #: One-form cases: the shared form (a child reads its parent's) and, for the parent,
    #: where each department stands.
    form: EnterpriseForm | None = None
    joint: JointProgress | None = None


@dataclass(frozen=True)
class CaseListEntry:
    summary: CaseSummary
    #: None when the case's log is gone or does not fold (tampered): the list names the case
    #: and goes on; `verify` says what is wrong.
    deadline: Deadline | None


@dataclass(frozen=True)
class DecisionQueue:
    """A page of the cases waiting for a decision: where it starts, how long a page is, and how
    many wait in all."""

    entries: list[CaseListEntry]
    total: int
    start: int
    page: int


@dataclass(frozen=True)
class HeldEvent:
    """An event in the sync quarantine, with the number of its case (when known here)."""

    held: Quarantined
    case_no: str
    kind: str
