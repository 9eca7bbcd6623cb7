"""`onewindow backup` and `onewindow restore [--from BACKUP]`: the local store kept and
brought back.

`restore` without `--from` brings this terminal's own events back from the central (after the
store was emptied or replaced); with `--from` it first puts a backup in place of the store
(moving the store aside, never deleting it), then catches up from the central when one is set.
It runs even when the store cannot be opened: that is when it is needed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.events import CHINA_TIME
from app.paths import Paths
from app.storage.backups import bring_back

if TYPE_CHECKING:
    from app.bootstrap import Services

#: Opens the services for one command (the command line's own opener).
Opener = Callable[[], AbstractContextManager["Services"]]


def register(commands: Any, open_services: Opener) -> None:
    backup = commands.add_parser(
        "backup", help="备份本机数据库", description="立即备份本机数据库（按设置轮换保留）"
    )
    backup.set_defaults(run=_backup)
    restore = commands.add_parser(
        "restore",
        help="恢复本机数据库",
        description="从中心数据库取回本终端的记录；给出 --from 时先用本机备份替换数据库",
    )
    restore.add_argument("--from", dest="backup", type=Path, metavar="BACKUP", help="备份文件")
    restore.set_defaults(standalone=lambda args: _restore(args, open_services))


def _backup(services: Services, _args: argparse.Namespace) -> int:
    print(f"已备份本机数据库到 {services.store_care.back_up()}")
    return 0


def _restore(args: argparse.Namespace, open_services: Opener) -> int:
    if args.backup is not None:
        store = Paths.from_environment().database
        aside = bring_back(args.backup, store, datetime.now(CHINA_TIME))
        print(f"已用备份 {args.backup} 恢复本机数据库")
        if aside is not None:
            print(f"原数据库已移到 {aside}")
    with open_services() as services:
        if not services.sync.configured:
            if args.backup is None:
                print(
                    "错误：本终端没有设置中心数据库地址（central_url），无从取回", file=sys.stderr
                )
                return 1
            return 0
        restored = services.restore.from_central(
            lambda cases: print(f"已取回 {cases} 件办件……", flush=True)
        )
        print(restored.words())
        if restored.missing is not None:
            central, local = restored.missing
            print(
                f"错误：中心仍有本终端的 {central} 条记录，本机只有 {local} 条；请查看隔离区",
                file=sys.stderr,
            )
            return 1
    print("本机数据库已与中心一致，可以继续接件")
    return 0
