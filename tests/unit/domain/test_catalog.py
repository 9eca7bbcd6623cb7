"""The item catalog: the shipped data, the rules every item must meet (each broken rule named),
and finding an item by name, pinyin, a name typed with a character missing, code or
department."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.catalog import (
    CatalogError,
    Department,
    FlowElement,
    Item,
    ItemKind,
    validate_item,
)
from app.domain.search import CatalogIndex

CATALOG_DIR = Path(__file__).resolve().parents[3] / "resources" / "catalog"
RAW_ITEMS: list[dict[str, Any]] = json.loads((CATALOG_DIR / "items.json").read_text("utf-8"))
RAW_DEPARTMENTS = json.loads((CATALOG_DIR / "departments.json").read_text("utf-8"))
ITEMS = [Item.from_dict(raw) for raw in RAW_ITEMS]
DEPARTMENTS = {d.code: d for d in map(Department.from_dict, RAW_DEPARTMENTS)}
INDEX = CatalogIndex(ITEMS, DEPARTMENTS)
FOOD = next(raw for raw in RAW_ITEMS if raw["code"] == "SCJG-XK-001")


# ------------------------------------------------------------------- the shipped data


def test_the_shipped_catalog_is_a_city_centers() -> None:
    assert len(ITEMS) >= 60
    assert len({item.department for item in ITEMS}) >= 12
    assert len(DEPARTMENTS) >= 12
    assert len({item.code for item in ITEMS}) == len(ITEMS)
    assert {item.kind for item in ITEMS} == set(ItemKind)
    assert any(not step.counts for item in ITEMS for step in item.flow)  # Art. 45 steps


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.code)
def test_every_shipped_item_is_valid_and_complete(item: Item) -> None:
    assert validate_item(item) == []
    assert item.committed_days <= item.legal_days
    assert item.legal_basis and item.conditions and item.required_materials
    department = DEPARTMENTS[item.department]
    assert item.window in department.windows
    assert (item.hall, item.floor) == (department.hall, department.floor)
    assert Item.from_dict(item.to_dict()) == item
    assert 1 <= item.decision_step <= len(item.flow) - 1


def test_committed_limits_are_well_under_the_legal_ones_on_average() -> None:
    promised = [i for i in ITEMS if i.legal_days > 0]
    saving = sum(1 - i.committed_days / i.legal_days for i in promised) / len(promised)
    assert saving > 0.3  # Qiqihar: 57 % under the legal limits on average


# ---------------------------------------------------------------- rules of an item


def problems_of(**changes: Any) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        Item.from_dict({**FOOD, **changes})
    error = caught.value
    assert error.subject == changes.get("code", FOOD["code"])
    problems = [str(problem) for problem in error.problems]
    assert str(error) == f"{error.subject}：" + "；".join(problems)
    return problems


def step(element: str, role: str = "clerk", days: int = 0, counts: bool = True) -> dict[str, Any]:
    return {"element": element, "name": element, "role": role, "days": days, "counts": counts}


def flow(*middle: dict[str, Any], last: str = "issuance") -> list[dict[str, Any]]:
    return [step("acceptance"), *middle, step(last)]


def test_committed_days_may_not_exceed_the_legal_days() -> None:
    assert problems_of(legal_days=3, committed_days=4) == [
        "承诺时限（4个工作日）不得超过法定时限（3个工作日）"
    ]


def test_an_immediate_item_is_committed_to_zero_days() -> None:
    assert "即办件的承诺时限应为0（当场办结）" in problems_of(kind="immediate")


@pytest.mark.parametrize(
    ("steps", "kind", "problem"),
    [
        ([step("acceptance")], "promised", "办理流程至少包括受理和办结两个环节"),
        (
            [step("site_survey"), step("issuance")],
            "promised",
            "流程的第一个环节必须是“初审受理”",
        ),
        (
            flow(step("chief_review", "chief_representative"), last="publicity"),
            "promised",
            "流程的最后一个环节必须是“缴费出证办结”或“向上级呈报”",
        ),
        (flow(last="report_up"), "promised", "只有上报件以“向上级呈报”结束"),
        (flow(), "reported", "只有上报件以“向上级呈报”结束"),
        (
            flow(step("chief_review", "chief_representative"), step("site_survey")),
            "promised",
            "首席代表审核或集体决策环节至多一个，且须位于办结前",
        ),
        (flow(step("chief_review")), "promised", "第2个环节“chief_review”应由首席代表承办"),
        (flow(step("site_survey", "supervisor")), "promised", "第2个环节的承办角色只能是"),
        (
            flow(step("site_survey", days=-1)),
            "promised",
            "办理流程第2个环节的时限应为0至1000之间的整数（填的是“-1”）",
        ),
        (
            flow(step("expert_review", days=2)),
            "promised",
            "第2个环节“expert_review”是否计入时限与《行政许可法》第四十五条不符",
        ),
        (
            flow(step("site_survey", counts=False)),
            "promised",
            "第2个环节“site_survey”是否计入时限与《行政许可法》第四十五条不符",
        ),
        (
            flow(step("site_survey", days=5)),
            "promised",
            "计时环节合计5个工作日，超过承诺时限4个工作日",
        ),
    ],
)
def test_flow_rules(steps: list[dict[str, Any]], kind: str, problem: str) -> None:
    problems = problems_of(flow=steps, kind=kind)
    assert any(p.startswith(problem) for p in problems), problems


def test_an_uncounted_step_does_not_count_against_the_committed_days() -> None:
    item = Item.from_dict({**FOOD, "flow": flow(step("expert_review", days=30, counts=False))})
    assert not item.flow[1].counts and item.flow[1].is_out_of_hall


def test_the_decision_step_is_the_chiefs_review_before_the_last_or_else_the_last() -> None:
    assert Item.from_dict(FOOD).decision_step == 2
    decided_at_window = Item.from_dict({**FOOD, "flow": flow(step("site_survey", days=2))})
    assert decided_at_window.decision_step == 2
    assert decided_at_window.flow[2].element is FlowElement.ISSUANCE


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"kind": "加急件"}, "办件类型无法识别：'加急件'"),
        ({"legal_days": "十"}, "法定时限应为0至1000之间的整数（填的是“十”）"),
        ({"fee_yuan": "免费"}, "收费金额应为0至1000000元之间、至多两位小数的金额（填的是“免费”）"),
        ({"fee_yuan": "-5"}, "收费金额应为0至1000000元之间、至多两位小数的金额（填的是“-5”）"),
        ({"materials": []}, "至少需要一项申请材料"),
        (
            {"materials": [{"name": "申请书", "copies": 0}]},
            "申请材料份数应为1至99之间的整数（填的是“0”）",
        ),
        ({"legal_days": -1}, "法定时限应为0至1000之间的整数（填的是“-1”）"),
        ({"name": "  "}, "缺少事项名称"),
    ],
)
def test_field_problems_are_named(changes: dict[str, Any], problem: str) -> None:
    assert problem in problems_of(**changes)


def test_every_problem_of_an_item_is_listed_at_once() -> None:
    with pytest.raises(CatalogError) as caught:
        Item.from_dict({"code": "X-1", "kind": "加急件", "legal_days": "三"})
    problems = [str(problem) for problem in caught.value.problems]
    for expected in (
        "缺少事项名称",
        "缺少实施部门",
        "缺少设定依据",
        "缺少申请材料",
        "办件类型无法识别：'加急件'",
        "法定时限应为0至1000之间的整数（填的是“三”）",
        "缺少承诺时限",
        "缺少办理流程",
    ):
        assert expected in problems
    with pytest.raises(CatalogError, match="缺少事项编码"):
        Item.from_dict({**FOOD, "code": " "})
    several = problems_of(legal_days=1, committed_days=2, materials=[])
    assert len(several) >= 3


def test_a_department_without_its_windows_is_refused() -> None:
    with pytest.raises(CatalogError, match="部门数据不完整"):
        Department.from_dict({"code": "XX", "name": "某局", "hall": "A", "floor": 1})


@pytest.mark.parametrize("floor", [10**20, 2.5, "二楼", True])
def test_a_department_on_a_floor_out_of_range_is_refused(floor: object) -> None:
    with pytest.raises(CatalogError, match="-9至200之间的整数"):
        Department.from_dict(
            {"code": "XX", "name": "某局", "hall": "A", "floor": floor, "windows": ["1"]}
        )


# --------------------------------------------------------------------------- search


def names(text: str, limit: int = 50) -> list[str]:
    return [item.name for item in INDEX.search(text, limit)]


@pytest.mark.parametrize("query", ["yyzz", "YYZZ", "yingye", "ying ye", "营业执照", "营执照"])
def test_business_license_is_found_by_pinyin_and_with_a_character_missing(query: str) -> None:
    found = names(query)
    assert "营业执照" in found[0]
    assert "营业执照遗失补领" in found[:3] and "个体工商户营业执照设立登记" in found[:3]


def test_a_missing_character_is_tolerated_but_two_are_not() -> None:
    assert names("营照") == []
    assert names("食品营许可")[0] == "食品经营许可"
    assert names("食品经营可")[0] == "食品经营许可"


def test_search_by_code_exact_first_then_by_prefix() -> None:
    assert names("SCJG-QT-001") == ["营业执照遗失补领"]
    assert names("scjg-qt-001") == ["营业执照遗失补领"]
    by_prefix = INDEX.search("scjg-xk")
    assert by_prefix and all(item.code.startswith("SCJG-XK-") for item in by_prefix)
    assert len(by_prefix) == sum(item.code.startswith("SCJG-XK-") for item in ITEMS)


@pytest.mark.parametrize("query", ["江川市市场监督管理局", "市场监督管理局", "市场监管"])
def test_search_by_department_name(query: str) -> None:
    found = INDEX.search(query)
    assert {item.department for item in found} == {"SCJG"}
    assert len(found) == sum(item.department == "SCJG" for item in ITEMS)


def test_search_by_name_ranks_a_match_in_the_name_first() -> None:
    found = INDEX.search("公积金")
    assert all("公积金" in item.name or "公积金" in "".join(item.keywords) for item in found)
    assert {i.code for i in ITEMS if i.department == "GJJ"} <= {i.code for i in found}


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_an_empty_query_lists_the_catalog_in_order(query: str) -> None:
    assert INDEX.search(query) == ITEMS[:50]
    assert INDEX.search(query, limit=5) == ITEMS[:5]
    assert len(INDEX) == len(ITEMS)


def test_nothing_matches_gibberish() -> None:
    assert names("qqqqxz") == [] and names("不存在的事项") == []
