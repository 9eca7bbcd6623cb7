"""Fictional applicants for the demo and the tests: invented names, valid check characters."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.credit_code import make_credit_code, organization_code_check_character
from app.domain.enterprise_form import EnterpriseForm, Investor, Person
from app.domain.identity import make_resident_id
from app.paths import resources_dir

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章云苏潘葛范彭郎鲁韦昌马苗凤花方俞任袁柳"
GIVEN = "明华建国秀英志强丽娟海燕晓东春梅文博思远雨婷子涵浩然欣怡俊杰嘉怡宇轩梓萱一鸣若曦天佑"
FIRMS = ("江川", "云岭", "北辰", "澄湖", "青禾", "远帆", "锦程", "弘毅", "宏泰", "瑞丰")
TRADES = ("商贸", "科技", "餐饮管理", "建筑工程", "物流", "文化传媒", "医疗器械", "农业开发")
#: Division codes of the fictional city's districts (the demo center's area).
DIVISIONS = ("230202", "230203", "230204", "230206", "230221", "230225")
STREETS = ("龙华路", "卜奎大街", "建华大街", "永安大街", "光荣路", "中华路")


def demo_person(rng: random.Random) -> Applicant:
    birth = date(rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28))

    number = make_resident_id(rng.choice(DIVISIONS), birth, rng.randint(1, 999))
    return Applicant(
        kind=ApplicantKind.PERSON,
        name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
        id_number=number,
        phone=f"1{rng.randint(30, 99)}{rng.randint(0, 99999999):08d}",
        address=f"江川市{rng.choice(STREETS)}{rng.randint(1, 300)}号",
    )


def demo_enterprise(rng: random.Random) -> Applicant:
    representative = demo_person(rng)
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8))
    first17 = "91" + rng.choice(DIVISIONS) + body + organization_code_check_character(body)
    return Applicant(
        kind=ApplicantKind.ENTERPRISE,
        name=f"江川市{rng.choice(FIRMS)}{rng.choice(TRADES)}有限公司",
        id_number=representative.id_number,
        phone=representative.phone,
        address=representative.address,
        credit_code=make_credit_code(first17),
        legal_representative=representative.name,
    )


def demo_one_form(rng: random.Random, today: date) -> EnterpriseForm:
    """A fictional one-form application: a company of two investors, shares 60 / 40."""
    representative, partner = (_form_person(demo_person(rng), today) for _ in range(2))
    capital = Decimal(rng.choice((10, 50, 100, 200)))
    return EnterpriseForm(
        name=f"江川市{rng.choice(FIRMS)}{rng.choice(TRADES)}有限公司",
        registered_capital=capital,
        business_scope=("日用百货销售", "信息技术咨询服务", "会议及展览服务"),
        domicile=f"江川市{rng.choice(STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 20)}01室",
        phone=representative.phone,
        legal_representative=representative,
        representative_position="执行董事",
        investors=(
            Investor(
                representative, capital * Decimal("0.6"), "货币", date(today.year + 10, 12, 31)
            ),
            Investor(partner, capital * Decimal("0.4"), "货币", date(today.year + 10, 12, 31)),
        ),
        supervisor=partner.name,
        employees=rng.randint(1, 30),
        financial_officer=partner.name,
        financial_officer_phone=partner.phone,
        bank="中国工商银行江川支行",
        seals=3,
    )


def _form_person(applicant: Applicant, today: date) -> Person:
    return Person(
        name=applicant.name,
        id_number=applicant.id_number,
        address=applicant.address,
        valid_to=date(today.year + 8, 6, 30),
        phone=applicant.phone,
    )


def demo_step_record(day: date) -> dict[str, str]:
    """The form of a step done outside the hall (事后录入), as the demo and tests fill it."""
    return {
        "done_on": day.isoformat(),
        "place": "申请人经营场所",
        "staff": "执法人员 张明、李华",
        "findings": "现场与申请材料一致，符合条件",
    }


def demo_collective_record(day: date) -> dict[str, str]:
    """The record of a collective decision (局务会) for the demo and tests."""
    return {
        "body": "局务会",
        "held_on": day.isoformat(),
        "attendees": "局长、分管副局长、法规科、审批科负责人",
        "resolution": "经集体讨论，同意首席代表的审核意见",
    }


def demo_portal_export(day: date) -> dict[str, Any]:
    """The portal's example export (`resources/portal/example_export.json`, fictional people)
    with every slot moved to `day`: the demo's, the screenshots' and the tests' appointments."""
    path = resources_dir() / "portal" / "example_export.json"
    content: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for entry in content["entries"]:
        if "slot" in entry:
            entry["slot"]["day"] = day.isoformat()
    return content
