"""The catalog as an Excel sheet (事项清单), in the columns a center keeps it in.

One row per item. Cells that hold lists have one entry per line:
- 申请材料: `名称｜必需｜原件｜1` (必需/选填, 原件/复印件, copies);
- 办理流程: `环节名称｜流程要素｜承办角色｜时限｜计时[｜窗口]` (e.g. `初审受理｜初审受理｜窗口人员｜0｜计时`;
  a step assigned to one window ends with it, e.g. `审核｜审核｜窗口人员｜1｜计时｜A05`);
- 受理条件 and 关键词: one per line;
- 一表制子事项 (optional): the item code of each department's child, one per line;
- 赋予信用代码 (optional): 是 when approval assigns the unified social credit code;
- 受理层级 (optional): the levels of center that declare the item, one per line (市级, 县（区）级,
  乡镇（街道）级, 省级); empty for every level.
"""

from __future__ import annotations

import zlib
from itertools import count
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from app.domain.catalog import CatalogError, Department, FlowElement, Item, ItemKind
from app.domain.levels import EVERY_LEVEL, LEVEL_NAMES
from app.domain.messages import Message, MessageError, msg
from app.domain.roles import Role

COLUMNS = (
    "事项编码",
    "事项名称",
    "实施部门",
    "设定依据",
    "受理条件",
    "申请材料",
    "办件类型",
    "法定时限",
    "承诺时限",
    "收费金额",
    "收费标准",
    "大厅",
    "楼层",
    "窗口",
    "关键词",
    "办理流程",
)
#: Columns a sheet from before one-form registration (or levels of center) may lack.
OPTIONAL_COLUMNS = ("一表制子事项", "赋予信用代码", "受理层级")
LEVEL_TITLES = {level: str(name) for level, name in LEVEL_NAMES.items()}
KIND_TITLES = {
    ItemKind.IMMEDIATE: "即办件",
    ItemKind.PROMISED: "承诺件",
    ItemKind.REPORTED: "上报件",
    ItemKind.JOINT: "联办件",
}
ELEMENT_TITLES = {
    FlowElement.ACCEPTANCE: "初审受理",
    FlowElement.REVIEW: "审核",
    FlowElement.SITE_SURVEY: "现场勘察",
    FlowElement.INSPECTION: "检验检疫检测",
    FlowElement.HEARING: "听证论证",
    FlowElement.EXPERT_REVIEW: "专家评审",
    FlowElement.APPRAISAL: "专家鉴定或资格考试",
    FlowElement.PUBLICITY: "审批内容事中公示",
    FlowElement.CHIEF_REVIEW: "首席代表协调审核",
    FlowElement.COLLECTIVE_DECISION: "集体决策",
    FlowElement.ISSUANCE: "缴费出证办结",
    FlowElement.REPORT_UP: "向上级呈报",
}
ROLE_TITLES = {Role.CLERK: "窗口人员", Role.CHIEF_REPRESENTATIVE: "首席代表"}
SEPARATOR = "｜"


class RowError(MessageError, ValueError):
    """A row whose cells cannot be read; the message names the cell and its expected form."""


