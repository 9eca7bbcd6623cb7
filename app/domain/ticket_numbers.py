"""Ticket numbers (取号): one series per queue per day, with the queue's letter (A012), unique
across every kiosk and counter of the center even while one of them is offline.

How:

* **Blocks leased from the central.** The central hands out numbers in blocks: the
  database function `central.lease_numbers(queue, day, size)` (central migration 0019)
  takes the next `size` numbers of the (center, queue, day) series in one statement under
  the row's lock and records the lease in an append-only table, so two terminals never hold
  the same number. A terminal keeps a block *ahead*: its sync round leases another as soon
  as fewer than `ahead` numbers of its blocks are left unused, so a terminal that loses the
  central goes on issuing from what it holds (`next_number`). The series is counted from 1,
  three digits (A001–A999; A1000 on after that).
* **A fallback that cannot collide.** When a terminal's blocks run out while it is offline
  (or it never reached the central that day), it numbers by itself in a form no block ever
  gives: the letter, the terminal's number in the center (`terminal_no`, 1–99, unique in
  the center, already what makes case numbers unique) and its own count, `A07-03`. Two
  terminals never share a terminal number, and leased numbers never hold a dash.
* **A terminal with no central** (a standalone counter, the demo) is the only issuer: it
  counts on from the highest number of the day it holds.

Each number given is written in the ticket's ISSUED event; the store refuses a number given
twice for a queue and day (a unique index), and so does the central.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

#: A number from the central's series: the letter and digits, nothing else.
LEASED = re.compile(r"([A-Z]{1,2})([0-9]{3,})")


@dataclass(frozen=True)
class Block:
    """Numbers `first` to `last` (both included) of one queue and day, leased to a terminal."""

    first: int
    last: int

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.first, self.last + 1))

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def text(letter: str, number: int) -> str:
    """`A` and 12 → `A012`."""
    return f"{letter}{number:03d}"


def fallback_text(letter: str, terminal_no: int, count: int) -> str:
    """The `count`-th number a terminal gave by itself: `A07-03`."""
    return f"{letter}{terminal_no:02d}-{count:02d}"


def leased_value(number: str) -> int | None:
    """The series value of a leased number (`A012` → 12); None for a fallback one."""
    found = LEASED.fullmatch(number)
    return int(found.group(2)) if found else None


def unused(blocks: Iterable[Block], given: Iterable[str]) -> list[int]:
    """The numbers of `blocks` not yet given, in order."""
    taken = {value for value in map(leased_value, given) if value is not None}
    return [n for block in sorted(blocks, key=lambda b: b.first) for n in block if n not in taken]


def next_number(
    letter: str,
    blocks: Sequence[Block],
    given_here: Sequence[str],
    given_anywhere: Sequence[str],
    terminal_no: int,
    standalone: bool,
) -> str:
    """The number this terminal gives next for a queue and day: from its leased blocks; a
    standalone terminal counts on from the day's highest; else its own fallback series.
    `given_here` are the numbers this terminal gave, `given_anywhere` all it knows of."""
    free = unused(blocks, given_here)
    if free:
        return text(letter, free[0])
    if standalone:
        values = [v for v in map(leased_value, given_anywhere) if v is not None]
        return text(letter, max(values, default=0) + 1)
    own = fallback_text(letter, terminal_no, 0)[:-2]
    count = sum(1 for number in given_here if number.startswith(own))
    return fallback_text(letter, terminal_no, count + 1)


def letter_for(index: int) -> str:
    """The letter of the `index`-th queue (0 → A … 25 → Z, 26 → AA …)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
