"""The one form of enterprise establishment (一表制 设立登记), validated as a whole.

One window types this form once; the business license, the seal record, the tax and social
insurance registrations and the bank account notice all read it (信息共享). The people on it
come from their ID cards: the clerk types only what no card and no record holds. A company
has one to fifty shareholders (《公司法》第四十二条): natural persons, each with any document the
center accepts from an applicant, or legal persons by their unified social credit code.
What the form must satisfy to be accepted is `app.domain.enterprise_form_checks`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.applicant import IdDocument
from app.domain.credit_code import mask_credit_code
from app.domain.identity import mask_resident_id
from app.domain.messages import Clauses, Message, MessageError, msg

HUNDRED = Decimal(100)
#: 《公司法》（2023）第四十二条：有限责任公司由一个以上五十个以下股东出资设立。
MAX_INVESTORS = 50


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong with the form; `field` names the form field to point at."""

    field: str
    message: Message


class FormError(MessageError, ValueError):
    """A form that cannot be accepted; `problems` lists every reason, in form order."""

    def __init__(self, problems: Sequence[FormProblem]) -> None:
        self.problems = tuple(problems)
        reasons = tuple(p.message for p in self.problems)
        super().__init__(msg("申请表未受理：{reasons}", reasons=Clauses(reasons)))


class AmountError(MessageError, ValueError):
    """An amount typed that is not one (a letter, zero, fractions of a fen)."""


@dataclass(frozen=True)
class Person:
    """Someone on the form: read from the ID card (name, number, address, validity) plus a phone.

    `document` is the kind of card the number comes from, so that the number is checked by
    the rule of its kind (a 2023 foreign permit is not a resident ID number).
    """

    name: str
    id_number: str
    address: str = ""
    valid_to: date | None = None  # None: 长期, or typed without a card
    phone: str = ""
    document: IdDocument = IdDocument.RESIDENT_ID

    @property
    def identifier(self) -> str:
        return self.id_number

    @property
    def masked_identifier(self) -> str:
        return mask_resident_id(self.id_number)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id_number": self.id_number,
            "address": self.address,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "phone": self.phone,
            "document": self.document.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Person:
        valid_to = data.get("valid_to")
        return cls(
            name=data["name"],
            id_number=data["id_number"],
            address=data.get("address", ""),
            valid_to=date.fromisoformat(valid_to) if valid_to else None,
            phone=data.get("phone", ""),
            document=IdDocument(data.get("document", IdDocument.RESIDENT_ID)),
        )


@dataclass(frozen=True)
class LegalPerson:
    """An enterprise shareholder (法人股东): its name and unified social credit code."""

    name: str
    credit_code: str

    @property
    def identifier(self) -> str:
        return self.credit_code.strip().upper()

    @property
    def masked_identifier(self) -> str:
        return mask_credit_code(self.credit_code)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "credit_code": self.credit_code}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LegalPerson:
        return cls(name=data["name"], credit_code=data["credit_code"])


