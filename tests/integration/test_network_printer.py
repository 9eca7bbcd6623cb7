"""The network printer through a real loopback socket: `FakeNetworkPrinter` plays the printer,
`NetworkPrinter` connects to it by the setting that names it."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from app.devices.printer.backends import open_printer
from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.network import NetworkPrinter
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.status import Problem, StatusState
from app.devices.printer.target import parse_target
from tests.integration.printer_harness import FakeNetworkPrinter, FakeState
from tests.timing import LONG_TIMEOUT, returned_in_time

JOB = b"\x1b@\x1c&" + "受理告知单\n".encode("gb18030") + b"\x1c.\x1bd\x06\x1dV\x00"


@pytest.fixture
def fake() -> Iterator[FakeNetworkPrinter]:
    with FakeNetworkPrinter() as printer:
        yield printer


@pytest.fixture
def printer(fake: FakeNetworkPrinter, tmp_path: object) -> SlipPrinter:
    return open_printer(parse_target(fake.target), spool_dir=tmp_path)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_setting_names_a_network_printer(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    assert isinstance(printer, NetworkPrinter)
    assert str(printer.describe()) == f"网络打印机 127.0.0.1:{fake.port}"


def test_a_job_arrives_byte_for_byte(fake: FakeNetworkPrinter, printer: SlipPrinter) -> None:
    printer.send(JOB)
    assert fake.received == JOB  # recorded before send returned: the printer closed after it
    assert fake.queries == []


def test_a_large_job_with_status_bytes_inside_arrives_whole(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    image = bytes(range(256)) * 2000 + b"\x10\x04\x01" * 10  # the printer answers these too
    printer.send(JOB + image)
    assert fake.received == JOB + image
    assert fake.queries == [1] * 10


def test_each_job_is_its_own_connection(fake: FakeNetworkPrinter, printer: SlipPrinter) -> None:
    printer.send(b"first\n")
    assert printer.status().ready
    printer.send(b"second\n")
    assert fake.jobs == [b"first\n", b"second\n"]  # the status question is no job


@pytest.mark.parametrize(
    ("state", "expected", "words", "problems"),
    [
        (FakeState.READY, StatusState.READY, "打印机就绪", ()),
        (FakeState.PAPER_NEAR_END, StatusState.READY, "打印机纸将用尽", (Problem.PAPER_NEAR_END,)),
        (FakeState.PAPER_OUT, StatusState.NOT_READY, "打印机缺纸", (Problem.PAPER_OUT,)),
        (FakeState.COVER_OPEN, StatusState.NOT_READY, "打印机盖未关好", (Problem.COVER_OPEN,)),
        (FakeState.OFFLINE, StatusState.NOT_READY, "打印机离线", (Problem.OFFLINE,)),
    ],
)
def test_each_state_is_reported_in_words(
    fake: FakeNetworkPrinter,
    printer: SlipPrinter,
    state: FakeState,
    expected: StatusState,
    words: str,
    problems: tuple[Problem, ...],
) -> None:
    fake.state = state
    report = printer.status()
    assert (report.state, report.words, report.problems) == (expected, words, problems)
    offline = state in (FakeState.PAPER_OUT, FakeState.COVER_OPEN, FakeState.OFFLINE)
    assert fake.queries == ([1, 2, 4] if offline else [1, 4])


def test_a_silent_printer_is_no_answer_within_the_timeout(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.SILENT
    started = time.monotonic()
    report = printer.status(timeout=1.0)
    elapsed = returned_in_time(started, 1.0)
    assert report.state is StatusState.NO_ANSWER and report.may_print
    assert report.words == "打印机没有回应状态查询（可能未开机或不支持状态查询）"
    assert elapsed > 0.9  # it did wait for the answer


def test_a_slow_answer_within_the_timeout_counts(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state, fake.answer_delay = FakeState.PAPER_OUT, 0.1
    assert printer.status(timeout=1.5).words == "打印机缺纸"


def test_an_answer_with_wrong_fixed_bits_is_no_answer(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.GARBLED
    report = printer.status()
    assert report.state is StatusState.NO_ANSWER
    assert "无法识别" in report.words


def test_nothing_listening_is_unavailable_at_once(tmp_path: object) -> None:
    port = free_port()
    printer = open_printer(parse_target(f"tcp:127.0.0.1:{port}"), spool_dir=tmp_path)  # type: ignore[arg-type]
    calls = (lambda: printer.status(LONG_TIMEOUT), lambda: printer.send(JOB, LONG_TIMEOUT))
    for call in calls:
        started = time.monotonic()
        with pytest.raises(PrinterUnavailable) as raised:
            call()
        returned_in_time(started, 0)  # refused: not left to the timeout
        assert str(raised.value) == (
            f"无法连接网络打印机 127.0.0.1:{port}："
            "连接被拒绝（请检查打印机是否开机、IP 地址和端口是否正确）"
        )


def test_a_printer_that_hangs_up_is_unavailable_or_silent(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.HANG_UP
    for _ in range(5):  # whichever way the race between reset and question goes
        started = time.monotonic()
        try:
            report = printer.status(timeout=1.0)
        except PrinterUnavailable as error:
            assert "网络打印机" in str(error) and "断开了连接" in str(error), error
        else:
            assert report.state is StatusState.NO_ANSWER and report.words
        returned_in_time(started, 1.0)


def test_a_job_sent_to_a_printer_that_hangs_up_fails_in_words_or_not_at_all(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.HANG_UP
    for _ in range(5):
        try:
            printer.send(JOB * 1000, timeout=2)
        except PrinterUnavailable as error:
            assert "断开了连接" in str(error)
    assert fake.jobs == []


def test_a_printer_that_takes_nothing_times_out(
    fake: FakeNetworkPrinter, printer: SlipPrinter
) -> None:
    fake.state = FakeState.STALLED
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable, match="打印机连接超时"):
        printer.send(b"\0" * 64_000_000, timeout=0.5)
    returned_in_time(started, 0.5)


def test_an_unknown_host_is_unavailable_in_words(tmp_path: object) -> None:
    printer = NetworkPrinter(parse_target("tcp:printer.invalid"))
    with pytest.raises(
        PrinterUnavailable, match="无法连接网络打印机 printer.invalid:9100"
    ) as raised:
        printer.status(timeout=1)
    assert "\n" not in str(raised.value)
