"""`onewindow report daily`: this terminal's daily report (当日办件日结单) of a day, shown here
and printed on the counter's printer (queued for reprint when it does not come out), or
written as an A4 PDF with `--pdf`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.arguments import refuse
from app.domain.messages import msg
from app.domain.roles import Actor

if TYPE_CHECKING:
    from app.bootstrap import Services


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `report daily`."""
    report = commands.add_parser("report", help="报表", description="报表")
    report.set_defaults(run=lambda s, a: report.error("report 需要子命令"))
    reports = report.add_subparsers(dest="report_command", metavar="REPORT")
    daily = reports.add_parser(
        "daily",
        help="本终端的当日办件日结单（默认打印到本窗口的打印机）",
        description="本终端的当日办件日结单：当日各事项办件数与中心当日签署的根哈希",
    )
    daily.add_argument("--date", type=a_day, metavar="YYYY-MM-DD", help="哪一天（默认今天）")
    daily.add_argument("--pdf", type=Path, metavar="FILE.pdf", help="写成 A4 PDF 文件，不打印")
    daily.set_defaults(run=lambda s, a: _daily(s, a, shell_actor))


def a_day(text: str) -> date:
    """A date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise refuse(msg("日期应写成 YYYY-MM-DD，如 2026-12-07")) from None


def _daily(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    day = args.date or services.clock.now().date()
    shown = services.printing.daily_report(actor, day)
    print(shown.text)
    if args.pdf is not None:
        path = services.printing.save_daily_report(actor, shown.report, args.pdf)
        print(f"已写入日结单：{path}（{path.stat().st_size} 字节）")
        return 0
    outcome = services.printing.print_daily_report(actor, shown.report)
    if outcome.printed:
        print(outcome.words)
        return 0
    print(f"错误：{outcome.words}", file=sys.stderr)
    return 1
