"""The slips a window hands out, each described from a case's facts.

Acceptance receipt (受理回执), correction slip (补正告知单) listing every missing material,
refusal slip (不予受理告知单), the kiosk's intake slip (接件单), the process notice
(办事流程告知单) and the pick-up slip (取件通知单); and the test page a counter prints when its
printer is set up. Every slip carries the case number as text and as a QR code and the
center's phone; the applicant's ID number only ever masked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum

from app.domain.messages import Message, MessageError, msg
from printing.facts import CaseFacts, Center
from printing.slip_layout import Align, Block, Field, Heading, Numbered, QrCode, Rule, Slip, Text


class SlipKind(StrEnum):
    ACCEPTANCE = "acceptance"
    CORRECTION = "correction"
    REFUSAL = "refusal"
    INTAKE = "intake"
    PROCESS = "process"
    PICKUP = "pickup"


#: Each slip's name: printed in Chinese (str), translated in the window.
SLIP_MESSAGES: dict[SlipKind, Message] = {
    SlipKind.ACCEPTANCE: msg("受理回执"),
    SlipKind.CORRECTION: msg("补正材料告知单"),
    SlipKind.REFUSAL: msg("不予受理告知单"),
    SlipKind.INTAKE: msg("接件单"),
    SlipKind.PROCESS: msg("办事流程告知单"),
    SlipKind.PICKUP: msg("取件通知单"),
}
SLIP_TITLES: dict[SlipKind, str] = {kind: str(title) for kind, title in SLIP_MESSAGES.items()}
#: Statuses after which a result waits to be picked up (or was).
RESULT_STATUSES = frozenset({"准予许可", "不予许可", "已办结", "已取件"})


class SlipNotApplicable(MessageError, ValueError):
    """The case's state does not support this slip; the text says why."""


def applicable_slips(facts: CaseFacts) -> list[SlipKind]:
    """The slips this case can have, in the order a clerk would look for them."""
    kinds = [SlipKind.INTAKE, SlipKind.PROCESS]
    if facts.accepted_at:
        kinds.insert(0, SlipKind.ACCEPTANCE)
    if facts.correction_at:
        kinds.insert(0, SlipKind.CORRECTION)
    if facts.status == "不予受理":
        kinds.insert(0, SlipKind.REFUSAL)
    if facts.status in RESULT_STATUSES:
        kinds.insert(0, SlipKind.PICKUP)
    return kinds


def default_slip(facts: CaseFacts) -> SlipKind:
    """The slip the applicant should leave with now: the first applicable one."""
    return applicable_slips(facts)[0]


def build_slip(kind: SlipKind, facts: CaseFacts, center: Center, printed_at: datetime) -> Slip:
    if kind not in applicable_slips(facts):
        raise SlipNotApplicable(_NOT_APPLICABLE[kind])
    body = _BODIES[kind](facts)
    title = SLIP_TITLES[kind]
    return Slip(
        kind.value,
        title,
        (
            Text(center.name, Align.CENTER, bold=True),
            Heading(title),
            Rule(),
            Field("办件编号", facts.case_no, bold=True),
            Field("事项", facts.item_name),
            Field("部门", facts.department),
            *_applicant(facts),
            Field("接件时间", moment_text(facts.received_at)),
            *_online(facts),
            Rule(),
            *body,
            Rule(),
            QrCode(facts.case_no),
            Text("扫码或凭办件编号查询办理进度", Align.CENTER),
            Text(f"咨询电话：{center.phone}", Align.CENTER),
            Text(f"打印时间：{moment_text(printed_at)}", Align.CENTER),
        ),
    )


