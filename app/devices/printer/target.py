"""Where a counter's slip printer is: the `printer` setting, read and checked.

    simulator                  the demo printer: jobs go to numbered files in the spool folder
    file:PATH                  a device file or share, e.g. file:/dev/usb/lp0, file:LPT1
    tcp:HOST[:PORT]            a network printer (IPv4 address or name), raw port 9100 unless given
    usb:VID:PID                a USB printer by vendor and product id in hex, e.g. usb:0416:5011
    serial:DEVICE[:BAUD]       a serial printer, e.g. serial:COM3 or serial:/dev/ttyUSB0:115200

Serial printers default to 9600 baud: the factory setting of most 58 and 80 mm counter
printers (and python-escpos' default); many can be switched to 115200, which their self-test
page shows. Parsing is pure: nothing is opened here (see `connection.open_printer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from app.domain.messages import Message, MessageError, msg

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)

SETTING_HELP = msg(
    "simulator（模拟打印机）、tcp:IP地址[:端口]（网络打印机，默认端口9100）、"
    "usb:厂商号:产品号（十六进制，如 usb:0416:5011）、serial:串口[:波特率]"
    "（如 serial:COM3 或 serial:/dev/ttyUSB0:115200，默认9600）、file:设备文件路径（如 file:/dev/usb/lp0）"
)

_HOST = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
_HEX_ID = re.compile(r"^(0x)?[0-9A-Fa-f]{1,4}$")


class PrinterSettingError(MessageError, ValueError):
    """A `printer` setting that names no printer; the message says what would."""


class TargetKind(Enum):
    """How the printer is reached."""

    SIMULATOR = "simulator"
    FILE = "file"
    TCP = "tcp"
    USB = "usb"
    SERIAL = "serial"


@dataclass(frozen=True)
class PrinterTarget:
    """One printer as the settings name it; only the fields of its `kind` are set."""

    kind: TargetKind
    path: str = ""
    host: str = ""
    port: int = 0
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""
    baudrate: int = 0

    @property
    def label(self) -> Message:
        """The printer in the clerk's words, e.g. "网络打印机 192.168.1.50:9100"."""
        if self.kind is TargetKind.TCP:
            return msg("网络打印机 {address}", address=self.address)
        if self.kind is TargetKind.USB:
            return msg("USB 打印机 {id}", id=self.usb_id)
        if self.kind is TargetKind.SERIAL:
            return msg(
                "串口打印机 {device}（{baudrate} 波特）", device=self.device, baudrate=self.baudrate
            )
        if self.kind is TargetKind.FILE:
            return msg("打印机设备文件 {path}", path=self.path)
        return msg("模拟打印机")

    @property
    def address(self) -> str:
        """HOST:PORT of a network printer."""
        return f"{self.host}:{self.port}"

    @property
    def usb_id(self) -> str:
        """VID:PID of a USB printer, as lsusb and the device manager show it."""
        return f"{self.vendor_id:04x}:{self.product_id:04x}"

    def __str__(self) -> str:
        """The setting text that names this printer (defaults written out)."""
        if self.kind is TargetKind.TCP:
            return f"tcp:{self.address}"
        if self.kind is TargetKind.USB:
            return f"usb:{self.usb_id}"
        if self.kind is TargetKind.SERIAL:
            return f"serial:{self.device}:{self.baudrate}"
        if self.kind is TargetKind.FILE:
            return f"file:{self.path}"
        return "simulator"


def parse_target(text: str) -> PrinterTarget:
    """The printer a `printer` setting names; raises PrinterSettingError if it names none."""
    text = text.strip()
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    rest = rest.strip()
    if kind == "simulator" and not rest:
        return PrinterTarget(TargetKind.SIMULATOR)
    if kind == "file" and rest:
        return PrinterTarget(TargetKind.FILE, path=rest)
    if kind == "tcp":
        return _tcp(text, rest)
    if kind == "usb":
        return _usb(text, rest)
    if kind == "serial":
        return _serial(text, rest)
    raise _invalid(text)


def is_valid_setting(text: str) -> bool:
    """Whether `text` names a printer (the settings check it on load)."""
    try:
        parse_target(text)
    except PrinterSettingError:
        return False
    return True


def _tcp(text: str, rest: str) -> PrinterTarget:
    host, port = rest, DEFAULT_TCP_PORT
    port_text = ""
    if ":" in rest:  # python-escpos' Network speaks IPv4 only: no [v6]:port forms
        host, _, port_text = rest.rpartition(":")
        if not port_text:
            raise _invalid(text, msg("冒号后缺少端口"))
    if port_text:
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise _invalid(text, msg("端口“{port}”不是 1–65535 之间的数字", port=port_text))
        port = int(port_text)
    if not host:
        raise _invalid(text, msg("缺少打印机的 IP 地址"))
    if not _HOST.match(host) or len(host) > 253 or any(len(p) > 63 for p in host.split(".")):
        raise _invalid(text, msg("“{host}”不是 IPv4 地址或主机名", host=host[:64]))
    return PrinterTarget(TargetKind.TCP, host=host, port=port)


def _usb(text: str, rest: str) -> PrinterTarget:
    vendor, _, product = rest.partition(":")
    if not (_HEX_ID.match(vendor) and _HEX_ID.match(product)):
        raise _invalid(text, msg("USB 打印机应写成 usb:厂商号:产品号，两个四位十六进制数"))
    return PrinterTarget(TargetKind.USB, vendor_id=int(vendor, 16), product_id=int(product, 16))


def _serial(text: str, rest: str) -> PrinterTarget:
    device, baudrate = rest, DEFAULT_BAUDRATE
    head, _, tail = rest.rpartition(":")
    if head and tail.isdigit():
        device, baudrate = head, int(tail)
        if baudrate not in BAUDRATES:
            raise _invalid(
                text,
                msg(
                    "波特率 {baudrate} 不常用，应为 {allowed} 之一",
                    baudrate=baudrate,
                    allowed=BAUDRATES,
                ),
            )
    if not device:
        raise _invalid(text, msg("缺少串口名"))
    return PrinterTarget(TargetKind.SERIAL, device=device, baudrate=baudrate)


def _invalid(text: str, reason: Message | None = None) -> PrinterSettingError:
    if reason is None:
        return PrinterSettingError(
            msg("打印机设置“{text}”无效：应为 {help}", text=text, help=SETTING_HELP)
        )
    return PrinterSettingError(
        msg(
            "打印机设置“{text}”无效：{reason}。应为 {help}",
            text=text,
            reason=reason,
            help=SETTING_HELP,
        )
    )
