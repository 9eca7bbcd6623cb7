"""`onewindow`: start the window, or run one task from the shell.

Every subcommand goes through the same services as the window; exit status 0 means done,
1 means refused with a reason printed on one line, 2 means the command was mistyped.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from app.bootstrap import Services, bootstrap, open_store
from app.cli import (
    admin_commands,
    attendance_commands,
    audit_commands,
    card_commands,
    central_commands,
    intake_commands,
    print_commands,
    queue_commands,
    render,
    report_commands,
    settings_commands,
    staff_commands,
    store_commands,
    sync_commands,
)
from app.cli.arguments import bounded, undecodable
from app.domain.case import STATUS_TITLES, CaseStatus
from app.domain.messages import MessageError, msg
from app.domain.roles import Actor, Role
from app.logs import LOG_FILE, configure_logging
from app.paths import HOME_VARIABLE, Paths
from app.redaction import redact
from app.storage.store_health import check_folder

log = logging.getLogger(__name__)

#: The shell's user acts as this terminal's local administrator.
SHELL_ACTOR = Actor("shell", "命令行", Role.ADMINISTRATOR, None, "", "shell")
#: Upper bounds of the numbers a command takes: far above any real use, within what the store
#: and the calendar hold.
MAX_DEMO_CASES = 1_000_000
MAX_LISTED = 1_000_000
MAX_DUE_DAYS = 10_000
#: Said when another `demo-data` holds the store (the test of three at once waits for it).
DEMO_WAITING = msg("另一个进程正在向本库写入演示办件，等它写完……")


def run() -> int:
    """The program's entry point (`onewindow`, `python -m app`, the bundle): as shell tools do,
    it ends quietly when the reader of its output closes the pipe (`onewindow case list | head`).
    Not in `main`, which tests call in their own process: there SIGPIPE's default would kill
    the whole run the first time a peer closed a socket it was writing to."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return main()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(next((word for word in argv if not word.startswith("-")), None))
    if (problem := undecodable(argv)) is not None:
        parser.error(str(problem))
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _start_window(args.demo)
        if (standalone := getattr(args, "standalone", None)) is not None:
            return int(standalone(args) or 0)  # device commands: no database, no services
        with _services() as services:
            return int(args.run(services, args) or 0)
    except MessageError as error:
        print(f"错误：{redact(str(error))}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: the traceback to the log (masked), one line here
        logs = Paths.from_environment().logs
        configure_logging(logs)  # a device command may not have opened the log yet
        log.exception("unexpected error in the command %s", args.command)
        print(
            f"错误：意外错误（{type(error).__name__}），详情已记入日志 {logs / LOG_FILE}",
            file=sys.stderr,
        )
        return 1


class _services:
    """Opens the services for one command and closes them after."""

    def __enter__(self) -> Services:
        paths = Paths.from_environment()
        check_folder(paths.data)  # before the log file is opened there
        configure_logging(paths.logs)  # warnings go to the log file, not between the output
        self._services = bootstrap(paths)
        return self._services

    def __exit__(self, *_: object) -> None:
        self._services.close()
        # the command is done and its process ends: Python's last collections would walk
        # every object the imports made (SQLAlchemy's, psycopg's: most of a second on a busy
        # machine, the length of a small sync); frozen, they go with the process
        gc.freeze()


def _start_window(demo: bool) -> int:
    if demo:  # the demo's own folder, also under ONEWINDOW_HOME: never a counter's store
        os.environ[HOME_VARIABLE] = str(Paths.from_environment().data / "demo")
    from ui.application import run  # the window is imported only when it is wanted

    return run(demo=demo)


def _parser(named: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; `named`, the command named (None: none, or help), spares
    the others' libraries (`print`'s layouts) to a command that does not use them."""
    parser = argparse.ArgumentParser(prog="onewindow", description="政务服务中心窗口受理系统")
    parser.add_argument("--demo", action="store_true", help="以演示模式启动窗口（演示数据）")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str,
        run: Callable[[Services, argparse.Namespace], int | None],
        text: str,
        parent: Any = commands,
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(name, help=text, description=text)
        sub.set_defaults(run=run)
        return sub

    demo = command("demo-data", _demo_data, "生成演示办件")
    demo.add_argument("--cases", type=bounded(0, MAX_DEMO_CASES), default=1000)

    catalog = command("catalog", lambda s, a: parser.error("catalog 需要子命令"), "事项清单")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")
    search = command("search", _catalog_search, "检索事项", catalog_commands)
    search.add_argument("text")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=bounded(1, MAX_LISTED), default=20)
    command("import", _catalog_import, "从 Excel 导入事项清单", catalog_commands).add_argument(
        "file", type=Path
    )
    command("export", _catalog_export, "导出事项清单到 Excel", catalog_commands).add_argument(
        "file", type=Path
    )

    case = command("case", lambda s, a: parser.error("case 需要子命令"), "办件")
    case_commands = case.add_subparsers(dest="case_command", metavar="ACTION")
    listing = command("list", _case_list, "列出办件", case_commands)
    listing.add_argument("--state", choices=[s.value for s in CaseStatus])
    listing.add_argument("--limit", type=bounded(1, MAX_LISTED), default=200)
    listing.add_argument("--json", action="store_true")
    show = command("show", _case_show, "查看一件办件及其全部记录", case_commands)
    show.add_argument("case_no")
    show.add_argument("--json", action="store_true")

    calendar = command("calendar", lambda s, a: parser.error("calendar 需要子命令"), "工作日历")
    calendar_commands = calendar.add_subparsers(dest="calendar_command", metavar="ACTION")
    due = command("due", _calendar_due, "START_DATE 之后第 DAYS 个工作日", calendar_commands)
    due.add_argument("start", type=date.fromisoformat, metavar="START_DATE")
    due.add_argument("days", type=bounded(0, MAX_DUE_DAYS), metavar="DAYS")
    command("load", _calendar_load, "加载一年的节假日安排", calendar_commands).add_argument(
        "file", type=Path
    )

    verify = command("verify", _verify, "校验每件办件的哈希链、摘要、编号与只追加保护")
    verify.add_argument(
        "--central", action="store_true", help="并与中心数据库中本终端和本中心的记录逐条比对"
    )
    verify.add_argument(
        "--since-last",
        action="store_true",
        help="只校验上次校验无误以来写入的记录及只追加保护、记录数与编号（启动时的快速校验）",
    )
    card_commands.register(commands, named in (None, "card"))
    sync_commands.register(commands)
    store_commands.register(commands, _services)
    central_commands.register(commands, SHELL_ACTOR)
    print_commands.register(commands, SHELL_ACTOR, named in (None, "print"))
    report_commands.register(commands, SHELL_ACTOR)
    admin_commands.register(commands, SHELL_ACTOR)
    settings_commands.register(commands, SHELL_ACTOR)
    audit_commands.register(commands, SHELL_ACTOR)
    attendance_commands.register(commands, SHELL_ACTOR)
    staff_commands.register(commands, SHELL_ACTOR)
    queue_commands.register(commands, SHELL_ACTOR)
    intake_commands.register(commands, SHELL_ACTOR)
    return parser


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _demo_data(services: Services, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    made = services.demo.write_cases(
        args.cases,
        workers=os.cpu_count() or 1,
        on_wait=lambda: print(str(DEMO_WAITING), file=sys.stderr, flush=True),
    )
    elapsed = time.perf_counter() - started
    states = "，".join(f"{STATUS_TITLES[status]} {count}" for status, count in sorted(made.items()))
    print(f"已生成 {sum(made.values())} 件演示办件，用时 {elapsed:.1f} 秒（{states}）")
    return 0


def _catalog_search(services: Services, args: argparse.Namespace) -> int:
    items = services.catalog.search(args.text, args.limit)
    if args.json:
        _print_json([render.item_json(i) for i in items])
    else:
        for item in items:
            print(
                f"{item.code:<14} {item.name}  （{services.catalog.department_name(item.department)}）"
            )
    return 0


def _catalog_import(services: Services, args: argparse.Namespace) -> int:
    count = services.catalog.import_sheet(SHELL_ACTOR, args.file)
    print(f"已导入 {count} 个事项")
    return 0


def _catalog_export(services: Services, args: argparse.Namespace) -> int:
    count = services.catalog.export_sheet(args.file)
    print(f"已导出 {count} 个事项到 {args.file}")
    return 0


def _case_list(services: Services, args: argparse.Namespace) -> int:
    statuses = [CaseStatus(args.state)] if args.state else None
    entries = services.cases.list_cases(SHELL_ACTOR, statuses=statuses, limit=args.limit)
    if args.json:
        _print_json([render.entry_json(e) for e in entries])
    else:
        for entry in entries:
            print(render.entry_line(entry))
    return 0


def _case_show(services: Services, args: argparse.Namespace) -> int:
    detail = services.cases.detail(SHELL_ACTOR, args.case_no)
    print(
        json.dumps(render.detail_json(detail), ensure_ascii=False, indent=2)
        if args.json
        else render.detail_text(detail)
    )
    return 0


def _calendar_due(services: Services, args: argparse.Namespace) -> int:
    calendar = services.calendar.calendar()
    due = calendar.add_working_days(args.start, args.days)
    print(due.isoformat())
    missing = calendar.unloaded_years(args.start, due)
    if missing:
        years = "、".join(str(y) for y in missing)
        print(f"注意：{years}年的节假日安排尚未加载，按周一至周五计算", file=sys.stderr)
    return 0


def _calendar_load(services: Services, args: argparse.Namespace) -> int:
    schedule = services.calendar.load_file(SHELL_ACTOR, args.file)
    print(
        f"已加载{schedule.year}年节假日安排：{len(schedule.holidays)}天假日，"
        f"{len(schedule.working_weekends)}天调休上班"
    )
    return 0


def _verify(services: Services, args: argparse.Namespace) -> int:
    from app.services.full_audit import Processes  # worker processes: `verify` alone

    processes = Processes(os.cpu_count() or 1, open_store)  # on a large store
    # the file's pages (which the quick check leaves out) are read beside the chains: a
    # damaged page is told alone (StoreError), what was read from it proves nothing
    pages = None if args.since_last else services.store_care.page_problems
    findings = services.cases.verify(args.since_last, processes, pages)
    if pages is not None:
        print("数据库文件完整（PRAGMA integrity_check）")
    for finding in findings:
        where = f"办件 {finding.case_no}" if finding.case_no else "本机数据库"
        note = "" if finding.broken else "（提示）"
        print(f"{where}{note}：{finding.problem}", file=sys.stderr)
    broken = any(finding.broken for finding in findings)
    if not broken and args.since_last:
        print("上次校验以来写入的记录、摘要与编号完整，只追加保护在位，记录数不少")
    elif not broken:
        print("全部办件的记录、摘要与编号完整，只追加保护在位")
    if not args.central:
        return 1 if broken else 0
    comparison = services.sync.compare()
    for center, (cases, events) in comparison.held.items():
        print(f"中心 {center}：本机办件 {cases} 件（{events} 条记录）在中心数据库中")
    for line in comparison.differences:
        print(line, file=sys.stderr)
    if not comparison.differences:
        print("本机记录与中心数据库一致")
    return 1 if broken or comparison.differences else 0
