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
class Changes:
    """What an operation changed, so that each screen reads again only what shows it (after
    Anki's `OpChanges`), not every list after every action."""

    #: the numbers of the cases written
    cases: frozenset[str] = frozenset()
    #: the lists of cases (mine, the department's) may show something else now
    case_lists: bool = False
    #: the chief representatives' queue of cases waiting for their decision may differ
    decision_queue: bool = False


#: What a sync round that brought other terminals' events changed: anything.
PULLED = Changes(case_lists=True, decision_queue=True)


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

    def changes(self, before: Case | None = None) -> Changes:
        """What writing this case changed, `before` being the case as the window had it (none
        for a new one): the case, and a one-form application's children; the case lists;
        the decision queue when the case waits for a decision now or did before."""
        children = {row.ref.case_no for row in self.joint.children} if self.joint else set()
        waiting = self.case.awaiting_decision or (before is not None and before.awaiting_decision)
        return Changes(
            frozenset({self.case.case_no, *children}),
            case_lists=True,
            decision_queue=waiting or bool(children),
        )


@dataclass(frozen=True)
class CaseListEntry:
    summary: CaseSummary
    deadline: Deadline


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
