"""Cases as the command line prints them: JSON for machines, aligned text for people.

People read Chinese: states, clock levels and event kinds by their titles; JSON keeps the
codes beside the titles. ID numbers are masked here as everywhere outside the case itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.case import STATUS_TITLES
from app.domain.catalog import Item
from app.domain.deadline import LEVEL_TITLES, ClockPhase, Deadline
from app.domain.enterprise_form import masked_form
from app.domain.event_data import Received, UnknownEvent
from app.domain.events import Event, event_title
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
        **(clock_json(d) if d else {"clock": "damaged"}),
    }


def entry_line(entry: CaseListEntry) -> str:
    s = entry.summary
    return (
        f"{s.case_no}  {STATUS_TITLES[s.status]:<5}  {_clock_or_damage(entry.deadline)}  "
        f"{s.applicant_name:<6}  {s.item_name}"
    )


def _clock_or_damage(d: Deadline | None) -> str:
    return clock_text(d) if d else "记录缺失或无法读取，请运行 onewindow verify"


def clock_json(d: Deadline) -> dict[str, Any]:
    """The clock's figures: a due date only while the completion clock runs."""
    return {
        "phase": d.phase.value,
        "due_date": _iso(d.due),
        "days_left": d.days_left,
        "days_overdue": d.days_overdue,
        "clock": d.level.value,
        "clock_title": LEVEL_TITLES[d.level],
        "clock_text": clock_text(d),
        "waiting_since": _iso(d.waiting_since),
        "notice_due": _iso(d.notice_due),
        "stopped_on": _iso(d.stopped_on),
        "closed_as": d.closed_as.value if d.closed_as else None,
    }


def clock_text(d: Deadline) -> str:
    """Where the case stands against the law's time limits, in one Chinese phrase."""
    match d.phase:
        case ClockPhase.INTAKE:
            return (
                f"已等待{d.days_waited}个工作日，应于 {d.notice_due} 前受理或一次性告知补正"
                f"（{LEVEL_TITLES[d.level]}）"
            )
        case ClockPhase.CORRECTION:
            return f"已于 {d.waiting_since} 告知补正，等待申请人{d.days_waited}个工作日"
        case ClockPhase.STOPPED:
            assert d.closed_as is not None
            how = f"超时{d.days_overdue}个工作日办结" if d.days_overdue else LEVEL_TITLES[d.level]
            return f"{STATUS_TITLES[d.closed_as]}于 {d.stopped_on}（{how}）"
    if d.days_overdue:
        return f"应于 {d.due} 前办结（超时{d.days_overdue}个工作日）"
    return f"应于 {d.due} 前办结（{LEVEL_TITLES[d.level]}，剩余{d.days_left}个工作日）"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def event_json(event: Event) -> dict[str, Any]:
    data = event.data
    payload = data.to_payload()
    if isinstance(data, Received):
        applicant = data.applicant.to_dict() | {
            "id_number": mask_resident_id(data.applicant.id_number)
        }
        payload = {k: v for k, v in payload.items() if k != "terms"} | {"applicant": applicant}
        if data.form is not None:
            payload["form"] = masked_form(data.form)
    return {
        "position": event.position,
        "kind": str(event.kind),
        "kind_title": str(event_title(data)),
        **({"unreadable": str(data.reason)} if isinstance(data, UnknownEvent) else {}),
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
        **clock_json(d),
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
        f"状态      {data['status_title']}    承诺{data['committed_days']}个工作日  "
        f"{data['clock_text']}",
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
        f"  {e['position']:>2}. {e['at']}  {e['kind_title']:<7} {e['actor']}@{e['window']}"
        for e in data["events"]
    ]
    return "\n".join(lines)
