"""The item catalog (事项清单): what can be applied for, where, by which flow, within which time.

An item is plain data that the catalog validates as a whole: a sheet a center maintains may
hold many mistakes, and a clerk or administrator wants all of them listed at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from app.domain.catalog_values import (
    FLOORS,
    LONG_TEXT,
    MAX_COPIES,
    MAX_DAYS,
    SHORT_TEXT,
    ValueRefused,
    money,
    named,
    text,
    texts,
    whole,
)
from app.domain.levels import EVERY_LEVEL, CenterLevel, declared_levels
from app.domain.messages import Clauses, Message, MessageError, msg
from app.domain.roles import Role


class CatalogError(MessageError, ValueError):
    """An item or department that cannot enter the catalog; `problems` lists every reason."""

    def __init__(self, subject: str, problems: Sequence[Message]) -> None:
        self.subject = subject
        self.problems = tuple(problems)
        super().__init__(
            msg("{subject}：{problems}", subject=subject, problems=Clauses(self.problems))
        )


class ItemKind(StrEnum):
    """The four kinds of case in the catalog."""

    IMMEDIATE = "immediate"  # 即办件: finished on the spot
    PROMISED = "promised"  # 承诺件: finished within the committed days
    REPORTED = "reported"  # 上报件: sent up to a higher level
    JOINT = "joint"  # 联办件: several departments


class FlowElement(StrEnum):
    """The basic flow elements of Qiqihar's "one item, one flow"."""

    ACCEPTANCE = "acceptance"  # 初审受理
    REVIEW = "review"  # 审核（聊城四岗之审核岗）
    SITE_SURVEY = "site_survey"  # 现场勘察
    INSPECTION = "inspection"  # 检验检疫检测
    HEARING = "hearing"  # 听证论证
    EXPERT_REVIEW = "expert_review"  # 专家评审
    APPRAISAL = "appraisal"  # 专家鉴定或资格考试
    PUBLICITY = "publicity"  # 审批内容事中公示
    CHIEF_REVIEW = "chief_review"  # 首席代表协调审核
    COLLECTIVE_DECISION = "collective_decision"  # 局务会或专家评审委员会集体决策
    ISSUANCE = "issuance"  # 缴费出证办结
    REPORT_UP = "report_up"  # 向上级呈报


DECISION_ELEMENTS = frozenset({FlowElement.CHIEF_REVIEW, FlowElement.COLLECTIVE_DECISION})
FINAL_ELEMENTS = frozenset({FlowElement.ISSUANCE, FlowElement.REPORT_UP})
#: Art. 45 of the Administrative Licensing Law: time spent here is not counted.
UNCOUNTED_ELEMENTS = frozenset(
    {FlowElement.INSPECTION, FlowElement.HEARING, FlowElement.EXPERT_REVIEW, FlowElement.APPRAISAL}
)
STEP_ROLES = frozenset({Role.CLERK, Role.CHIEF_REPRESENTATIVE})


class MaterialForm(StrEnum):
    ORIGINAL = "original"  # 原件
    COPY = "copy"  # 复印件


@dataclass(frozen=True)
class Material:
    """One required or optional document of an application (申请材料)."""

    name: str
    required: bool = True
    form: MaterialForm = MaterialForm.ORIGINAL
    copies: int = 1


@dataclass(frozen=True)
class FlowStep:
    """One step of an item's flow, done by one role within its own time limit."""

    element: FlowElement
    name: str
    role: Role
    days: int
    counts: bool = True
    #: A step assigned to one window (e.g. the 审核岗 of Liaocheng's four posts); "" for any
    #: window of the department whose staff hold the role.
    window: str = ""

    @property
    def is_out_of_hall(self) -> bool:
        """Steps done outside the hall are recorded afterwards as forms (事后录入)."""
        return self.element in {
            FlowElement.SITE_SURVEY,
            FlowElement.HEARING,
            FlowElement.EXPERT_REVIEW,
            FlowElement.APPRAISAL,
            FlowElement.INSPECTION,
        }


