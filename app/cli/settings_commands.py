"""`onewindow settings get|set`: this counter's settings from the shell, through the same
service as the settings dialog.

`get` says where each value in effect comes from: the center (a center setting published
through the central: 中心统一设置) or this terminal (本机), and, when a central is set, how old
the center's settings this counter holds are (离线 when the last round failed). A value given
to `set` is read by the setting's declaration ("5" for a number, true/false for a yes/no); a
value refused is told with the setting's rule (exit 1). A center setting is changed in the
name of an administrator of the center (`--by`): the central takes a change from no one else.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.cli.attendance_commands import account
from app.domain.messages import MessageError, msg
from app.domain.roles import Actor
from app.services.settings import SettingEntry, shown
from app.setting_declarations import CENTER_KEYS

if TYPE_CHECKING:
    from app.bootstrap import Services


class CenterSettingBy(MessageError):
    """A center setting changed from the shell without naming the administrator who does."""


def register(commands: Any, shell_actor: Actor) -> None:
    """Add `settings get|set`."""
    settings = commands.add_parser("settings", help="本机设置", description="本终端的设置")
    settings.set_defaults(run=lambda s, a: settings.error("settings 需要子命令：get 或 set"))
    actions = settings.add_subparsers(dest="settings_command", metavar="ACTION")
    get = actions.add_parser(
        "get",
        help="显示设置",
        description="显示一项设置的值及其来源（中心统一设置或本机）；不给 KEY 则列出全部及其说明",
    )
    get.add_argument("key", nargs="?", metavar="KEY")
    get.set_defaults(run=lambda s, a: _get(s, a, shell_actor))
    set_ = actions.add_parser(
        "set",
        help="修改设置",
        description="修改一项设置：数字写作 5，是否写作 true 或 false；不合规则的值不保存并说明规则。"
        "中心统一设置须以本中心管理员的名义修改（--by），经中心发布到本中心的每个终端",
    )
    set_.add_argument("key", metavar="KEY")
    set_.add_argument("value", metavar="VALUE")
    set_.add_argument("--by", metavar="ADMIN", help="以哪位管理员的名义修改（中心统一设置必填）")
    set_.set_defaults(run=lambda s, a: _set(s, a, shell_actor))


def _get(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    _tell_age(services)
    if args.key is not None:
        print(shown(services.counter_settings.value(args.key)))
        print(_source(services.counter_settings.from_center(args.key)), file=sys.stderr)
        return 0
    for entry in services.counter_settings.entries(actor):
        print(f"{entry.key} = {shown(entry.value)}  [{_source_of(entry)}]")
        print(f"    {entry.description}")
    return 0


def _set(services: Services, args: argparse.Namespace, actor: Actor) -> int:
    value = services.counter_settings.parsed(args.key, args.value)
    if args.key in CENTER_KEYS:
        services.counter_settings.checked(args.key, value)  # the rule first, then who
        if not args.by:
            raise CenterSettingBy(
                msg(
                    "{key} 是中心统一设置，须以本中心管理员的名义修改：请用 --by 给出其用户名",
                    key=args.key,
                )
            )
        actor = account(services, args.by)
    services.counter_settings.change(actor, {args.key: value})
    print(f"已保存：{args.key} = {shown(services.counter_settings.value(args.key))}")
    if args.key in CENTER_KEYS:
        print("中心统一设置：下次同步时发布到本中心的每个终端", file=sys.stderr)
    return 0


def _source(from_center: bool) -> str:
    return "中心统一设置" if from_center else "本机"


def _source_of(entry: SettingEntry) -> str:
    if entry.key not in CENTER_KEYS:
        return _source(False)
    return _source(entry.from_center) if entry.from_center else "本机（中心尚未统一设置）"


def _tell_age(services: Services) -> None:
    """How old the center's settings held here are, when a central is set (on stderr)."""
    if not services.sync.configured:
        return
    when, offline = services.sync.staff_as_of()
    age = f"更新于 {when:%Y-%m-%d %H:%M}" if when else "尚未从中心取得"
    print(f"中心统一设置{age}{'（离线）' if offline else ''}", file=sys.stderr)
