"""A case (办件): its state derived by folding its events, and the rules for the next event.

`Case.from_events` replays the log; each command method checks that the step is legal now and
returns the one new event that records it. Nothing is ever changed in place: a correction, a
return or a suspension is itself a new event.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from app.domain.applicant import Applicant
from app.domain.catalog import FlowElement, FlowStep, Item, ItemKind
from app.domain.events import GENESIS_HASH, Event, EventKind, new_event
from app.domain.messages import Clauses, Message, MessageError, msg
from app.domain.roles import Actor, Role
from app.domain.terms import CaseTerms


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


class SuspensionReason(StrEnum):
    """Art. 45: procedures whose time is not counted, and the applicant is told in writing."""

    HEARING = "hearing"  # 听证
    TENDERING = "tendering"  # 招标
    AUCTION = "auction"  # 拍卖
    INSPECTION = "inspection"  # 检验
    TESTING = "testing"  # 检测
    QUARANTINE = "quarantine"  # 检疫
    APPRAISAL = "appraisal"  # 鉴定
    EXPERT_REVIEW = "expert_review"  # 专家评审


class IllegalTransition(MessageError, ValueError):
    """The action is not allowed in the case's present state; the message says why."""


@dataclass(frozen=True)
class CaseRef:
    """Another case of the same one-form application: the parent, or one of its children."""

    case_id: UUID
    case_no: str
    item_code: str = ""
    item_name: str = ""
    department: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "case_id": str(self.case_id),
            "case_no": self.case_no,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "department": self.department,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> CaseRef:
        return cls(
            case_id=UUID(data["case_id"]),
            case_no=data["case_no"],
            item_code=data.get("item_code", ""),
            item_name=data.get("item_name", ""),
            department=data.get("department", ""),
        )


#: What an out-of-hall step's form (事后录入电子表单) must hold, and each field's title; the
#: first field of each record is its date.
OUT_OF_HALL_FIELDS = {
    "done_on": msg("办理日期"),
    "place": msg("地点"),
    "staff": msg("参加人员"),
    "findings": msg("结论或意见"),
}
#: What the record of a collective decision (局务会、专家评审委员会) must hold.
COLLECTIVE_FIELDS = {
    "held_on": msg("会议日期"),
    "body": msg("决策机构（如局务会）"),
    "attendees": msg("出席人员"),
    "resolution": msg("决议内容"),
}


@dataclass(frozen=True)
class Stamp:
    """Who records the next event, when, and under which id."""

    actor: Actor
    at: datetime
    event_id: UUID


@dataclass(frozen=True)
class Pause:
    """A span in which the case clock stands still: a correction wait, an Art. 45 procedure."""

    start: datetime
    end: datetime | None
    reason: str


