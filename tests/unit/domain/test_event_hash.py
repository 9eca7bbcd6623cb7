"""The event head written out by hand for speed is the canonical JSON the hash has always
covered, whatever the fields hold; a stored row's own texts are hashed as they stand only
where they are that JSON's texts byte for byte; an event is hashed over its payload (before
version 2) or its payload's digest (since), and only another terminal's receipt may be held
masked."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.event_data import decode
from app.domain.events import (
    CHINA_TIME,
    EVENT_FIELDS,
    GENESIS_HASH,
    HEAD_TEXTS,
    ChainError,
    Event,
    canonical_head,
    event_from_fields,
    payload_digest,
    verify_chain,
)

FIELDS = st.one_of(st.text(), st.integers(), st.none(), st.booleans(), st.floats())


def dumped(head: dict[str, Any]) -> str:
    return json.dumps(head, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@given(st.fixed_dictionaries({name: st.text() for name in HEAD_TEXTS}), st.integers())
def test_a_head_of_texts_is_written_as_the_encoder_writes_it(
    texts: dict[str, str], position: int
) -> None:
    head = {**texts, "position": position}
    assert canonical_head(head) == dumped(head)


@given(st.fixed_dictionaries({name: FIELDS for name in HEAD_TEXTS}), FIELDS)
def test_a_head_of_other_types_goes_the_generic_way(
    fields: dict[str, Any], position: object
) -> None:
    head = {**fields, "position": position}
    assert canonical_head(head) == dumped(head)


#: Ways a stored id may be written that still read as the same UUID.
ID_TEXTS = st.sampled_from([str, lambda u: str(u).upper(), lambda u: u.hex, lambda u: f"{{{u}}}"])
#: Ways a stored time may be written that still read as the same time.
TIME_TEXTS = st.sampled_from(
    [
        lambda t: t.isoformat(timespec="microseconds"),
        lambda t: t.isoformat(),
        lambda t: t.isoformat(timespec="seconds"),
        # UTC spelt the other ways, only where the offset is UTC (not "+00:00:01")
        lambda t: re.sub(r"\+00:00$", "-00:00", t.isoformat(timespec="microseconds")),
        lambda t: re.sub(r"\+00:00$", "Z", t.isoformat(timespec="microseconds")),
    ]
)
#: Offsets in whole minutes (what time zones use) and in whole seconds (written with seconds;
#: an offset with microseconds, which `datetime` allows, is no time an event is written in).
OFFSETS = st.one_of(
    st.integers(min_value=-1439, max_value=1439).map(lambda minutes: timedelta(minutes=minutes)),
    st.integers(min_value=-86399, max_value=86399).map(lambda seconds: timedelta(seconds=seconds)),
)


@given(
    st.uuids(),
    st.uuids(),
    ID_TEXTS,
    st.datetimes(timezones=st.builds(timezone, OFFSETS)),
    TIME_TEXTS,
    st.fixed_dictionaries({name: st.text() for name in ("actor", "window", "terminal")}),
    st.integers(min_value=1, max_value=10**6),
)
def test_a_stored_row_hashes_as_its_parsed_event_whatever_its_texts(
    id_: UUID,
    case_id: UUID,
    id_text: Callable[[UUID], str],
    at: datetime,
    at_text: Callable[[datetime], str],
    people: dict[str, str],
    position: int,
) -> None:
    """`verify` hashes a stored row's own texts only where they are the canonical texts byte
    for byte; any other spelling of the same id or time is written out from the parsed event,
    as it always was: the two give the same hash."""
    row = {
        "id": id_text(id_),
        "case_id": id_text(case_id),
        "position": position,
        "kind": "picked_up",
        "payload": '{"picked_up_by":"本人"}',
        "at": at_text(at),
        "prev_hash": "0" * 64,
        "hash": "",
        **people,
    }
    event = event_from_fields(row)
    assert event.stored_head in ("", canonical_head(event.head()))
    canonical = {**row, "id": str(id_), "case_id": str(case_id)}
    canonical["at"] = at.isoformat(timespec="microseconds")
    written = event_from_fields(canonical)
    in_minutes = at.utcoffset() % timedelta(minutes=1) == timedelta(0)  # type: ignore[operator]
    expected = canonical_head(written.head()) if in_minutes else ""  # "+08:00:30" is written out
    assert written.stored_head == expected


# ---- the two ways of hashing (issue 14 §5) ----------------------------------------------

AT = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)
RECEIPT = '{"applicant":{"id_number":"110105199001011234","name":"张三"},"case_no":"261123-01-001"}'


def stored(payload: str = RECEIPT, terminal: str = "counter-02", **fields: str) -> Event:
    """An event as a store holds it: `digest` "" for one written before version 2."""
    row = {
        "id": "8c6c1d2e-52c4-4d6b-9a57-6b1f0c0a3e01",
        "case_id": "0f9f3a5c-2b0e-4d3e-8f7a-3a2b1c0d9e8f",
        "position": 1,
        "kind": "received",
        "payload": payload,
        "actor": "scjg01",
        "window": "A04",
        "terminal": terminal,
        "at": AT.isoformat(timespec="microseconds"),
        "prev_hash": GENESIS_HASH,
        "hash": "",
        "digest": "",
        **fields,
    }
    return event_from_fields({**row, "hash": event_from_fields(row).computed_hash()})


def test_an_event_without_a_digest_is_hashed_over_its_payload_byte_for_byte() -> None:
    event = stored()
    text = canonical_head(event.head()) + RECEIPT
    assert event.hash == hashlib.sha256(text.encode()).hexdigest()
    # pinned (computed by the code before version 2): such an event's hash never changes
    assert event.hash == "702573865c037fd8c06f228a7bbd1c351e996547168f4301b355d1e26847ecd3"


def test_an_event_of_version_2_is_hashed_over_its_payloads_digest() -> None:
    event = stored(digest=payload_digest(RECEIPT))
    text = canonical_head(event.head()) + hashlib.sha256(RECEIPT.encode()).hexdigest()
    assert event.hash == hashlib.sha256(text.encode()).hexdigest()
    assert not event.masked
    verify_chain([event])


def held_as(event: Event, payload: str) -> Event:
    return replace(event, payload_json=payload, data=decode(str(event.kind), payload))


def masked_copy(event: Event) -> Event:
    return held_as(event, RECEIPT.replace("199001011234", "********1234"))


def test_a_receipt_of_another_terminal_may_be_held_masked() -> None:
    masked = masked_copy(stored(digest=payload_digest(RECEIPT)))
    assert masked.masked
    verify_chain([masked], own_terminal="counter-01")


@pytest.mark.parametrize(
    ("event", "own_terminal"),
    [
        # a store's own events are never masked: a changed one is not passed off as such
        (masked_copy(stored(digest=payload_digest(RECEIPT))), "counter-02"),
        # nor is anything masked where the caller does not say whose store it is
        (masked_copy(stored(digest=payload_digest(RECEIPT))), None),
        # nor any kind but a receipt, which alone names a person
        (stored(digest=payload_digest(RECEIPT), kind="accepted"), "counter-01"),
        # an event without a digest is checked over its payload, as it always was
        (masked_copy(stored()), "counter-01"),
        # another terminal's receipt changed here with its numbers whole is no masked copy
        (
            held_as(stored(digest=payload_digest(RECEIPT)), RECEIPT.replace("张三", "冒名")),
            "counter-01",
        ),
        # nor one masked some other way (the birth year left readable)
        (
            held_as(
                stored(digest=payload_digest(RECEIPT)),
                RECEIPT.replace("199001011234", "19********34"),
            ),
            "counter-01",
        ),
    ],
)
def test_a_payload_that_is_not_the_one_hashed_is_caught(
    event: Event, own_terminal: str | None
) -> None:
    if event.kind == "accepted":
        event = replace(event, payload_json="{}", data=decode("accepted", "{}"))
    with pytest.raises(ChainError, match="内容与哈希不符"):
        verify_chain([event], own_terminal=own_terminal)


# ---- what reading a row finds once, for the chain check and for storing (issue 14 "Speed") --

MASKED = RECEIPT.replace("199001011234", "********1234")


def test_a_row_read_with_canonical_texts_is_stored_again_as_it_stands() -> None:
    event = stored(digest=payload_digest(RECEIPT))
    row = (str(event.id), str(event.case_id), 1, "received", RECEIPT, "scjg01", "A04")
    assert event.stored_row == (
        *row, "counter-02", AT.isoformat(timespec="microseconds"), GENESIS_HASH, event.hash,
        payload_digest(RECEIPT),
    )  # fmt: skip
    capitals = event_from_fields(
        {**dict(zip(EVENT_FIELDS, event.stored_row, strict=True)), "id": row[0].upper()}
    )
    assert capitals.stored_row == ()  # written out from the parsed event instead


@pytest.mark.parametrize(("payload", "masked"), [(MASKED, True), (RECEIPT, False), ("[", False)])
def test_a_receipt_read_from_a_row_knows_whether_it_is_a_masked_copy(
    payload: str, masked: bool
) -> None:
    event = stored(payload)
    assert event.masked_copy is masked


def test_a_changed_copy_of_an_event_finds_both_again() -> None:
    # what was found of the row it was read from would not hold for the copy's payload
    changed = held_as(stored(digest=payload_digest(RECEIPT)), MASKED)
    assert (changed.stored_row, changed.masked_copy) == ((), None)
    verify_chain([changed], own_terminal="counter-01")  # a masked copy, by its own payload
