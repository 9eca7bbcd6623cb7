"""The USB printer over a stand-in for pyusb: whatever pyusb raises, or its absence, reaches
the clerk as a `PrinterUnavailable` in words; the endpoints come from the device itself."""

from __future__ import annotations

import errno
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.devices.printer.backends import open_printer
from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.status import StatusState
from app.devices.printer.target import parse_target
from app.devices.printer.usb_port import UsbPrinter
from tests.timing import returned_in_time

TARGET = parse_target("usb:0416:5011")


class USBError(OSError):
    def __init__(self, text: str, error_code: int | None = None, code: int | None = None) -> None:
        super().__init__(text)
        self.backend_error_code = error_code
        self.errno = code


class USBTimeoutError(USBError):
    pass


class NoBackendError(ValueError):
    pass


class Endpoint:
    def __init__(self, address: int, answers: dict[bytes, bytes] | None = None) -> None:
        self.bEndpointAddress = address
        self.answers = answers or {}
        self.written: list[tuple[bytes, int]] = []
        self.pending = b""
        self.stalled = False

    def write(self, data: bytes, timeout: int) -> int:
        if self.stalled:
            raise USBTimeoutError("timeout", -7, errno.ETIMEDOUT)
        self.written.append((bytes(data), timeout))
        self.peer.pending += self.answers.get(bytes(data), b"")
        return len(data)

    def read(self, size: int, timeout: int) -> bytes:
        if not self.pending:
            time.sleep(timeout / 1000)
            raise USBTimeoutError("timeout", -7, errno.ETIMEDOUT)
        data, self.pending = self.pending[:size], self.pending[size:]
        return data

    peer: Endpoint


class Device:
    def __init__(self, endpoints: list[Endpoint]) -> None:
        self.endpoints = endpoints
        self.detached = False
        self.disposed = False

    def is_kernel_driver_active(self, interface: int) -> bool:
        return not self.detached

    def detach_kernel_driver(self, interface: int) -> None:
        self.detached = True

    def get_active_configuration(self) -> dict[tuple[int, int], list[Endpoint]]:
        return {(0, 0): self.endpoints}


def printer_device(answers: dict[bytes, bytes] | None = None, with_in: bool = True) -> Device:
    out = Endpoint(0x03, answers)  # not python-escpos' fixed 0x01
    inn = Endpoint(0x81)
    out.peer = inn
    return Device([inn, out] if with_in else [out])


FakeUsb = Callable[[Callable[..., Any]], None]


@pytest.fixture
def fake_usb(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeUsb]:
    """Install a stand-in `usb` package whose `core.find` is the function given."""

    def install(find: Callable[..., Any]) -> None:
        core = types.ModuleType("usb.core")
        core.find = find  # type: ignore[attr-defined]
        core.USBError = USBError  # type: ignore[attr-defined]
        core.USBTimeoutError = USBTimeoutError  # type: ignore[attr-defined]
        core.NoBackendError = NoBackendError  # type: ignore[attr-defined]
        util = types.ModuleType("usb.util")

        def dispose_resources(device: Device) -> None:
            device.disposed = True

        util.dispose_resources = dispose_resources  # type: ignore[attr-defined]
        package = types.ModuleType("usb")
        package.core, package.util = core, util  # type: ignore[attr-defined]
        for name, module in (("usb", package), ("usb.core", core), ("usb.util", util)):
            monkeypatch.setitem(sys.modules, name, module)

    yield install


def test_a_missing_printer_is_unavailable_whatever_this_machine_has(tmp_path: Path) -> None:
    printer = open_printer(TARGET, spool_dir=tmp_path)  # the real pyusb, if installed
    assert isinstance(printer, UsbPrinter) and str(printer.describe()) == "USB 打印机 0416:5011"
    with pytest.raises(PrinterUnavailable) as raised:
        printer.send(b"x")
    assert "0416:5011" in str(raised.value) and "\n" not in str(raised.value)


def test_without_pyusb_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usb", None)
    with pytest.raises(PrinterUnavailable, match="本机未安装 USB 打印支持（pyusb）.*0416:5011"):
        UsbPrinter(TARGET).status()


def test_a_device_that_is_not_there(fake_usb: FakeUsb) -> None:
    fake_usb(lambda **match: None)
    with pytest.raises(PrinterUnavailable, match="^找不到 USB 打印机 0416:5011：请检查"):
        UsbPrinter(TARGET).send(b"x")


def raising(error: Exception) -> Callable[..., Any]:
    def find(**match: Any) -> Any:
        raise error

    return find


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (NoBackendError("No backend available"), "本机缺少 USB 驱动库（libusb）"),
        (USBError("Access denied", -3, errno.EACCES), "没有权限使用USB 打印机 0416:5011"),
        (USBError("Access denied", -3, None), "没有权限"),
        (USBError("Resource busy", -6, errno.EBUSY), "正被其他程序占用"),
        (USBError("No such device", -4, errno.ENODEV), "已断开"),
        (USBError("Other error", -99, None), "USB 打印机 0416:5011 无法使用：Other error"),
        (NotImplementedError("backend"), "USB 打印机 0416:5011 无法使用"),
    ],
)
def test_every_pyusb_error_becomes_words(fake_usb: FakeUsb, error: Exception, words: str) -> None:
    fake_usb(raising(error))
    with pytest.raises(PrinterUnavailable, match=words) as raised:
        UsbPrinter(TARGET).status()
    assert raised.value.__cause__ is error


def test_a_job_goes_to_the_devices_own_out_endpoint(fake_usb: FakeUsb) -> None:
    device = printer_device()
    fake_usb(lambda **match: device if match == {"idVendor": 0x0416, "idProduct": 0x5011} else None)
    UsbPrinter(TARGET).send(b"\x1b@slip\n", timeout=2.5)
    out = device.endpoints[1]
    assert out.written == [(b"\x1b@slip\n", 2500)]
    assert device.detached and device.disposed


def test_the_status_is_read_from_the_in_endpoint(fake_usb: FakeUsb) -> None:
    answers = {b"\x10\x04\x01": b"\x1a", b"\x10\x04\x02": b"\x32", b"\x10\x04\x04": b"\x7e"}
    fake_usb(lambda **match: printer_device(answers))
    assert UsbPrinter(TARGET).status().words == "打印机缺纸"


def test_a_silent_usb_printer_is_no_answer(fake_usb: FakeUsb) -> None:
    fake_usb(lambda **match: printer_device({}))
    started = time.monotonic()
    assert UsbPrinter(TARGET).status(timeout=0.3).state is StatusState.NO_ANSWER
    returned_in_time(started, 0.3)


def test_a_printer_without_an_in_endpoint_cannot_report(fake_usb: FakeUsb) -> None:
    fake_usb(lambda **match: printer_device(with_in=False))
    report = UsbPrinter(TARGET).status()
    assert report.state is StatusState.NOT_SUPPORTED and "无法报告状态" in report.words


def test_a_printer_that_takes_nothing_times_out_in_words(fake_usb: FakeUsb) -> None:
    device = printer_device()
    device.endpoints[1].stalled = True
    fake_usb(lambda **match: device)
    with pytest.raises(PrinterUnavailable, match="超时没有收下数据"):
        UsbPrinter(TARGET).send(b"x")
    assert device.disposed
