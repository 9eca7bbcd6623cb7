"""The printer a `PrinterTarget` names, as a `SlipPrinter`: the one place that chooses a backend.

Backends whose libraries may be missing (pyserial, pyusb) or that pull in python-escpos are
imported only when chosen.
"""

from __future__ import annotations

from pathlib import Path

from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.target import PrinterTarget, TargetKind
from app.domain.messages import msg


def open_printer(target: PrinterTarget, spool_dir: Path) -> SlipPrinter:
    """The printer `target` names, not yet connected (each call connects by itself).

    `spool_dir` is where the simulator keeps its jobs. Raises PrinterUnavailable when the
    library a backend needs is not installed.
    """
    if target.kind is TargetKind.SIMULATOR:
        from app.devices.printer.simulator import SimulatedPrinter

        return SimulatedPrinter(spool_dir)
    if target.kind is TargetKind.TCP:
        from app.devices.printer.network import NetworkPrinter

        return NetworkPrinter(target)
    if target.kind is TargetKind.SERIAL:
        try:
            from app.devices.printer.serial_port import SerialPrinter
        except ImportError as error:
            raise PrinterUnavailable(
                msg("本机未安装串口支持（pyserial），不能使用{printer}", printer=target.label)
            ) from error
        return SerialPrinter(target)
    if target.kind is TargetKind.USB:
        from app.devices.printer.usb_port import UsbPrinter  # pyusb itself is imported late

        return UsbPrinter(target)
    from app.devices.printer.file_printer import FilePrinter

    return FilePrinter(target)
