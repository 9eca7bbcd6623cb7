"""The serial printer through a real tty: `FakeSerialPrinter` plays the printer on the master
end of a pseudo-terminal, `SerialPrinter` opens the slave by name as the setting gives it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.devices.printer.backends import open_printer
from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.serial_port import SerialPrinter
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.status import StatusState
from app.devices.printer.target import parse_target
from tests.integration.printer_harness import FakeSerialPrinter, FakeState
from tests.timing import returned_in_time

JOB = b"\x1b@\x1c&" + "办事流程告知单\n案件编号：261102-01-007\n".encode("gb18030") + b"\x1dV\x00"


@pytest.fixture
def fake() -> Iterator[FakeSerialPrinter]:
    with FakeSerialPrinter() as printer:
        yield printer


@pytest.fixture
def printer(fake: FakeSerialPrinter, tmp_path: Path) -> SlipPrinter:
    return open_printer(parse_target(f"{fake.target}:115200"), spool_dir=tmp_path)


def test_the_setting_names_a_serial_printer(fake: FakeSerialPrinter, printer: SlipPrinter) -> None:
    assert isinstance(printer, SerialPrinter)
    assert str(printer.describe()) == f"串口打印机 {fake.tty_name}（115200 波特）"


def test_a_job_arrives_byte_for_byte(fake: FakeSerialPrinter, printer: SlipPrinter) -> None:
    image = bytes(range(256)) * 200
    printer.send(JOB + image)
    assert fake.wait_for_bytes(len(JOB + image)) == JOB + image
    assert fake.take_job() == JOB + image
    assert fake.jobs == [JOB + image]


@pytest.mark.parametrize(
    ("state", "expected", "words"),
    [
        (FakeState.READY, StatusState.READY, "打印机就绪"),
        (FakeState.PAPER_NEAR_END, StatusState.READY, "打印机纸将用尽"),
        (FakeState.PAPER_OUT, StatusState.NOT_READY, "打印机缺纸"),
        (FakeState.COVER_OPEN, StatusState.NOT_READY, "打印机盖未关好"),
    ],
)
def test_the_status_is_answered(
    fake: FakeSerialPrinter,
    printer: SlipPrinter,
    state: FakeState,
    expected: StatusState,
    words: str,
) -> None:
    fake.state = state
    report = printer.status()
    assert (report.state, report.words) == (expected, words)


def test_a_silent_printer_is_no_answer_within_the_timeout(
    fake: FakeSerialPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.SILENT
    started = time.monotonic()
    report = printer.status(timeout=0.5)
    assert report.state is StatusState.NO_ANSWER
    assert "没有回应" in report.words
    assert returned_in_time(started, 0.5) > 0.4  # it did wait for the answer
    assert fake.wait_for_bytes(3) == b"\x10\x04\x01"  # asked once, then gave up


def test_noise_on_the_line_is_no_answer(fake: FakeSerialPrinter, printer: SlipPrinter) -> None:
    fake.state = FakeState.GARBLED
    report = printer.status(timeout=0.5)
    assert report.state is StatusState.NO_ANSWER and "无法识别" in report.words


def test_the_time_the_line_needs_is_allowed() -> None:
    printer = SerialPrinter(parse_target("serial:COM3"))
    assert printer.line_seconds(9600) == pytest.approx(15.0)  # 9600 baud: 960 bytes a second


def test_a_missing_port_is_unavailable_in_words(tmp_path: Path) -> None:
    printer = open_printer(parse_target("serial:/dev/nonexistent-printer"), spool_dir=tmp_path)
    for call in (printer.status, lambda: printer.send(JOB)):
        with pytest.raises(PrinterUnavailable, match="串口 /dev/nonexistent-printer 无法打开"):
            call()
