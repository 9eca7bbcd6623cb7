"""A restored store numbers on after the credit codes its terminal made: the code gives back
the running number it was made from, and only for the terminal that made it."""

from __future__ import annotations

import pytest

from app.domain.joint import credit_code, credit_code_sequence


@pytest.mark.parametrize(("terminal", "sequence"), [(1, 0), (1, 1), (7, 12345), (30, 31**4 - 1)])
def test_a_credit_code_gives_back_its_running_number(terminal: int, sequence: int) -> None:
    code = credit_code("510100", terminal, sequence)
    assert credit_code_sequence(code, terminal) == sequence
    assert credit_code_sequence(code, terminal + 1) is None  # another terminal's code


@pytest.mark.parametrize("code", ["", "915101009100016P", "91510100MA01!!!16P"])
def test_a_code_not_made_by_a_terminal_gives_none(code: str) -> None:
    assert credit_code_sequence(code, 1) is None
