"""The `printer` setting: every accepted form, and refusals that say in Chinese what would do."""

from __future__ import annotations

import pytest

from app.devices.printer.target import (
    SETTING_HELP,
    PrinterSettingError,
    PrinterTarget,
    TargetKind,
    is_valid_setting,
    parse_target,
)


@pytest.mark.parametrize(
    ("text", "target", "label"),
    [
        ("simulator", PrinterTarget(TargetKind.SIMULATOR), "模拟打印机"),
        (" simulator ", PrinterTarget(TargetKind.SIMULATOR), "模拟打印机"),
        (
            "tcp:192.168.1.50",
            PrinterTarget(TargetKind.TCP, host="192.168.1.50", port=9100),
            "网络打印机 192.168.1.50:9100",
        ),
        (
            "TCP:printer-3.hall.local:9101",
            PrinterTarget(TargetKind.TCP, host="printer-3.hall.local", port=9101),
            "网络打印机 printer-3.hall.local:9101",
        ),
        (
            "usb:0416:5011",
            PrinterTarget(TargetKind.USB, vendor_id=0x0416, product_id=0x5011),
            "USB 打印机 0416:5011",
        ),
        (
            "usb:0x4b8:0e15",
            PrinterTarget(TargetKind.USB, vendor_id=0x04B8, product_id=0x0E15),
            "USB 打印机 04b8:0e15",
        ),
        (
            "serial:/dev/ttyUSB0",
            PrinterTarget(TargetKind.SERIAL, device="/dev/ttyUSB0", baudrate=9600),
            "串口打印机 /dev/ttyUSB0（9600 波特）",
        ),
        (
            "serial:COM3:115200",
            PrinterTarget(TargetKind.SERIAL, device="COM3", baudrate=115200),
            "串口打印机 COM3（115200 波特）",
        ),
        (
            "file:/dev/usb/lp0",
            PrinterTarget(TargetKind.FILE, path="/dev/usb/lp0"),
            "打印机设备文件 /dev/usb/lp0",
        ),
        (
            r"file:\\server\slip",
            PrinterTarget(TargetKind.FILE, path=r"\\server\slip"),
            r"打印机设备文件 \\server\slip",
        ),
    ],
)
def test_accepted_settings(text: str, target: PrinterTarget, label: str) -> None:
    assert parse_target(text) == target
    assert str(target.label) == label
    assert parse_target(str(target)) == target  # the canonical text names the same printer
    assert is_valid_setting(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", ""),
        ("none", ""),
        ("printer", ""),
        ("simulator:x", ""),
        ("file:", ""),
        ("tcp:", "缺少打印机的 IP 地址"),
        ("tcp:192.168.1.50:", "冒号后缺少端口"),
        ("tcp:192.168.1.50:99999", "端口“99999”不是 1–65535 之间的数字"),
        ("tcp:192.168.1.50:abc", "端口“abc”"),
        ("tcp:[::1]:9100", "不是 IPv4 地址或主机名"),
        ("tcp:打印机", "不是 IPv4 地址或主机名"),
        ("usb:0416", "USB 打印机应写成 usb:厂商号:产品号"),
        ("usb:xyz:5011", "USB 打印机应写成"),
        ("usb:04160:5011", "USB 打印机应写成"),
        ("serial:", "缺少串口名"),
        ("serial:COM3:12345", "波特率 12345 不常用"),
    ],
)
def test_refused_settings_say_what_would_do(text: str, reason: str) -> None:
    with pytest.raises(PrinterSettingError) as raised:
        parse_target(text)
    message = str(raised.value)
    assert message.startswith(f"打印机设置“{text.strip()}”无效：")
    assert reason in message and message.endswith(str(SETTING_HELP))
    assert not is_valid_setting(text)
    assert isinstance(raised.value, ValueError)


def test_the_help_names_every_form() -> None:
    for form in ("simulator", "tcp:", "usb:", "serial:", "file:", "9100", "9600"):
        assert form in str(SETTING_HELP)
