"""What the one form of enterprise establishment (`app.domain.enterprise_form`) must satisfy
before it is accepted: the company's name and legal form, the registered capital, the business
scope (`ScopeRules`), the domicile and phones, the legal representative and every shareholder
(their documents, credit codes, contributions and due dates), the supervisor, the seals.
`form_problems` lists every reason at once, in the order of the form, each at its field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from app.domain.applicant import validate_document
from app.domain.business_scope import ScopeRules
from app.domain.credit_code import validate_credit_code
from app.domain.enterprise_form import (
    HUNDRED,
    MAX_INVESTORS,
    EnterpriseForm,
    FormProblem,
    LegalPerson,
    Person,
)
from app.domain.identity import IdentifierError
from app.domain.messages import Message, msg

#: A company's name ends with its legal form (《市场主体登记管理条例实施细则》第八条).
COMPANY_FORMS = ("有限责任公司", "有限公司")
MAX_CAPITAL_WAN = Decimal("10000000")  # 千亿元: beyond this a typing slip is far likelier
PHONE = re.compile(r"1\d{10}|0\d{2,3}-?\d{7,8}")
#: Chinese characters, digits and the brackets a name may hold around its place or line.
NAME_CHARACTERS = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f（）()0-9]+")
#: Notes one problem: the field to point at, and the message.
Note = Callable[[str, Message], None]


def form_problems(form: EnterpriseForm, rules: ScopeRules, today: date) -> list[FormProblem]:
    """Every reason the form cannot be accepted today, in the order of the form (empty: fine)."""
    problems: list[FormProblem] = []

    def problem(field_name: str, message: Message) -> None:
        problems.append(FormProblem(field_name, message))

    name = form.name.strip()
    if not name:
        problem("name", msg("请填写企业名称"))
    elif not NAME_CHARACTERS.fullmatch(name):
        problem("name", msg("企业名称只能使用汉字、数字和括号"))
    elif not name.endswith(COMPANY_FORMS):
        problem("name", msg("有限责任公司的名称应以“有限责任公司”或“有限公司”结尾"))
    elif len(name) < 6 or len(name) > 50:
        problem("name", msg("企业名称应为6至50个字（含行政区划、字号、行业和组织形式）"))
    for term in rules.forbidden_in_name(name):
        problem("name", msg("企业名称不得含有“{term}”", term=term))

    if form.registered_capital <= 0:
        problem("registered_capital", msg("注册资本须大于0"))
    elif form.registered_capital > MAX_CAPITAL_WAN:
        problem("registered_capital", msg("注册资本超出可登记范围，请核对单位（万元）"))

    if not form.business_scope:
        problem("business_scope", msg("请填写经营范围（每项一条规范表述）"))
    for message in rules.problems(form.business_scope):
        problem("business_scope", message)

    if len(form.domicile.strip()) < 6:
        problem("domicile", msg("请填写完整的住所（具体到门牌号）"))
    _check_phone(form.phone, "phone", msg("企业联系电话"), problem)

    _check_person(
        form.legal_representative, "legal_representative", msg("法定代表人"), today, problem
    )
    if not form.representative_position.strip():
        problem("representative_position", msg("请选择法定代表人职务"))

    if not form.investors:
        problem("investors", msg("至少需要一名股东"))
    elif len(form.investors) > MAX_INVESTORS:
        problem(
            "investors",
            msg(
                "有限责任公司由一至{most}名股东出资设立（公司法第四十二条），现有{count}名",
                most=MAX_INVESTORS,
                count=len(form.investors),
            ),
        )
    for number, investor in enumerate(form.investors, start=1):
        label = msg("股东{number}", number=number)
        if isinstance(investor.person, LegalPerson):
            _check_legal_person(investor.person, f"investor.{number - 1}", label, problem)
        else:
            _check_person(investor.person, f"investor.{number - 1}", label, today, problem)
        if investor.subscribed <= 0:
            problem(
                f"investor.{number - 1}.subscribed", msg("{label}的认缴出资额须大于0", label=label)
            )
        if investor.contribution_due is not None and investor.contribution_due < today:
            problem(
                f"investor.{number - 1}.due", msg("{label}的认缴出资期限不能早于今天", label=label)
            )
    ids = [i.person.identifier for i in form.investors]
    if len(set(ids)) != len(ids):
        problem("investors", msg("同一人不能重复登记为两名股东"))
    if form.investors and form.registered_capital > 0:
        total = sum((i.subscribed for i in form.investors), Decimal(0))
        if total != form.registered_capital:
            share = (total * HUNDRED / form.registered_capital).quantize(Decimal("0.01"))
            problem(
                "investors",
                msg(
                    "股东出资比例合计为{share}%，应为100%（认缴出资合计{total}万元，注册资本{capital}万元）",
                    share=f"{share.normalize():f}",
                    total=f"{total.normalize():f}",
                    capital=f"{form.registered_capital.normalize():f}",
                ),
            )

    if form.supervisor.strip() and form.supervisor.strip() == form.legal_representative.name:
        problem("supervisor", msg("监事不得由法定代表人（董事、高级管理人员）兼任"))
    if form.employees < 0:
        problem("employees", msg("从业人数不能为负数"))
    if form.financial_officer_phone:
        _check_phone(
            form.financial_officer_phone, "financial_officer_phone", msg("财务负责人电话"), problem
        )
    if not 1 <= form.seals <= 10:
        problem("seals", msg("刻制印章枚数应为1至10枚"))
    if form.operating_years < 0:
        problem("operating_years", msg("营业期限不能为负数"))
    return problems


def _check_person(
    person: Person, field_name: str, label: Message, today: date, problem: Note
) -> None:
    if not person.name.strip():
        problem(field_name, msg("请读取{label}的身份证", label=label))
        return
    try:
        validate_document(person.document, person.id_number, today)
    except IdentifierError as error:
        problem(
            field_name,
            msg("{label}（{name}）：{error}", label=label, name=person.name, error=error.message),
        )
        return
    if person.valid_to is not None and person.valid_to < today:
        problem(
            field_name,
            msg(
                "{label}（{name}）的证件已于{year}年{month}月{day}日过期，请出示有效身份证件",
                label=label,
                name=person.name,
                year=f"{person.valid_to:%Y}",
                month=f"{person.valid_to:%m}",
                day=f"{person.valid_to:%d}",
            ),
        )


def _check_legal_person(
    holder: LegalPerson, field_name: str, label: Message, problem: Note
) -> None:
    if not holder.name.strip():
        problem(field_name, msg("请填写{label}（法人股东）的名称", label=label))
        return
    try:
        validate_credit_code(holder.credit_code)
    except IdentifierError as error:
        problem(
            field_name,
            msg(
                "{label}（{name}）的统一社会信用代码有误：{error}",
                label=label,
                name=holder.name,
                error=error.message,
            ),
        )


def _check_phone(phone: str, field_name: str, label: Message, problem: Note) -> None:
    if not PHONE.fullmatch(phone.strip()):
        problem(field_name, msg("{label}应为11位手机号或带区号的固定电话", label=label))
