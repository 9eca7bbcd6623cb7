"""What the status bytes of `DLE EOT 1 / 2 / 4` mean, and the words the clerk reads for them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.devices.printer.slip_printer import ask_status
from app.devices.printer.status import (
    PrinterStatus,
    Problem,
    StatusReport,
    StatusState,
    is_status_byte,
    query,
    report_from_replies,
)

READY = {1: 0x12, 2: 0x12, 4: 0x12}


def test_the_questions() -> None:
    assert [query(n) for n in (1, 2, 4)] == [b"\x10\x04\x01", b"\x10\x04\x02", b"\x10\x04\x04"]


@pytest.mark.parametrize(
    ("replies", "state", "words", "problems"),
    [
        (READY, StatusState.READY, "打印机就绪", ()),
        ({1: 0x12, 4: 0x1E}, StatusState.READY, "打印机纸将用尽", (Problem.PAPER_NEAR_END,)),
        ({1: 0x12, 4: 0x16}, StatusState.READY, "打印机纸将用尽", (Problem.PAPER_NEAR_END,)),
        ({1: 0x1A, 2: 0x32, 4: 0x7E}, StatusState.NOT_READY, "打印机缺纸", (Problem.PAPER_OUT,)),
        (
            {1: 0x1A, 2: 0x16, 4: 0x12},
            StatusState.NOT_READY,
            "打印机盖未关好",
            (Problem.COVER_OPEN,),
        ),
        ({1: 0x1A, 2: 0x12, 4: 0x12}, StatusState.NOT_READY, "打印机离线", (Problem.OFFLINE,)),
        ({1: 0x1A}, StatusState.NOT_READY, "打印机离线", (Problem.OFFLINE,)),  # no cause known
        (
            {1: 0x1A, 2: 0x36, 4: 0x72},
            StatusState.NOT_READY,
            "打印机缺纸；打印机盖未关好",
            (Problem.PAPER_OUT, Problem.COVER_OPEN),
        ),
        ({1: 0x1A, 2: 0x52}, StatusState.NOT_READY, str(Problem.ERROR.value), (Problem.ERROR,)),
        ({1: 0x1A, 2: 0x32}, StatusState.NOT_READY, "打印机缺纸", (Problem.PAPER_OUT,)),
        ({1: 0x12, 4: 0x72}, StatusState.NOT_READY, "打印机缺纸", (Problem.PAPER_OUT,)),
    ],
)
def test_replies_become_a_report(
    replies: dict[int, int], state: StatusState, words: str, problems: tuple[Problem, ...]
) -> None:
    report = report_from_replies(replies)
    assert (report.state, report.words, report.problems) == (state, words, problems)


def test_the_drawer_and_feed_button_bits_change_nothing() -> None:
    assert report_from_replies({1: 0x12 | 0x04 | 0x20 | 0x40, 4: 0x12}).state is StatusState.READY


def test_silence_is_no_answer_never_paper_ok() -> None:
    report = report_from_replies({1: None})
    assert report.state is StatusState.NO_ANSWER and report.status is None
    assert report.words == "打印机没有回应状态查询（可能未开机或不支持状态查询）"
    assert not report.ready and report.may_print


@pytest.mark.parametrize("byte", [0x00, 0xFF, 0x13, 0x92, 0x03, 0x02, 0x10])
def test_wrong_fixed_bits_are_no_valid_answer(byte: int) -> None:
    report = report_from_replies({1: byte})
    assert report.state is StatusState.NO_ANSWER and "无法识别" in report.words


def test_a_garbled_later_answer_only_leaves_that_part_unknown() -> None:
    assert report_from_replies({1: 0x12, 4: 0xFF}).words == "打印机就绪"


@given(st.integers(0, 255))
def test_fixed_bits(byte: int) -> None:
    assert is_status_byte(byte) == (byte & 0b1001_0011 == 0b0001_0010)


def test_not_supported_words() -> None:
    report = StatusReport.not_supported()
    assert report.state is StatusState.NOT_SUPPORTED and report.words == "该打印机无法报告状态"
    assert report.may_print and not report.ready


def test_a_status_without_problems_is_ready() -> None:
    assert PrinterStatus().ready and PrinterStatus(paper_near_end=True).ready
    assert not PrinterStatus(offline=True).ready


class Asked:
    """Answers questions from a table; None is silence."""

    def __init__(self, answers: dict[int, int | None]) -> None:
        self.answers = answers
        self.asked: list[int] = []

    def __call__(self, n: int, deadline: float) -> int | None:
        self.asked.append(n)
        return self.answers.get(n)


def test_the_offline_cause_is_asked_only_when_offline() -> None:
    ready = Asked(READY)
    assert ask_status(ready, 1.0).ready and ready.asked == [1, 4]
    out = Asked({1: 0x1A, 2: 0x32, 4: 0x7E})
    assert ask_status(out, 1.0).words == "打印机缺纸" and out.asked == [1, 2, 4]


def test_silence_stops_the_questions() -> None:
    silent = Asked({})
    assert ask_status(silent, 1.0).state is StatusState.NO_ANSWER and silent.asked == [1]
