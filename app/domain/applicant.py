"""The applicant (申请人): a citizen with a resident ID card, or an enterprise."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from app.domain.credit_code import validate_credit_code
from app.domain.identity import (
    IdentifierError,
    mask_resident_id,
    validate_foreign_permit,
    validate_resident_id,
)
from app.domain.messages import Message, MessageError, msg


class ApplicantKind(StrEnum):
    PERSON = "person"  # 自然人
    ENTERPRISE = "enterprise"  # 法人或其他组织
    IN_FORMATION = "in_formation"  # 设立中的企业：尚无统一社会信用代码


class IdDocument(StrEnum):
    """The identity document whose number the applicant (or legal representative) gives."""

    RESIDENT_ID = "resident_id"  # 居民身份证
    RESIDENCE_PERMIT = "residence_permit"  # 港澳台居民居住证 (GB 11643 numbers, 81/82/83)
    FOREIGN_PERMIT = "foreign_permit"  # 外国人永久居留身份证


def validate_document(document: IdDocument, number: str, today: date | None = None) -> str:
    """A person's document number checked by the rule of its kind, normalised; IdentifierError.

    The one rule for a person's identity document: the intake's applicant and every person
    of the one form (法定代表人, 股东) are checked by it, whatever card they hold.
    """
    if document is IdDocument.FOREIGN_PERMIT:
        return validate_foreign_permit(number)
    return validate_resident_id(number, today).number


class ApplicantError(MessageError, ValueError):
    """The applicant's data cannot be used; `field` names the form field to point at."""

    def __init__(self, field: str, message: Message) -> None:
        self.field = field
        super().__init__(message)


@dataclass(frozen=True)
class Applicant:
    """Who applies. For an enterprise, `id_number` is its legal representative's."""

    kind: ApplicantKind
    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    document: IdDocument = IdDocument.RESIDENT_ID

    @property
    def masked_id(self) -> str:
        return mask_resident_id(self.id_number) if self.id_number else ""

    @property
    def is_enterprise(self) -> bool:
        return self.kind is not ApplicantKind.PERSON

    @property
    def display_name(self) -> str:
        return self.name

    def validated(self) -> Applicant:
        """The same applicant with identifiers normalised; ApplicantError names the bad field."""
        if not self.name.strip():
            raise ApplicantError("name", msg("请填写申请人姓名或单位名称"))
        try:
            number = validate_document(self.document, self.id_number) if self.id_number else ""
        except IdentifierError as error:
            raise ApplicantError("id_number", error.message) from error
        if self.kind is ApplicantKind.PERSON and not number:
            raise ApplicantError("id_number", msg("请填写申请人身份证号码"))
        if self.kind is ApplicantKind.IN_FORMATION and not (
            number and self.legal_representative.strip()
        ):
            raise ApplicantError(
                "legal_representative", msg("设立中的企业须载明法定代表人及其身份证件")
            )
        code = ""
        if self.kind is ApplicantKind.ENTERPRISE:
            if not self.credit_code.strip():
                raise ApplicantError("credit_code", msg("请填写统一社会信用代码"))
            try:
                code = validate_credit_code(self.credit_code)
            except IdentifierError as error:
                raise ApplicantError("credit_code", error.message) from error
            if not self.legal_representative.strip():
                raise ApplicantError("legal_representative", msg("请填写法定代表人姓名"))
        phone = self.phone.strip()
        if phone and not (phone.replace("-", "").isdigit() and 7 <= len(phone) <= 20):
            raise ApplicantError("phone", msg("联系电话只能由数字和“-”组成"))
        return replace(
            self, name=self.name.strip(), id_number=number, credit_code=code, phone=phone
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "name": self.name,
            "id_number": self.id_number,
            "phone": self.phone,
            "address": self.address,
            "credit_code": self.credit_code,
            "legal_representative": self.legal_representative,
            "document": self.document.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Applicant:
        return cls(
            kind=ApplicantKind(data["kind"]),
            name=data["name"],
            id_number=data.get("id_number", ""),
            phone=data.get("phone", ""),
            address=data.get("address", ""),
            credit_code=data.get("credit_code", ""),
            legal_representative=data.get("legal_representative", ""),
            document=IdDocument(data.get("document", IdDocument.RESIDENT_ID)),
        )
