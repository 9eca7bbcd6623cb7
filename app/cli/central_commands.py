"""`onewindow central …`: run the embedded central server, set up a central, register counters.

These commands do not open the local store (`main` sees the `standalone` default): an
administrator sets up the central from any machine. `start` prints the superuser URL of the
embedded server on stdout (so `URL=$(onewindow central start)` works); the other commands take
`--url`, or the running embedded server's URL when it is left out. Errors are one line on
stderr and exit 1, never with a password in them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.central.errors import CentralError
from app.central.server import CentralServerError, EmbeddedServer
from app.cli.arguments import bounded, center_code, central_url
from app.domain.audit import AuditAction, AuditEntry
from app.domain.messages import msg
from app.domain.roles import Actor
from app.logs import configure_logging
from app.paths import Paths

#: The database the embedded server creates for the central.
EMBEDDED_DATABASE = "onewindow"


if TYPE_CHECKING:
    from app.bootstrap import Services
    from app.central.reference import Published
    from app.domain.calendar import YearSchedule


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `central start|stop|status|init|add-center|add-counter|tree|…` to `onewindow`."""
    central = commands.add_parser("central", help="中心数据库", description="中心数据库")
    central.set_defaults(standalone=lambda args: central.error("central 需要子命令"))
    actions = central.add_subparsers(dest="central_command", metavar="ACTION")

    start = actions.add_parser(
        "start", help="启动内置中心数据库", description="启动内置中心数据库并显示其地址"
    )
    start.add_argument(
        "--port", type=bounded(1, 65535), help="端口（首次启动时确定，默认任选空闲端口）"
    )
    start.add_argument(
        "--listen", default="127.0.0.1", help="监听地址（首次启动时确定；* 表示所有网卡）"
    )
    start.set_defaults(standalone=_start)
    actions.add_parser("stop", help="停止内置中心数据库").set_defaults(standalone=_stop)
    actions.add_parser("status", help="内置中心数据库是否在运行").set_defaults(standalone=_status)

    init = actions.add_parser(
        "init", help="建立中心数据库结构", description="建立或升级中心数据库的结构、角色和权限"
    )
    _url_option(init)
    init.set_defaults(standalone=_init)

    center = actions.add_parser("add-center", help="登记中心", description="登记或更新一个中心")
    _url_option(center)
    center.add_argument(
        "--code", type=center_code, required=True, help="中心代码（如行政区划代码）"
    )
    center.add_argument("--name", required=True, help="中心名称")
    center.add_argument(
        "--level", required=True, choices=["province", "city", "district", "township"]
    )
    center.add_argument("--parent", type=center_code, help="上级中心代码")
    center.set_defaults(standalone=_add_center)

    counter = actions.add_parser(
        "add-counter",
        help="登记窗口终端",
        description="为一台窗口终端建立登录角色并显示其密码，以及在该终端执行的一行"
        "onewindow register '地址'：它一次写入终端所需的全部设置（中心地址、终端名称、终端编号、"
        "中心名称，中心代码为6位行政区划代码时还有区划代码）",
    )
    _url_option(counter)
    counter.add_argument("--center", type=center_code, required=True, help="中心代码")
    counter.add_argument(
        "--terminal", type=bounded(1, 999), required=True, help="终端编号（本中心内唯一）"
    )
    counter.add_argument("--name", help="终端名称（默认 counter-NN，与本机设置一致）")
    counter.add_argument(
        "--reads",
        choices=["center", "tree"],
        default="center",
        help="读取范围：center 仅本中心（窗口终端，默认）；tree 本中心及其全部下级中心"
        "（监察、管理终端）",
    )
    counter.add_argument(
        "--joint",
        action="store_true",
        help="合一窗口：同时受理上级中心的事项，按事项所属中心编号、计时、上传"
        "（终端编号和名称须在上级中心也未被使用）",
    )
    counter.set_defaults(standalone=_add_counter)

    tree = actions.add_parser(
        "tree",
        help="各级中心的在办件数",
        description="按中心层级显示本登录可读的各中心在办、暂停、预警、超时件数"
        "（终端的登录：本中心，或本中心及其下级中心；管理员：全部中心）",
    )
    _url_option(tree)
    tree.add_argument(
        "--date", type=date.fromisoformat, help="按哪一天计算预警和超时（默认今天，YYYY-MM-DD）"
    )
    tree.set_defaults(standalone=_tree)

    checkpoint = actions.add_parser(
        "checkpoint",
        help="签署各终端记录的检查点",
        description="用中心的签名密钥（保存在数据库之外）为每台终端已上传的记录签署检查点，"
        "终端同步时取回保存，校验时逐一核对",
    )
    _url_option(checkpoint)
    checkpoint.add_argument("--key", type=Path, help="签名密钥文件（默认在本用户的配置目录）")
    checkpoint.set_defaults(standalone=_checkpoint)

    supervise = actions.add_parser(
        "supervise",
        help="电子监察计时",
        description="按到达中心的办件记录更新各办件的期限，并显示各中心超时、预警件数",
    )
    _url_option(supervise)
    supervise.add_argument("--once", action="store_true", help="更新一次后退出")
    supervise.add_argument(
        "--interval", type=bounded(0.1, 3600, float), default=5.0, help="每轮间隔秒数（默认 5）"
    )
    supervise.set_defaults(standalone=_supervise)

    publish = actions.add_parser(
        "publish",
        help="发布事项清单和节假日安排",
        description="把本机的事项清单（部门和事项）与各年节假日安排发布到中心，各终端同步时取回",
    )
    _url_option(publish)
    publish.add_argument(
        "--staff-of",
        metavar="CENTER",
        help="并把本机的人员名单发布为该中心的在册人员（中心据此核对每条记录的经办人）",
    )
    publish.set_defaults(
        run=lambda s, a: _publish(s, a, shell_actor), standalone=None
    )  # needs the local catalog: services


