"""What each kind of event records: one frozen dataclass per kind, holding exactly its fields.

The stored payload is the canonical JSON of `to_payload()`; `decode` is the one place that
reads a stored payload back. A kind this version does not know, or a payload of a known kind
that does not hold its fields, decodes to an `UnknownEvent` that keeps the stored text and
says why: it is kept and shown, never folded, and never stops a command, `verify` or sync (a
newer counter may write kinds an older one does not know yet).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any, ClassVar, Self
from uuid import UUID

from app.domain.applicant import Applicant
from app.domain.event_fields import Materials, Reasoned, record, texts
from app.domain.messages import Message, msg
from app.domain.terms import CaseTerms, read_terms, read_terms_text


class EventKind(StrEnum):
    RECEIVED = "received"  # 接件
    ACCEPTED = "accepted"  # 受理
    CORRECTION_REQUESTED = "correction_requested"  # 补正告知
    MATERIALS_SUPPLEMENTED = "materials_supplemented"  # 补齐材料
    REFUSED = "refused"  # 不予受理
    STEP_COMPLETED = "step_completed"  # 环节办理完成
    RETURNED = "returned"  # 退回上一环节
    SUSPENDED = "suspended"  # 特别程序，暂停计时
    RESUMED = "resumed"  # 恢复计时
    EXTENDED = "extended"  # 延长期限
    DECIDED = "decided"  # 作出决定
    ISSUED = "issued"  # 发证/办结
    PICKED_UP = "picked_up"  # 取件
    WITHDRAWN = "withdrawn"  # 撤回
    REPORTED_UP = "reported_up"  # 上报：决定属于上级中心


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


@dataclass(frozen=True)
class Received:
    """The application and its materials arrive (接件); a one-form parent carries the form and
    its children, a child its parent."""

    kind: ClassVar[EventKind] = EventKind.RECEIVED
    case_no: str
    terms: CaseTerms
    applicant: Applicant
    materials: tuple[str, ...]
    channel: str
    parent: CaseRef | None = None
    children: tuple[CaseRef, ...] = ()
    form: Mapping[str, Any] | None = None
    #: The center the case belongs to when it is not the accepting terminal's own: at a joint
    #: window, the center above whose item it is ("" for the terminal's own center).
    center: str = ""
    #: The portal's number of an application filed online (channel "online"), for the receipt.
    reference: str = ""

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "case_no": self.case_no,
            "terms": self.terms.to_dict(),
            "applicant": self.applicant.to_dict(),
            "materials": list(self.materials),
            "channel": self.channel,
        }
        if self.form is not None:
            payload["form"] = dict(self.form)
        if self.children:
            payload["children"] = [ref.to_dict() for ref in self.children]
        if self.parent is not None:
            payload["parent"] = self.parent.to_dict()
        if self.center:
            payload["center"] = self.center
        if self.reference:
            payload["reference"] = self.reference
        return payload

    @classmethod
    def from_payload(cls, p: Mapping[str, Any], terms: CaseTerms | None = None) -> Self:
        """The receipt of payload `p`; `terms`, its terms when they were read apart (`p`
        then need not hold them)."""
        form = p.get("form")
        if form is not None and not isinstance(form, dict):
            raise TypeError("form")
        return cls(
            case_no=str(p["case_no"]),
            terms=read_terms(p["terms"]) if terms is None else terms,
            applicant=Applicant.from_dict(p["applicant"]),
            materials=texts(p.get("materials", [])),
            channel=str(p.get("channel", "counter")),
            parent=CaseRef.from_dict(p["parent"]) if p.get("parent") else None,
            children=tuple(CaseRef.from_dict(c) for c in p.get("children", ())),
            form=form,
            center=str(p.get("center", "")),
            reference=str(p.get("reference", "")),
        )


@dataclass(frozen=True)
class Accepted(Materials):
    """受理: the materials as accepted."""

    kind: ClassVar[EventKind] = EventKind.ACCEPTED


@dataclass(frozen=True)
class CorrectionRequested:
    """一次性补正告知: everything missing, at once."""

    kind: ClassVar[EventKind] = EventKind.CORRECTION_REQUESTED
    missing: tuple[str, ...]
    note: str

    def to_payload(self) -> dict[str, Any]:
        return {"missing": list(self.missing), "note": self.note}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(texts(p["missing"]), str(p.get("note", "")))


@dataclass(frozen=True)
class MaterialsSupplemented(Materials):
    """补齐材料: what the applicant brought after the notice."""

    kind: ClassVar[EventKind] = EventKind.MATERIALS_SUPPLEMENTED


@dataclass(frozen=True)
class Refused(Reasoned):
    """不予受理, in writing, with the reason."""

    kind: ClassVar[EventKind] = EventKind.REFUSED


@dataclass(frozen=True)
class StepCompleted:
    """A step done; a step outside the hall carries its record (事后录入电子表单)."""

    kind: ClassVar[EventKind] = EventKind.STEP_COMPLETED
    step: int
    note: str
    form: Mapping[str, str]

    def to_payload(self) -> dict[str, Any]:
        return {"step": self.step, "note": self.note, "form": dict(self.form)}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(int(p["step"]), str(p.get("note", "")), record(p.get("form", {})))


@dataclass(frozen=True)
class Returned:
    kind: ClassVar[EventKind] = EventKind.RETURNED
    step: int
    reason: str

    def to_payload(self) -> dict[str, Any]:
        return {"step": self.step, "reason": self.reason}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(int(p["step"]), str(p["reason"]))


@dataclass(frozen=True)
class Suspended:
    kind: ClassVar[EventKind] = EventKind.SUSPENDED
    reason: SuspensionReason
    note: str

    def to_payload(self) -> dict[str, Any]:
        return {"reason": self.reason.value, "note": self.note}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(SuspensionReason(p["reason"]), str(p.get("note", "")))


@dataclass(frozen=True)
class Resumed:
    kind: ClassVar[EventKind] = EventKind.RESUMED

    def to_payload(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls()


@dataclass(frozen=True)
class Extended:
    """Art. 42: the time limit extended by `days` working days."""

    kind: ClassVar[EventKind] = EventKind.EXTENDED
    days: int
    reason: str

    def to_payload(self) -> dict[str, Any]:
        return {"days": self.days, "reason": self.reason}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(int(p["days"]), str(p["reason"]))


@dataclass(frozen=True)
class Decided:
    """Approved or denied; a business license's approval assigns the credit code, a
    collective decision carries the meeting's record."""

    kind: ClassVar[EventKind] = EventKind.DECIDED
    approved: bool
    reason: str
    credit_code: str = ""
    collective: Mapping[str, str] | None = None
    #: The center above that decided a case reported up to it ("" for the case's own).
    center: str = ""

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"approved": self.approved, "reason": self.reason}
        if self.center:
            payload["center"] = self.center
        if self.collective is not None:
            payload["collective"] = dict(self.collective)
        if self.credit_code:
            payload["credit_code"] = self.credit_code
        return payload

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        if not isinstance(p["approved"], bool):
            raise TypeError("approved")
        collective = p.get("collective")
        return cls(
            approved=p["approved"],
            reason=str(p.get("reason", "")),
            credit_code=str(p.get("credit_code", "")),
            collective=record(collective) if collective is not None else None,
            center=str(p.get("center", "")),
        )


