"""`onewindow sync [--once]`: this counter's events up to the central, the center's down;
`onewindow register URL`: this counter's central address, terminal name and number, from its
registration on the central.

Without `--once` it keeps going, a round every few seconds, as the window does: a central that
cannot be reached is reported and tried again on the next round; Ctrl+C ends it.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from app.central.errors import CentralError
from app.cli.arguments import bounded, central_url
from app.domain.messages import msg

if TYPE_CHECKING:
    from app.bootstrap import Services


def register(commands: Any) -> None:
    sync = commands.add_parser(
        "sync", help="与中心数据库同步", description="上传本终端的办件记录，取回本中心的记录"
    )
    sync.add_argument("--once", action="store_true", help="同步一轮后退出")
    sync.add_argument(
        "--interval",
        type=bounded(0.1, 3600, float),
        default=5.0,
        help="持续同步时每轮间隔的秒数（默认 5）",
    )
    sync.set_defaults(run=_sync)
    register_ = commands.add_parser(
        "register",
        help="按中心登记设置本终端",
        description="用 central add-counter 显示的地址连接中心，并按中心的登记一次写入本终端"
        "所需的全部设置：中心地址（密码另存）、终端名称、终端编号、中心名称，以及中心代码为"
        "6位行政区划代码时的区划代码",
    )
    register_.add_argument("url", type=central_url, help="central add-counter 显示的本终端地址")
    register_.set_defaults(run=_register)


def _register(services: Services, args: argparse.Namespace) -> int:
    try:
        registered = services.sync.register(args.url)
    except CentralError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(
        msg(
            "本终端已按中心登记设置：中心 {center} 的 {number} 号终端（{name}）",
            center=registered.center,
            number=registered.number,
            name=registered.terminal,
        )
    )
    return 0


def _sync(services: Services, args: argparse.Namespace) -> int:
    if args.once:
        return _round(services, quiet_when_idle=False)
    try:
        while True:
            _round(services, quiet_when_idle=True)
            time.sleep(args.interval)
    except KeyboardInterrupt:
        return 0


def _round(services: Services, quiet_when_idle: bool) -> int:
    try:
        report = services.sync.sync_once()
    except CentralError as error:
        waiting = services.sync.status().waiting
        print(f"错误：{error}（{waiting} 条记录在本机等待上传）", file=sys.stderr, flush=True)
        return 1
    status = services.sync.status()
    if report.pushed or report.pulled or report.held_back or not quiet_when_idle:
        print(f"{report.words()}。隔离区 {status.quarantined} 条", flush=True)
    if status.problem is not None:  # synced, but the store lacks what the central holds
        print(f"注意：{status.problem}", file=sys.stderr, flush=True)
    return 0
