"""The wording of the written notices, kind by kind, from a case's facts.

Each notice is what the Administrative Licensing Law asks the organ to put in writing: the
acceptance receipt and the one-time correction notice (Art. 32), the refusal to accept and the
decision with its reasons and the applicant's remedies (Art. 38), the promise to issue within
ten working days (Art. 44), the extension of the time limit with its reason (Art. 42), and the
written notice that a procedure's time is not counted (Art. 45) — a suspension, or a step of
the item's flow whose time does not count. Layout lives in `notices`; this module only says what is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.domain.messages import Message, MessageError, msg
from printing.facts import CaseFacts, Center, Suspension


class NoticeKind(StrEnum):
    ACCEPTANCE = "acceptance"
    CORRECTION = "correction"
    REFUSAL = "refusal"
    APPROVAL = "approval"
    DENIAL = "denial"
    SPECIAL_PROCEDURE = "special-procedure"
    EXTENSION = "extension"


#: Each notice's name: printed in Chinese (str), translated in the window.
NOTICE_MESSAGES: dict[NoticeKind, Message] = {
    NoticeKind.ACCEPTANCE: msg("受理通知书"),
    NoticeKind.CORRECTION: msg("补正材料一次性告知书"),
    NoticeKind.REFUSAL: msg("不予受理决定书"),
    NoticeKind.APPROVAL: msg("准予行政许可决定书"),
    NoticeKind.DENIAL: msg("不予行政许可决定书"),
    NoticeKind.SPECIAL_PROCEDURE: msg("特别程序告知书"),
    NoticeKind.EXTENSION: msg("延长期限告知书"),
}
NOTICE_TITLES: dict[NoticeKind, str] = {kind: str(title) for kind, title in NOTICE_MESSAGES.items()}
#: The word in the document number (文号) of each kind: 〔2026〕受字第261102-01-007号.
_NUMBER_WORDS: dict[NoticeKind, str] = {
    NoticeKind.ACCEPTANCE: "受",
    NoticeKind.CORRECTION: "补",
    NoticeKind.REFUSAL: "不受",
    NoticeKind.APPROVAL: "准许",
    NoticeKind.DENIAL: "不许",
    NoticeKind.SPECIAL_PROCEDURE: "特",
    NoticeKind.EXTENSION: "延",
}
REMEDIES = (
    "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
    "或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
)


class NoticeNotApplicable(MessageError, ValueError):
    """The case's state does not support this notice; the text says why."""


@dataclass(frozen=True)
class NoticeText:
    """Everything a notice says, in reading order."""

    title: str
    number: str  # 文号
    addressee: str
    particulars: tuple[tuple[str, str], ...]  # label, value: who, what, which case
    paragraphs: tuple[str, ...]  # before the list
    listed: tuple[str, ...]  # numbered entries (missing materials), may be empty
    closing: tuple[str, ...]  # after the list
    signed_by: str
    signed_on: str


def applicable_notices(facts: CaseFacts) -> list[NoticeKind]:
    """The notices this case's history supports, in the order they were due."""
    supported = {
        NoticeKind.CORRECTION: facts.correction_at is not None,
        NoticeKind.ACCEPTANCE: facts.accepted_at is not None,
        NoticeKind.REFUSAL: facts.status == "不予受理",
        NoticeKind.SPECIAL_PROCEDURE: art45_procedure(facts) is not None,
        NoticeKind.EXTENSION: facts.extension_days > 0,
        NoticeKind.APPROVAL: facts.approved is True,
        NoticeKind.DENIAL: facts.approved is False,
    }
    return [kind for kind, holds in supported.items() if holds]


