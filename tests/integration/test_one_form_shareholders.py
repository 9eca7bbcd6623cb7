"""One-form companies of one to fifty shareholders through the services on a real store: a
legal person and a 2023 foreign permanent resident among them, kept whole in the stored form,
the people masked in what the command line prints; fifty-one, or a legal person with a bad
credit code, create nothing and say why."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.cli.render import detail_json, detail_text
from app.domain.applicant import IdDocument
from app.domain.credit_code import make_credit_code, organization_code_check_character
from app.domain.enterprise_form import MAX_INVESTORS, EnterpriseForm, FormError, LegalPerson
from app.domain.identity import make_resident_id, resident_id_check_character
from app.services.demo_people import demo_one_form
from tests.integration.store_harness import counts, open_store
from tests.integration.test_one_form import ONE_FORM, ONE_WINDOW, TODAY

PERMIT_2023 = "91182619901123012" + resident_id_check_character("91182619901123012")
CREDIT_CODE = make_credit_code("91230202MA25KQ3T" + organization_code_check_character("MA25KQ3T"))


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    services = open_store(tmp_path)
    yield services
    services.close()


def with_shareholders(count: int) -> EnterpriseForm:
    """The demo form with `count` shareholders of 1 万元 each: the representative, a 2023
    foreign permit holder, a legal person, then residents."""
    form = demo_one_form(random.Random(21), TODAY)
    first = form.investors[0].person
    assert not isinstance(first, LegalPerson)
    foreign = replace(
        first, name="白安娜", id_number=PERMIT_2023, document=IdDocument.FOREIGN_PERMIT
    )
    others = [
        replace(first, name=f"股东{n}", id_number=make_resident_id("230202", date(1985, 1, 1), n))
        for n in range(count)
    ]
    holders = [first, foreign, LegalPerson("江川市澄湖投资有限公司", CREDIT_CODE), *others]
    investors = tuple(
        replace(form.investors[0], person=holder, subscribed=Decimal(1))
        for holder in holders[:count]
    )
    return replace(form, investors=investors, registered_capital=Decimal(count))


def receive(services: Services, form: EnterpriseForm) -> EnterpriseForm:
    materials = [m.name for m in services.catalog.item(ONE_FORM).required_materials]
    detail = services.cases.receive_one_form(ONE_WINDOW, ONE_FORM, form, materials)
    assert detail.form is not None and detail.joint is not None
    shown = json.dumps(detail_json(detail), ensure_ascii=False) + detail_text(detail)
    for _, person in detail.form.people():
        assert person.id_number not in shown
    return services.cases.detail(ONE_WINDOW, detail.case.case_no).form  # type: ignore[return-value]


@pytest.mark.parametrize("count", [1, 3, MAX_INVESTORS])
def test_one_to_fifty_shareholders_are_accepted_and_stored_whole(
    services: Services, count: int
) -> None:
    form = with_shareholders(count)
    assert receive(services, form) == form


def test_fifty_one_shareholders_create_nothing_and_cite_the_law(services: Services) -> None:
    form = with_shareholders(MAX_INVESTORS)
    extra = replace(form.investors[-1], person=replace(form.investors[-1].person, name="多一名"))
    person = extra.person
    assert not isinstance(person, LegalPerson)
    extra = replace(
        extra, person=replace(person, id_number=make_resident_id("230202", date(1985, 1, 1), 999))
    )
    too_many = replace(form, investors=(*form.investors, extra), registered_capital=Decimal(51))
    before = counts(services)
    with pytest.raises(FormError, match="由一至50名股东出资设立（公司法第四十二条），现有51名"):
        receive(services, too_many)
    assert counts(services) == before


def test_a_legal_person_with_a_bad_credit_code_is_refused_with_the_reason(
    services: Services,
) -> None:
    form = with_shareholders(3)
    legal = form.investors[2]
    bad = replace(legal, person=LegalPerson("江川市澄湖投资有限公司", "91230202MA25KQ3TXX"))
    before = counts(services)
    with pytest.raises(FormError) as raised:
        receive(services, replace(form, investors=(*form.investors[:2], bad)))
    [problem] = raised.value.problems
    assert problem.field == "investor.2"
    assert str(problem.message).startswith(
        "股东3（江川市澄湖投资有限公司）的统一社会信用代码有误："
    )
    assert counts(services) == before


def test_a_2023_foreign_permit_holder_is_a_legal_representative_too(services: Services) -> None:
    form = with_shareholders(2)
    foreign = form.investors[1].person
    assert isinstance(foreign, type(form.legal_representative))
    stored = receive(services, replace(form, legal_representative=foreign))
    assert stored.legal_representative.document is IdDocument.FOREIGN_PERMIT
