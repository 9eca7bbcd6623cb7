"""Every setting OneWindow knows: its key, type, default, description (shown in the settings
dialog), its rule, and whose it is (this terminal's, or the center's). `app.settings` keeps
their values in the settings file; the center's are published through the central."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from app.devices.idcard import backends as card_readers
from app.devices.printer import target as printers
from app.domain.case_number import TERMINAL_NUMBERS
from app.domain.levels import CenterLevel
from app.domain.messages import Message, msg

#: What a terminal is for: a clerk's counter, the self-service kiosk, the hall's display.
TERMINAL_ROLES = ("counter", "kiosk", "display")


class Scope(StrEnum):
    """Whose a setting is: this terminal's (kept in the file), or the center's (changed by an
    administrator at any counter, published through the central, `app.domain.center_settings`;
    the file's value stands until the center's is known)."""

    TERMINAL = "terminal"
    CENTER = "center"


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: Message  # shown in the settings dialog, translated
    allowed: Callable[[Any], bool] = lambda value: True
    #: For the settings dialog's editor: the values to choose from, or a number's bounds.
    choices: tuple[Any, ...] = ()
    bounds: tuple[int, int] | None = None
    scope: Scope = Scope.TERMINAL


def _bounded(
    key: str, default: int, description: Message, low: int, high: int, scope: Scope
) -> Setting:
    """A whole number from `low` to `high`."""
    return Setting(
        key, int, default, description, lambda n: low <= n <= high, bounds=(low, high), scope=scope
    )


def _minutes(key: str, default: int, description: Message) -> Setting:
    """Minutes from 0 to 240, a rule of the center's queue."""
    return _bounded(key, default, description, 0, 240, Scope.CENTER)


