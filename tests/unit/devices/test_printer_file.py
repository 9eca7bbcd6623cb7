"""A printer reached through a file: it takes the job, cannot report status, never hangs."""

from __future__ import annotations

import os
import select
import stat
import time
from pathlib import Path

import pytest

from app.devices.printer.backends import open_printer
from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.file_printer import FilePrinter
from app.devices.printer.status import StatusState
from app.devices.printer.target import parse_target
from tests.timing import returned_in_time


def test_a_job_is_written_to_the_file(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    printer = open_printer(parse_target(f"file:{device}"), spool_dir=tmp_path)
    assert isinstance(printer, FilePrinter)
    assert str(printer.describe()) == f"打印机设备文件 {device}"
    printer.send(b"first job")
    printer.send(b"\x1b@second")
    assert device.read_bytes() == b"\x1b@second"
    assert stat.S_IMODE(device.stat().st_mode) == 0o600  # a slip names the applicant


def test_a_file_left_readable_to_others_is_made_owner_only(tmp_path: Path) -> None:
    device = tmp_path / "slips.bin"
    device.write_bytes(b"")
    device.chmod(0o644)
    FilePrinter(parse_target(f"file:{device}")).send(b"job")
    assert stat.S_IMODE(device.stat().st_mode) == 0o600 and device.read_bytes() == b"job"


def test_a_file_cannot_report_status(tmp_path: Path) -> None:
    report = FilePrinter(parse_target(f"file:{tmp_path / 'lp0'}")).status()
    assert report.state is StatusState.NOT_SUPPORTED and report.words == "该打印机无法报告状态"


def test_a_path_that_cannot_be_opened_is_unavailable(tmp_path: Path) -> None:
    printer = FilePrinter(parse_target(f"file:{tmp_path / 'missing' / 'lp0'}"))
    with pytest.raises(PrinterUnavailable, match="无法写入打印机设备文件 .*lp0：请检查") as raised:
        printer.send(b"job")
    assert "\n" not in str(raised.value)


def test_a_device_that_never_takes_the_job_times_out(tmp_path: Path) -> None:
    fifo = tmp_path / "stuck"
    os.mkfifo(fifo)  # opening it for writing blocks until someone reads: a printer that hangs
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable, match="在 0.3 秒内没有收下打印内容"):
        FilePrinter(parse_target(f"file:{fifo}")).send(b"job", timeout=0.3)
    returned_in_time(started, 0.3)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # let the stuck writer go
    try:
        # the job arrives once the device takes it, too late for the caller
        readable, _, _ = select.select([reader], [], [], 2)
        assert readable and os.read(reader, 16) == b"job"
    finally:
        os.close(reader)
