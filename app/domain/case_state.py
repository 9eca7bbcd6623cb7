"""What a case is now (办件状态): its state derived by folding its events, one at a time.

`CaseState.from_events` replays the log; `apply` is the fold, an exhaustive `match` over the
typed events (mypy checks with `assert_never` that every kind is handled). An event this
version cannot read is kept in the log and skipped, with a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Self, assert_never
from uuid import UUID

from app.domain.applicant import Applicant
from app.domain.catalog import FlowStep
from app.domain.event_data import (
    Accepted,
    CaseRef,
    CorrectionRequested,
    Decided,
    EventKind,
    Extended,
    Issued,
    MaterialsSupplemented,
    PickedUp,
    Received,
    Refused,
    ReportedUp,
    Resumed,
    Returned,
    StepCompleted,
    Suspended,
    SuspensionReason,
    UnknownEvent,
    Withdrawn,
)
from app.domain.events import GENESIS_HASH, Event
from app.domain.messages import Message, msg
from app.domain.terms import CaseTerms

log = logging.getLogger(__name__)


class CaseStatus(StrEnum):
    RECEIVED = "received"  # 已接件，待受理
    AWAITING_CORRECTION = "awaiting_correction"  # 待补正
    IN_PROGRESS = "in_progress"  # 办理中
    SUSPENDED = "suspended"  # 特别程序（暂停计时）
    APPROVED = "approved"  # 准予许可，待发证
    DENIED = "denied"  # 不予许可
    ISSUED = "issued"  # 已办结，待取件
    PICKED_UP = "picked_up"  # 已取件
    REFUSED = "refused"  # 不予受理
    WITHDRAWN = "withdrawn"  # 已撤回


OPEN_STATUSES = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.AWAITING_CORRECTION,
        CaseStatus.IN_PROGRESS,
        CaseStatus.SUSPENDED,
        CaseStatus.APPROVED,
    }
)
#: The committed time runs until one of these; the case clock stops there.
CLOCK_STOPPING_KINDS = frozenset(
    {EventKind.ISSUED, EventKind.REFUSED, EventKind.WITHDRAWN, EventKind.DECIDED}
)

#: Each status in words, defined once: the window translates these, print and CLI use str().
STATUS_MESSAGES: dict[CaseStatus, Message] = {
    CaseStatus.RECEIVED: msg("待受理", "status"),
    CaseStatus.AWAITING_CORRECTION: msg("待补正", "status"),
    CaseStatus.IN_PROGRESS: msg("办理中", "status"),
    CaseStatus.SUSPENDED: msg("暂停计时", "status"),
    CaseStatus.APPROVED: msg("准予许可", "status"),
    CaseStatus.DENIED: msg("不予许可", "status"),
    CaseStatus.ISSUED: msg("已办结", "status"),
    CaseStatus.PICKED_UP: msg("已取件", "status"),
    CaseStatus.REFUSED: msg("不予受理", "status"),
    CaseStatus.WITHDRAWN: msg("已撤回", "status"),
}
STATUS_TITLES: dict[CaseStatus, str] = {s: str(m) for s, m in STATUS_MESSAGES.items()}
#: Each Art. 45 procedure in words, defined once like the statuses.
SUSPENSION_MESSAGES: dict[SuspensionReason, Message] = {
    SuspensionReason.HEARING: msg("听证"),
    SuspensionReason.TENDERING: msg("招标"),
    SuspensionReason.AUCTION: msg("拍卖"),
    SuspensionReason.INSPECTION: msg("检验"),
    SuspensionReason.TESTING: msg("检测"),
    SuspensionReason.QUARANTINE: msg("检疫"),
    SuspensionReason.APPRAISAL: msg("鉴定"),
    SuspensionReason.EXPERT_REVIEW: msg("专家评审"),
}


@dataclass(frozen=True)
class Pause:
    """A span in which the case clock stands still: a correction wait, an Art. 45 procedure."""

    start: datetime
    end: datetime | None
    reason: str


@dataclass
class CaseState:
    """The derived state of one case. Build it with `from_events`; never set fields by hand."""

    case_id: UUID
    case_no: str
    terms: CaseTerms
    applicant: Applicant
    received_at: datetime
    events: list[Event] = field(default_factory=list)
    status: CaseStatus = CaseStatus.RECEIVED
    materials: tuple[str, ...] = ()
    missing_materials: tuple[str, ...] = ()
    correction_requested: bool = False
    current_step: int | None = None
    step_started: dict[int, datetime] = field(default_factory=dict)
    pauses: list[Pause] = field(default_factory=list)
    extension_days: int = 0
    stopped_at: datetime | None = None  # the clock's end: decision, refusal, withdrawal
    outcome_reason: str = ""
    #: One-form applications: the parent holds the form and its children, a child its parent.
    parent: CaseRef | None = None
    children: tuple[CaseRef, ...] = ()
    form: Mapping[str, Any] | None = None
    credit_code: str = ""  # assigned when a business license is approved
    collective: Mapping[str, Any] | None = None  # the collective decision's record
    reported_to: str = ""  # the center above the case was reported up to (上报), if any
    #: Events recorded by commands since the case was loaded, not yet stored (`take_pending`).
    pending: list[Event] = field(default_factory=list, compare=False, repr=False)

    # ---- replaying the log -------------------------------------------------------------

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> Self:
        if not events or not isinstance(events[0].data, Received):
            raise ValueError("a case's log must begin with its receipt")
        first = events[0].data
        case = cls(
            case_id=events[0].case_id,
            case_no=first.case_no,
            terms=first.terms,
            applicant=first.applicant,
            received_at=events[0].at,
            materials=first.materials,
            parent=first.parent,
            children=first.children,
            form=first.form,
        )
        case.events.append(events[0])
        for event in events[1:]:
            case.apply(event)
        return case

    @classmethod
    def with_arrivals(cls, held: Sequence[Event], arrived: Sequence[Event]) -> Self:
        """The case as held here with events written elsewhere (pulled from the central)
        folded on, those pending like the case's own."""
        case = cls.from_events([*held, *arrived])
        case.pending.extend(arrived)
        return case

    def apply(self, event: Event) -> None:
        """Fold one more event into the state (the event was checked when it was made)."""
        at = event.at
        match event.data:
            case Accepted(materials):
                self.status = CaseStatus.IN_PROGRESS
                self.materials = materials
                self.missing_materials = ()
                self.step_started[0] = self.received_at
                self._enter_step(1, at)
            case CorrectionRequested(missing):
                self.status = CaseStatus.AWAITING_CORRECTION
                self.correction_requested = True
                self.missing_materials = missing
                self.pauses.append(Pause(at, None, "correction"))
            case MaterialsSupplemented(materials):
                self.status = CaseStatus.RECEIVED
                self.materials = tuple(dict.fromkeys([*self.materials, *materials]))
                self.missing_materials = tuple(
                    m for m in self.missing_materials if m not in self.materials
                )
                self._close_pause(at)
            case Refused(reason):
                self.status = CaseStatus.REFUSED
                self.outcome_reason = reason
            case StepCompleted(step):
                self._close_pause(at)
                self._enter_step(step + 1, at)
            case Returned(step):
                self._close_pause(at)
                self._enter_step(step, at)
            case Suspended(reason):
                self.status = CaseStatus.SUSPENDED
                self._close_pause(at)
                self.pauses.append(Pause(at, None, reason))
            case Resumed():
                self.status = CaseStatus.IN_PROGRESS
                self._close_pause(at)
                self._open_step_pause(at)
            case Extended(days):
                self.extension_days += days
            case Decided(approved, reason, credit_code, collective):
                self.status = CaseStatus.APPROVED if approved else CaseStatus.DENIED
                self.outcome_reason = reason
                self.credit_code = credit_code
                self.collective = collective
                if approved:
                    self._enter_step(len(self.terms.flow) - 1, at)
                else:
                    self.current_step = None
            case ReportedUp(center):  # the clock runs on while the case is up
                self.reported_to = center
            case Issued():
                self.status = CaseStatus.ISSUED
                self.current_step = None
            case PickedUp():
                self.status = CaseStatus.PICKED_UP
            case Withdrawn(reason):
                self.status = CaseStatus.WITHDRAWN
                self.outcome_reason = reason
                self.current_step = None
            case Received():  # a second receipt cannot be folded: kept, like an unread one
                log.warning(
                    "case %s: a second receipt at %d not folded", self.case_no, event.position
                )
            case UnknownEvent(kind, _, reason):
                log.warning(
                    "case %s: event %d (%s) not folded: %s",
                    self.case_no,
                    event.position,
                    kind,
                    reason,
                )
            case unreachable:
                assert_never(unreachable)
        if event.kind in CLOCK_STOPPING_KINDS and self.stopped_at is None:
            self.stopped_at = at
            self._close_pause(at)
        self.events.append(event)

    def _enter_step(self, index: int, at: datetime) -> None:
        self.current_step = index
        self.step_started[index] = at
        self._open_step_pause(at)

    def _open_step_pause(self, at: datetime) -> None:
        """A step whose time does not count (Art. 45) holds the clock while it runs."""
        step = self.step
        if step is not None and not step.counts and self.status is CaseStatus.IN_PROGRESS:
            self.pauses.append(Pause(at, None, step.element.value))

    def _close_pause(self, at: datetime) -> None:
        if self.pauses and self.pauses[-1].end is None:
            last = self.pauses[-1]
            self.pauses[-1] = Pause(last.start, at, last.reason)

    def take_pending(self) -> list[Event]:
        """The events recorded since loading, handed over once to be stored."""
        pending, self.pending = self.pending, []
        return pending

    # ---- what the state means ----------------------------------------------------------

    @property
    def step(self) -> FlowStep | None:
        if self.current_step is None:
            return None
        return self.terms.flow[self.current_step]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaiting_decision(self) -> bool:
        return (
            self.status is CaseStatus.IN_PROGRESS and self.current_step == self.terms.decision_step
        )

    @property
    def is_parent(self) -> bool:
        return bool(self.children)

    @property
    def last_hash(self) -> str:
        return self.events[-1].hash if self.events else GENESIS_HASH