DECLARED: tuple[Setting, ...] = (
    Setting(
        "center_name",
        str,
        "江川市政务服务中心",
        msg("中心名称（打印在回执上）"),
        lambda name: len(name) <= 64,
        scope=Scope.CENTER,
    ),
    Setting(
        "center_phone",
        str,
        "0000-12345678",
        msg("中心咨询电话"),
        lambda phone: len(phone) <= 32,
        scope=Scope.CENTER,
    ),
    Setting(
        "terminal_no",
        int,
        1,
        msg("本终端在中心内的编号（1-99，由管理员分配，不得重复）"),
        lambda number: number in TERMINAL_NUMBERS,
        bounds=(min(TERMINAL_NUMBERS), max(TERMINAL_NUMBERS)),
    ),
    Setting("terminal_name", str, "counter-01", msg("本终端名称")),
    Setting(
        "terminal_role",
        str,
        "counter",
        msg("本终端的用途：counter 窗口、kiosk 自助终端、display 叫号屏（由管理员设定）"),
        lambda role: role in TERMINAL_ROLES,
        choices=TERMINAL_ROLES,
    ),
    Setting(
        "kiosk_account",
        str,
        "kiosk01",
        msg("自助终端以哪个自助终端账号工作（该账号不能在窗口登录，也不输入密码）"),
    ),
    Setting(
        "kiosk_idle_seconds",
        int,
        60,
        msg("自助终端无人触摸多少秒后回到首页并清除申请人信息（15-600）"),
        lambda s: 15 <= s <= 600,
        bounds=(15, 600),
    ),
    Setting(
        "center_level",
        str,
        CenterLevel.CITY.value,
        msg("本中心的级别（由中心数据库登记时给出；只受理本级声明的事项）"),
        lambda level: level in tuple(CenterLevel),
        choices=tuple(level.value for level in CenterLevel),
    ),
    Setting("center_code", str, "", msg("本中心的编码（由中心数据库登记时给出）")),
    Setting(
        "center_above",
        str,
        "",
        msg("上级中心的编码（由中心数据库登记时给出；上报件报往此中心）"),
    ),
    Setting(
        "joint_level",
        str,
        "",
        msg("本窗口为市县合一窗口时，上级中心的级别（由中心数据库登记时给出；留空则不是）"),
        lambda level: level == "" or level in tuple(CenterLevel),
        choices=("", *(level.value for level in CenterLevel)),
    ),
    Setting(
        "division_code",
        str,
        "230202",
        msg("本中心所在地的行政区划代码（6位数字，用于赋予统一社会信用代码）"),
        lambda code: len(code) == 6 and code.isdigit(),
    ),
    Setting(
        "idle_lock_minutes",
        int,
        10,
        msg("无操作多少分钟后锁屏（1-240）"),
        lambda m: 1 <= m <= 240,
        bounds=(1, 240),
        scope=Scope.CENTER,
    ),
    Setting(
        "language",
        str,
        "zh_CN",
        msg("界面语言：zh_CN 或 en"),
        lambda code: code in ("zh_CN", "en"),
        choices=("zh_CN", "en"),
    ),
    Setting(
        "card_reader",
        str,
        "simulator",
        msg("身份证读卡器：{help}", help=card_readers.SETTING_HELP),
        card_readers.is_valid_setting,
    ),
    Setting(
        "photo_decoder",
        str,
        "",
        msg("身份证照片解码插件（读卡器厂商提供，写“模块.类名”；留空则显示占位图）"),
    ),
    Setting(
        "printer",
        str,
        "simulator",
        msg("凭条打印机：{help}", help=printers.SETTING_HELP),
        printers.is_valid_setting,
    ),
    Setting(
        "paper_mm",
        int,
        80,
        msg("凭条纸宽（毫米）：58 或 80"),
        lambda width: width in (58, 80),
        choices=(58, 80),
    ),
    Setting("printer_raster", bool, False, msg("以图像方式打印（打印机没有中文字库时选用）")),
    Setting(
        "printer_reports_status",
        bool,
        True,
        msg("打印前查询打印机状态（打印机不回应状态查询的，关闭此项）"),
    ),
    Setting("print_after_intake", bool, True, msg("登记办件后自动打印凭条")),
    Setting(
        "central_url",
        str,
        "",
        msg(
            "中心数据库地址（postgresql://终端角色:密码@主机/库名，由中心管理员登记终端时给出；"
            "密码另存于系统密钥环或仅本账户可读的文件，不在此显示；留空则只在本机保存）"
        ),
    ),
    Setting(
        "sync_batch",
        int,
        1000,
        msg("每批上传的记录条数（10-10000；网络慢时调小）"),
        lambda n: 10 <= n <= 10_000,
        bounds=(10, 10_000),
    ),
    Setting(
        "pull_chunk",
        int,
        4000,  # two chunks are held at once: the next is read while one is stored
        msg("每次取回并保存的记录条数（10-20000；补取大量记录时越大越快，占用内存也越多）"),
        lambda n: 10 <= n <= 20_000,
        bounds=(10, 20_000),
    ),
    Setting("seal_image", str, "", msg("通知书上的印章图片（PNG 文件路径；留空则印“样章”）")),
    Setting(
        "office_opens",
        str,
        "09:00",
        msg("中心上班时间（考勤：此后签到记迟到；05:00-12:00，写成 09:00）"),
        lambda text: _clock_within(text, "05:00", "12:00"),
        scope=Scope.CENTER,
    ),
    Setting(
        "office_closes",
        str,
        "17:00",
        msg("中心下班时间（考勤：此前签退记早退；12:00-23:00，写成 17:00）"),
        lambda text: _clock_within(text, "12:00", "23:00"),
        scope=Scope.CENTER,
    ),
    Setting(
        "login_lock_failures",
        int,
        5,
        msg("连续输错几次密码后锁定账号（3-10）"),
        lambda n: 3 <= n <= 10,
        bounds=(3, 10),
        scope=Scope.CENTER,
    ),
    Setting(
        "login_lock_minutes",
        int,
        15,
        msg("账号锁定多少分钟（1-120；管理员可随时解锁）"),
        lambda m: 1 <= m <= 120,
        bounds=(1, 120),
        scope=Scope.CENTER,
    ),
    Setting(
        "backup_folder",
        str,
        "",
        msg("本机数据库每日备份的存放文件夹（留空则为数据文件夹下的 backups）"),
    ),
    Setting(
        "backup_keep",
        int,
        7,
        msg("保留最近几份本机数据库备份（1-365）"),
        lambda n: 1 <= n <= 365,
        bounds=(1, 365),
    ),
    # the calling rule is the center's: every window calls in the same order
    _bounded(
        "queue_elderly_age",
        60,
        msg("取号：多少岁以上按老年人优先（按身份证出生日期；50-100）"),
        50,
        100,
        Scope.CENTER,
    ),
    _minutes("queue_weight_appointment", 20, msg("叫号：预约号视同多等候几分钟（0-240）")),
    _minutes("queue_weight_elderly", 15, msg("叫号：老年人号视同多等候几分钟（0-240）")),
    _minutes("queue_weight_disabled", 30, msg("叫号：残疾人号视同多等候几分钟（0-240）")),
    _minutes("queue_weight_green_channel", 45, msg("叫号：绿色通道号视同多等候几分钟（0-240）")),
    _minutes(
        "queue_longest_wait_minutes",
        0,
        msg("叫号：队列中有人等候超过几分钟即先叫等候最久者（0 为不启用；0-240）"),
    ),
    _bounded(
        "queue_block_size",
        20,
        msg("取号：每次向中心数据库预领多少个号（5-200）"),
        5,
        200,
        Scope.TERMINAL,
    ),
    Setting(
        "portal_folder",
        str,
        "",
        msg("政务服务网预约导出文件所在的文件夹（留空则不自动导入）"),
    ),
    Setting(
        "appointment_early_minutes",
        int,
        30,
        msg("预约时段开始前多少分钟起可签到（0-240）"),
        lambda n: 0 <= n <= 240,
        bounds=(0, 240),
        scope=Scope.CENTER,  # the kiosk and every counter apply one rule
    ),
    Setting(
        "appointment_late_minutes",
        int,
        15,
        msg("预约时段开始后多少分钟内仍按预约办理，迟于此按现场取号（0-240）"),
        lambda n: 0 <= n <= 240,
        bounds=(0, 240),
        scope=Scope.CENTER,  # the kiosk and every counter apply one rule
    ),
)
#: The center's settings (`Scope.CENTER`): one word in a declaration adds one.
CENTER_KEYS = frozenset(s.key for s in DECLARED if s.scope is Scope.CENTER)


def declared(key: str) -> Setting | None:
    return next((s for s in DECLARED if s.key == key), None)


def _clock_within(text: str, earliest: str, latest: str) -> bool:
    """`text` is a time of day HH:MM from `earliest` to `latest`."""
    return bool(re.fullmatch(r"[0-2][0-9]:[0-5][0-9]", text)) and earliest <= text <= latest
