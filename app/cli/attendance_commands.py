"""`onewindow attendance sheet|who|where` and `onewindow leave ask|approve|refuse|back|list`.

The shell acts as the center's administrator for reading attendance. A leave step is taken
in the name of the person it names (`--user` asks, `--by` decides): the same rules apply as at
the window (a chief decides only for their own department), and the audit trail records that
person at the terminal "shell" acted for.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from app.domain.attendance import Stint
from app.domain.attendance_sheet import COLUMNS, sheet_row
from app.domain.events import CHINA_TIME
from app.domain.leave import (
    LEAVE_KIND_MESSAGES,
    LEAVE_STATUS_MESSAGES,
    Half,
    HalfDay,
    LeaveKind,
    LeavePeriod,
    LeaveRequest,
)
from app.domain.messages import MessageError, msg
from app.domain.roles import Actor

if TYPE_CHECKING:
    from app.bootstrap import Services

#: Kinds of leave as typed: the Chinese name or the code.
KINDS = {str(words): kind for kind, words in LEAVE_KIND_MESSAGES.items()} | {
    kind.value: kind for kind in LeaveKind
}


class UnknownPerson(MessageError, LookupError):
    """A `--user` or `--by` that names no account."""


def register(commands: Any, shell_actor: Actor) -> None:
    attendance = commands.add_parser("attendance", help="考勤", description="考勤（来自操作日志）")
    attendance.set_defaults(run=lambda s, a: attendance.error("attendance 需要子命令"))
    reads = attendance.add_subparsers(dest="attendance_command", metavar="ACTION")
    sheet = reads.add_parser("sheet", help="月度考勤表", description="月度考勤表")
    sheet.add_argument("--month", required=True, metavar="YYYY-MM")
    sheet.add_argument("--user", default="", metavar="U", help="只看此人")
    sheet.add_argument("--xlsx", type=Path, metavar="FILE", help="导出为 Excel 文件")
    sheet.set_defaults(run=lambda s, a: _sheet(s, a, shell_actor))
    who = reads.add_parser("who", help="某时刻谁在某窗口", description="某时刻谁在某窗口")
    who.add_argument("--window", required=True, metavar="W")
    who.add_argument("--at", required=True, type=_moment, metavar="'YYYY-MM-DD HH:MM'")
    who.set_defaults(run=lambda s, a: _who(s, a, shell_actor))
    where = reads.add_parser("where", help="某人某日在哪个窗口", description="某人某日在哪个窗口")
    where.add_argument("--user", required=True, metavar="U")
    where.add_argument("--day", required=True, type=date.fromisoformat, metavar="YYYY-MM-DD")
    where.set_defaults(run=lambda s, a: _where(s, a, shell_actor))

    leave = commands.add_parser("leave", help="请假、销假", description="请假、审批与销假")
    leave.set_defaults(run=lambda s, a: leave.error("leave 需要子命令"))
    steps = leave.add_subparsers(dest="leave_command", metavar="ACTION")
    ask = steps.add_parser("ask", help="请假", description="请假（日期后可加 am / pm 表示半天）")
    ask.add_argument("--user", required=True, metavar="U")
    ask.add_argument(
        "--kind", required=True, choices=sorted(KINDS), metavar="事假|病假|年休假|公出"
    )
    ask.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD[am|pm]")
    ask.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD[am|pm]")
    ask.add_argument("--reason", required=True)
    ask.set_defaults(run=_ask)
    for name, text in (("approve", "批准请假"), ("refuse", "不批准请假")):
        decide = steps.add_parser(name, help=text, description=text)
        decide.add_argument("request", metavar="ID", help="请假编号（列表中的前几位即可）")
        decide.add_argument("--by", required=True, metavar="CHIEF", help="审批的首席代表")
        decide.add_argument("--note", default="", help="意见（不批准时必填）")
        decide.set_defaults(run=_decide)
    back = steps.add_parser("back", help="销假", description="销假：自该半天起回岗")
    back.add_argument("request", metavar="ID")
    back.add_argument("--by", required=True, metavar="U", help="本人或本部门首席代表")
    back.add_argument("--on", required=True, metavar="YYYY-MM-DD[am|pm]")
    back.set_defaults(run=_back)
    listing = steps.add_parser("list", help="列出请假", description="列出请假（最新的在前）")
    listing.add_argument("--user", default="", metavar="U")
    listing.set_defaults(run=lambda s, a: _list(s, a, shell_actor))


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=CHINA_TIME)
    except ValueError:
        raise argparse.ArgumentTypeError(str(msg("时间应写成 2026-12-07 10:15"))) from None


def account(services: Services, username: str) -> Actor:
    """The account named `username`, as the one who acts; UnknownPerson when none is."""
    member = next((m for m in services.auth.staff() if m.username == username.strip()), None)
    if member is None:
        raise UnknownPerson(msg("没有用户名为 {user} 的人员", user=username.strip()))
    return services.auth.actor_for(member)


def _sheet(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    if args.xlsx is not None:
        count = services.attendance.export(actor, args.month, args.xlsx, args.user)
        print(f"已导出 {count} 人的考勤到 {args.xlsx}")
        return 0
    sheet = services.attendance.sheet(actor, args.month, args.user)
    print(str(sheet.source), file=sys.stderr)
    print("\t".join(COLUMNS))
    for line in sheet.lines:
        print("\t".join(str(cell) for cell in sheet_row(line)))
    return 0


def _who(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    found = services.attendance.who_at(actor, args.window, args.at)
    print(str(found.source), file=sys.stderr)
    for stint in found.stints:
        print(_stint_line(stint))
    if not found.stints:
        print(f"{args.at:%Y-%m-%d %H:%M} 窗口 {args.window} 无人登录", file=sys.stderr)
    return 0


def _where(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    found = services.attendance.where_was(actor, args.user, args.day)
    print(str(found.source), file=sys.stderr)
    for stint in found.stints:
        print(_stint_line(stint))
    return 0


def _stint_line(stint: Stint) -> str:
    end = f"{stint.end.astimezone(CHINA_TIME):%H:%M}" + ("" if stint.logged_out else "（最后操作）")
    return f"{stint.person}  窗口 {stint.window}  终端 {stint.terminal}  {stint.start.astimezone(CHINA_TIME):%Y-%m-%d %H:%M}–{end}"


def _ask(services: Services, args: argparse.Namespace) -> int:
    period = LeavePeriod(
        Half.parse(args.first, HalfDay.MORNING), Half.parse(args.last, HalfDay.AFTERNOON)
    )
    request = services.leave.ask(
        account(services, args.user), KINDS[args.kind], period, args.reason
    )
    print(f"已提交请假 {_short(request.id)}  待本部门首席代表审批")
    return 0


def _decide(services: Services, args: argparse.Namespace) -> int:
    chief = account(services, args.by)
    request = services.leave.find(chief, args.request)
    if args.leave_command == "approve":
        request = services.leave.approve(chief, request.id, args.note)
    else:
        request = services.leave.refuse(chief, request.id, args.note)
    print(_line(request))
    return 0


def _back(services: Services, args: argparse.Namespace) -> int:
    person = account(services, args.by)
    request = services.leave.find(person, args.request)
    print(_line(services.leave.back(person, request.id, Half.parse(args.on, HalfDay.MORNING))))
    return 0


def _list(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    for request in services.leave.requests(actor, args.user.strip()):
        print(_line(request))
    return 0


def _short(request_id: UUID) -> str:
    return str(request_id)[:8]


def _line(request: LeaveRequest) -> str:
    parts = [
        _short(request.id),
        request.person,
        request.department,
        str(LEAVE_KIND_MESSAGES[request.kind]),
        f"{request.period.first}–{request.period.last}",
        str(LEAVE_STATUS_MESSAGES[request.status]),
        request.decided_by,
        f"销假 {request.back_on}" if request.back_on else "",
        request.reason,
    ]
    return "  ".join(part for part in parts if part)
