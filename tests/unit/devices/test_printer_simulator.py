"""The demo printer: jobs become numbered spool files, and it can play a printer in trouble."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.devices.printer.backends import open_printer
from app.devices.printer.errors import PrinterUnavailable
from app.devices.printer.simulator import SimulatedPrinter, SimulatedState
from app.devices.printer.slip_printer import SlipPrinter
from app.devices.printer.status import StatusState
from app.devices.printer.target import parse_target


def test_the_setting_gives_the_simulator(tmp_path: Path) -> None:
    printer = open_printer(parse_target("simulator"), spool_dir=tmp_path / "spool")
    assert isinstance(printer, SimulatedPrinter) and isinstance(printer, SlipPrinter)
    assert str(printer.describe()) == f"模拟打印机（打印内容保存在 {tmp_path / 'spool'}）"


def test_jobs_become_numbered_files(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    printer = SimulatedPrinter(spool)
    assert printer.last_job is None
    printer.send(b"one")
    printer.send(b"two")
    assert sorted(path.name for path in spool.iterdir()) == ["0001.bin", "0002.bin"]
    assert (spool / "0002.bin").read_bytes() == b"two"
    assert printer.last_job == b"two" and printer.last_path == spool / "0002.bin"


def test_numbering_goes_on_after_a_restart(tmp_path: Path) -> None:
    SimulatedPrinter(tmp_path).send(b"before")
    (tmp_path / "notes.txt").write_text("not a job")
    restarted = SimulatedPrinter(tmp_path)
    restarted.send(b"after")
    assert restarted.last_path == tmp_path / "0002.bin"


def test_jobs_from_two_threads_get_their_own_files(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path)
    threads = [threading.Thread(target=printer.send, args=(bytes([n]),)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(path.read_bytes() for path in tmp_path.glob("*.bin")) == [
        bytes([n]) for n in range(20)
    ]


def test_ready_reports_ready(tmp_path: Path) -> None:
    report = SimulatedPrinter(tmp_path).status()
    assert report.state is StatusState.READY and report.words == "打印机就绪"


def test_paper_near_end_warns_and_prints(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path, SimulatedState.PAPER_NEAR_END)
    report = printer.status()
    assert report.state is StatusState.READY and report.words == "打印机纸将用尽"
    printer.send(b"job")
    assert printer.last_job == b"job"


@pytest.mark.parametrize(
    ("state", "words"),
    [(SimulatedState.PAPER_OUT, "打印机缺纸"), (SimulatedState.COVER_OPEN, "打印机盖未关好")],
)
def test_a_printer_in_trouble_reports_and_refuses(
    tmp_path: Path, state: SimulatedState, words: str
) -> None:
    printer = SimulatedPrinter(tmp_path)
    printer.state = state
    report = printer.status()
    assert report.state is StatusState.NOT_READY and report.words == words
    with pytest.raises(PrinterUnavailable, match=f"{words}，没有打印"):
        printer.send(b"job")
    assert printer.last_job is None and list(tmp_path.iterdir()) == []


def test_unreachable_fails_everything(tmp_path: Path) -> None:
    printer = SimulatedPrinter(tmp_path, SimulatedState.UNREACHABLE)
    for call in (printer.status, lambda: printer.send(b"job")):
        with pytest.raises(PrinterUnavailable, match="无法连接模拟打印机"):
            call()
    printer.state = SimulatedState.READY
    printer.send(b"job")
    assert printer.last_job == b"job"


def test_a_spool_folder_that_cannot_be_written_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "spool"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(PrinterUnavailable, match="模拟打印机无法写入"):
        SimulatedPrinter(blocker).send(b"job")
