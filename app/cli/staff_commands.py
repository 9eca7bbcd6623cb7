"""`onewindow staff …`: the administrator's work on accounts from the shell (scripts, remote
administration), through the same service as the staff screen.

A password is read with getpass, never taken as an argument (it would stay in the shell's
history and the process list); `list` prints no hash. A change acts on the account as it
stands when the command reads it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from app.cli.report_commands import a_day
from app.domain.messages import MessageError, msg
from app.domain.passwords import POLICY
from app.domain.roles import ROLE_TITLES, Actor, Role
from app.domain.staff import StaffMember
from app.domain.staff_events import Authorisation, Profile

if TYPE_CHECKING:
    from app.bootstrap import Services


class PasswordNotTyped(MessageError):
    """The password typed twice was not the same, or none could be read."""


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `staff add|list|disable|enable|reset-password|grant|unlock`."""
    staff = commands.add_parser("staff", help="人员账号", description="人员账号")
    staff.set_defaults(run=lambda s, a: staff.error("staff 需要子命令"))
    actions = staff.add_subparsers(dest="staff_command", metavar="ACTION")

    add = actions.add_parser(
        "add", help="新建人员（密码从终端输入）", description="新建人员；首次登录时须改密码"
    )
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--department", help="部门代码（窗口人员、首席代表必填）")
    add.add_argument(
        "--window", action="append", default=[], metavar="WINDOW", help="可坐的窗口（可重复）"
    )
    add.set_defaults(run=lambda s, a: _add(s, a, shell_actor))

    listing = actions.add_parser("list", help="列出人员", description="列出人员（不含密码）")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=lambda s, a: _list(s, a, shell_actor))

    for name, text, run in (
        ("disable", "停用账号（不删除）", _disable),
        ("enable", "启用账号", _enable),
        ("reset-password", "重置密码：给出一次性密码，下次登录须改", _reset),
        ("unlock", "解锁因输错密码而锁定的账号", _unlock),
    ):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("username", metavar="USERNAME")
        action.set_defaults(run=lambda s, a, run=run: run(s, a, shell_actor))

    grant = actions.add_parser(
        "grant",
        help="首席代表的授权事项",
        description="按授权文件设定首席代表的授权事项（文件所列的全部事项，取代此前的）",
    )
    grant.add_argument("username", metavar="USERNAME")
    grant.add_argument("items", nargs="*", metavar="ITEM", help="事项编码")
    grant.add_argument("--document", required=True, help="授权文件文号")
    grant.add_argument("--date", required=True, type=a_day, metavar="YYYY-MM-DD", help="文件日期")
    grant.set_defaults(run=lambda s, a: _grant(s, a, shell_actor))


def _add(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    profile = Profile(args.name, Role(args.role), args.department, tuple(args.window))
    print(str(POLICY))
    password = _typed("初始密码：")
    if _typed("再输一次：") != password:
        raise PasswordNotTyped(msg("两次输入的密码不一致"))
    member = services.staff.create(actor, args.username, profile, password)
    print(f"已新建人员 {member.username}（{member.display_name}），首次登录时须设置自己的密码")
    return 0


def _typed(prompt: str) -> str:
    """A password typed at the terminal without echo, or one line piped in (a script)."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    try:
        line = sys.stdin.readline()
    except OSError:  # no input at all (a closed or unreadable stdin)
        line = ""
    if not line:
        raise PasswordNotTyped(msg("没有读到密码：请在终端中输入，或由标准输入每行给出一个"))
    return line.rstrip("\r\n")


def _list(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    members = services.staff.members(actor)
    if args.json:
        print(json.dumps([_json(m) for m in members], ensure_ascii=False, indent=2))
        return 0
    for m in members:
        state = "启用" if m.active else "停用"
        windows = ",".join(m.windows) or "-"
        print(
            f"{m.username:<16} {m.display_name}  {ROLE_TITLES[m.role]}  {m.department or '-'}"
            f"  窗口 {windows}  {state}  第{m.version}版 {m.changed_by}"
        )
    return 0


def _json(member: StaffMember) -> dict[str, object]:
    """What `list --json` shows of an account: everything but the hash."""
    return {
        "username": member.username,
        "display_name": member.display_name,
        "role": member.role.value,
        "department": member.department,
        "windows": list(member.windows),
        "active": member.active,
        "must_change_password": member.must_change_password,
        "scope": sorted(member.scope),
        "authorisation": None
        if member.authorisation is None
        else {
            "number": member.authorisation.number,
            "issued": member.authorisation.issued.isoformat(),
        },
        "version": member.version,
        "changed_by": member.changed_by,
        "changed_at": member.changed_at.isoformat() if member.changed_at else None,
    }


def _disable(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    member = services.staff.member(actor, args.username)
    services.staff.disable(actor, member.username, member.version)
    print(f"已停用 {member.username}（账号保留，不能再登录）")
    return 0


def _enable(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    member = services.staff.member(actor, args.username)
    services.staff.enable(actor, member.username, member.version)
    print(f"已启用 {member.username}")
    return 0


def _reset(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    member = services.staff.member(actor, args.username)
    one_time = services.staff.reset_password(actor, member.username, member.version)
    print(f"{member.username} 的一次性密码：{one_time}")
    print("请当面交给本人；下次登录时须设置自己的密码")
    return 0


def _unlock(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    member = services.staff.unlock(actor, args.username)
    print(f"已解锁 {member.username}")
    return 0


def _grant(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    member = services.staff.member(actor, args.username)
    document = Authorisation(args.document, args.date)
    granted = services.staff.grant(actor, member.username, member.version, args.items, document)
    print(
        f"{granted.username} 的授权事项（{document.number}，{document.issued.isoformat()}）："
        f"{'、'.join(sorted(granted.scope)) or '无'}"
    )
    return 0
