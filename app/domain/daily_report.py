"""The day's work of one terminal (当日办件日结单), counted from its events, and the day's anchor.

A clerk prints it at the end of the day: how many cases this terminal received, accepted,
refused, asked corrections for, finished and handed to a chief representative, by item — counts
only, never a name or an ID number — and the last checkpoint the central signed that day of
this terminal's log (`app.domain.checkpoints`), with whether the log here still holds against
it. The root on paper is the anchor outside the database: whoever rewrites the store later
cannot make it match the paper.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.domain.case_state import CaseState
from app.domain.checkpoints import Checkpoint, leaf
from app.domain.event_data import EventKind, Received
from app.domain.events import CHINA_TIME, Event
from app.domain.roles import Role


class Tally(StrEnum):
    """What the report counts, in the order it prints them."""

    RECEIVED = "received"  # 接件
    ACCEPTED = "accepted"  # 受理
    CORRECTION = "correction"  # 一次性补正告知
    REFUSED = "refused"  # 不予受理
    TO_CHIEF = "to_chief"  # 移交首席代表决定
    FINISHED = "finished"  # 办结


#: Each tally's words on paper (the report is a Chinese document, like the slips).
TALLY_TITLES: dict[Tally, str] = {
    Tally.RECEIVED: "接件",
    Tally.ACCEPTED: "受理",
    Tally.CORRECTION: "补正告知",
    Tally.REFUSED: "不予受理",
    Tally.TO_CHIEF: "移交首席代表",
    Tally.FINISHED: "办结",
}
#: The events counted as they are: one event, one count.
_BY_KIND: dict[str, Tally] = {
    EventKind.RECEIVED: Tally.RECEIVED,
    EventKind.ACCEPTED: Tally.ACCEPTED,
    EventKind.CORRECTION_REQUESTED: Tally.CORRECTION,
    EventKind.REFUSED: Tally.REFUSED,
    EventKind.ISSUED: Tally.FINISHED,
}


@dataclass(frozen=True)
class ItemCounts:
    """One item's figures of the day."""

    item_code: str
    item_name: str
    counts: Mapping[Tally, int]
    #: The center its cases belong to when it is not the terminal's own: at a joint window,
    #: the center above whose item it is, and under which its cases are counted ("": own).
    center: str = ""


@dataclass(frozen=True)
class DayFigures:
    """What one terminal did on one day, by item."""

    day: date
    terminal: str
    items: tuple[ItemCounts, ...]
    #: The terminal's events of the day, as leaves (what a checkpoint covers).
    leaves: frozenset[str] = field(default=frozenset(), repr=False)
    #: Cases of the day whose log does not read or fold (tampered): left out, `verify` names them.
    unreadable: int = 0

    @property
    def totals(self) -> dict[Tally, int]:
        return _totals(self.items)

    @property
    def centers(self) -> list[str]:
        """The centers the day's cases belong to: "" (the terminal's own) before a joint
        window's center above."""
        return sorted({item.center for item in self.items})

    def totals_of(self, center: str) -> dict[Tally, int]:
        """The figures of the cases of one center (`centers`)."""
        return _totals(item for item in self.items if item.center == center)


def _totals(items: Iterable[ItemCounts]) -> dict[Tally, int]:
    total: Counter[Tally] = Counter()
    for item in items:
        total.update(item.counts)
    return {tally: total[tally] for tally in Tally}


def on_day(moment: datetime, day: date) -> bool:
    """Whether `moment` falls on `day` in China Standard Time (every center's time)."""
    return moment.astimezone(CHINA_TIME).date() == day


def day_figures(logs: Iterable[Sequence[Event]], terminal: str, day: date) -> DayFigures:
    """Count what `terminal` did on `day` in these cases' logs (each in position order).

    A case is handed to the chief when one of the terminal's events of the day leaves it
    waiting for a chief representative's decision. A joint window's case of the center above
    is counted under that center (its receipt names it). A log that is empty (a row of it did not
    read) or does not begin with its receipt cannot be folded: it is counted as unreadable."""
    counts: dict[tuple[str, str, str], Counter[Tally]] = {}
    leaves: set[str] = set()
    unreadable = 0
    for events in logs:
        if not events or not isinstance(events[0].data, Received):
            unreadable += 1
            continue
        state = CaseState.from_events(events[:1])
        center = events[0].data.center
        for position, event in enumerate(events):
            waited = _waits_for_chief(state)
            if position:  # the receipt is folded already
                state.apply(event)
            if event.terminal != terminal or not on_day(event.at, day):
                continue
            leaves.add(leaf(str(event.case_id), event.position, event.hash))
            item = (center, state.terms.item_code, state.terms.item_name)
            tally = counts.setdefault(item, Counter())
            if (kind := _BY_KIND.get(event.kind)) is not None:
                tally[kind] += 1
            if _waits_for_chief(state) and not waited:
                tally[Tally.TO_CHIEF] += 1
    items = tuple(
        ItemCounts(code, name, {t: tally[t] for t in Tally}, center)
        for (center, code, name), tally in sorted(counts.items())
        if tally
    )
    return DayFigures(day, terminal, items, frozenset(leaves), unreadable)


def _waits_for_chief(state: CaseState) -> bool:
    if not state.awaiting_decision or state.is_parent:
        return False
    return state.terms.flow[state.terms.decision_step].role is Role.CHIEF_REPRESENTATIVE


@dataclass(frozen=True)
class Anchor:
    """The day's checkpoint and what this store says against it."""

    checkpoint: Checkpoint
    #: The signature holds and the terminal's log here gives the signed root.
    holds: bool
    #: The terminal's events of the day the checkpoint does not cover (written after it).
    uncovered: int

    @property
    def short_root(self) -> str:
        """The root for reading aloud and comparing by eye: its first 16 hex digits."""
        root = self.checkpoint.root
        return " ".join(root[i : i + 4] for i in range(0, 16, 4)) + " …"

    @property
    def fingerprint(self) -> str:
        """The signing key's fingerprint: the first 16 hex digits of SHA-256 of the key."""
        digest = hashlib.sha256(bytes.fromhex(self.checkpoint.key)).hexdigest()
        return ":".join(digest[i : i + 4] for i in range(0, 16, 4))

    @property
    def signed_at(self) -> datetime:
        return datetime.fromisoformat(self.checkpoint.signed_at).astimezone(CHINA_TIME)


@dataclass(frozen=True)
class DailyReport:
    figures: DayFigures
    #: None: no checkpoint of that day is held (the counter was offline all day).
    anchor: Anchor | None
    #: The center and window the report is for.
    center: str
    window: str


def day_checkpoint(held: Iterable[Checkpoint], terminal: str, day: date) -> Checkpoint | None:
    """The last checkpoint of `terminal` the central signed on `day`."""
    of_day = [
        c
        for c in held
        if c.terminal == terminal and on_day(datetime.fromisoformat(c.signed_at), day)
    ]
    return max(of_day, key=lambda c: c.size, default=None)


def anchor(checkpoint: Checkpoint, log: Sequence[str], day_leaves: frozenset[str]) -> Anchor:
    """`checkpoint` checked against the terminal's log here (its leaves in the order written,
    less the events the central refused)."""
    holds = checkpoint.signature_holds() and checkpoint.covers(log)
    return Anchor(checkpoint, holds, len(day_leaves - set(log[: checkpoint.size])))
