"""What may happen next to a case, asked once: the rules the commands enforce and the window
offers from (`Case.offers`), so a button is offered exactly when its command may succeed.

Each rule answers with the reason it refuses (a Message) or None; a command raises that reason
as `IllegalTransition`, `offers` shows it beside the action it blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.case_state import STATUS_MESSAGES, CaseState, CaseStatus
from app.domain.catalog import FlowStep, ItemKind
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission, Role


class Action(StrEnum):
    """An action on a case, as the window offers it (the names are its buttons' names)."""

    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"
    ISSUE_TOGETHER = "issue_together"
    APPROVE = "approve"
    DENY = "deny"
    COMPLETE_STEP = "complete_step"
    RETURN = "return"
    SUSPEND = "suspend"
    RESUME = "resume"
    EXTEND = "extend"
    ISSUE = "issue"
    PICK_UP = "pick_up"
    WITHDRAW = "withdraw"
    REPORT_UP = "report_up"


@dataclass(frozen=True)
class Offer:
    """An action this actor may take now; `blocked` says why it cannot be taken yet."""

    action: Action
    blocked: Message | None = None


def status_refusal(case: CaseState, action: Message, *allowed: CaseStatus) -> Message | None:
    if case.status in allowed:
        return None
    return msg(
        "办件当前状态为“{status}”，不能{action}。",
        status=STATUS_MESSAGES[case.status],
        action=action,
    )


def department_refusal(case: CaseState, actor: Actor) -> Message | None:
    if actor.works_for(case.terms.department):
        return None
    return msg("本件不属于您所在部门，不能办理。")


def step_role_refusal(actor: Actor, step: FlowStep) -> Message | None:
    if step.role is Role.CHIEF_REPRESENTATIVE and actor.role is not Role.CHIEF_REPRESENTATIVE:
        return msg("“{step}”环节须由首席代表办理。", step=step.name)
    if step.window and actor.window != step.window and actor.role is step.role:
        return msg("“{step}”环节由{window}窗口办理。", step=step.name, window=step.window)
    return None


def decision_refusal(case: CaseState, actor: Actor) -> Message | None:
    """Who may decide at the decision step: the step's role (at its window), and a chief
    representative only on the items of their authority."""
    step = case.terms.flow[case.terms.decision_step]
    if refusal := step_role_refusal(actor, step):
        return refusal
    if actor.role is Role.CHIEF_REPRESENTATIVE and case.terms.item_code not in actor.scope:
        return msg("“{item}”不在您的授权审批事项范围内。", item=case.terms.item_name)
    return None


def extension_refusal(
    case: CaseState, actor: Actor, today: date, due: date | None
) -> Message | None:
    """Art. 42: a chief representative extends once, within the time limit as the clock counts
    it now (`due`; the domain has no calendar, the caller asks the clock)."""
    if actor.role is not Role.CHIEF_REPRESENTATIVE:
        return msg("延长办理期限须经首席代表批准（《行政许可法》第四十二条）。")
    if case.terms.kind is ItemKind.IMMEDIATE:
        return msg("即办件应当场办结，不能延长期限。")
    if case.extension_days:
        return msg("本件已延长过一次期限，不能再次延长。")
    if due is None:
        return msg("本件没有正在计算的办理期限，不能延长。")
    if today > due:
        return msg(
            "本件办理期限已于{due}届满，已经超时，不能延长：延长须在原办理期限内决定"
            "（《行政许可法》第四十二条），超时的天数如实记录。",
            due=due.isoformat(),
        )
    return None


def extension_limit(case: CaseState) -> int:
    """The most working days one extension may add: 15 for joint handling, else 10."""
    return 15 if case.terms.kind is ItemKind.JOINT else 10


def offers(case: CaseState, actor: Actor, today: date, due: date | None) -> list[Offer]:
    """The actions this actor may take on the case now, in the order the window shows them."""
    if not actor.can(Permission.HANDLE_CASE) or department_refusal(case, actor) is not None:
        return []
    status = case.status
    found: list[Offer] = []
    if status is CaseStatus.RECEIVED:
        found.append(Offer(Action.ACCEPT))
    if status is CaseStatus.AWAITING_CORRECTION:
        found.append(Offer(Action.SUPPLEMENT))
    if status in (CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION):
        found.append(Offer(Action.REFUSE))
    if status is CaseStatus.IN_PROGRESS and case.is_parent:
        found.append(Offer(Action.ISSUE_TOGETHER))
    elif status is CaseStatus.IN_PROGRESS:
        found.extend(_progress_offers(case, actor))
    if status is CaseStatus.SUSPENDED:
        found.append(Offer(Action.RESUME))
    if status in (CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED) and (
        actor.role is Role.CHIEF_REPRESENTATIVE
    ):
        found.append(Offer(Action.EXTEND, extension_refusal(case, actor, today, due)))
    if status is CaseStatus.APPROVED and case.parent is None:
        found.append(Offer(Action.ISSUE))
    if status in (CaseStatus.ISSUED, CaseStatus.DENIED):
        found.append(Offer(Action.PICK_UP))
    # a one-form application is withdrawn whole, at its parent; a child never alone
    if case.is_open and status is not CaseStatus.APPROVED and case.parent is None:
        found.append(Offer(Action.WITHDRAW))
    return found


def _progress_offers(case: CaseState, actor: Actor) -> list[Offer]:
    current = case.current_step or 0
    found: list[Offer] = []
    if case.awaiting_decision:
        blocked = center_decision_refusal(case, "") or decision_refusal(case, actor)
        found += [Offer(Action.APPROVE, blocked), Offer(Action.DENY, blocked)]
        if case.terms.kind is ItemKind.REPORTED and not case.reported_to:
            found.append(Offer(Action.REPORT_UP, report_up_refusal(case, actor)))
    else:
        found.append(Offer(Action.COMPLETE_STEP))
    if current > 1:
        found.append(Offer(Action.RETURN))
    found.append(Offer(Action.SUSPEND))
    return found


def report_up_refusal(case: CaseState, actor: Actor) -> Message | None:
    """Who may send a case up (上报) and when: a 上报件 (its decision belongs to the center
    above), at its decision step, once, by the step's role (the chief's preliminary review
    goes up with it)."""
    if case.terms.kind is not ItemKind.REPORTED:
        return msg("只有上报件由上级中心作出决定。")
    if case.reported_to:
        return msg("本件已上报{center}，等待上级中心决定。", center=case.reported_to)
    if not case.awaiting_decision:
        return msg("本件尚未办理到决定环节，不能上报。")
    return step_role_refusal(actor, case.terms.flow[case.terms.decision_step])


def center_decision_refusal(case: CaseState, center: str) -> Message | None:
    """A case reported up is decided by the center it went to, and only such a case is
    decided by another center (`center`: the deciding center, "" for the case's own)."""
    if case.reported_to and center != case.reported_to:
        return msg("本件已上报{center}，由上级中心作出决定。", center=case.reported_to)
    if center and not case.reported_to:
        return msg("本件没有上报{center}，由受理的中心作出决定。", center=center)
    return None