def notice_text(kind: NoticeKind, facts: CaseFacts, center: Center, issued_on: date) -> NoticeText:
    if kind not in applicable_notices(facts):
        raise NoticeNotApplicable(_NOT_APPLICABLE[kind])
    paragraphs, listed, closing = _BODIES[kind](facts, center)
    return NoticeText(
        title=NOTICE_TITLES[kind],
        number=f"〔{issued_on.year}〕{_NUMBER_WORDS[kind]}字第{facts.case_no}号",
        addressee=f"{facts.applicant_name}：",
        particulars=_particulars(facts),
        paragraphs=paragraphs,
        listed=listed,
        closing=(*closing, f"咨询电话：{center.phone}。凭办件编号{facts.case_no}可查询办理进度。"),
        signed_by=center.name,
        signed_on=chinese_date(issued_on),
    )


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def art45_procedure(facts: CaseFacts) -> Suspension | None:
    """The latest procedure whose time is not counted: a suspension or an uncounted step."""
    held = [p for p in (facts.suspension, facts.uncounted_step) if p is not None]
    return max(held, key=lambda p: p.since) if held else None


# ---- the body of each notice -----------------------------------------------------------

Body = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _acceptance(facts: CaseFacts, center: Center) -> Body:
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，申请材料齐全、"
            "符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，"
            f"本机关于{_day(facts.accepted_at)}决定予以受理。",
            f"本件为{facts.item_kind}，法定办理时限为{facts.legal_days}个工作日，承诺办理时限为"
            f"{facts.committed_days}个工作日，预计于{chinese_date(facts.due)}前办结。依法需要听证、"
            "检验、检测、检疫、鉴定、专家评审的，所需时间不计算在上述期限内，届时另行书面告知。",
        ),
        (),
        (f"办理结果请到{facts.location}领取，收费：{facts.fee}。",),
    )


def _correction(facts: CaseFacts, center: Center) -> Body:
    note = (f"说明：{facts.correction_note}",) if facts.correction_note else ()
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，经审查，申请材料"
            "不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项"
            "的规定，现一次性告知需要补正的全部内容如下：",
        ),
        facts.materials_missing,
        (
            *note,
            f"请补正上述全部材料后到{facts.correction_location}提交，本机关自收到全部补正材料之日起受理。"
            "本告知书已一次性列明需要补正的全部内容，本机关不再要求补正其他材料。",
        ),
    )


def _refusal(facts: CaseFacts, center: Center) -> Body:
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，经审查，"
            f"{_sentence(facts.outcome_reason)}根据《中华人民共和国行政许可法》第三十二条第一款"
            "的规定，本机关决定不予受理。",
            REMEDIES,
        ),
        (),
        (),
    )


def _approval(facts: CaseFacts, center: Center) -> Body:
    basis = f"及{facts.legal_basis}" if facts.legal_basis else ""
    certificate = (f"证件编号：{facts.certificate_no}。",) if facts.certificate_no else ()
    code = facts.issued_credit_code
    credit = (f"统一社会信用代码：{code}。",) if code and code != facts.certificate_no else ()
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，经审查，符合法定"
            f"条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款{basis}的规定，本机关于"
            f"{_day(facts.decided_at)}决定准予行政许可。{_collectively(facts)}",
            *credit,
            *certificate,
            "本机关将自作出本决定之日起十个工作日内颁发、送达行政许可证件（《中华人民共和国"
            f"行政许可法》第四十四条），请到{facts.location}领取。",
        ),
        (),
        (),
    )


def _denial(facts: CaseFacts, center: Center) -> Body:
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，经审查，"
            f"{_sentence(facts.outcome_reason)}根据《中华人民共和国行政许可法》第三十八条第二款"
            f"的规定，本机关决定不予行政许可。{_collectively(facts)}",
            REMEDIES,
        ),
        (),
        (),
    )