@dataclass(frozen=True)
class Department:
    """A department stationed in the center, with its hall and windows."""

    code: str
    name: str
    short_name: str
    hall: str
    floor: int
    windows: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Department:
        try:
            return cls(
                code=str(data["code"]).strip(),
                name=str(data["name"]).strip(),
                short_name=str(data.get("short_name") or data["name"]).strip(),
                hall=str(data["hall"]).strip(),
                floor=_floor(data["floor"]),
                windows=tuple(str(w).strip() for w in data["windows"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise CatalogError(
                str(data.get("code", "?")), [msg("部门数据不完整：{error}", error=str(error))]
            ) from error

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "short_name": self.short_name,
            "hall": self.hall,
            "floor": self.floor,
            "windows": list(self.windows),
        }


@dataclass(frozen=True)
class Item:
    """An item of the catalog (事项) with everything a window needs to accept it."""

    code: str
    name: str
    department: str
    legal_basis: str
    conditions: tuple[str, ...]
    materials: tuple[Material, ...]
    kind: ItemKind
    legal_days: int
    committed_days: int
    fee_yuan: Decimal
    fee_note: str
    hall: str
    floor: int
    window: str
    keywords: tuple[str, ...]
    flow: tuple[FlowStep, ...]
    #: One-form (一表制) items: the item of each department that works on it in parallel.
    children: tuple[str, ...] = ()
    #: Approval assigns the unified social credit code (the business license).
    issues_credit_code: bool = False
    #: The levels of center that declare the item (accept it at their counters).
    levels: tuple[CenterLevel, ...] = EVERY_LEVEL

    @property
    def is_one_form(self) -> bool:
        return bool(self.children)

    @property
    def decision_step(self) -> int:
        """Index of the step at which the case is decided.

        A chief representative's review or a collective decision just before the final step; an
        item without one is decided by the window itself (三到位: the window has the authority),
        at the final step.
        """
        before_final = len(self.flow) - 2
        if before_final >= 1 and self.flow[before_final].element in DECISION_ELEMENTS:
            return before_final
        return len(self.flow) - 1

    @property
    def required_materials(self) -> tuple[Material, ...]:
        return tuple(m for m in self.materials if m.required)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Item:
        """Build and validate an item; raise CatalogError listing every problem found."""
        code = str(data.get("code") or "").strip()
        problems: list[Message] = []
        item = _parse_item(code, data, problems)
        if item is not None:
            problems.extend(validate_item(item))
        if problems or item is None:
            raise CatalogError(code or "（无编码）", problems)
        return item

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "department": self.department,
            "legal_basis": self.legal_basis,
            "conditions": list(self.conditions),
            "materials": [
                {"name": m.name, "required": m.required, "form": m.form.value, "copies": m.copies}
                for m in self.materials
            ],
            "kind": self.kind.value,
            "legal_days": self.legal_days,
            "committed_days": self.committed_days,
            "fee_yuan": str(self.fee_yuan),
            "fee_note": self.fee_note,
            "hall": self.hall,
            "floor": self.floor,
            "window": self.window,
            "keywords": list(self.keywords),
            "flow": [
                {
                    "element": s.element.value,
                    "name": s.name,
                    "role": s.role.value,
                    "days": s.days,
                    "counts": s.counts,
                    **({"window": s.window} if s.window else {}),
                }
                for s in self.flow
            ],
            "children": list(self.children),
            "issues_credit_code": self.issues_credit_code,
            "levels": [level.value for level in self.levels],
        }


_short = text(SHORT_TEXT)
_long = text(LONG_TEXT)
_days = whole(0, MAX_DAYS)
_floor = whole(*FLOORS)
_copies = whole(1, MAX_COPIES)
_MISSING = object()


def _parse_item(code: str, data: Mapping[str, Any], problems: list[Message]) -> Item | None:
    """Convert raw fields, noting each field that cannot be read instead of stopping at one."""

    def field(name: str, convert: Any, label: Message, default: Any = _MISSING) -> Any:
        try:
            value = data.get(name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if default is _MISSING:
                    raise KeyError(name)
                return default
            return convert(value)
        except KeyError:
            problems.append(msg("缺少{label}", label=label))
        except ValueRefused as refused:
            problems.append(msg("{label}{reason}", label=label, reason=refused.reason))
        except (TypeError, ValueError, InvalidOperation, AttributeError):
            problems.append(
                msg("{label}无法识别：{value}", label=label, value=repr(data.get(name))[:80])
            )
        return None

    material_name = named(msg("名称"), _short)
    copies = named(msg("份数"), _copies)

    def materials(raw: Any) -> tuple[Material, ...]:
        return tuple(
            Material(
                name=material_name(m["name"]),
                required=bool(m.get("required", True)),
                form=MaterialForm(m.get("form", "original")),
                copies=copies(m.get("copies", 1)),
            )
            for m in raw
        )

    def step(number: int, raw: Any) -> FlowStep:
        return FlowStep(
            element=FlowElement(raw["element"]),
            name=named(msg("第{number}个环节的名称", number=number), _short)(raw["name"]),
            role=Role(raw["role"]),
            days=named(msg("第{number}个环节的时限", number=number), _days)(raw["days"]),
            counts=bool(raw.get("counts", True)),
            window=named(msg("第{number}个环节的窗口", number=number), _short)(
                raw.get("window") or ""
            ),
        )

    def flow(raw: Any) -> tuple[FlowStep, ...]:
        return tuple(step(number, s) for number, s in enumerate(raw, start=1))

    values = {
        "name": field("name", _short, msg("事项名称")),
        "department": field("department", _short, msg("实施部门")),
        "legal_basis": field("legal_basis", _long, msg("设定依据")),
        "conditions": field("conditions", texts(_long), msg("受理条件")),
        "materials": field("materials", materials, msg("申请材料")),
        "kind": field("kind", ItemKind, msg("办件类型")),
        "legal_days": field("legal_days", _days, msg("法定时限")),
        "committed_days": field("committed_days", _days, msg("承诺时限")),
        "fee_yuan": field("fee_yuan", money, msg("收费金额")),
        "hall": field("hall", _short, msg("办理大厅")),
        "floor": field("floor", _floor, msg("楼层")),
        "window": field("window", _short, msg("窗口")),
        "flow": field("flow", flow, msg("办理流程")),
        "fee_note": field("fee_note", _long, msg("收费标准"), ""),
        "keywords": field("keywords", texts(_short), msg("关键词"), ()),
        "children": field("children", texts(_short), msg("一表制子事项"), ()),
        "levels": field("levels", declared_levels, msg("受理层级"), EVERY_LEVEL),
    }
    if not code:
        problems.append(msg("缺少事项编码"))
    elif len(code) > SHORT_TEXT:
        problems.append(msg("事项编码不能超过{limit}个字", limit=SHORT_TEXT))
    if any(v is None for v in values.values()) or problems:
        return None
    if not values["fee_note"] and values["fee_yuan"] == 0:
        values["fee_note"] = "不收费"
    return Item(code=code, issues_credit_code=bool(data.get("issues_credit_code", False)), **values)


def validate_item(item: Item) -> list[Message]:
    """Every rule an item must satisfy, as clerk-readable problems (empty when valid)."""
    problems: list[Message] = []
    if item.committed_days > item.legal_days:
        problems.append(
            msg(
                "承诺时限（{committed}个工作日）不得超过法定时限（{legal}个工作日）",
                committed=item.committed_days,
                legal=item.legal_days,
            )
        )
    if item.kind is ItemKind.IMMEDIATE and item.committed_days != 0:
        problems.append(msg("即办件的承诺时限应为0（当场办结）"))
    if not item.materials:
        problems.append(msg("至少需要一项申请材料"))
    problems.extend(_flow_problems(item))
    if item.children and item.kind is not ItemKind.JOINT:
        problems.append(msg("一表制事项（含子事项）的办件类型应为联办件"))
    if item.code in item.children or len(set(item.children)) != len(item.children):
        problems.append(msg("子事项不能重复，也不能包含事项本身"))
    return problems


def _flow_problems(item: Item) -> list[Message]:
    flow = item.flow
    if len(flow) < 2:
        return [msg("办理流程至少包括受理和办结两个环节")]
    problems: list[Message] = []
    if flow[0].element is not FlowElement.ACCEPTANCE:
        problems.append(msg("流程的第一个环节必须是“初审受理”"))
    if flow[-1].element not in FINAL_ELEMENTS:
        problems.append(msg("流程的最后一个环节必须是“缴费出证办结”或“向上级呈报”"))
    if (flow[-1].element is FlowElement.REPORT_UP) != (item.kind is ItemKind.REPORTED):
        problems.append(msg("只有上报件以“向上级呈报”结束"))
    decisions = [i for i, s in enumerate(flow) if s.element in DECISION_ELEMENTS]
    if len(decisions) > 1 or (decisions and decisions[0] != len(flow) - 2):
        problems.append(msg("首席代表审核或集体决策环节至多一个，且须位于办结前"))
    for number, step in enumerate(flow, start=1):
        if step.role not in STEP_ROLES:
            problems.append(
                msg("第{number}个环节的承办角色只能是窗口人员或首席代表", number=number)
            )
        if step.counts == (step.element in UNCOUNTED_ELEMENTS):
            problems.append(
                msg(
                    "第{number}个环节“{step}”是否计入时限与《行政许可法》第四十五条不符",
                    number=number,
                    step=step.name,
                )
            )
        if step.element in DECISION_ELEMENTS and step.role is not Role.CHIEF_REPRESENTATIVE:
            problems.append(
                msg("第{number}个环节“{step}”应由首席代表承办", number=number, step=step.name)
            )
    counted = sum(s.days for s in flow if s.counts)
    if counted > item.committed_days:
        problems.append(
            msg(
                "计时环节合计{counted}个工作日，超过承诺时限{committed}个工作日",
                counted=counted,
                committed=item.committed_days,
            )
        )
    return problems
