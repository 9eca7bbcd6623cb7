"""A case's commands (办件操作): each checks that its step is legal now, records the one event
that says so and folds it into the case (`pending` until the repository stores it).

The state and its fold are in `app.domain.case_state`; what may happen next, asked once for
the commands and the window alike, in `app.domain.case_rules`; how a case is opened (接件) in
`app.domain.receiving`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from app.domain import event_data as recorded
from app.domain.case_records import (
    COLLECTIVE_FIELDS,
    OUT_OF_HALL_FIELDS,
    IllegalTransition,
    record_form,
)
from app.domain.case_rules import (
    Offer,
    center_decision_refusal,
    decision_refusal,
    department_refusal,
    extension_limit,
    extension_refusal,
    offers,
    report_up_refusal,
    status_refusal,
    step_role_refusal,
)
from app.domain.case_state import (
    CLOCK_STOPPING_KINDS,
    OPEN_STATUSES,
    STATUS_MESSAGES,
    STATUS_TITLES,
    SUSPENSION_MESSAGES,
    CaseState,
    CaseStatus,
    Pause,
)
from app.domain.catalog import FlowElement
from app.domain.event_data import CaseRef, EventData, SuspensionReason
from app.domain.events import Event, new_event
from app.domain.messages import Clauses, Message, msg
from app.domain.roles import Actor

#: What the rest of the code imports from here: the case, its state's words, its errors.
__all__ = [
    "CLOCK_STOPPING_KINDS",
    "COLLECTIVE_FIELDS",
    "OPEN_STATUSES",
    "OUT_OF_HALL_FIELDS",
    "STATUS_MESSAGES",
    "STATUS_TITLES",
    "SUSPENSION_MESSAGES",
    "Case",
    "CaseRef",
    "CaseStatus",
    "IllegalTransition",
    "Pause",
    "Stamp",
    "SuspensionReason",
]


@dataclass(frozen=True)
class Stamp:
    """Who records the next event, when, and under which id."""

    actor: Actor
    at: datetime
    event_id: UUID


class Case(CaseState):
    """One case: its state (see `CaseState`) and the commands that move it on."""

    def offers(self, actor: Actor, today: date, due: date | None) -> list[Offer]:
        """What this actor may do with the case now (`due`: the due date as the clock counts
        it, for the extension's rule)."""
        return offers(self, actor, today, due)

    # ---- commands: each records the one event that says what happened, and folds it ----

    def accept(self, stamp: Stamp, materials: Sequence[str] | None = None) -> Event:
        self._check(stamp, msg("受理"), CaseStatus.RECEIVED)
        received = tuple(dict.fromkeys(materials if materials is not None else self.materials))
        missing = [m for m in self.terms.required_materials if m not in received]
        if missing:
            raise IllegalTransition(
                msg("必需材料不齐，不能受理：{missing}。请出具一次性补正告知。", missing=missing)
            )
        return self._record(stamp, recorded.Accepted(received))

    def request_correction(self, stamp: Stamp, missing: Sequence[str], note: str = "") -> Event:
        self._check(stamp, msg("出具补正告知"), CaseStatus.RECEIVED)
        if self.correction_requested:
            raise IllegalTransition(
                msg(
                    "本件已出具过一次性补正告知，不能再次要求补正；"
                    "材料仍不齐全的，请作出不予受理决定。"
                )
            )
        missing = [m.strip() for m in missing if m.strip()]
        if not missing:
            raise IllegalTransition(msg("补正告知须一次性列明全部需补正的材料，请至少勾选一项。"))
        left_out = [
            m for m in self.terms.required_materials if m not in self.materials and m not in missing
        ]
        if left_out:
            # the one notice is the applicant's only chance: what it leaves out cannot be asked later
            raise IllegalTransition(
                msg("补正告知须一次性列明全部缺少的必需材料，还缺：{missing}。", missing=left_out)
            )
        return self._record(
            stamp, recorded.CorrectionRequested(tuple(dict.fromkeys(missing)), note.strip())
        )

    def supplement(self, stamp: Stamp, materials: Sequence[str]) -> Event:
        self._check(stamp, msg("登记补正材料"), CaseStatus.AWAITING_CORRECTION)
        if not [m for m in materials if m.strip()]:
            raise IllegalTransition(msg("请勾选申请人补交的材料。"))
        return self._record(stamp, recorded.MaterialsSupplemented(tuple(materials)))

    def refuse(self, stamp: Stamp, reason: str) -> Event:
        self._check(stamp, msg("不予受理"), CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION)
        return self._record(stamp, recorded.Refused(_reason(reason, msg("不予受理"))))

    def complete_step(
        self,
        stamp: Stamp,
        step: int,
        note: str = "",
        form: Mapping[str, Any] | None = None,
    ) -> Event:
        self._check(stamp, msg("办理环节"), CaseStatus.IN_PROGRESS)
        current = self.current_step
        if current is None or step != current:
            raise IllegalTransition(
                msg(
                    "当前应办理的是第{current}个环节，不是第{step}个。",
                    current=(current or 0) + 1,
                    step=step + 1,
                )
            )
        if current >= self.terms.decision_step:
            raise IllegalTransition(msg("本环节须作出准予或不予许可的决定。"))
        flow_step = self.terms.flow[current]
        _raise_if(step_role_refusal(stamp.actor, flow_step))
        record = {str(k): str(v) for k, v in (form or {}).items()}
        if flow_step.is_out_of_hall:
            why = msg("“{step}”在大厅外办理", step=flow_step.name)
            record = record_form(record, OUT_OF_HALL_FIELDS, why, stamp.at.date())
        return self._record(stamp, recorded.StepCompleted(step, note.strip(), record))

    def return_to_step(self, stamp: Stamp, step: int, reason: str) -> Event:
        self._check(stamp, msg("退回"), CaseStatus.IN_PROGRESS)
        current = self.current_step or 0
        if not 1 <= step < current:
            raise IllegalTransition(
                msg("只能退回到本件已经办理过的环节（受理之后、当前环节之前）。")
            )
        return self._record(stamp, recorded.Returned(step, _reason(reason, msg("退回"))))

    def suspend(self, stamp: Stamp, reason: SuspensionReason, note: str = "") -> Event:
        self._check(stamp, msg("暂停计时"), CaseStatus.IN_PROGRESS)
        return self._record(stamp, recorded.Suspended(SuspensionReason(reason), note))

    def resume(self, stamp: Stamp) -> Event:
        self._check(stamp, msg("恢复计时"), CaseStatus.SUSPENDED)
        return self._record(stamp, recorded.Resumed())

    def extend(self, stamp: Stamp, days: int, reason: str, *, due: date | None) -> Event:
        """Extend the time limit (Art. 42), only within it: `due` is the case's due date as
        the clock counts it now (the domain has no calendar; the caller asks the clock)."""
        self._check(stamp, msg("延长期限"), CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED)
        _raise_if(extension_refusal(self, stamp.actor, stamp.at.date(), due))
        limit = extension_limit(self)
        if not 1 <= days <= limit:
            raise IllegalTransition(
                msg("延长期限为1至{limit}个工作日（《行政许可法》第四十二条）。", limit=limit)
            )
        return self._record(stamp, recorded.Extended(days, _reason(reason, msg("延长期限"))))

    def decide(
        self,
        stamp: Stamp,
        approved: bool,
        reason: str = "",
        *,
        credit_code: str = "",
        collective: Mapping[str, Any] | None = None,
        center: str = "",
    ) -> Event:
        """Approve or deny at the decision step.

        A business license's approval carries the credit code the service assigned; a step of
        collective decision (局务会) carries the meeting's record, and a chief representative
        may record one at their own step too. A case reported up is decided by the center it
        went to (`center`, that center's chief representative), and the decision comes back
        to the window that accepted it.
        """
        if self.is_parent:
            raise IllegalTransition(
                msg("一表制申请由各部门分别审批，不单独作出决定；各部门全部准予后统一发证。")
            )
        self._check(stamp, msg("作出决定"), CaseStatus.IN_PROGRESS)
        if not self.awaiting_decision:
            remaining = self.terms.flow[self.current_step or 0].name
            raise IllegalTransition(msg("尚未到决定环节：请先办理“{step}”。", step=remaining))
        _raise_if(center_decision_refusal(self, center))
        _raise_if(decision_refusal(self, stamp.actor))
        step = self.terms.flow[self.terms.decision_step]
        if not approved:
            reason = _reason(reason, msg("不予许可"))
        record = None
        if step.element is FlowElement.COLLECTIVE_DECISION or collective:
            why = msg("“{step}”须集体决策", step=step.name)
            record = record_form(collective or {}, COLLECTIVE_FIELDS, why, stamp.at.date())
        code = ""
        if approved and self.terms.issues_credit_code:
            if not credit_code:
                raise IllegalTransition(msg("准予登记须赋予统一社会信用代码。"))
            code = credit_code
        return self._record(stamp, recorded.Decided(approved, reason.strip(), code, record, center))

    def report_up(self, stamp: Stamp, center: str, note: str = "") -> Event:
        """Send a 上报件 up to the center above that decides it (上报); its clock runs on."""
        self._check(stamp, msg("上报"), CaseStatus.IN_PROGRESS)
        _raise_if(report_up_refusal(self, stamp.actor))
        if not center.strip():
            raise IllegalTransition(
                msg("本终端没有登记上级中心，不能上报（请执行 onewindow register）。")
            )
        return self._record(stamp, recorded.ReportedUp(center.strip(), note.strip()))

    def issue(self, stamp: Stamp, certificate_no: str = "", *, jointly: bool = False) -> Event:
        """Issue the result. A child of a one-form application is issued only with the others
        (`jointly`, by `issue_together`), at the one window (统一发证)."""
        if self.is_parent:
            raise IllegalTransition(msg("一表制申请须在各部门全部准予后统一发证。"))
        if self.parent is not None and not jointly:
            raise IllegalTransition(
                msg(
                    "本件是一表制申请 {parent} 的子件，结果由受理窗口统一发放。",
                    parent=self.parent.case_no,
                )
            )
        _raise_if(status_refusal(self, msg("发证办结"), CaseStatus.APPROVED))
        if not jointly:
            _raise_if(department_refusal(self, stamp.actor))
        return self._record(stamp, recorded.Issued(certificate_no.strip() or self.credit_code))

    def issue_together(
        self, stamp: Stamp, children: Sequence[Case], new_id: Callable[[], UUID]
    ) -> None:
        """Unified issuance (统一发证) of a parent: one event for each child, then the parent's.

        Refused, naming each child that holds it up, unless every child is approved.
        """
        if not self.is_parent:
            raise IllegalTransition(msg("只有一表制申请才统一发证。"))
        self._check(stamp, msg("统一发证"), CaseStatus.IN_PROGRESS)
        held = {c.case_id: c for c in children}
        blockers = [
            _blocker(ref, held.get(ref.case_id))
            for ref in self.children
            if ref.case_id not in held or held[ref.case_id].status is not CaseStatus.APPROVED
        ]
        if blockers:
            raise IllegalTransition(
                msg("还不能统一发证：{blockers}。", blockers=Clauses(tuple(blockers)))
            )
        codes: list[str] = []
        for ref in self.children:
            child = held[ref.case_id]
            child.issue(replace(stamp, event_id=new_id()), jointly=True)
            codes.extend([child.credit_code] if child.credit_code else [])
        numbers = tuple(ref.case_no for ref in self.children)
        self._record(stamp, recorded.Issued(codes[0] if codes else "", numbers))

    def pick_up(self, stamp: Stamp, picked_up_by: str = "") -> Event:
        self._check(stamp, msg("登记取件"), CaseStatus.ISSUED, CaseStatus.DENIED)
        return self._record(stamp, recorded.PickedUp(picked_up_by.strip()))

    def withdraw(self, stamp: Stamp, reason: str, *, jointly: bool = False) -> Event:
        """The applicant withdraws. A one-form application is withdrawn whole, at its parent
        (`withdraw_together`): a department's part alone would hold the parent for ever."""
        if self.is_parent and not jointly:
            raise IllegalTransition(msg("一表制申请须整体撤回：请使用“撤回全部申请”。"))
        if self.parent is not None and not jointly:
            raise IllegalTransition(
                msg(
                    "本件是一表制申请 {parent} 的子件，不能单独撤回，请在受理窗口撤回全部申请。",
                    parent=self.parent.case_no,
                )
            )
        open_before = (
            CaseStatus.RECEIVED,
            CaseStatus.AWAITING_CORRECTION,
            CaseStatus.IN_PROGRESS,
            CaseStatus.SUSPENDED,
        )
        _raise_if(status_refusal(self, msg("撤回"), *open_before))
        if not jointly or self.is_parent:
            _raise_if(department_refusal(self, stamp.actor))
        return self._record(stamp, recorded.Withdrawn(_reason(reason, msg("撤回"))))

    def withdraw_together(
        self, stamp: Stamp, children: Sequence[Case], reason: str, new_id: Callable[[], UUID]
    ) -> None:
        """Withdraw a one-form application: each child still open, then the parent."""
        for child in children:
            if child.is_open and child.status is not CaseStatus.APPROVED:
                child.withdraw(replace(stamp, event_id=new_id()), reason, jointly=True)
        self.withdraw(stamp, reason, jointly=True)

    # ---- what every command shares -----------------------------------------------------

    def _check(self, stamp: Stamp, action: Message, *allowed: CaseStatus) -> None:
        """The state allows the action, and the case is of the actor's department."""
        _raise_if(status_refusal(self, action, *allowed))
        _raise_if(department_refusal(self, stamp.actor))

    def _record(self, stamp: Stamp, data: EventData) -> Event:
        """Record the event, fold it into the case and keep it pending until stored."""
        event = new_event(
            id=stamp.event_id,
            case_id=self.case_id,
            position=len(self.events) + 1,
            data=data,
            actor=stamp.actor.username,
            window=stamp.actor.window,
            terminal=stamp.actor.terminal,
            at=stamp.at,
            prev_hash=self.last_hash,
        )
        self.apply(event)
        self.pending.append(event)
        return event


def _raise_if(refusal: Message | None) -> None:
    if refusal is not None:
        raise IllegalTransition(refusal)


def _reason(reason: str, action: Message) -> str:
    if not reason.strip():
        raise IllegalTransition(msg("{action}须写明理由。", action=action))
    return reason.strip()


def _blocker(ref: CaseRef, child: Case | None) -> Message:
    if child is None:
        return msg("{item}（{case_no}）本窗口尚未收到", item=ref.item_name, case_no=ref.case_no)
    if child.status is CaseStatus.DENIED:
        return msg("{item}已被不予许可：{reason}", item=ref.item_name, reason=child.outcome_reason)
    return msg(
        "{item}（{case_no}）{status}，尚未准予",
        item=ref.item_name,
        case_no=ref.case_no,
        status=STATUS_MESSAGES[child.status],
    )