def test_page(center: Center, printer: str, paper_mm: int, printed_at: datetime) -> Slip:
    """What a counter prints to check a new printer: Chinese, punctuation, width, QR, cut."""
    return Slip(
        "test",
        "打印测试页",
        (
            Text(center.name, Align.CENTER, bold=True),
            Heading("打印测试页"),
            Rule(),
            Field("打印机", printer),
            Field("纸宽", f"{paper_mm} mm"),
            Text("中文：政务服务中心一窗受理，集成服务。"),
            Text("标点：，。、；：？！“”‘’（）《》【】…—￥"),
            Text("数字：0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
            Text("1234567890" * 5),
            Rule(),
            QrCode("ONEWINDOW-TEST"),
            Text(f"打印时间：{moment_text(printed_at)}", Align.CENTER),
        ),
    )


def _online(facts: CaseFacts) -> tuple[Block, ...]:
    """An application filed online names the portal's number (网上申报编号), a case taken up
    from an appointment the appointment's (预约编号)."""
    if not facts.online_reference:
        return ()
    label = "预约编号" if facts.channel == "appointment" else "网上申报编号"
    return (Field(label, facts.online_reference),)


# ---- the body of each slip --------------------------------------------------------------


def _acceptance(facts: CaseFacts) -> tuple[Block, ...]:
    return (
        Field("受理时间", moment_text(facts.accepted_at)),
        Text("已收材料：", bold=True),
        Numbered(facts.materials_received),
        Field("办件类型", facts.item_kind),
        Field("承诺时限", f"{facts.committed_days}个工作日"),
        Field("预计办结", day_text(facts.due), bold=True),
        Field("收费", facts.fee),
        Field("取件地点", facts.location),
        Text("办理流程：", bold=True),
        Numbered(facts.procedure),
        *_parallel(facts),
    )


def _parallel(facts: CaseFacts) -> tuple[Block, ...]:
    """A one-form application: the departments approving at the same time (抄告相关)."""
    if not facts.parallel:
        return ()
    return (
        Text("并联审批（各部门同时办理）：", bold=True),
        Numbered(facts.parallel),
        Text("各部门全部办结后，在本窗口统一发证。"),
    )


def _correction(facts: CaseFacts) -> tuple[Block, ...]:
    note = (Field("说明", facts.correction_note),) if facts.correction_note else ()
    return (
        Field("告知时间", moment_text(facts.correction_at)),
        Text("请一次性补齐以下材料：", bold=True),
        Numbered(facts.materials_missing),
        *note,
        Text("已收材料：", bold=True),
        Numbered(facts.materials_received) if facts.materials_received else Text("无"),
        Text("补齐后请到原窗口办理，本件自材料补齐之日起受理。"),
        Field("窗口", facts.correction_location),
    )


def _refusal(facts: CaseFacts) -> tuple[Block, ...]:
    return (
        Field("不予受理理由", facts.outcome_reason, bold=True),
        Text("书面决定书另行出具。如不服，可依法申请行政复议或者提起行政诉讼。"),
    )


def _intake(facts: CaseFacts) -> tuple[Block, ...]:
    return (
        Field("办件类型", facts.item_kind),
        Field("请到", facts.location, bold=True),
        Text("请携带以下材料：", bold=True),
        Numbered(facts.materials_listed),
        Text("窗口核验材料后出具受理回执。"),
    )


def _process(facts: CaseFacts) -> tuple[Block, ...]:
    return (
        Field("办件类型", facts.item_kind),
        Field("法定时限", f"{facts.legal_days}个工作日"),
        Field("承诺时限", f"{facts.committed_days}个工作日"),
        Field("收费", facts.fee),
        Field("办理地点", facts.location),
        Text("办理流程：", bold=True),
        Numbered(facts.procedure),
        *_parallel(facts),
    )


def _pickup(facts: CaseFacts) -> tuple[Block, ...]:
    result = (
        "准予许可" if facts.approved else "不予许可" if facts.approved is False else facts.status
    )
    certificate = (Field("证照编号", facts.certificate_no),) if facts.certificate_no else ()
    reason = (Field("理由", facts.outcome_reason),) if facts.approved is False else ()
    return (
        Field("办理结果", result, bold=True),
        *reason,
        *certificate,
        Field("取件地点", facts.location, bold=True),
        Text("请凭本单及申请人身份证件取件；委托他人的，请携带授权委托书。"),
    )


_BODIES: dict[SlipKind, Callable[[CaseFacts], tuple[Block, ...]]] = {
    SlipKind.ACCEPTANCE: _acceptance,
    SlipKind.CORRECTION: _correction,
    SlipKind.REFUSAL: _refusal,
    SlipKind.INTAKE: _intake,
    SlipKind.PROCESS: _process,
    SlipKind.PICKUP: _pickup,
}
_NOT_APPLICABLE: dict[SlipKind, Message] = {
    SlipKind.ACCEPTANCE: msg("本件尚未受理，不能打印受理回执"),
    SlipKind.CORRECTION: msg("本件没有出具补正告知，不能打印补正材料告知单"),
    SlipKind.REFUSAL: msg("本件没有作出不予受理决定，不能打印不予受理告知单"),
    SlipKind.PICKUP: msg("本件尚无办理结果，不能打印取件通知单"),
}


def _applicant(facts: CaseFacts) -> tuple[Block, ...]:
    if facts.applicant_is_enterprise and not facts.credit_code:  # being established (设立中)
        return (
            Field("申请单位", f"{facts.applicant_name}（设立中）"),
            Field("法定代表人", f"{facts.legal_representative} {facts.applicant_id}"),
        )
    if facts.applicant_is_enterprise:
        return (
            Field("申请单位", facts.applicant_name),
            Field("信用代码", facts.credit_code),
            Field("法定代表人", facts.legal_representative),
        )
    return (Field("申请人", facts.applicant_name), Field("证件号码", facts.applicant_id))


def moment_text(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def day_text(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
