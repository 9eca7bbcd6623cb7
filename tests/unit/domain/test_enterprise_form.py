"""The one form's shareholders: one to fifty, natural persons with any document the intake
accepts, or legal persons by their unified social credit code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.domain.applicant import IdDocument, validate_document
from app.domain.business_scope import ScopeRules
from app.domain.credit_code import make_credit_code, organization_code_check_character
from app.domain.enterprise_form import (
    MAX_INVESTORS,
    EnterpriseForm,
    Investor,
    LegalPerson,
    Person,
    masked_form,
)
from app.domain.enterprise_form_checks import form_problems
from app.domain.identity import IdentifierError, make_resident_id, resident_id_check_character

TODAY = date(2026, 11, 23)
RULES = ScopeRules()
PERMIT_2023 = "91182619901123012" + resident_id_check_character("91182619901123012")
CREDIT_CODE = make_credit_code("91230202MA25KQ3T" + organization_code_check_character("MA25KQ3T"))


def person(number: int, document: IdDocument = IdDocument.RESIDENT_ID) -> Person:
    id_number = make_resident_id("110101", date(1980, 1, 1), number)
    return Person(f"股东{number}", id_number, "", date(2036, 1, 1), "13912345678", document)


def company(*holders: Person | LegalPerson, each: Decimal = Decimal(1)) -> EnterpriseForm:
    """A form that is right in every other respect, each holder subscribing `each` 万元."""
    return EnterpriseForm(
        name="江川市澄湖商贸有限公司",
        registered_capital=each * len(holders) if holders else Decimal(10),
        business_scope=("日用百货销售",),
        domicile="江川市光荣路103号301室",
        phone="13912345678",
        legal_representative=person(900),
        representative_position="执行董事",
        investors=tuple(Investor(h, each, "货币", date(2036, 12, 31)) for h in holders),
    )


def problems(form: EnterpriseForm) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for problem in form_problems(form, RULES, TODAY):
        found.setdefault(problem.field, []).append(str(problem.message))
    return found


def test_a_one_person_company_and_a_company_of_fifty_are_accepted() -> None:
    assert problems(company(person(1))) == {}
    assert problems(company(*(person(n) for n in range(MAX_INVESTORS)))) == {}


def test_no_shareholder_or_fifty_one_are_refused_with_the_law() -> None:
    assert problems(company()) == {"investors": ["至少需要一名股东"]}
    too_many = problems(company(*(person(n) for n in range(MAX_INVESTORS + 1))))
    assert too_many == {
        "investors": ["有限责任公司由一至50名股东出资设立（公司法第四十二条），现有51名"]
    }


def test_a_2023_foreign_permit_is_checked_as_the_intake_checks_it() -> None:
    holder = replace(person(1), id_number=PERMIT_2023, document=IdDocument.FOREIGN_PERMIT)
    assert problems(company(holder)) == {}
    # the same number taken for a resident ID card is refused, as at the intake
    as_resident = replace(holder, document=IdDocument.RESIDENT_ID)
    assert "不是有效的省级行政区划代码" in problems(company(as_resident))["investor.0"][0]
    with pytest.raises(IdentifierError):
        validate_document(IdDocument.RESIDENT_ID, PERMIT_2023)
    wrong = replace(holder, id_number=PERMIT_2023[:17] + "0")
    assert "永久居留身份证号码校验位错误" in problems(company(wrong))["investor.0"][0]


def test_a_legal_person_shareholder_needs_a_name_and_a_valid_credit_code() -> None:
    legal = LegalPerson("江川市澄湖投资有限公司", CREDIT_CODE)
    assert problems(company(person(1), legal)) == {}
    bad = problems(company(person(1), replace(legal, credit_code=CREDIT_CODE[:17] + "0")))
    assert bad["investor.1"] == [
        f"股东2（江川市澄湖投资有限公司）的统一社会信用代码有误：统一社会信用代码校验位错误："
        f"应为 {CREDIT_CODE[17]}，输入的是 0，请逐位核对"
    ]
    nameless = problems(company(replace(legal, name=" ")))
    assert nameless == {"investor.0": ["请填写股东1（法人股东）的名称"]}
    twice = problems(company(legal, replace(legal, credit_code=CREDIT_CODE.lower())))
    assert twice == {"investors": ["同一人不能重复登记为两名股东"]}


def test_every_kind_of_shareholder_is_stored_and_read_back_and_only_people_are_masked() -> None:
    foreign = replace(person(2), id_number=PERMIT_2023, document=IdDocument.FOREIGN_PERMIT)
    legal = LegalPerson("江川市澄湖投资有限公司", CREDIT_CODE)
    form = company(person(1), foreign, legal)
    assert EnterpriseForm.from_dict(form.to_dict()) == form
    masked = EnterpriseForm.from_dict(masked_form(form.to_dict()))
    assert masked.investors[1].person == replace(foreign, id_number=foreign.masked_identifier)
    assert masked.investors[2].person == legal  # a credit code is public
    assert [name for name, _ in form.people()] == [
        "legal_representative",
        "investor.0",
        "investor.1",
    ]


def test_a_form_stored_before_documents_reads_its_people_as_resident_id_cards() -> None:
    stored = company(person(1)).to_dict()
    del stored["investors"][0]["person"]["document"]
    assert EnterpriseForm.from_dict(stored).investors[0].person.document is IdDocument.RESIDENT_ID