def write_sheet(path: Path, items: list[Item], departments: dict[str, Department]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "事项清单"
    sheet.append((*COLUMNS, *OPTIONAL_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        sheet.append(_row(item))
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQRS",
        (14, 28, 8, 40, 30, 40, 8, 8, 8, 8, 16, 6, 6, 8, 16, 40, 14, 8, 14),
        strict=True,
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                # Text stays text: openpyxl would store "=…" as a live formula; the quote
                # prefix is what a spreadsheet sets for text typed after an apostrophe.
                cell.data_type = "s"
                cell.quotePrefix = True
    book.save(path)


def _row(item: Item) -> list[Any]:
    materials = "\n".join(
        SEPARATOR.join(
            (
                m.name,
                "必需" if m.required else "选填",
                "原件" if m.form == "original" else "复印件",
                str(m.copies),
            )
        )
        for m in item.materials
    )
    flow = "\n".join(
        SEPARATOR.join(
            (
                s.name,
                ELEMENT_TITLES[s.element],
                ROLE_TITLES[s.role],
                str(s.days),
                "计时" if s.counts else "不计时",
                *([s.window] if s.window else []),
            )
        )
        for s in item.flow
    )
    return [
        item.code,
        item.name,
        item.department,
        item.legal_basis,
        "\n".join(item.conditions),
        materials,
        KIND_TITLES[item.kind],
        item.legal_days,
        item.committed_days,
        str(item.fee_yuan),
        item.fee_note,
        item.hall,
        item.floor,
        item.window,
        "\n".join(item.keywords),
        flow,
        "\n".join(item.children),
        "是" if item.issues_credit_code else "",
        "" if item.levels == EVERY_LEVEL else "\n".join(LEVEL_TITLES[x] for x in item.levels),
    ]


def read_sheet(path: Path) -> tuple[list[tuple[int, Item]], list[tuple[int, Message]]]:
    """Every item the sheet holds, by row number, and every row that cannot be read and why.

    A file that is no workbook (text, empty, cut short, a folder) is one problem, row 0; a
    sheet without a single item is refused too, so that importing it never empties the catalog.
    """
    try:
        if not path.exists():
            return [], [(0, msg("找不到事项表 {file}", file=str(path)))]
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            items, problems = _read_rows(book.worksheets[0])
        finally:
            book.close()
    except (OSError, ArithmeticError, LookupError, ValueError, EOFError, zlib.error,
            BadZipFile, InvalidFileException, SyntaxError):  # fmt: skip
        return [], [(0, msg("{file} 不是 Excel 事项表（.xlsx），或文件已损坏", file=path.name))]
    if not items and not problems:
        problems = [(2, msg("事项表中没有事项：表头以下没有任何一行"))]
    return items, problems


def _read_rows(sheet: Any) -> tuple[list[tuple[int, Item]], list[tuple[int, Message]]]:
    rows = sheet.iter_rows(values_only=True)
    header = tuple(str(c or "").strip() for c in next(rows, ()))
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [(1, msg("表头缺少列：{columns}", columns=missing))]
    items: list[tuple[int, Item]] = []
    problems: list[tuple[int, Message]] = []
    for number in count(2):
        try:
            values = next(rows, None)
        except ValueError:  # openpyxl stops at a number cell it cannot read (NaN): so do we
            problems.append((number, msg("本行有无法读取的数字（如 NaN、Infinity），其后各行未读")))
            break
        if values is None:
            break
        cells = dict(zip(header, values, strict=False))
        if not any(v not in (None, "") for v in cells.values()):
            continue
        try:
            items.append((number, Item.from_dict(_record(cells))))
        except (CatalogError, RowError) as error:
            problems.append((number, error.message))
        except (ValueError, IndexError) as error:
            problems.append((number, msg("本行无法读取：{error}", error=str(error))))
    return items, problems


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _record(cells: dict[str, Any]) -> dict[str, Any]:
    """Turn a row's cells into the catalog's dict form, or raise RowError saying why."""
    return {
        "code": str(cells["事项编码"] or "").strip(),
        "name": cells["事项名称"],
        "department": cells["实施部门"],
        "legal_basis": cells["设定依据"],
        "conditions": _lines(cells["受理条件"]),
        "materials": [_material(line) for line in _lines(cells["申请材料"])],
        "kind": _lookup(KIND_TITLES, cells["办件类型"], msg("办件类型")),
        "legal_days": cells["法定时限"],
        "committed_days": cells["承诺时限"],
        "fee_yuan": cells["收费金额"] if cells["收费金额"] not in (None, "") else "0",
        "fee_note": cells["收费标准"],
        "hall": cells["大厅"],
        "floor": cells["楼层"],
        "window": cells["窗口"],
        "keywords": _lines(cells["关键词"]),
        "flow": [_step(line) for line in _lines(cells["办理流程"])],
        "children": _lines(cells.get("一表制子事项")),
        "issues_credit_code": str(cells.get("赋予信用代码") or "").strip() == "是",
        "levels": [
            _lookup(LEVEL_TITLES, line, msg("受理层级")) for line in _lines(cells.get("受理层级"))
        ]
        or None,
    }


def _material(line: str) -> dict[str, Any]:
    parts = [p.strip() for p in line.split(SEPARATOR)]
    if len(parts) != 4:
        raise RowError(msg("申请材料“{line}”应写成“名称｜必需｜原件｜1”", line=line))
    name, required, form, copies = parts
    if required not in ("必需", "选填") or form not in ("原件", "复印件"):
        raise RowError(
            msg("申请材料“{line}”应写成“名称｜必需或选填｜原件或复印件｜份数”", line=line)
        )
    return {
        "name": name,
        "required": required == "必需",
        "form": "original" if form == "原件" else "copy",
        "copies": copies,
    }


def _step(line: str) -> dict[str, Any]:
    parts = [p.strip() for p in line.split(SEPARATOR)]
    if len(parts) not in (5, 6) or parts[4] not in ("计时", "不计时"):
        raise RowError(
            msg(
                "办理流程“{line}”应写成“环节名称｜流程要素｜承办角色｜时限｜计时或不计时”"
                "（可再加“｜窗口”）",
                line=line,
            )
        )
    name, element, role, days, counts, *window = parts
    return {
        "name": name,
        "element": _lookup(ELEMENT_TITLES, element, msg("流程要素")),
        "role": _lookup(ROLE_TITLES, role, msg("承办角色")),
        "days": days,
        "counts": counts == "计时",
        "window": window[0] if window else "",
    }


def _lookup(titles: dict[Any, str], value: Any, label: Message) -> str:
    text = str(value or "").strip()
    for key, title in titles.items():
        if title == text:
            return str(key.value)
    raise RowError(
        msg(
            "{label}“{text}”无法识别，应为：{titles}",
            label=label,
            text=text,
            titles=list(titles.values()),
        )
    )