@dataclass
class Case:
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

    # ---- replaying the log -------------------------------------------------------------

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> Case:
        if not events or events[0].kind is not EventKind.RECEIVED:
            raise ValueError("a case's log must begin with its receipt")
        first = events[0].payload
        case = cls(
            case_id=events[0].case_id,
            case_no=first["case_no"],
            terms=CaseTerms.from_dict(first["terms"]),
            applicant=Applicant.from_dict(first["applicant"]),
            received_at=events[0].at,
            materials=tuple(first.get("materials", ())),
            parent=CaseRef.from_dict(first["parent"]) if first.get("parent") else None,
            children=tuple(CaseRef.from_dict(c) for c in first.get("children", ())),
            form=first.get("form"),
        )
        case.events.append(events[0])
        for event in events[1:]:
            case.apply(event)
        return case

    def apply(self, event: Event) -> None:
        """Fold one more event into the state (the event was checked when it was made)."""
        handler = getattr(self, f"_on_{event.kind.value}")
        handler(event, event.payload)
        if event.kind in CLOCK_STOPPING_KINDS and self.stopped_at is None:
            self.stopped_at = event.at
            self._close_pause(event.at)
        self.events.append(event)

    def _on_accepted(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.IN_PROGRESS
        self.materials = tuple(payload.get("materials", self.materials))
        self.missing_materials = ()
        self.step_started[0] = self.received_at
        self._enter_step(1, event.at)

    def _on_correction_requested(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.AWAITING_CORRECTION
        self.correction_requested = True
        self.missing_materials = tuple(payload["missing"])
        self.pauses.append(Pause(event.at, None, "correction"))

    def _on_materials_supplemented(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.RECEIVED
        self.materials = tuple(dict.fromkeys([*self.materials, *payload["materials"]]))
        self.missing_materials = tuple(m for m in self.missing_materials if m not in self.materials)
        self._close_pause(event.at)

    def _on_refused(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.REFUSED
        self.outcome_reason = payload["reason"]

    def _on_step_completed(self, event: Event, payload: Mapping[str, Any]) -> None:
        self._close_pause(event.at)
        self._enter_step(int(payload["step"]) + 1, event.at)

    def _on_returned(self, event: Event, payload: Mapping[str, Any]) -> None:
        self._close_pause(event.at)
        self._enter_step(int(payload["step"]), event.at)

    def _on_suspended(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.SUSPENDED
        self._close_pause(event.at)
        self.pauses.append(Pause(event.at, None, payload["reason"]))

    def _on_resumed(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.IN_PROGRESS
        self._close_pause(event.at)
        self._open_step_pause(event.at)

    def _on_extended(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.extension_days += int(payload["days"])

    def _on_decided(self, event: Event, payload: Mapping[str, Any]) -> None:
        approved = bool(payload["approved"])
        self.status = CaseStatus.APPROVED if approved else CaseStatus.DENIED
        self.outcome_reason = payload.get("reason", "")
        self.credit_code = payload.get("credit_code", "")
        self.collective = payload.get("collective")
        if approved:
            self._enter_step(len(self.terms.flow) - 1, event.at)
        else:
            self.current_step = None

    def _on_issued(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.ISSUED
        self.current_step = None

    def _on_picked_up(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.PICKED_UP

    def _on_withdrawn(self, event: Event, payload: Mapping[str, Any]) -> None:
        self.status = CaseStatus.WITHDRAWN
        self.outcome_reason = payload["reason"]
        self.current_step = None

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

    # ---- commands: each returns the one event that records it --------------------------

    def accept(self, stamp: Stamp, materials: Sequence[str] | None = None) -> Event:
        self._require_status(msg("受理"), CaseStatus.RECEIVED)
        self._require_department(stamp.actor)
        received = tuple(dict.fromkeys(materials if materials is not None else self.materials))
        missing = [m for m in self.terms.required_materials if m not in received]
        if missing:
            raise IllegalTransition(
                msg("必需材料不齐，不能受理：{missing}。请出具一次性补正告知。", missing=missing)
            )
        return self._record(stamp, EventKind.ACCEPTED, {"materials": list(received)})

    def request_correction(self, stamp: Stamp, missing: Sequence[str], note: str = "") -> Event:
        self._require_status(msg("出具补正告知"), CaseStatus.RECEIVED)
        self._require_department(stamp.actor)
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
        payload = {"missing": list(dict.fromkeys(missing)), "note": note.strip()}
        return self._record(stamp, EventKind.CORRECTION_REQUESTED, payload)

    def supplement(self, stamp: Stamp, materials: Sequence[str]) -> Event:
        self._require_status(msg("登记补正材料"), CaseStatus.AWAITING_CORRECTION)
        self._require_department(stamp.actor)
        if not [m for m in materials if m.strip()]:
            raise IllegalTransition(msg("请勾选申请人补交的材料。"))
        return self._record(stamp, EventKind.MATERIALS_SUPPLEMENTED, {"materials": list(materials)})

    def refuse(self, stamp: Stamp, reason: str) -> Event:
        self._require_status(msg("不予受理"), CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION)
        self._require_department(stamp.actor)
        return self._record(
            stamp, EventKind.REFUSED, {"reason": self._reason(reason, msg("不予受理"))}
        )

    def complete_step(
        self,
        stamp: Stamp,
        step: int,
        note: str = "",
        form: Mapping[str, Any] | None = None,
    ) -> Event:
        self._require_status(msg("办理环节"), CaseStatus.IN_PROGRESS)
        self._require_department(stamp.actor)
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
        self._require_step_role(stamp.actor, flow_step)
        form = dict(form or {})
        if flow_step.is_out_of_hall:
            why = msg("“{step}”在大厅外办理", step=flow_step.name)
            form = _record_form(form, OUT_OF_HALL_FIELDS, why, stamp)
        payload = {"step": step, "note": note.strip(), "form": form}
        return self._record(stamp, EventKind.STEP_COMPLETED, payload)

    def return_to_step(self, stamp: Stamp, step: int, reason: str) -> Event:
        self._require_status(msg("退回"), CaseStatus.IN_PROGRESS)
        self._require_department(stamp.actor)
        current = self.current_step or 0
        if not 1 <= step < current:
            raise IllegalTransition(
                msg("只能退回到本件已经办理过的环节（受理之后、当前环节之前）。")
            )
        payload = {"step": step, "reason": self._reason(reason, msg("退回"))}
        return self._record(stamp, EventKind.RETURNED, payload)

    def suspend(self, stamp: Stamp, reason: SuspensionReason, note: str = "") -> Event:
        self._require_status(msg("暂停计时"), CaseStatus.IN_PROGRESS)
        self._require_department(stamp.actor)
        return self._record(
            stamp, EventKind.SUSPENDED, {"reason": SuspensionReason(reason).value, "note": note}
        )

    def resume(self, stamp: Stamp) -> Event:
        self._require_status(msg("恢复计时"), CaseStatus.SUSPENDED)
        self._require_department(stamp.actor)
        return self._record(stamp, EventKind.RESUMED, {})

    def extend(self, stamp: Stamp, days: int, reason: str, *, due: date | None) -> Event:
        """Extend the time limit (Art. 42), only within it: `due` is the case's due date as
        the clock counts it now (the domain has no calendar; the caller asks the clock)."""
        self._require_status(msg("延长期限"), CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED)
        self._require_department(stamp.actor)
        if stamp.actor.role is not Role.CHIEF_REPRESENTATIVE:
            raise IllegalTransition(
                msg("延长办理期限须经首席代表批准（《行政许可法》第四十二条）。")
            )
        if self.terms.kind is ItemKind.IMMEDIATE:
            raise IllegalTransition(msg("即办件应当场办结，不能延长期限。"))
        if self.extension_days:
            raise IllegalTransition(msg("本件已延长过一次期限，不能再次延长。"))
        if due is None:
            raise IllegalTransition(msg("本件没有正在计算的办理期限，不能延长。"))
        if stamp.at.date() > due:
            raise IllegalTransition(
                msg(
                    "本件办理期限已于{due}届满，已经超时，不能延长：延长须在原办理期限内决定"
                    "（《行政许可法》第四十二条），超时的天数如实记录。",
                    due=due.isoformat(),
                )
            )
        limit = 15 if self.terms.kind is ItemKind.JOINT else 10
        if not 1 <= days <= limit:
            raise IllegalTransition(
                msg("延长期限为1至{limit}个工作日（《行政许可法》第四十二条）。", limit=limit)
            )
        payload = {"days": days, "reason": self._reason(reason, msg("延长期限"))}
        return self._record(stamp, EventKind.EXTENDED, payload)

    def decide(
        self,
        stamp: Stamp,
        approved: bool,
        reason: str = "",
        *,
        credit_code: str = "",
        collective: Mapping[str, Any] | None = None,
    ) -> Event:
        """Approve or deny at the decision step.

        A business license's approval carries the credit code the service assigned; a step of
        collective decision (局务会) carries the meeting's record, and a chief representative
        may record one at their own step too.
        """
        if self.is_parent:
            raise IllegalTransition(
                msg("一表制申请由各部门分别审批，不单独作出决定；各部门全部准予后统一发证。")
            )
        self._require_status(msg("作出决定"), CaseStatus.IN_PROGRESS)
        self._require_department(stamp.actor)
        if not self.awaiting_decision:
            remaining = self.terms.flow[self.current_step or 0].name
            raise IllegalTransition(msg("尚未到决定环节：请先办理“{step}”。", step=remaining))
        step = self.terms.flow[self.terms.decision_step]
        self._require_step_role(stamp.actor, step)
        actor = stamp.actor
        if actor.role is Role.CHIEF_REPRESENTATIVE and self.terms.item_code not in actor.scope:
            raise IllegalTransition(
                msg("“{item}”不在您的授权审批事项范围内。", item=self.terms.item_name)
            )
        if not approved:
            reason = self._reason(reason, msg("不予许可"))
        payload: dict[str, Any] = {"approved": approved, "reason": reason.strip()}
        if step.element is FlowElement.COLLECTIVE_DECISION or collective:
            payload["collective"] = _record_form(
                dict(collective or {}),
                COLLECTIVE_FIELDS,
                msg("“{step}”须集体决策", step=step.name),
                stamp,
            )
        if approved and self.terms.issues_credit_code:
            if not credit_code:
                raise IllegalTransition(msg("准予登记须赋予统一社会信用代码。"))
            payload["credit_code"] = credit_code
        return self._record(stamp, EventKind.DECIDED, payload)

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
        self._require_status(msg("发证办结"), CaseStatus.APPROVED)
        if not jointly:
            self._require_department(stamp.actor)
        certificate_no = certificate_no.strip() or self.credit_code
        return self._record(stamp, EventKind.ISSUED, {"certificate_no": certificate_no})

    def issue_together(
        self, stamp: Stamp, children: Sequence[Case], new_id: Callable[[], UUID]
    ) -> list[Event]:
        """Unified issuance (统一发证) of a parent: one event for each child, then the parent's.

        Refused, naming each child that holds it up, unless every child is approved.
        """
        if not self.is_parent:
            raise IllegalTransition(msg("只有一表制申请才统一发证。"))
        self._require_status(msg("统一发证"), CaseStatus.IN_PROGRESS)
        self._require_department(stamp.actor)
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
        events: list[Event] = []
        codes: list[str] = []
        for ref in self.children:
            child = held[ref.case_id]
            event = child.issue(replace(stamp, event_id=new_id()), jointly=True)
            events.append(event)
            codes.extend([child.credit_code] if child.credit_code else [])
        payload = {
            "certificate_no": codes[0] if codes else "",
            "children": [ref.case_no for ref in self.children],
        }
        events.append(self._record(stamp, EventKind.ISSUED, payload))
        return events

    def pick_up(self, stamp: Stamp, picked_up_by: str = "") -> Event:
        self._require_status(msg("登记取件"), CaseStatus.ISSUED, CaseStatus.DENIED)
        self._require_department(stamp.actor)
        return self._record(stamp, EventKind.PICKED_UP, {"picked_up_by": picked_up_by.strip()})

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
        self._require_status(
            msg("撤回"),
            CaseStatus.RECEIVED,
            CaseStatus.AWAITING_CORRECTION,
            CaseStatus.IN_PROGRESS,
            CaseStatus.SUSPENDED,
        )
        if not jointly or self.is_parent:
            self._require_department(stamp.actor)
        return self._record(
            stamp, EventKind.WITHDRAWN, {"reason": self._reason(reason, msg("撤回"))}
        )

    def withdraw_together(
        self, stamp: Stamp, children: Sequence[Case], reason: str, new_id: Callable[[], UUID]
    ) -> list[Event]:
        """Withdraw a one-form application: each child still open, then the parent."""
        events = [
            child.withdraw(replace(stamp, event_id=new_id()), reason, jointly=True)
            for child in children
            if child.is_open and child.status is not CaseStatus.APPROVED
        ]
        return [*events, self.withdraw(stamp, reason, jointly=True)]

    # ---- the rules every command shares ------------------------------------------------

    def _require_status(self, action: Message, *allowed: CaseStatus) -> None:
        if self.status not in allowed:
            raise IllegalTransition(
                msg(
                    "办件当前状态为“{status}”，不能{action}。",
                    status=STATUS_MESSAGES[self.status],
                    action=action,
                )
            )

    def _require_department(self, actor: Actor) -> None:
        if not actor.works_for(self.terms.department):
            raise IllegalTransition(msg("本件不属于您所在部门，不能办理。"))

    @staticmethod
    def _require_step_role(actor: Actor, step: FlowStep) -> None:
        if step.role is Role.CHIEF_REPRESENTATIVE and actor.role is not Role.CHIEF_REPRESENTATIVE:
            raise IllegalTransition(msg("“{step}”环节须由首席代表办理。", step=step.name))
        if step.window and actor.window != step.window and actor.role is step.role:
            raise IllegalTransition(
                msg("“{step}”环节由{window}窗口办理。", step=step.name, window=step.window)
            )

    @staticmethod
    def _reason(reason: str, action: Message) -> str:
        if not reason.strip():
            raise IllegalTransition(msg("{action}须写明理由。", action=action))
        return reason.strip()

    def _record(self, stamp: Stamp, kind: EventKind, payload: Mapping[str, Any]) -> Event:
        return new_event(
            id=stamp.event_id,
            case_id=self.case_id,
            position=len(self.events) + 1,
            kind=kind,
            payload=payload,
            actor=stamp.actor.username,
            window=stamp.actor.window,
            terminal=stamp.actor.terminal,
            at=stamp.at,
            prev_hash=self.last_hash,
        )


def receive(
    stamp: Stamp,
    case_id: UUID,
    case_no: str,
    item: Item,
    applicant: Applicant,
    materials: Sequence[str],
    channel: str = "counter",
    links: Mapping[str, Any] | None = None,
) -> Event:
    """The first event of every case: the application and its materials arrive (接件).

    `links` ties the cases of a one-form application together: the parent's holds the form
    and its children, each child's its parent (see `app.domain.joint`).
    """
    known = {m.name for m in item.materials}
    unknown = [m for m in materials if m not in known]
    if unknown:
        raise IllegalTransition(
            msg("以下材料不在本事项的材料清单中：{materials}", materials=unknown)
        )
    payload = {
        "case_no": case_no,
        "terms": CaseTerms.from_item(item).to_dict(),
        "applicant": applicant.validated().to_dict(),
        "materials": list(dict.fromkeys(materials)),
        "channel": channel,
        **(links or {}),
    }
    return new_event(
        id=stamp.event_id,
        case_id=case_id,
        position=1,
        kind=EventKind.RECEIVED,
        payload=payload,
        actor=stamp.actor.username,
        window=stamp.actor.window,
        terminal=stamp.actor.terminal,
        at=stamp.at,
        prev_hash=GENESIS_HASH,
    )


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


def _record_form(
    form: dict[str, Any], fields: Mapping[str, Message], why: Message, stamp: Stamp
) -> dict[str, Any]:
    """A step's or meeting's record: the declared fields, each filled in, and its date (the
    first field) a real date not after today."""
    record = {key: str(form.get(key, "")).strip() for key in fields}
    missing = [title for key, title in fields.items() if not record[key]]
    if missing:
        raise IllegalTransition(msg("{why}，须录入：{missing}。", why=why, missing=missing))
    date_field = next(iter(fields))
    try:
        held_on = date.fromisoformat(record[date_field])
    except ValueError:
        raise IllegalTransition(
            msg(
                "{field}“{typed}”无法识别，请按“2026-11-20”的格式填写。",
                field=fields[date_field],
                typed=record[date_field],
            )
        ) from None
    if held_on > stamp.at.date():
        raise IllegalTransition(
            msg("{field}不能晚于今天：事后录入的是已经发生的事。", field=fields[date_field])
        )
    return record


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
