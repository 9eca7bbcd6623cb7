"""A printer on USB by vendor and product id, through pyusb (imported only when used).

Not python-escpos' `Usb`: it fixes the endpoints at 0x01 / 0x82 (many counter printers, e.g.
0416:5011, use others), writes without a time limit by default, reports a missing device
through an `assert` (gone under `python -O`), and needs pyusb installed before it is even
imported. Here the endpoints are taken from the device's own descriptors, every transfer has
a timeout, and everything pyusb can raise (no pyusb, no libusb backend, no permission, device
busy or gone) becomes a `PrinterUnavailable` that says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.slip_printer import SlipPrinter, ask_status, first_answer_byte
from app.devices.printer.status import StatusReport, query
from app.devices.printer.target import PrinterTarget
from app.domain.messages import Message, msg

log = logging.getLogger(__name__)

_ENDPOINT_IN = 0x80


@dataclass
class _Opened:
    device: Any
    out_endpoint: Any
    in_endpoint: Any | None


class UsbPrinter(SlipPrinter):
    """A `usb:VID:PID` printer."""

    def __init__(self, target: PrinterTarget) -> None:
        self.target = target

    def describe(self) -> Message:
        return self.target.label

    def status(self, timeout: float = 1.0) -> StatusReport:
        with self._opened() as opened:
            if opened.in_endpoint is None:
                return StatusReport.not_supported(
                    msg("{printer} 没有回传通道，无法报告状态", printer=self.target.label)
                )
            return ask_status(lambda n, deadline: self._ask(opened, n, deadline), timeout)

    def send(self, data: bytes, timeout: float = 5.0) -> None:
        with self._opened() as opened:
            self._guarded(lambda: opened.out_endpoint.write(data, _milliseconds(timeout)))
        log.info("sent %d bytes to USB %s", len(data), self.target.usb_id)

    @contextlib.contextmanager
    def _opened(self) -> Iterator[_Opened]:
        label = self.target.label
        try:
            import usb.core
            import usb.util
        except ImportError as error:
            raise PrinterUnavailable(
                msg(
                    "本机未安装 USB 打印支持（pyusb），不能使用{printer}；可改用网络或串口连接",
                    printer=label,
                )
            ) from error
        device = self._guarded(
            lambda: usb.core.find(idVendor=self.target.vendor_id, idProduct=self.target.product_id)
        )
        if device is None:
            raise PrinterUnavailable(
                msg(
                    "找不到 USB 打印机 {id}：请检查打印机电源和 USB 线，以及设置中的厂商号和产品号",
                    id=self.target.usb_id,
                )
            )
        try:
            opened = self._guarded(lambda: _claim(device))
            yield opened
        finally:
            with contextlib.suppress(Exception):  # releasing a device that is already gone
                usb.util.dispose_resources(device)

    def _ask(self, opened: _Opened, n: int, deadline: float) -> int | None:
        endpoint = opened.in_endpoint
        assert endpoint is not None  # status() checked

        def read(seconds: float) -> bytes:
            try:
                return bytes(endpoint.read(64, _milliseconds(seconds)))
            except Exception as error:  # pyusb's USBTimeoutError: nothing came
                if _is_timeout(error):
                    return b""
                raise

        def exchange() -> int | None:
            try:
                opened.out_endpoint.write(query(n), _milliseconds(deadline - time.monotonic()))
            except Exception as error:
                if _is_timeout(error):  # the printer does not even take the question
                    return None
                raise
            return first_answer_byte(read, deadline)

        result: int | None = self._guarded(exchange)
        return result

    def _guarded(self, call: Any) -> Any:
        """Run a pyusb call; whatever it raises becomes a PrinterUnavailable in words."""
        try:
            return call()
        except PrinterUnavailable:
            raise
        except Exception as error:  # pyusb raises USBError, NoBackendError (a ValueError), …
            raise PrinterUnavailable(self._explain(error)) from error

    def _explain(self, error: Exception) -> Message:
        label = self.target.label
        name = type(error).__name__
        code = getattr(error, "errno", None) or getattr(error, "backend_error_code", None)
        if name == "NoBackendError":
            return msg(
                "本机缺少 USB 驱动库（libusb），不能使用{printer}；请安装 libusb 或改用网络、串口连接",
                printer=label,
            )
        if _is_timeout(error):
            return msg(
                "{printer} 超时没有收下数据（请检查打印机是否缺纸、是否开机）", printer=label
            )
        if code in (errno.EACCES, errno.EPERM, -3):
            return msg(
                "没有权限使用{printer}（Linux 需要为打印机设置 udev 规则，或把用户加入 lp 组）",
                printer=label,
            )
        if code in (errno.EBUSY, -6):
            return msg("{printer} 正被其他程序占用（如系统打印服务），请关闭后重试", printer=label)
        if code in (errno.ENODEV, errno.ENOENT, errno.EIO, -4, -1):
            return msg("{printer} 已断开：请检查 USB 线和打印机电源", printer=label)
        return msg("{printer} 无法使用：{detail}", printer=label, detail=str(error))


def _claim(device: Any) -> _Opened:
    """Take the printer's first interface from the system driver; find its bulk endpoints."""
    with contextlib.suppress(NotImplementedError):  # only libusb1 can (and must) detach
        if device.is_kernel_driver_active(0):
            device.detach_kernel_driver(0)
    try:
        configuration = device.get_active_configuration()
    except Exception:  # not configured yet
        device.set_configuration()
        configuration = device.get_active_configuration()
    interface = configuration[(0, 0)]
    out_endpoint = in_endpoint = None
    for endpoint in interface:
        if endpoint.bEndpointAddress & _ENDPOINT_IN:
            in_endpoint = in_endpoint or endpoint
        else:
            out_endpoint = out_endpoint or endpoint
    if out_endpoint is None:
        raise ValueError("the printer's interface has no OUT endpoint")
    return _Opened(device, out_endpoint, in_endpoint)


def _is_timeout(error: BaseException) -> bool:
    return type(error).__name__ == "USBTimeoutError" or getattr(error, "errno", None) == (
        errno.ETIMEDOUT
    )


def _milliseconds(seconds: float) -> int:
    """pyusb's timeouts are in milliseconds, and 0 would mean "wait for ever"."""
    return max(1, int(seconds * 1000))