@dataclass(frozen=True)
class ReportedUp:
    """上报: the decision belongs to the center above, `center`; the case goes there and its
    clock runs on (the decision comes back as a `Decided` naming that center)."""

    kind: ClassVar[EventKind] = EventKind.REPORTED_UP
    center: str
    note: str = ""

    def to_payload(self) -> dict[str, Any]:
        return {"center": self.center, "note": self.note}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(center=str(p["center"]), note=str(p.get("note", "")))


@dataclass(frozen=True)
class Issued:
    """The result issued; a one-form parent's names the children issued with it."""

    kind: ClassVar[EventKind] = EventKind.ISSUED
    certificate_no: str
    children: tuple[str, ...] = ()

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"certificate_no": self.certificate_no}
        if self.children:
            payload["children"] = list(self.children)
        return payload

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(str(p.get("certificate_no", "")), texts(p.get("children", [])))


@dataclass(frozen=True)
class PickedUp:
    kind: ClassVar[EventKind] = EventKind.PICKED_UP
    picked_up_by: str

    def to_payload(self) -> dict[str, Any]:
        return {"picked_up_by": self.picked_up_by}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(str(p.get("picked_up_by", "")))


@dataclass(frozen=True)
class Withdrawn(Reasoned):
    """The applicant withdrew, with the reason."""

    kind: ClassVar[EventKind] = EventKind.WITHDRAWN


