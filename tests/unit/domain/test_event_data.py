"""Typed events: each kind reads back from the stored JSON in one place; a kind this version
does not know, or a payload of a known kind without its fields, is kept as an UnknownEvent that
says why, skipped by the fold with a warning, and never stops the next command."""

from __future__ import annotations

import logging
from datetime import timedelta
from uuid import uuid4

import pytest

from app.domain.case import CaseStatus, Stamp
from app.domain.event_data import Accepted, Decided, Extended, UnknownEvent, decode
from app.domain.events import Event, canonical_json, event_title, new_event, verify_chain
from tests.unit.domain.test_case import CHIEF, CLERK, Window


def foreign(case_window: Window, kind: str, payload: object) -> Event:
    """An event a newer counter wrote onto this case: a valid link of the chain."""
    case = case_window.case
    case_window.at += timedelta(minutes=3)
    return new_event(
        id=uuid4(),
        case_id=case.case_id,
        position=len(case.events) + 1,
        data=UnknownEvent(kind, payload, decode(kind, canonical_json(payload)).reason),  # type: ignore[union-attr]
        actor="newer",
        window="A09",
        terminal="counter-09",
        at=case_window.at,
        prev_hash=case.last_hash,
    )


def test_every_kind_reads_back_as_it_was_written() -> None:
    window = Window()
    window.do("accept")
    window.do("complete_step", 1, "核查")
    window.do("extend", 5, "需补充核查", by=CHIEF)
    window.do("decide", True, by=CHIEF)
    for event in window.events:
        assert decode(event.kind, event.payload_json) == event.data
        assert canonical_json(event.data.to_payload()) == event.payload_json
    assert window.events[1].data == Accepted(window.case.materials)
    assert window.events[3].data == Extended(5, "需补充核查")
    assert window.events[4].data == Decided(True, "")


@pytest.mark.parametrize(
    ("kind", "payload", "why"),
    [
        ("rated", {"stars": 5}, "本版本不认识此类记录"),
        ("extended", {"reason": "缺天数"}, "缺少“days”"),
        ("extended", {"days": "十", "reason": "x"}, "内容格式不符（ValueError）"),
        ("decided", {"approved": "yes", "reason": ""}, "内容格式不符（TypeError）"),
        ("accepted", [1, 2], "内容不是一条记录"),
    ],
)
def test_an_unknown_kind_or_a_malformed_payload_is_kept_with_the_reason(
    kind: str, payload: object, why: str
) -> None:
    data = decode(kind, canonical_json(payload))
    assert isinstance(data, UnknownEvent)
    assert (data.kind, data.payload, str(data.reason)) == (kind, payload, why)
    assert str(event_title(data)) == f"无法识别的记录“{kind}”：{why}"
    assert decode("accepted", "{not json").reason == decode("x", "[").reason  # type: ignore[union-attr]


def test_the_fold_skips_an_unknown_event_with_a_warning_and_the_next_command_works(
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = Window()
    window.do("accept")
    rated = foreign(window, "rated", {"stars": 5, "window": "A04"})
    before = (window.case.status, window.case.current_step, window.case.pauses)
    with caplog.at_level(logging.WARNING, logger="app.domain.case_state"):
        window.case.apply(rated)
    assert (window.case.status, window.case.current_step, window.case.pauses) == before
    assert window.case.events[-1] is rated  # kept, and the next event links to it
    assert "event 3 (rated) not folded: 本版本不认识此类记录" in caplog.text
    malformed = foreign(window, "extended", {"reason": "缺天数"})
    window.case.apply(malformed)
    assert window.case.extension_days == 0
    event = window.do("complete_step", 1, "核查")
    assert event.position == 5 and event.prev_hash == malformed.hash
    assert window.case.awaiting_decision and window.case.status is CaseStatus.IN_PROGRESS
    verify_chain(window.events)  # the chain holds across events this version cannot read


def test_a_command_records_folds_and_keeps_its_event_pending_until_stored() -> None:
    window = Window()
    assert [e.position for e in window.case.take_pending()] == [1]
    event = window.case.accept(Stamp(CLERK, window.at + timedelta(minutes=1), uuid4()))
    assert window.case.status is CaseStatus.IN_PROGRESS and window.case.events[-1] is event
    assert window.case.take_pending() == [event] and window.case.pending == []