@dataclass(frozen=True)
class Investor:
    """A shareholder (股东), natural or legal person, and what they subscribe, in 万元."""

    person: Person | LegalPerson
    subscribed: Decimal
    contribution_form: str = "货币"  # 出资方式
    contribution_due: date | None = None  # 认缴出资期限

    def to_dict(self) -> dict[str, Any]:
        holder = "legal_person" if isinstance(self.person, LegalPerson) else "person"
        return {
            holder: self.person.to_dict(),
            "subscribed": str(self.subscribed),
            "contribution_form": self.contribution_form,
            "contribution_due": self.contribution_due.isoformat()
            if self.contribution_due
            else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Investor:
        due = data.get("contribution_due")
        legal = data.get("legal_person")
        return cls(
            person=LegalPerson.from_dict(legal) if legal else Person.from_dict(data["person"]),
            subscribed=Decimal(data["subscribed"]),
            contribution_form=data.get("contribution_form", "货币"),
            contribution_due=date.fromisoformat(due) if due else None,
        )


@dataclass(frozen=True)
class EnterpriseForm:
    """What the company, its people and each department need, typed once."""

    name: str  # 企业名称
    registered_capital: Decimal  # 注册资本（万元）
    business_scope: tuple[str, ...]  # 经营范围：规范表述的条目
    domicile: str  # 住所
    phone: str  # 企业联系电话
    legal_representative: Person  # 法定代表人
    representative_position: str  # 法定代表人职务：执行董事 / 经理 / 董事长
    investors: tuple[Investor, ...]  # 股东
    supervisor: str = ""  # 监事姓名
    employees: int = 0  # 从业人数（社保登记）
    financial_officer: str = ""  # 财务负责人（税务登记）
    financial_officer_phone: str = ""
    bank: str = ""  # 基本存款账户开户银行（银行开户告知）
    seals: int = 1  # 刻制印章枚数（公章刻制备案）
    operating_years: int = 0  # 营业期限（年），0 为长期

    def shares(self) -> list[Decimal]:
        """Each investor's share of the registered capital, in per cent (two decimals)."""
        if self.registered_capital <= 0:
            return [Decimal(0) for _ in self.investors]
        return [
            (investor.subscribed * HUNDRED / self.registered_capital).quantize(Decimal("0.01"))
            for investor in self.investors
        ]

    def people(self) -> list[tuple[str, Person]]:
        """(field, person) for every natural person, whose ID card the form relies on."""
        found = [("legal_representative", self.legal_representative)]
        found += [
            (f"investor.{n}", i.person)
            for n, i in enumerate(self.investors)
            if isinstance(i.person, Person)
        ]
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "registered_capital": str(self.registered_capital),
            "business_scope": list(self.business_scope),
            "domicile": self.domicile,
            "phone": self.phone,
            "legal_representative": self.legal_representative.to_dict(),
            "representative_position": self.representative_position,
            "investors": [i.to_dict() for i in self.investors],
            "supervisor": self.supervisor,
            "employees": self.employees,
            "financial_officer": self.financial_officer,
            "financial_officer_phone": self.financial_officer_phone,
            "bank": self.bank,
            "seals": self.seals,
            "operating_years": self.operating_years,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> EnterpriseForm:
        return cls(
            name=data["name"],
            registered_capital=Decimal(data["registered_capital"]),
            business_scope=tuple(data["business_scope"]),
            domicile=data["domicile"],
            phone=data["phone"],
            legal_representative=Person.from_dict(data["legal_representative"]),
            representative_position=data["representative_position"],
            investors=tuple(Investor.from_dict(i) for i in data["investors"]),
            supervisor=data.get("supervisor", ""),
            employees=int(data.get("employees", 0)),
            financial_officer=data.get("financial_officer", ""),
            financial_officer_phone=data.get("financial_officer_phone", ""),
            bank=data.get("bank", ""),
            seals=int(data.get("seals", 1)),
            operating_years=int(data.get("operating_years", 0)),
        )


def masked_form(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored form with every person's ID number masked, for printing outside the case."""
    form = EnterpriseForm.from_dict(data)
    people = {
        p.id_number: replace(p, id_number=mask_resident_id(p.id_number)) for _, p in form.people()
    }
    return replace(
        form,
        legal_representative=people[form.legal_representative.id_number],
        investors=tuple(
            replace(i, person=people[i.person.id_number]) if isinstance(i.person, Person) else i
            for i in form.investors
        ),
    ).to_dict()


def parse_capital(text: str) -> Decimal:
    """An amount in 万元 as typed; AmountError with the reason in words."""
    cleaned = text.strip().replace(",", "").replace("，", "").removesuffix("万元").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(
            msg("“{text}”不是金额，请填写以万元为单位的数字", text=text.strip())
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise AmountError(msg("金额须大于0"))
    if amount.as_tuple().exponent < -6:  # type: ignore[operator]
        raise AmountError(msg("金额以万元为单位，最多精确到元（小数点后4位）"))
    return amount
