"""`onewindow window add|list|change|close`: the center's windows from the shell, through the
same service as the window (each change written to the audit trail, as the shell's
administrator)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.domain.messages import msg
from app.domain.roles import Actor
from app.domain.windows import Window, WindowError, WindowSpec

if TYPE_CHECKING:
    from app.bootstrap import Services


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `window …`."""
    window = commands.add_parser("window", help="窗口", description="本中心的窗口")
    window.set_defaults(
        run=lambda s, a: window.error("window 需要子命令：add、list、change 或 close")
    )
    windows = window.add_subparsers(dest="window_command", metavar="ACTION")
    add = windows.add_parser(
        "add",
        help="设立窗口",
        description="设立一个窗口；--department 给几次即为受理几个部门事项的综合窗口",
    )
    add.add_argument("number", help="窗口编号，如 A04（中心内唯一）")
    add.add_argument("name", help="窗口名称")
    _spec_options(add, required=True)
    add.set_defaults(run=lambda s, a: _add(s, a, shell_actor))
    listing = windows.add_parser("list", help="列出窗口", description="列出本中心的窗口")
    listing.add_argument("--all", action="store_true", help="含已撤销的窗口")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(run=_list)
    change = windows.add_parser(
        "change", help="修改窗口", description="修改窗口；未给出的项保持不变"
    )
    change.add_argument("number", help="窗口编号")
    change.add_argument("--name", help="窗口名称")
    _spec_options(change, required=False)
    change.set_defaults(run=lambda s, a: _change(s, a, shell_actor))
    close = windows.add_parser("close", help="撤销窗口", description="撤销窗口（编号可再设立）")
    close.add_argument("number", help="窗口编号")
    close.set_defaults(run=lambda s, a: _close(s, a, shell_actor))


def _spec_options(parser: argparse.ArgumentParser, required: bool) -> None:
    parser.add_argument(
        "--department",
        action="append",
        required=required,
        metavar="CODE",
        help="受理哪个部门的事项（部门代码，如 SCJG；可给多次）",
    )
    parser.add_argument("--hall", help="大厅")
    parser.add_argument("--floor", help="楼层")
    parser.add_argument("--terminal", help="所在终端的名称（空字符串表示不固定终端）")


def _add(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    spec = WindowSpec(
        args.number,
        args.name,
        args.hall or "",
        args.floor or "",
        tuple(args.department),
        args.terminal or "",
    )
    print(f"已设立窗口 {_line(services.windows.set_up(actor, spec))}")
    return 0


def _change(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    window = _window(services, args.number)
    given = {
        "name": args.name,
        "hall": args.hall,
        "floor": args.floor,
        "terminal": args.terminal,
        "departments": tuple(args.department) if args.department else None,
    }
    spec = replace(window.spec, **{k: v for k, v in given.items() if v is not None})
    print(f"已修改窗口 {_line(services.windows.change(actor, spec, window.version))}")
    return 0


def _close(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    window = _window(services, args.number)
    services.windows.close(actor, window.number, window.version)
    print(f"已撤销窗口 {window.number}")
    return 0


def _window(services: Services, number: str) -> Window:
    wanted = number.strip().upper()
    found = next((w for w in services.windows.windows() if w.number == wanted), None)
    if found is None:
        raise WindowError(msg("没有编号为 {number} 的窗口", number=wanted))
    return found


def _list(services: Services, args: argparse.Namespace) -> int:
    windows = services.windows.windows(closed=args.all)
    if args.json:
        data = [{**w.spec.to_dict(), "version": w.version, "open": w.open} for w in windows]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if not windows:
        print("尚未设立窗口")
    for window in windows:
        print(_line(window))
    return 0


def _line(window: Window) -> str:
    spec = window.spec
    where = " ".join(part for part in (spec.hall, f"{spec.floor}楼" if spec.floor else "") if part)
    kind = "综合窗口，" if window.comprehensive else ""
    closed = "" if window.open else "（已撤销）"
    return (
        f"{spec.number} {spec.name}{closed}  {where}  （{kind}受理 {'、'.join(spec.departments)}）"
        f"  终端 {spec.terminal or '不固定'}"
    )
