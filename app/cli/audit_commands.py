"""`onewindow audit list`: the audit trail (操作日志) searched by person, terminal, action and
dates, newest first — the whole center's from the central when this counter reaches it, else
this terminal's own; which of the two is said on stderr, the entries go to stdout."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.cli.arguments import bounded
from app.cli.report_commands import a_day
from app.domain.audit import ACTION_MESSAGES, AuditAction, AuditEntry, AuditQuery
from app.domain.events import CHINA_TIME
from app.domain.roles import Actor

if TYPE_CHECKING:
    from app.bootstrap import Services

#: At most this many entries in one listing.
MAX_LISTED = 100_000


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `audit list`."""
    audit = commands.add_parser("audit", help="操作日志", description="操作日志")
    audit.set_defaults(run=lambda s, a: audit.error("audit 需要子命令"))
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    listing = actions.add_parser(
        "list",
        help="查询操作日志（最新的在前）",
        description="按人员、终端、操作和日期查询操作日志；连通中心时查本中心各终端的，"
        "否则查本终端的",
    )
    listing.add_argument("--user", default="", metavar="U", help="操作人（用户名）")
    listing.add_argument("--terminal", default="", metavar="T", help="终端名称")
    listing.add_argument(
        "--action", choices=[action.value for action in AuditAction], help="操作类型"
    )
    listing.add_argument("--since", type=a_day, metavar="DATE", help="自该日（含），YYYY-MM-DD")
    listing.add_argument("--until", type=a_day, metavar="DATE", help="至该日（含），YYYY-MM-DD")
    listing.add_argument("--limit", type=bounded(1, MAX_LISTED), default=200)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=lambda s, a: _list(s, a, shell_actor))


def _list(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    query = AuditQuery(
        actor=args.user.strip(),
        terminal=args.terminal.strip(),
        action=AuditAction(args.action) if args.action else None,
        since=datetime.combine(args.since, time(), CHINA_TIME) if args.since else None,
        until=(
            datetime.combine(args.until + timedelta(days=1), time(), CHINA_TIME)
            if args.until
            else None
        ),
        limit=args.limit,
    )
    found = services.audit_search.search(actor, query)
    print(str(found.source), file=sys.stderr)
    if args.json:
        print(json.dumps([_json(e) for e in found.entries], ensure_ascii=False, indent=2))
    else:
        for entry in found.entries:
            print(_line(entry))
    return 0


def _line(entry: AuditEntry) -> str:
    details = "，".join(f"{key}={value}" for key, value in sorted(entry.details.items()))
    return "  ".join(
        part
        for part in (
            entry.at.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M:%S"),
            entry.terminal,
            entry.actor,
            str(ACTION_MESSAGES[entry.action]),
            entry.subject,
            details,
        )
        if part
    )


def _json(entry: AuditEntry) -> dict[str, object]:
    return {
        "id": str(entry.id),
        "at": entry.at.isoformat(),
        "terminal": entry.terminal,
        "actor": entry.actor,
        "action": entry.action.value,
        "action_title": str(ACTION_MESSAGES[entry.action]),
        "subject": entry.subject,
        "details": entry.details,
    }
