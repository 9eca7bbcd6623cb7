"""`onewindow print …`: a case's slip to a printer, a notice to a PDF file, the printer's state.

`--printer` takes the same forms as the counter's `printer` setting (file:PATH, tcp:HOST:PORT,
usb:VID:PID, serial:DEVICE, simulator); without it the counter's own printer is used, and a
slip that does not come out there joins the counter's reprint queue as it would at the window.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.roles import Actor

if TYPE_CHECKING:  # the printing package is loaded only when a `print` command is named
    from app.bootstrap import Services
    from app.services.print_results import PrintOptions


def register(commands: Any, shell_actor: Actor, named: bool = True) -> None:
    """Add `print slip`, `print notice`, `print test-page` and `print status`; `named` False
    (another command was named) adds `print` alone, without loading the printing package."""
    printing = commands.add_parser("print", help="打印凭条和通知书", description="打印凭条和通知书")
    printing.set_defaults(run=lambda s, a: printing.error("print 需要子命令"))
    if not named:
        return
    from printing.notice_texts import NOTICE_TITLES, NoticeKind
    from printing.slips import SlipKind

    actions = printing.add_subparsers(dest="print_command", metavar="ACTION")

    slip = actions.add_parser("slip", help="打印一件办件的凭条", description="打印一件办件的凭条")
    slip.add_argument("case_no", metavar="CASE_NO")
    _printer_options(slip)
    slip.add_argument(
        "--kind",
        choices=[k.value for k in SlipKind],
        help="凭条种类（默认按办件状态选择）",
    )
    slip.set_defaults(run=lambda s, a: _slip(s, a, shell_actor))

    notice = actions.add_parser(
        "notice", help="把一份通知书写成 PDF", description="把一份通知书写成 PDF"
    )
    notice.add_argument("case_no", metavar="CASE_NO")
    notice.add_argument(
        "kind",
        metavar="KIND",
        choices=[k.value for k in NoticeKind],
        help="，".join(f"{k.value}={NOTICE_TITLES[k]}" for k in NoticeKind),
    )
    notice.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    notice.set_defaults(run=lambda s, a: _notice(s, a, shell_actor))

    test = actions.add_parser("test-page", help="打印测试页", description="打印测试页")
    _printer_options(test)
    test.set_defaults(run=lambda s, a: _test_page(s, a, shell_actor))

    status = actions.add_parser("status", help="查询打印机状态", description="查询打印机状态")
    status.add_argument("--printer", metavar="TARGET")
    status.set_defaults(run=_status)


def _printer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer",
        metavar="TARGET",
        help="file:PATH | tcp:HOST:PORT | usb:VID:PID | serial:DEVICE（默认用本窗口的打印机）",
    )
    parser.add_argument("--paper", type=int, choices=(58, 80), help="纸宽（毫米）")
    parser.add_argument("--raster", action="store_true", default=None, help="以图像方式打印")


def _options(args: argparse.Namespace) -> PrintOptions:
    from app.services.print_results import PrintOptions  # the printers' code: when printing

    return PrintOptions(args.printer, args.paper, args.raster)


def _slip(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    from printing.slips import SlipKind

    kind = SlipKind(args.kind) if args.kind else None
    outcome = services.printing.print_slip(actor, args.case_no, kind, _options(args))
    return _report(outcome.printed, outcome.words)


def _test_page(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    outcome = services.printing.test_page(actor, _options(args))
    return _report(outcome.printed, outcome.words)


def _notice(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    from printing.notice_texts import NOTICE_TITLES, NoticeKind

    kind = NoticeKind(args.kind)
    path = services.printing.save_notice(actor, args.case_no, kind, args.output)
    print(f"已写入{NOTICE_TITLES[kind]}：{path}（{path.stat().st_size} 字节）")
    return 0


def _status(services: Services, args: argparse.Namespace) -> int:
    from app.services.print_results import PrintOptions

    report = services.printing.printer_status(PrintOptions(printer=args.printer))
    return _report(report.ready, report.words)


def _report(done: bool, words: str) -> int:
    if done:
        print(words)
        return 0
    print(f"错误：{words}", file=sys.stderr)
    return 1