def _url_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--url",
        type=central_url,
        help="管理员连接地址 postgresql://用户:密码@主机:端口/库（默认：内置中心数据库）",
    )


def _embedded() -> EmbeddedServer:
    paths = Paths.from_environment()
    configure_logging(paths.logs)
    return EmbeddedServer(paths.data / "central")


def _start(args: argparse.Namespace) -> int:
    try:
        server = _embedded()
        started = server.start(args.port, args.listen)
        _ensure_database(server)
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    print(server.url(EMBEDDED_DATABASE))
    state = "已启动" if started else "已在运行"
    print(f"内置中心数据库{state}（数据目录 {server.pgdata}）", file=sys.stderr)
    return 0


def _stop(args: argparse.Namespace) -> int:
    try:
        stopped = _embedded().stop()
    except CentralServerError as error:
        return _fail(error)
    print("内置中心数据库已停止" if stopped else "内置中心数据库没有在运行")
    return 0


def _status(args: argparse.Namespace) -> int:
    server = _embedded()
    if not server.is_running():
        print("内置中心数据库没有在运行")
        return 1
    print(server.url(EMBEDDED_DATABASE))
    return 0


def _init(args: argparse.Namespace) -> int:
    from app.central.schema import initialise, safe_url

    try:
        url = _url(args)
        report = initialise(url)
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    for change in report.changes:
        print(change)
    if not report.changed:
        print(f"中心数据库 {safe_url(url)} 已是最新，未做任何改动")
    return 0


def _add_center(args: argparse.Namespace) -> int:
    from app.central.logins import add_center
    from app.central.schema import central_engine

    try:
        with central_engine(_url(args)) as engine, engine.begin() as connection:
            changed = add_center(connection, args.code, args.name, args.level, args.parent)
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    print(f"已登记中心 {args.code} {args.name}" if changed else f"中心 {args.code} 已登记，未改动")
    return 0


def _checkpoint(args: argparse.Namespace) -> int:
    from datetime import datetime

    from app.central.schema import central_engine
    from app.central.signing import default_key_path, load_or_create_key, sign_checkpoints
    from app.domain.events import CHINA_TIME

    try:
        key = load_or_create_key(args.key or default_key_path())
        with central_engine(_url(args)) as engine, engine.begin() as connection:
            signed, shrunk = sign_checkpoints(connection, key, datetime.now(CHINA_TIME))
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    print(f"已签署 {signed} 个检查点（公钥 {key.public_hex}）")
    for terminal in shrunk:
        print(f"终端 {terminal} 的记录少于上次检查点：有记录被删除，未签署", file=sys.stderr)
    return 1 if shrunk else 0


