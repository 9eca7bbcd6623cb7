"""What a slip or a notice states about a case, gathered once from the case and its item.

Slips (thermal paper) and notices (A4 PDF) are two layouts of the same facts. Building the facts
here, from the domain objects only, keeps both layouts free of case logic and means the applicant's
ID number is masked in one place: no layout ever sees it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from app.domain.case import STATUS_TITLES, SUSPENSION_MESSAGES, Case
from app.domain.catalog import Item, ItemKind
from app.domain.deadline import Deadline
from app.domain.event_data import (
    Accepted,
    CorrectionRequested,
    Decided,
    EventData,
    Extended,
    Issued,
    Received,
    Resumed,
    Returned,
    StepCompleted,
    Suspended,
    Withdrawn,
)
from app.domain.events import CHINA_TIME, Event

T = TypeVar("T", bound=EventData)

KIND_TITLES: dict[ItemKind, str] = {
    ItemKind.IMMEDIATE: "即办件",
    ItemKind.PROMISED: "承诺件",
    ItemKind.REPORTED: "上报件",
    ItemKind.JOINT: "联办件",
}


@dataclass(frozen=True)
class Center:
    """The service center as printed: its name, phone and (for notices) its seal."""

    name: str
    phone: str
    seal_image: Path | None = None  # None: notices carry a drawn specimen seal marked 样章


@dataclass(frozen=True)
class Suspension:
    """The latest Art. 45 procedure of a case: what it is, why, and since when."""

    reason: str  # the procedure in Chinese, e.g. 专家评审
    note: str
    since: datetime
    until: datetime | None


@dataclass(frozen=True)
class CaseFacts:
    case_no: str
    status: str  # in Chinese, e.g. 办理中
    item_code: str
    item_name: str
    item_kind: str  # 即办件 / 承诺件 / 上报件 / 联办件
    department: str  # the department's full name
    legal_basis: str
    applicant_name: str
    applicant_id: str  # masked: 110105********123X
    applicant_is_enterprise: bool
    credit_code: str  # public, printed whole (see identity.mask_credit_code)
    legal_representative: str
    applicant_phone: str  # masked like the ID number
    received_at: datetime
    accepted_at: datetime | None
    materials_received: tuple[str, ...]
    materials_missing: tuple[str, ...]
    materials_listed: tuple[str, ...]  # every material of the item, as listed at receipt
    correction_note: str
    correction_at: datetime | None
    procedure: tuple[str, ...]  # the names of the flow's steps, in order
    committed_days: int
    legal_days: int
    #: The completion date while the clock runs, or the one the case was held to when it
    #: stopped; None before acceptance (a case not accepted has no completion date).
    due: date | None
    fee: str  # e.g. 不收费, ￥50.00 (the full-width sign prints on every printer)
    location: str  # e.g. A厅1楼 A01窗口
    outcome_reason: str  # refusal, denial or withdrawal reason
    decided_at: datetime | None
    approved: bool | None  # None: not decided
    decided_by: str
    certificate_no: str
    extension_days: int
    extension_reason: str
    suspension: Suspension | None
    received_by: str  # the clerk's user name
    window: str  # the window that received the case
    channel: str  # counter / kiosk / online / one_form
    #: The unified social credit code assigned when a business license was approved.
    issued_credit_code: str = ""
    #: The decision was taken collectively (局务会): by which body, on which day.
    collective_body: str = ""
    collective_held_on: date | None = None
    extended_at: datetime | None = None  # when the Art. 42 extension was approved
    #: The latest step of the flow whose time is not counted (Art. 45), like a suspension.
    uncounted_step: Suspension | None = None
    #: A one-form parent: each department's part working in parallel, "item case-no".
    parallel: tuple[str, ...] = ()
    #: Where the applicant brings the corrections: the window that asked for them.
    correction_location: str = ""
    #: The portal's number of an application filed online (网上申报), printed on its slips.
    online_reference: str = ""


def case_facts(case: Case, clock: Deadline, department_name: str, item: Item | None) -> CaseFacts:
    """The facts of a case as of its last event.

    `item` is the catalog's current entry for the case's item, if it still exists: it supplies
    where to go (the hall may have moved since) and the legal basis. Everything the applicant was
    promised — days, fee, materials, procedure — comes from the terms frozen at receipt.
    """
    terms = case.terms
    accepted, _ = _latest(case, Accepted)
    correction, asked = _latest(case, CorrectionRequested)
    decided, decision = _latest(case, Decided)
    _, issued = _latest(case, Issued)
    extended, extension = _latest(case, Extended)
    receipt = case.events[0].data
    applicant = case.applicant
    return CaseFacts(
        case_no=case.case_no,
        status=STATUS_TITLES[case.status],
        item_code=terms.item_code,
        item_name=terms.item_name,
        item_kind=KIND_TITLES[terms.kind],
        department=department_name,
        legal_basis=item.legal_basis if item else "",
        applicant_name=applicant.name,
        applicant_id=applicant.masked_id,
        applicant_is_enterprise=applicant.is_enterprise,
        credit_code=applicant.credit_code,
        legal_representative=applicant.legal_representative,
        applicant_phone=mask_phone(applicant.phone),
        received_at=_local(case.received_at),
        accepted_at=_local(accepted.at) if accepted else None,
        materials_received=case.materials,
        materials_missing=asked.missing if asked else (),
        materials_listed=terms.materials,
        correction_note=asked.note if asked else "",
        correction_at=_local(correction.at) if correction else None,
        procedure=tuple(step.name for step in terms.flow),
        committed_days=terms.committed_days,
        legal_days=terms.legal_days,
        due=clock.due or clock.was_due,
        fee=fee_text(terms.fee_yuan, item.fee_note if item else ""),
        location=_location(item, item.window if item else terms.window),
        outcome_reason=case.outcome_reason,
        decided_at=_local(decided.at) if decided else None,
        approved=decision.approved if decision else None,
        decided_by=decided.actor if decided else "",
        certificate_no=issued.certificate_no if issued else "",
        extension_days=case.extension_days,
        extension_reason=extension.reason if extension else "",
        suspension=_latest_suspension(case),
        received_by=case.events[0].actor,
        window=case.events[0].window,
        channel=receipt.channel if isinstance(receipt, Received) else "counter",
        issued_credit_code=case.credit_code,
        collective_body=str((case.collective or {}).get("body", "")),
        collective_held_on=_held_on(case),
        extended_at=_local(extended.at) if extended else None,
        uncounted_step=_latest_uncounted_step(case),
        parallel=tuple(f"{ref.item_name} {ref.case_no}" for ref in case.children),
        correction_location=_location(item, correction.window) if correction else "",
        online_reference=receipt.reference if isinstance(receipt, Received) else "",
    )


def fee_text(fee_yuan: Decimal, note: str = "") -> str:
    """The fee as printed: 不收费, or the amount with the full-width ￥ (one GB18030 character;
    the half-width ¥ is four bytes and prints as ? on most Chinese printers)."""
    if fee_yuan == 0:
        return note or "不收费"
    amount = f"￥{fee_yuan:.2f}"
    return f"{amount}（{note}）" if note else amount


def mask_phone(phone: str) -> str:
    """A mobile number as 138****5678; shorter numbers keep their last four only."""
    digits = phone.strip()
    if len(digits) == 11 and digits.isdigit():
        return digits[:3] + "****" + digits[-4:]
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + digits[-4:]
    return digits


def _location(item: Item | None, window: str) -> str:
    """Where a window is: with hall and floor when it is the item's own window (the catalog
    says where that is), otherwise the window alone."""
    if item is None or item.window != window:
        return f"{window}窗口"
    return f"{item.hall}厅{item.floor}楼 {item.window}窗口"


def _latest(case: Case, kind: type[T]) -> tuple[Event | None, T | None]:
    """The case's latest event of this kind, and what it records."""
    for event in reversed(case.events):
        if isinstance(event.data, kind):
            return event, event.data
    return None, None


