"""The event log of a case: which step may follow which, who may take it, what it must say,
and the hash chain that makes a removed, reordered or edited event show."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from app.domain.applicant import Applicant, ApplicantError, ApplicantKind
from app.domain.case import (
    STATUS_TITLES,
    Case,
    CaseStatus,
    IllegalTransition,
    Stamp,
    SuspensionReason,
)
from app.domain.catalog import Item
from app.domain.event_data import Extended, MaterialsSupplemented, Resumed
from app.domain.events import (
    CHINA_TIME,
    GENESIS_HASH,
    ChainError,
    Event,
    EventKind,
    canonical_json,
    new_event,
    verify_chain,
)
from app.domain.identity import make_resident_id
from app.domain.receiving import receive
from app.domain.roles import Actor, Role
from app.domain.terms import CaseTerms
from app.services.demo_people import demo_step_record

ITEMS_FILE = Path(__file__).resolve().parents[3] / "resources" / "catalog" / "items.json"
CATALOG = {raw["code"]: Item.from_dict(raw) for raw in json.loads(ITEMS_FILE.read_text("utf-8"))}
#: 食品经营许可: 初审受理 → 现场核查 (clerk, 2 days) → 首席代表审核决定 → 制证, decided at step 2.
FOOD = CATALOG["SCJG-XK-001"]
#: 营业执照遗失补领: a 即办件 decided by the window itself at its final step.
LOST_LICENSE = CATALOG["SCJG-QT-001"]
#: 企业开办"一件事": a 联办件, extendable by 15 days.
STARTUP = CATALOG["SCJG-QT-002"]
SCJG_CODES = frozenset(code for code, item in CATALOG.items() if item.department == "SCJG")

CLERK = Actor("scjg01", "市场监管窗口", Role.CLERK, "SCJG", "A04", "counter-01")
CHIEF = Actor(
    "scjg-chief",
    "市场监管首席代表",
    Role.CHIEF_REPRESENTATIVE,
    "SCJG",
    "A06",
    "counter-06",
    SCJG_CODES,
)
CHIEF_WITHOUT_SCOPE = replace(CHIEF, username="scjg-chief2", scope=frozenset({"SCJG-DJ-001"}))
OTHER_CLERK = Actor("ga01", "公安窗口", Role.CLERK, "GA", "B01", "counter-11")
OTHER_CHIEF = Actor(
    "ga-chief", "公安首席代表", Role.CHIEF_REPRESENTATIVE, "GA", "B05", "counter-15", SCJG_CODES
)
APPLICANT = Applicant(
    ApplicantKind.PERSON, "王秀英", make_resident_id("230202", date(1985, 5, 17), 124)
)
START = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA_TIME)


def names(item: Item, *, required: bool | None = None) -> list[str]:
    return [m.name for m in item.materials if required is None or m.required is required]


class Window:
    """Drives one case as the counter does: each command records and folds its event."""

    def __init__(self, item: Item = FOOD, materials: list[str] | None = None) -> None:
        self.at = START
        chosen = names(item, required=True) if materials is None else materials
        self.case = receive(self.stamp(CLERK), uuid4(), "261102-01-001", item, APPLICANT, chosen)

    def stamp(self, actor: Actor) -> Stamp:
        return Stamp(actor, self.at, uuid4())

    def do(self, command: str, *args: Any, by: Actor = CLERK, **kwargs: Any) -> Event:
        self.at += timedelta(minutes=7)
        if command == "complete_step" and "form" not in kwargs:
            kwargs["form"] = demo_step_record(self.at.date())  # out-of-hall steps need one
        if command == "extend":  # the clock's due date; the rules tried here are others
            kwargs.setdefault("due", self.at.date())
        event: Event = getattr(self.case, command)(self.stamp(by), *args, **kwargs)
        return event

    def refused(self, command: str, *args: Any, by: Actor = CLERK, **kwargs: Any) -> str:
        """Try a command that must be refused; the case must be left as it was."""
        before = len(self.case.events), self.case.status, self.case.current_step
        with pytest.raises(IllegalTransition) as caught:
            self.do(command, *args, by=by, **kwargs)
        assert (len(self.case.events), self.case.status, self.case.current_step) == before
        return str(caught.value)

    @property
    def events(self) -> list[Event]:
        return self.case.events


def in_progress(item: Item = FOOD) -> Window:
    window = Window(item)
    window.do("accept")
    return window


def at_decision(item: Item = FOOD) -> Window:
    window = in_progress(item)
    for step in range(1, item.decision_step):
        by = CHIEF if item.flow[step].role is Role.CHIEF_REPRESENTATIVE else CLERK
        window.do("complete_step", step, "核查通过", by=by)
    assert window.case.awaiting_decision
    return window


# ------------------------------------------------------------------ receipt and intake


def test_receipt_opens_the_case_with_a_copy_of_the_terms() -> None:
    window = Window(FOOD, names(FOOD))
    first = window.events[0]
    assert first.kind is EventKind.RECEIVED
    assert (first.position, first.prev_hash) == (1, GENESIS_HASH)
    assert (first.actor, first.window, first.terminal, first.at) == (
        "scjg01",
        "A04",
        "counter-01",
        START,
    )
    case = window.case
    assert case.status is CaseStatus.RECEIVED
    assert case.case_no == "261102-01-001"
    assert case.terms == CaseTerms.from_item(FOOD)
    assert case.materials == tuple(names(FOOD))
    assert case.applicant == APPLICANT
    assert case.current_step is None and case.is_open


def test_receipt_refuses_materials_not_in_the_item_and_a_bad_applicant() -> None:
    stamp = Stamp(CLERK, START, uuid4())
    with pytest.raises(IllegalTransition, match="不在本事项的材料清单中：结婚证"):
        receive(stamp, uuid4(), "261102-01-001", FOOD, APPLICANT, ["结婚证"])
    bad = replace(APPLICANT, id_number=APPLICANT.id_number[:-1] + "0")
    with pytest.raises(ApplicantError):
        receive(stamp, uuid4(), "261102-01-001", FOOD, bad, names(FOOD, required=True))
    with pytest.raises(ValueError, match="receipt"):
        Case.from_events([])


def test_accept_with_every_required_material_starts_the_first_step() -> None:
    window = Window(FOOD)  # the optional 委托代理人 papers are not needed
    event = window.do("accept")
    assert event.kind is EventKind.ACCEPTED
    assert event.payload["materials"] == names(FOOD, required=True)
    case = window.case
    assert case.status is CaseStatus.IN_PROGRESS
    assert case.current_step == 1 and case.step == FOOD.flow[1]
    assert case.step_started[1] == event.at
    assert case.step_started[0] == START


@pytest.mark.parametrize("left_out", [[0], [1, 3]])
def test_accept_is_refused_naming_every_missing_required_material(left_out: list[int]) -> None:
    required = names(FOOD, required=True)
    missing = [required[i] for i in left_out]
    window = Window(FOOD, [m for m in required if m not in missing])
    message = window.refused("accept")
    assert message.startswith("必需材料不齐，不能受理")
    assert all(m in message for m in missing)
    assert not any(m in message for m in required if m not in missing)
    # materials shown at the window now count instead of those on record
    window.do("accept", required)
    assert window.case.status is CaseStatus.IN_PROGRESS


def test_correction_notice_lists_every_missing_material_once_and_only_once() -> None:
    required = names(FOOD, required=True)
    window = Window(FOOD, required[2:])
    notice = window.do(
        "request_correction", [required[0], " ", required[1], required[0] + " "], " 请一次补齐 "
    )
    assert notice.kind is EventKind.CORRECTION_REQUESTED
    assert notice.payload == {"missing": required[:2], "note": "请一次补齐"}
    case = window.case
    assert case.status is CaseStatus.AWAITING_CORRECTION
    assert case.missing_materials == tuple(required[:2])
    assert case.pauses[-1].start == notice.at and case.pauses[-1].end is None
    window.do("supplement", [required[0]])  # still short of one
    assert window.case.missing_materials == (required[1],)
    message = window.refused("request_correction", [required[1]])
    assert "已出具过一次性补正告知" in message and "不予受理" in message
    assert required[1] in window.refused("accept")
    window.do("refuse", "补正后材料仍不齐全")
    assert window.case.status is CaseStatus.REFUSED


def test_correction_notice_may_not_leave_out_a_missing_material() -> None:
    required = names(FOOD, required=True)
    window = Window(FOOD, required[2:])
    message = window.refused("request_correction", [required[0]])
    assert required[1] in message and required[0] not in message
    assert "请至少勾选一项" in window.refused("request_correction", ["", "  "])
    # a material on record may be listed too, e.g. one that is illegible
    window.do("request_correction", [*required[:2], required[4]])


def test_supplied_materials_bring_the_case_back_to_be_accepted() -> None:
    required = names(FOOD, required=True)
    window = Window(FOOD, required[1:])
    window.do("request_correction", required[:1])
    assert "请勾选申请人补交的材料" in window.refused("supplement", [" "])
    event = window.do("supplement", required[:1])
    case = window.case
    assert case.status is CaseStatus.RECEIVED
    assert case.missing_materials == ()
    assert set(case.materials) == set(required)
    assert case.pauses[-1].end == event.at
    window.do("accept")
    assert window.case.status is CaseStatus.IN_PROGRESS


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_refusal_needs_a_reason(reason: str) -> None:
    window = Window(FOOD)
    assert window.refused("refuse", reason) == "不予受理须写明理由。"
    event = window.do("refuse", "  不属于本中心受理范围 ")
    assert event.payload == {"reason": "不属于本中心受理范围"}
    assert window.case.status is CaseStatus.REFUSED
    assert window.case.outcome_reason == "不属于本中心受理范围"
    assert window.case.stopped_at == event.at


def test_a_clerk_of_another_department_cannot_touch_the_case() -> None:
    window = Window(FOOD)
    assert window.refused("accept", by=OTHER_CLERK) == "本件不属于您所在部门，不能办理。"
    assert "不属于您所在部门" in window.refused("refuse", "不符合条件", by=OTHER_CLERK)


# ----------------------------------------------------------------------------- steps


def test_steps_are_done_in_order() -> None:
    window = in_progress(FOOD)
    assert "当前应办理的是第2个环节，不是第3个" in window.refused("complete_step", 2)
    assert "不是第1个" in window.refused("complete_step", 0)
    record = demo_step_record(window.at.date())
    event = window.do("complete_step", 1, " 现场核查通过 ", form=record)
    assert event.payload == {"step": 1, "note": "现场核查通过", "form": record}
    assert window.case.current_step == 2
    assert window.case.step_started[2] == event.at
    assert "须作出准予或不予许可的决定" in window.refused("complete_step", 2, by=CHIEF)


CHIEF_SURVEY = Item.from_dict(
    {
        **FOOD.to_dict(),
        "code": "SCJG-TEST-001",
        "flow": [
            {"element": "acceptance", "name": "初审受理", "role": "clerk", "days": 0},
            {
                "element": "site_survey",
                "name": "首席代表现场核查",
                "role": "chief_representative",
                "days": 2,
            },
            {
                "element": "chief_review",
                "name": "首席代表审核决定",
                "role": "chief_representative",
                "days": 1,
            },
            {"element": "issuance", "name": "制证", "role": "clerk", "days": 1},
        ],
    }
)


def test_a_chief_only_step_is_refused_for_a_clerk() -> None:
    window = in_progress(CHIEF_SURVEY)
    assert window.refused("complete_step", 1) == "“首席代表现场核查”环节须由首席代表办理。"
    window.do("complete_step", 1, by=replace(CHIEF, scope=frozenset()))
    assert window.refused("decide", True) == "“首席代表审核决定”环节须由首席代表办理。"
    window.do("decide", True, by=replace(CHIEF, scope=frozenset({CHIEF_SURVEY.code})))
    assert window.case.status is CaseStatus.APPROVED


def test_return_to_an_earlier_step_rearms_its_clock() -> None:
    window = at_decision(FOOD)
    first_start = window.case.step_started[1]
    assert "退回须写明理由" in window.refused("return_to_step", 1, " ")
    assert "只能退回到本件已经办理过的环节" in window.refused("return_to_step", 2, "重新审核")
    assert "只能退回到本件已经办理过的环节" in window.refused("return_to_step", 0, "重新受理")
    event = window.do("return_to_step", 1, "现场核查记录缺少照片")
    assert event.payload == {"step": 1, "reason": "现场核查记录缺少照片"}
    case = window.case
    assert case.status is CaseStatus.IN_PROGRESS
    assert case.current_step == 1
    assert case.step_started[1] == event.at > first_start
    window.do("complete_step", 1, "补拍照片")
    window.do("decide", True, by=CHIEF)
    assert window.case.status is CaseStatus.APPROVED


def test_suspension_stops_the_clock_until_resumed() -> None:
    window = in_progress(FOOD)
    assert "当前状态为“办理中”，不能恢复计时" in window.refused("resume")
    event = window.do("suspend", SuspensionReason.EXPERT_REVIEW, "组织专家评审")
    assert event.payload == {"reason": "expert_review", "note": "组织专家评审"}
    case = window.case
    assert case.status is CaseStatus.SUSPENDED
    assert (case.pauses[-1].start, case.pauses[-1].end, case.pauses[-1].reason) == (
        event.at,
        None,
        "expert_review",
    )
    assert "不能办理环节" in window.refused("complete_step", 1)
    assert "不能暂停计时" in window.refused("suspend", SuspensionReason.HEARING)
    resumed = window.do("resume")
    assert window.case.status is CaseStatus.IN_PROGRESS
    assert window.case.pauses[-1].end == resumed.at
    with pytest.raises(ValueError):
        window.do("suspend", "coffee_break")


# ------------------------------------------------------------------ extension (Art. 42)


def test_only_a_chief_may_extend_once_by_at_most_ten_days() -> None:
    window = in_progress(FOOD)
    assert "须经首席代表批准" in window.refused("extend", 5, "情况复杂")
    assert "不属于您所在部门" in window.refused("extend", 5, "情况复杂", by=OTHER_CHIEF)
    for days in (0, -1, 11):
        assert "延长期限为1至10个工作日" in window.refused("extend", days, "情况复杂", by=CHIEF)
    assert "延长期限须写明理由" in window.refused("extend", 10, "", by=CHIEF)
    event = window.do("extend", 10, "需补充现场核查", by=CHIEF)
    assert event.payload == {"days": 10, "reason": "需补充现场核查"}
    assert window.case.extension_days == 10
    assert "已延长过一次期限" in window.refused("extend", 1, "再延", by=CHIEF)


def test_a_joint_case_may_be_extended_by_fifteen_days_also_while_suspended() -> None:
    window = in_progress(STARTUP)
    window.do("suspend", SuspensionReason.APPRAISAL)
    assert "延长期限为1至15个工作日" in window.refused("extend", 16, "联办", by=CHIEF)
    window.do("extend", 15, "多部门联合审查", by=CHIEF)
    assert window.case.extension_days == 15
    assert window.case.status is CaseStatus.SUSPENDED


def test_an_overdue_case_cannot_be_extended_and_says_why() -> None:
    """Art. 42: the extension is decided within the time limit, never after it ran out."""
    window = in_progress(FOOD)
    yesterday = window.at.date() - timedelta(days=1)
    message = window.refused("extend", 5, "情况复杂", by=CHIEF, due=yesterday)
    assert f"本件办理期限已于{yesterday}届满，已经超时，不能延长" in message
    assert "第四十二条" in message
    assert window.case.extension_days == 0
    window.do("extend", 5, "情况复杂", by=CHIEF, due=window.at.date())  # on the last day: yes
    assert window.case.extension_days == 5


def test_a_case_decided_on_the_spot_cannot_be_extended() -> None:
    window = in_progress(LOST_LICENSE)
    assert "即办件应当场办结，不能延长期限" in window.refused("extend", 1, "情况复杂", by=CHIEF)


# ----------------------------------------------------------------- decision and after


def test_decision_only_at_the_decision_step() -> None:
    window = in_progress(FOOD)
    assert (
        window.refused("decide", True, by=CHIEF) == "尚未到决定环节：请先办理“经营场所现场核查”。"
    )
    window.do("complete_step", 1)
    assert window.case.awaiting_decision
    assert "须由首席代表办理" in window.refused("decide", True)
    message = window.refused("decide", True, by=CHIEF_WITHOUT_SCOPE)
    assert message == "“食品经营许可”不在您的授权审批事项范围内。"
    assert "不属于您所在部门" in window.refused("decide", True, by=OTHER_CHIEF)


def test_a_denial_needs_a_reason_and_may_be_picked_up() -> None:
    window = at_decision(FOOD)
    assert window.refused("decide", False, " ", by=CHIEF) == "不予许可须写明理由。"
    event = window.do("decide", False, "经营场所不符合食品安全要求", by=CHIEF)
    assert event.payload == {"approved": False, "reason": "经营场所不符合食品安全要求"}
    case = window.case
    assert case.status is CaseStatus.DENIED
    assert case.current_step is None and case.stopped_at == event.at
    assert "不能发证办结" in window.refused("issue", "SC123")
    window.do("pick_up", "王秀英")
    assert window.case.status is CaseStatus.PICKED_UP


def test_approval_then_issue_then_pick_up() -> None:
    window = at_decision(FOOD)
    assert "不能发证办结" in window.refused("issue", "JY123")
    assert "不能登记取件" in window.refused("pick_up")
    decided = window.do("decide", True, by=CHIEF)
    assert decided.payload == {"approved": True, "reason": ""}
    case = window.case
    assert case.status is CaseStatus.APPROVED
    assert case.current_step == len(FOOD.flow) - 1 and case.stopped_at == decided.at
    assert "不能登记取件" in window.refused("pick_up")
    assert "不能撤回" in window.refused("withdraw", "不想办了")
    issued = window.do("issue", " JY12302020001 ")
    assert issued.payload == {"certificate_no": "JY12302020001"}
    assert window.case.status is CaseStatus.ISSUED and window.case.current_step is None
    picked = window.do("pick_up", " 王秀英 ")
    assert picked.payload == {"picked_up_by": "王秀英"}
    assert window.case.status is CaseStatus.PICKED_UP and not window.case.is_open


def test_an_immediate_item_is_decided_by_the_window_on_the_spot() -> None:
    window = in_progress(LOST_LICENSE)
    assert window.case.awaiting_decision  # decided at its only step after acceptance
    assert "须作出准予或不予许可的决定" in window.refused("complete_step", 1)
    window.do("decide", True)
    window.do("issue", "补领执照")
    window.do("pick_up")
    assert [e.kind for e in window.events] == [
        EventKind.RECEIVED,
        EventKind.ACCEPTED,
        EventKind.DECIDED,
        EventKind.ISSUED,
        EventKind.PICKED_UP,
    ]


def awaiting_correction() -> Window:
    required = names(FOOD, required=True)
    window = Window(FOOD, required[1:])
    window.do("request_correction", required[:1])
    return window


def suspended() -> Window:
    window = in_progress(FOOD)
    window.do("suspend", SuspensionReason.TESTING)
    return window


@pytest.mark.parametrize("make", [Window, awaiting_correction, in_progress, suspended])
def test_withdrawal_while_open_needs_a_reason_and_stops_the_clock(make: Any) -> None:
    window = make()
    assert window.refused("withdraw", "") == "撤回须写明理由。"
    event = window.do("withdraw", "申请人主动撤回")
    case = window.case
    assert case.status is CaseStatus.WITHDRAWN
    assert case.outcome_reason == "申请人主动撤回"
    assert case.stopped_at == event.at and case.current_step is None
    assert all(p.end is not None for p in case.pauses)


# ------------------------------------------------------- every state, every command


def in_state(status: CaseStatus) -> Window:
    """A case brought to `status` by legal steps."""
    if status is CaseStatus.RECEIVED:
        return Window(FOOD)
    if status is CaseStatus.AWAITING_CORRECTION:
        return awaiting_correction()
    if status is CaseStatus.IN_PROGRESS:
        return in_progress(FOOD)
    if status is CaseStatus.SUSPENDED:
        return suspended()
    if status is CaseStatus.REFUSED:
        window = Window(FOOD)
        window.do("refuse", "不符合受理条件")
        return window
    if status is CaseStatus.WITHDRAWN:
        window = Window(FOOD)
        window.do("withdraw", "申请人撤回")
        return window
    window = at_decision(FOOD)
    window.do("decide", status is not CaseStatus.DENIED, "不符合条件", by=CHIEF)
    if status in (CaseStatus.ISSUED, CaseStatus.PICKED_UP):
        window.do("issue", "JY1")
    if status is CaseStatus.PICKED_UP:
        window.do("pick_up")
    return window


#: Each command, arguments it would be taken with, and the states in which it is legal.
COMMANDS: dict[str, tuple[tuple[Any, ...], set[CaseStatus]]] = {
    "accept": ((), {CaseStatus.RECEIVED}),
    "request_correction": ((names(FOOD),), {CaseStatus.RECEIVED}),
    "supplement": ((names(FOOD),), {CaseStatus.AWAITING_CORRECTION}),
    "refuse": (("不符合条件",), {CaseStatus.RECEIVED, CaseStatus.AWAITING_CORRECTION}),
    "complete_step": ((1,), {CaseStatus.IN_PROGRESS}),
    "return_to_step": ((1, "重新核查"), {CaseStatus.IN_PROGRESS}),
    "suspend": ((SuspensionReason.HEARING,), {CaseStatus.IN_PROGRESS}),
    "resume": ((), {CaseStatus.SUSPENDED}),
    "extend": ((3, "情况复杂"), {CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED}),
    "decide": ((True,), {CaseStatus.IN_PROGRESS}),
    "issue": (("JY2",), {CaseStatus.APPROVED}),
    "pick_up": ((), {CaseStatus.ISSUED, CaseStatus.DENIED}),
    "withdraw": (
        ("申请人撤回",),
        {
            CaseStatus.RECEIVED,
            CaseStatus.AWAITING_CORRECTION,
            CaseStatus.IN_PROGRESS,
            CaseStatus.SUSPENDED,
        },
    ),
}


@pytest.mark.parametrize("status", list(CaseStatus))
def test_every_illegal_transition_names_the_current_state(status: CaseStatus) -> None:
    window = in_state(status)
    assert window.case.status is status
    refused = 0
    for command, (args, legal) in COMMANDS.items():
        if status in legal:
            continue
        message = window.refused(command, *args, by=CHIEF)
        assert f"办件当前状态为“{STATUS_TITLES[status]}”，不能" in message, (command, message)
        refused += 1
    assert refused >= 7  # the open states allow at most six commands


@pytest.mark.parametrize("status", list(CaseStatus))
def test_replaying_the_log_gives_the_same_case(status: CaseStatus) -> None:
    case = in_state(status).case
    again = Case.from_events(case.events)
    for name in (
        "status",
        "materials",
        "missing_materials",
        "correction_requested",
        "current_step",
        "step_started",
        "pauses",
        "extension_days",
        "stopped_at",
        "outcome_reason",
    ):
        assert getattr(again, name) == getattr(case, name), name


# ------------------------------------------------------------------------ hash chain


def full_log() -> list[Event]:
    required = names(FOOD, required=True)
    window = Window(FOOD, required[1:])
    window.do("request_correction", required[:1], "请补交申请书")
    window.do("supplement", required[:1])
    window.do("accept")
    window.do("suspend", SuspensionReason.INSPECTION)
    window.do("resume")
    window.do("complete_step", 1)
    window.do("extend", 3, "需要补充核查", by=CHIEF)
    window.do("decide", True, by=CHIEF)
    window.do("issue", "JY12302020001")
    window.do("pick_up", "王秀英")
    return list(window.events)


def test_the_events_form_an_unbroken_chain() -> None:
    events = full_log()
    verify_chain(events)
    assert [e.position for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS_HASH
    for earlier, later in zip(events, events[1:], strict=False):
        assert later.prev_hash == earlier.hash
    assert len({e.hash for e in events}) == len(events)
    assert all(e.hash == e.computed_hash() for e in events)


def test_editing_a_payload_breaks_the_chain() -> None:
    events = full_log()
    changed = MaterialsSupplemented(("伪造的材料",))
    # the stored JSON edited, as someone editing the database would
    forged_json = canonical_json(changed.to_payload())
    forged = replace(events[2], data=changed, payload_json=forged_json)
    with pytest.raises(ChainError, match="第3条记录（materials_supplemented）的内容与哈希不符"):
        verify_chain([*events[:2], forged, *events[3:]])
    # the typed event edited while the hashed JSON is left as it was
    with pytest.raises(ChainError, match="第3条记录"):
        verify_chain([*events[:2], replace(events[2], data=changed), *events[3:]])


@pytest.mark.parametrize(
    "field", [{"actor": "someone"}, {"window": "A99"}, {"at": START + timedelta(days=1)}]
)
def test_editing_who_where_or_when_breaks_the_chain(field: dict[str, Any]) -> None:
    events = full_log()
    with pytest.raises(ChainError, match="第5条记录"):
        verify_chain([*events[:4], replace(events[4], **field), *events[5:]])


def test_an_edited_event_given_a_new_hash_no_longer_links_to_the_next() -> None:
    events = full_log()
    old = events[7]
    rehashed = new_event(
        id=old.id,
        case_id=old.case_id,
        position=old.position,
        data=Extended(10, "需要补充核查"),
        actor=old.actor,
        window=old.window,
        terminal=old.terminal,
        at=old.at,
        prev_hash=old.prev_hash,
    )
    with pytest.raises(ChainError, match="第9条记录与上一条记录的哈希不相连"):
        verify_chain([*events[:7], rehashed, *events[8:]])


@pytest.mark.parametrize("index", [0, 1, 5])
def test_removing_an_event_breaks_the_chain(index: int) -> None:
    events = full_log()
    with pytest.raises(ChainError, match="缺失或顺序错乱"):
        verify_chain(events[:index] + events[index + 1 :])


def test_reordering_events_breaks_the_chain() -> None:
    events = full_log()
    swapped = [*events[:4], events[5], events[4], *events[6:]]
    with pytest.raises(ChainError, match="第5条记录缺失或顺序错乱"):
        verify_chain(swapped)
    # renumbered to hide the swap, the hashes still give it away
    renumbered = [replace(e, position=n) for n, e in enumerate(swapped, start=1)]
    with pytest.raises(ChainError, match="第5条记录"):
        verify_chain(renumbered)


def test_an_event_needs_a_time_zone() -> None:
    with pytest.raises(ValueError, match="time zone"):
        new_event(
            id=uuid4(),
            case_id=uuid4(),
            position=1,
            data=Resumed(),
            actor="scjg01",
            window="A04",
            terminal="counter-01",
            at=datetime(2026, 11, 2, 9, 30),
            prev_hash=GENESIS_HASH,
        )
