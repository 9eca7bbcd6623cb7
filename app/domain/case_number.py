"""Case numbers (办件编号) that every counter can hand out on its own, even offline.

`YYMMDD-TT-NNN`: the day, the terminal's number within the center (assigned once by the
administrator, unique per center) and that terminal's running count for the day. Two counters
never collide because their terminal numbers differ; the number is short enough to read aloud.
"""

from __future__ import annotations

import re
from datetime import date

CASE_NUMBER = re.compile(r"^\d{6}-\d{2}-\d{3,5}$")
#: The terminal numbers of a center: two digits in a case number. The local settings and the
#: central's registration (`central add-counter`, its CHECK) take this one range.
TERMINAL_NUMBERS = range(1, 100)


def format_case_number(day: date, terminal_no: int, sequence: int) -> str:
    if terminal_no not in TERMINAL_NUMBERS:
        raise ValueError("终端编号应为1至99")
    if not 1 <= sequence <= 99999:
        raise ValueError("当日办件编号已用尽")
    return f"{day:%y%m%d}-{terminal_no:02d}-{sequence:03d}"


def day_prefix(day: date, terminal_no: int) -> str:
    return f"{day:%y%m%d}-{terminal_no:02d}-"


def is_case_number(text: str) -> bool:
    return bool(CASE_NUMBER.match(text.strip()))
