"""`onewindow queue list|issue|call|recall|no-show|rejoin|transfer|served|walk-in|times`: the
hall's queue for scripts.

A calling step is taken in the name of the clerk `--by` names, at their window (the same rules
as at the window: the queues their window serves). A ticket is issued by the shell as the
hall's ticket machine; `times` is read as the center's administrator.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from app.cli.attendance_commands import account
from app.domain.roles import Actor, Role
from app.domain.tickets import PRIORITY_MESSAGES, STATUS_MESSAGES, Priority, Ticket

if TYPE_CHECKING:
    from app.bootstrap import Services

_STEPS = {
    "recall": ("重呼", "recall"),
    "no-show": ("过号", "no_show"),
    "rejoin": ("过号后回到队列", "rejoin"),
    "served": ("办理结束", "served"),
}


def register(commands: Any, shell_actor: Actor) -> None:
    queue = commands.add_parser("queue", help="排队叫号", description="排队叫号")
    queue.set_defaults(run=lambda s, a: queue.error("queue 需要子命令"))
    steps = queue.add_subparsers(dest="queue_command", metavar="ACTION")
    listing = steps.add_parser("list", help="队列及等候人数", description="队列及等候人数")
    listing.add_argument(
        "--queue", default="", metavar="Q", help="列出此队列等候的号（按叫号顺序）"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_list)
    issue = steps.add_parser("issue", help="取号", description="取号（本终端作为取号机）")
    issue.add_argument("queue", metavar="QUEUE", help="队列代码（部门代码，如 SCJG）")
    issue.add_argument("--priority", choices=[p.value for p in Priority], default="ordinary")
    issue.set_defaults(run=lambda s, a: _issue(s, a, shell_actor))
    call = steps.add_parser("call", help="叫下一个号", description="按叫号规则叫下一个号")
    call.add_argument("--by", required=True, metavar="U", help="叫号的窗口人员")
    call.set_defaults(run=_call)
    for name, (text, _) in _STEPS.items():
        step = steps.add_parser(name, help=text, description=text)
        step.add_argument("number", metavar="NUMBER", help="今天的号码，如 J012")
        step.add_argument("--by", required=True, metavar="U")
        step.set_defaults(run=_step)
    transfer = steps.add_parser("transfer", help="转到别的队列或窗口", description="转号")
    transfer.add_argument("number", metavar="NUMBER")
    transfer.add_argument("--by", required=True, metavar="U")
    transfer.add_argument("--to-queue", default=None, metavar="Q")
    transfer.add_argument("--to-window", default=None, metavar="W")
    transfer.set_defaults(run=_transfer)
    walk_in = steps.add_parser("walk-in", help="未取号直接办理", description="未取号直接办理")
    walk_in.add_argument("--by", required=True, metavar="U")
    walk_in.add_argument("--queue", default=None, metavar="Q")
    walk_in.set_defaults(run=_walk_in)
    times = steps.add_parser("times", help="各窗口、各人员的等候与办理时长", description="排队统计")
    times.add_argument("--day", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    times.add_argument("--json", action="store_true")
    times.set_defaults(run=lambda s, a: _times(s, a, shell_actor))


def _line(ticket: Ticket) -> str:
    where = f" {ticket.window} 号窗口" if ticket.window else ""
    return (
        f"{ticket.number}  {ticket.queue}  {PRIORITY_MESSAGES[ticket.priority]}"
        f"  {STATUS_MESSAGES[ticket.status]}{where}  取号 {ticket.issued_at:%H:%M}"
    )


def _list(services: Services, args: argparse.Namespace) -> int:
    queue = services.queue
    if args.queue:
        waiting = queue.waiting(queue.queue(args.queue.strip().upper()).code)
        if args.json:
            print(json.dumps([_ticket_json(t) for t in waiting], ensure_ascii=False, indent=2))
            return 0
        for ticket in waiting:
            print(_line(ticket))
        return 0
    rows = [(q, len(queue.waiting(q.code))) for q in queue.queues()]
    if args.json:
        data = [{"code": q.code, "letter": q.letter, "name": q.name, "waiting": n} for q, n in rows]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for q, waiting_count in rows:
        where = f"{q.hall}厅 {q.floor}楼 {'、'.join(q.windows)}"
        print(f"{q.letter}  {q.code}  {q.name}  {where}  等候 {waiting_count}")
    return 0


def _issue(services: Services, args: argparse.Namespace, shell: Actor) -> int:
    machine = replace(shell, role=Role.KIOSK, display_name="取号机")
    issued = services.queue.issue(
        machine, args.queue.strip().upper(), priority=Priority(args.priority)
    )
    queue = issued.queue
    print(
        f"{issued.ticket.number}  {queue.name}  {queue.hall}厅 {queue.floor}楼"
        f"  前面还有 {issued.waiting_before} 人"
    )
    return 0


def _call(services: Services, args: argparse.Namespace) -> int:
    called = services.queue.call_next(account(services, args.by))
    print(_line(called) if called else "没有等候的号")
    return 0


def _step(services: Services, args: argparse.Namespace) -> int:
    clerk = account(services, args.by)
    ticket = services.queue.by_number(args.number)
    step = getattr(services.queue, _STEPS[args.queue_command][1])
    print(_line(step(clerk, ticket.id)))
    return 0


def _transfer(services: Services, args: argparse.Namespace) -> int:
    clerk = account(services, args.by)
    ticket = services.queue.by_number(args.number)
    moved = services.queue.transfer(
        clerk, ticket.id, queue_code=args.to_queue, window=args.to_window
    )
    print(_line(moved))
    return 0


def _walk_in(services: Services, args: argparse.Namespace) -> int:
    print(_line(services.queue.walk_in(account(services, args.by), args.queue)))
    return 0


def _times(services: Services, args: argparse.Namespace, shell: Actor) -> int:
    day = args.day or services.clock.now().date()
    times = services.queue.times(shell, day)
    tables = {"windows": times.windows, "clerks": times.clerks}
    if args.json:
        data = {
            name: {
                key: {
                    "calls": t.calls,
                    "average_wait_s": _seconds(t.average_wait),
                    "served": t.served,
                    "average_service_s": _seconds(t.average_service),
                }
                for key, t in sorted(table.items())
            }
            for name, table in tables.items()
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for title, table in (("窗口", times.windows), ("人员", times.clerks)):
        print(f"{title}\t叫号\t平均等候\t办结\t平均办理")
        for key, t in sorted(table.items()):
            print(
                f"{key}\t{t.calls}\t{_minutes(t.average_wait)}\t{t.served}"
                f"\t{_minutes(t.average_service)}"
            )
    return 0


def _seconds(span: timedelta | None) -> float | None:
    return round(span.total_seconds(), 1) if span is not None else None


def _minutes(span: timedelta | None) -> str:
    return f"{span.total_seconds() / 60:.1f} 分" if span is not None else "—"


def _ticket_json(ticket: Ticket) -> dict[str, Any]:
    return {
        "number": ticket.number,
        "queue": ticket.queue,
        "priority": ticket.priority.value,
        "status": ticket.status.value,
        "issued_at": ticket.issued_at.isoformat(),
        "window": ticket.window,
    }