def _special_procedure(facts: CaseFacts, center: Center) -> Body:
    suspension = art45_procedure(facts)
    assert suspension is not None  # applicable_notices checked it
    note = f"（{suspension.note}）" if suspension.note else ""
    resumed = f"，已于{_day(suspension.until)}恢复计时" if suspension.until else ""
    return (
        (
            f"{_you(facts)}申请的{facts.item_name}，依法需要进行{suspension.reason}{note}。",
            "根据《中华人民共和国行政许可法》第四十五条的规定，"
            f"{suspension.reason}所需时间不计算在行政许可期限内。本件自{_day(suspension.since)}"
            f"起暂停计算办理期限{resumed}；{suspension.reason}结束后恢复计算，办理结果将及时告知。",
        ),
        (),
        (),
    )


def _extension(facts: CaseFacts, center: Center) -> Body:
    return (
        (
            f"{_you(facts)}于{_day(facts.received_at)}提出的{facts.item_name}申请，本机关不能在"
            f"原定期限内作出决定，理由如下：{_sentence(facts.extension_reason)}",
            "根据《中华人民共和国行政许可法》第四十二条的规定，经本机关负责人于"
            f"{_day(facts.extended_at)}批准，本件办理期限延长{facts.extension_days}个工作日，"
            f"延长后应于{chinese_date(facts.due)}前办结。",
        ),
        (),
        (),
    )


_BODIES: dict[NoticeKind, Callable[[CaseFacts, Center], Body]] = {
    NoticeKind.ACCEPTANCE: _acceptance,
    NoticeKind.CORRECTION: _correction,
    NoticeKind.REFUSAL: _refusal,
    NoticeKind.APPROVAL: _approval,
    NoticeKind.DENIAL: _denial,
    NoticeKind.SPECIAL_PROCEDURE: _special_procedure,
    NoticeKind.EXTENSION: _extension,
}
_NOT_APPLICABLE: dict[NoticeKind, Message] = {
    NoticeKind.ACCEPTANCE: msg("本件尚未受理，不能出具受理通知书"),
    NoticeKind.CORRECTION: msg("本件没有出具补正告知，不能出具补正材料一次性告知书"),
    NoticeKind.REFUSAL: msg("本件未作出不予受理决定，不能出具不予受理决定书"),
    NoticeKind.APPROVAL: msg("本件未作出准予许可的决定，不能出具准予行政许可决定书"),
    NoticeKind.DENIAL: msg("本件未作出不予许可的决定，不能出具不予行政许可决定书"),
    NoticeKind.SPECIAL_PROCEDURE: msg("本件没有进入特别程序（暂停计时），不能出具特别程序告知书"),
    NoticeKind.EXTENSION: msg("本件没有延长办理期限，不能出具延长期限告知书"),
}


def _particulars(facts: CaseFacts) -> tuple[tuple[str, str], ...]:
    if facts.applicant_is_enterprise:
        # an enterprise in formation has its code only once its license is approved
        code = facts.credit_code or facts.issued_credit_code
        who: tuple[tuple[str, str], ...] = (
            ("申请单位", facts.applicant_name),
            *((("统一社会信用代码", code),) if code else ()),
            ("法定代表人", facts.legal_representative),
        )
    else:
        who = (("申请人", facts.applicant_name), ("证件号码", facts.applicant_id))
    return (
        *who,
        ("申请事项", facts.item_name),
        ("办件编号", facts.case_no),
        ("承办部门", facts.department),
    )


def _collectively(facts: CaseFacts) -> str:
    """The sentence saying the decision was taken collectively, when it was."""
    if not facts.collective_body:
        return ""
    held_on = facts.collective_held_on
    when = f"于{chinese_date(held_on)}" if held_on else ""
    return f"本决定经{facts.collective_body}{when}集体讨论作出。"


def _you(facts: CaseFacts) -> str:
    return "你单位" if facts.applicant_is_enterprise else "你"


def _day(moment: datetime | None) -> str:
    return chinese_date(moment.date()) if moment else ""


def _sentence(reason: str) -> str:
    """A reason as a sentence of the notice: ends with a full stop whatever the clerk typed."""
    reason = reason.strip().rstrip("。.；;，,")
    return f"{reason}。"