def _supervise(args: argparse.Namespace) -> int:
    import time
    from datetime import datetime

    from app.central.supervision import clock_counts, refresh_clocks, set_aside
    from app.domain.events import CHINA_TIME

    try:
        url = _url(args)
        while True:
            now = datetime.now(CHINA_TIME)
            refreshed = refresh_clocks(url, now)
            counts = clock_counts(url, now.date())
            line = "；".join(f"{c.center} 超时 {c.overdue} 件、预警 {c.warning} 件" for c in counts)
            print(f"{now:%H:%M:%S} 更新 {refreshed} 件。{line or '没有在办件'}", flush=True)
            aside = set_aside(url)
            if aside:
                print(
                    msg(
                        "{count} 件办件的记录无法计算，已搁置（见 central.set_aside）",
                        count=len(aside),
                    ),
                    flush=True,
                )
            if args.once:
                return 0
            time.sleep(args.interval)
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    except KeyboardInterrupt:
        return 0


def _tree(args: argparse.Namespace) -> int:
    from datetime import datetime

    from app.central.tree import read_tree
    from app.domain.events import CHINA_TIME

    try:
        centers = read_tree(_url(args), args.date or datetime.now(CHINA_TIME).date())
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    if not centers:
        print(msg("本登录没有可读的中心"))
    for center in centers:
        print("  " * center.depth + str(center.line()))
    return 0


def _publish(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    from app.central.directory import publish_staff
    from app.central.reference import publish, record_publication
    from app.central.schema import central_engine

    schedules = services.calendar.calendar().schedules
    try:
        with central_engine(_url(args)) as engine, engine.begin() as connection:
            published = publish(
                connection,
                list(services.catalog.departments().values()),
                services.catalog.items(),
                schedules,
            )
            staff = args.staff_of and publish_staff(
                connection, args.staff_of, services.auth.staff(), services.auth.staff_logs()
            )
            entries = _publication_entries(services, actor, published, schedules)
            record_publication(connection, entries)
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    services.audit.keep(entries)  # this machine's own trail too, once the central took them
    print(
        f"已发布 {published.departments} 个部门、{published.items} 个事项、"
        f"{published.years} 年节假日安排"
        + (f"、中心 {args.staff_of} 的 {staff} 名人员" if staff else "")
    )
    return 0


def _publication_entries(
    services: Services, actor: Actor, published: Published, schedules: Sequence[YearSchedule]
) -> list[AuditEntry]:
    """The audit entries of a publication, by the shell's user at this machine."""
    catalog = services.audit.entry(
        actor.username,
        AuditAction.CATALOG_PUBLISHED,
        details={"departments": str(published.departments), "items": str(published.items)},
    )
    years = [
        services.audit.entry(actor.username, AuditAction.CALENDAR_PUBLISHED, str(schedule.year))
        for schedule in schedules
    ]
    return [catalog, *years]


def _add_counter(args: argparse.Namespace) -> int:
    from app.central.logins import add_counter
    from app.central.schema import central_engine

    try:
        url = _url(args)
        with central_engine(url) as engine, engine.begin() as connection:
            counter = add_counter(
                connection, args.center, args.terminal, args.name, args.reads, args.joint
            )
    except (CentralServerError, CentralError) as error:
        return _fail(error)
    print(f"中心 {counter.center} 的 {counter.number} 号终端（{counter.name}）已登记")
    if args.reads == "tree":
        print(msg("该终端可读本中心及其全部下级中心的办件、期限、记录和人员"))
    print(f"角色：{counter.role}")
    print(f"密码：{counter.password}")
    print(msg("请在该终端执行（一次写入中心地址、终端名称和编号、中心名称及区划代码）："))
    print(f"onewindow register '{counter.url(url)}'")
    print(msg("密码只显示这一次。"), file=sys.stderr)
    return 0


def _url(args: argparse.Namespace) -> str:
    if args.url:
        return str(args.url)
    server = _embedded()
    if not server.is_running():
        raise CentralError(msg("未给出 --url，内置中心数据库也没有在运行（先执行 central start）"))
    return server.url(EMBEDDED_DATABASE)


def _ensure_database(server: EmbeddedServer) -> None:
    from sqlalchemy import text

    from app.central.schema import central_engine

    with (
        central_engine(server.url()) as engine,
        engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection,
    ):
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": EMBEDDED_DATABASE}
        ).scalar()
        if not exists:
            connection.execute(text(f"CREATE DATABASE {EMBEDDED_DATABASE}"))


def _fail(error: Exception) -> int:
    print(f"错误：{error}", file=sys.stderr)
    return 1
