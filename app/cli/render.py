"""Cases as the command line prints them: JSON for machines, aligned text for people.

ID numbers are masked here as everywhere outside the case itself.
"""

from __future__ import annotations

from typing import Any

from app.domain.case import STATUS_TITLES
from app.domain.catalog import Item
from app.domain.enterprise_form import masked_form
from app.domain.events import Event, EventKind
from app.domain.identity import mask_resident_id
from app.services.views import CaseDetail, CaseListEntry


def item_json(item: Item) -> dict[str, Any]:
    return item.to_dict()


def entry_json(entry: CaseListEntry) -> dict[str, Any]:
    s, d = entry.summary, entry.deadline
    return {
        "case_no": s.case_no,
        "item_code": s.item_code,
        "item_name": s.item_name,
        "department": s.department,
        "applicant": s.applicant_name,
        "applicant_id": s.applicant_masked_id,
        "status": s.status.value,
        "status_title": STATUS_TITLES[s.status],
        "received_at": s.received_at.isoformat(timespec="seconds"),
        "due_date": d.due.isoformat(),
        "days_left": d.days_left,
        "clock": d.level.value,
    }


def entry_line(entry: CaseListEntry) -> str:
    s, d = entry.summary, entry.deadline
    return (
        f"{s.case_no}  {STATUS_TITLES[s.status]:<5}  {d.due}  {d.level.value:<9}  "
        f"{s.applicant_name:<6}  {s.item_name}"
    )


def event_json(event: Event) -> dict[str, Any]:
    payload = dict(event.payload)
    if event.kind is EventKind.RECEIVED:
        applicant = dict(payload["applicant"])
        applicant["id_number"] = mask_resident_id(applicant.get("id_number", ""))
        payload = {k: v for k, v in payload.items() if k != "terms"} | {"applicant": applicant}
        if "form" in payload:
            payload["form"] = masked_form(payload["form"])
    return {
        "position": event.position,
        "kind": event.kind.value,
        "at": event.at.isoformat(timespec="seconds"),
        "actor": event.actor,
        "window": event.window,
        "terminal": event.terminal,
        "payload": payload,
        "hash": event.hash,
    }


def detail_json(detail: CaseDetail) -> dict[str, Any]:
    case, d = detail.case, detail.deadline
    return {
        "case_no": case.case_no,
        "case_id": str(case.case_id),
        "item_code": case.terms.item_code,
        "item_name": case.terms.item_name,
        "department": detail.department_name,
        "applicant": case.applicant.name,
        "applicant_id": case.applicant.masked_id,
        "status": case.status.value,
        "status_title": STATUS_TITLES[case.status],
        "committed_days": case.terms.committed_days,
        "due_date": d.due.isoformat(),
        "days_left": d.days_left,
        "clock": d.level.value,
        "current_step": case.step.name if case.step else None,
        "credit_code": case.credit_code or None,
        "parent": case.parent.case_no if case.parent else None,
        "children": [
            {
                "case_no": row.ref.case_no,
                "item_name": row.ref.item_name,
                "status": row.status.value if row.status else None,
                "status_title": STATUS_TITLES[row.status] if row.status else "未同步",
            }
            for row in (detail.joint.children if detail.joint else ())
        ],
        "events": [event_json(e) for e in case.events],
    }


def detail_text(detail: CaseDetail) -> str:
    data = detail_json(detail)
    lines = [
        f"办件编号  {data['case_no']}",
        f"事项      {data['item_name']}（{data['item_code']}）",
        f"部门      {data['department']}",
        f"申请人    {data['applicant']}  {data['applicant_id']}",
        f"状态      {data['status_title']}    承诺{data['committed_days']}个工作日，"
        f"应于 {data['due_date']} 前办结（{data['clock']}）",
    ]
    if data["credit_code"]:
        lines.append(f"信用代码  {data['credit_code']}")
    if data["parent"]:
        lines.append(f"一表制    子件，总件 {data['parent']}")
    if data["children"]:
        lines.append("并联审批")
        lines += [
            f"  {c['case_no']}  {c['status_title']:<5}  {c['item_name']}" for c in data["children"]
        ]
    lines.append("办理记录")
    lines += [
        f"  {e['position']:>2}. {e['at']}  {e['kind']:<22} {e['actor']}@{e['window']}"
        for e in data["events"]
    ]
    return "\n".join(lines)