def _latest_suspension(case: Case) -> Suspension | None:
    last, suspended = _latest(case, Suspended)
    if last is None or suspended is None:
        return None
    resumed = [e for e in case.events if isinstance(e.data, Resumed) and e.position > last.position]
    return Suspension(
        reason=str(SUSPENSION_MESSAGES[suspended.reason]),
        note=suspended.note,
        since=_local(last.at),
        until=_local(resumed[0].at) if resumed else None,
    )


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA_TIME)


def _held_on(case: Case) -> date | None:
    held_on = (case.collective or {}).get("held_on")
    return date.fromisoformat(str(held_on)) if held_on else None


#: Events that move a case out of its current step.
_LEAVING_STEP = (StepCompleted, Returned, Decided, Withdrawn)
#: Events that move a case into a step.
_ENTERING_STEP = (Accepted, StepCompleted, Returned)


def _latest_uncounted_step(case: Case) -> Suspension | None:
    """The latest step whose time is not counted (Art. 45): its name, entered when, left when.

    Replays the log, since a return may enter the same step again.
    """
    replay = Case.from_events(case.events[:1])
    latest: Suspension | None = None
    for event in case.events[1:]:
        replay.apply(event)
        if latest is not None and latest.until is None and isinstance(event.data, _LEAVING_STEP):
            latest = Suspension(latest.reason, latest.note, latest.since, _local(event.at))
        step = replay.step
        if isinstance(event.data, _ENTERING_STEP) and step is not None and not step.counts:
            latest = Suspension(step.name, "", _local(event.at), None)
    return latest