@dataclass(frozen=True)
class UnknownEvent:
    """An event this version cannot read: its kind as stored, the payload as parsed (None when
    it is not JSON), and why it cannot be read."""

    kind: str
    payload: Any
    reason: Message

    def to_payload(self) -> Any:
        return self.payload


KnownEvent = (
    Received
    | Accepted
    | CorrectionRequested
    | MaterialsSupplemented
    | Refused
    | StepCompleted
    | Returned
    | Suspended
    | Resumed
    | Extended
    | Decided
    | Issued
    | PickedUp
    | Withdrawn
    | ReportedUp
)
EventData = KnownEvent | UnknownEvent

_BY_KIND: dict[str, type[KnownEvent]] = {
    cls.kind.value: cls
    for cls in (
        Received,
        Accepted,
        CorrectionRequested,
        MaterialsSupplemented,
        Refused,
        StepCompleted,
        Returned,
        Suspended,
        Resumed,
        Extended,
        Decided,
        Issued,
        PickedUp,
        Withdrawn,
        ReportedUp,
    )
}


def decode(kind: str, payload_json: str) -> EventData:
    """The typed event of a stored kind and payload; never raises."""
    if kind == EventKind.RECEIVED:  # a receipt's applicant and number are its own
        return decode_receipt(payload_json)[0]
    return _decode_repeated(kind, payload_json)


#: Where a receipt's terms begin in its payload as written: "terms" is the last of its keys
#: in sorted order, so the payload ends with them.
_TERMS = ',"terms":'


def decode_receipt(payload_json: str) -> tuple[EventData, Any]:
    """`decode` of a receipt, and its payload as parsed (without its terms, where it was read
    in two parts; None where it is no JSON): what the masked-copy check reads, so that the
    receipt is parsed once.

    A receipt whose payload ends with its terms is read in two parts: the terms from their
    own text (`read_terms_text`, once per distinct text) and the rest. Where the payload
    does not split so, or a part does not read, it is read whole, which says why. The parts
    read as the whole does: when `rest}` parses to an object with members and `terms` to a
    value, `rest,"terms":terms}` is that object with "terms" set last."""
    start = payload_json.rfind(_TERMS)
    if start >= 1 and payload_json[-1:] == "}":
        try:
            rest = json.loads(payload_json[:start] + "}")
            terms = read_terms_text(payload_json[start + len(_TERMS) : -1])
            if isinstance(rest, dict) and rest:
                return Received.from_payload(rest, terms), rest
        except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
            pass
    try:
        payload = json.loads(payload_json)
    except ValueError:
        return UnknownEvent(EventKind.RECEIVED, None, msg("内容不是有效的JSON")), None
    return decode_parsed(EventKind.RECEIVED, payload), payload


def _decode(kind: str, payload_json: str) -> EventData:
    try:
        payload = json.loads(payload_json)
    except ValueError:
        return UnknownEvent(kind, None, msg("内容不是有效的JSON"))
    return decode_parsed(kind, payload)


def decode_parsed(kind: str, payload: Any) -> EventData:
    """`decode` of a payload parsed already; never raises."""
    known = _BY_KIND.get(kind)
    if known is None:
        return UnknownEvent(kind, payload, msg("本版本不认识此类记录"))
    if not isinstance(payload, dict):
        return UnknownEvent(kind, payload, msg("内容不是一条记录"))
    try:
        return known.from_payload(payload)
    except KeyError as missing:
        return UnknownEvent(kind, payload, msg("缺少“{field}”", field=str(missing.args[0])))
    # the type's name, never the value: a value may be an ID number (ArithmeticError: a fee
    # that is no number, decimal's InvalidOperation)
    except (TypeError, ValueError, AttributeError, ArithmeticError) as error:
        return UnknownEvent(
            kind, payload, msg("内容格式不符（{error}）", error=type(error).__name__)
        )


#: The other kinds repeat one another's payloads (an item's materials at every acceptance,
#: an approval without reason): each distinct text is decoded once. The result is the same
#: frozen value whichever event holds it; `verify` and a pull read thousands of them.
_decode_repeated = lru_cache(maxsize=4096)(_decode)
