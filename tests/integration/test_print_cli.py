"""`onewindow print …` in its own process: a slip to a file and to a printer on a loopback
socket, a notice to a PDF, and a one-line reason with a non-zero exit when it cannot be done."""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import bootstrap
from app.paths import Paths
from app.services.cases import Accept, Refuse
from app.services.demo_people import demo_person
from tests.integration.cli_runner import Run, run_all
from tests.integration.printer_harness import FakeNetworkPrinter, FakeState
from tests.integration.test_print_service import CLERK, FOOD
from tests.unit.printing.escpos_decoder import decode


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onewindow-print")


@pytest.fixture(scope="module")
def cases(home: Path) -> dict[str, str]:
    """An accepted and a refused case, received at the window."""
    services = bootstrap(Paths(home, home, home / "logs"))
    materials = [m.name for m in services.catalog.item(FOOD).required_materials]
    made = {
        name: services.cases.receive(
            CLERK, FOOD, demo_person(random.Random(seed)), materials, decision
        ).case.case_no
        for name, seed, decision in (
            ("accepted", 1, Accept()),
            ("refused", 2, Refuse("不属于本机关职权范围")),
        )
    }
    services.close()
    return made


@pytest.fixture(scope="module")
def printers() -> Iterator[tuple[FakeNetworkPrinter, FakeNetworkPrinter]]:
    with FakeNetworkPrinter() as ready, FakeNetworkPrinter() as empty:
        empty.state = FakeState.PAPER_OUT
        yield ready, empty


@pytest.fixture(scope="module")
def runs(
    home: Path, cases: dict[str, str], printers: tuple[FakeNetworkPrinter, FakeNetworkPrinter]
) -> dict[str, Run]:
    ready, empty = printers
    accepted, refused = cases["accepted"], cases["refused"]
    named = {
        "file": [
            "print",
            "slip",
            accepted,
            "--printer",
            f"file:{home / 'slip.bin'}",
            "--paper",
            "58",
        ],
        "tcp": ["print", "slip", accepted, "--printer", ready.target, "--kind", "process"],
        "paper_out": ["print", "slip", accepted, "--printer", empty.target],
        "notice": ["print", "notice", accepted, "acceptance", "-o", str(home / "notice.pdf")],
        "refusal": ["print", "notice", refused, "refusal", "-o", str(home / "refusal.pdf")],
        "not_refused": ["print", "notice", accepted, "refusal", "-o", str(home / "x.pdf")],
        "bad_printer": ["print", "slip", accepted, "--printer", "lpt:1"],
        "no_case": ["print", "slip", "000000-00-000", "--printer", ready.target],
        "wrong_slip": ["print", "slip", accepted, "--kind", "refusal", "--printer", ready.target],
    }
    return dict(zip(named, run_all(home, *named.values()), strict=True))


def test_a_slip_goes_to_a_file_as_58_mm_escpos(runs: dict[str, Run], home: Path) -> None:
    run = runs["file"]
    assert run.code == 0, run.err
    assert "受理回执已打印" in run.out
    slip = decode((home / "slip.bin").read_bytes())
    assert "受理回执" in slip.text and slip.cut
    assert max(line.columns for line in slip.lines) <= 31


def test_a_slip_goes_to_a_network_printer(
    runs: dict[str, Run], printers: tuple[FakeNetworkPrinter, FakeNetworkPrinter]
) -> None:
    assert runs["tcp"].code == 0, runs["tcp"].err
    assert "办事流程告知单" in decode(printers[0].wait_for_jobs(1)[0]).text


def test_a_printer_out_of_paper_gives_one_line_and_exit_1(runs: dict[str, Run]) -> None:
    run = runs["paper_out"]
    assert run.code == 1
    assert run.err.count("\n") == 1 and "缺纸" in run.err


def test_a_notice_is_written_as_a_pdf(runs: dict[str, Run], home: Path) -> None:
    assert runs["notice"].code == 0, runs["notice"].err
    assert runs["refusal"].code == 0, runs["refusal"].err
    printed = subprocess.run(
        ["pdftotext", str(home / "refusal.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = "".join(printed.split())
    assert "不予受理决定书" in text and "不属于本机关职权范围" in text
    assert (home / "notice.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("not_refused", "不予受理"),
        ("bad_printer", "lpt:1"),
        ("no_case", "000000-00-000"),
        ("wrong_slip", "不予受理"),
    ],
)
def test_what_cannot_be_done_is_said_in_one_line(
    runs: dict[str, Run], name: str, words: str
) -> None:
    run = runs[name]
    assert run.code == 1, run.out
    assert run.err.startswith("错误：") and run.err.count("\n") == 1
    assert words in run.err
