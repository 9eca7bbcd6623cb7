"""What `verify` reads the quick way (issue 14 "Speed") is what the general way reads: a
receipt read in two parts, its terms apart (once per distinct text), is the receipt its whole
payload parses to, or the same `UnknownEvent` with the same reason, whatever the payload
holds; an event built from a stored row holds every field `Event(...)` sets, as it sets them."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from app.domain.event_data import EventKind, Received, _decode, decode, decode_receipt
from app.domain.events import Event, event_from_fields
from tests.unit.domain.test_case import Window

#: A receipt as a counter writes it (canonical JSON: "terms", its last key, ends it).
RECEIPT = Window().case.events[0].payload_json
PAYLOAD: dict[str, Any] = json.loads(RECEIPT)

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
#: Members a tampered receipt may hold or lack: the receipt's own, others, a second "terms"
#: (before the last one, or nested inside it).
MEMBERS = st.dictionaries(
    st.sampled_from([*PAYLOAD, "terms", "other"]),
    st.one_of(st.sampled_from(list(PAYLOAD.values())), JSON),
    max_size=6,
)
SEPARATORS = st.sampled_from([(",", ":"), (", ", ": "), (",", ": ")])


def whole(text: str) -> object:
    """The receipt as its whole payload parses, as every other kind is read."""
    return _decode(EventKind.RECEIVED, text)


@given(MEMBERS, st.one_of(st.just(PAYLOAD["terms"]), JSON), SEPARATORS, st.text(" \n", max_size=2))
@example({}, PAYLOAD["terms"], (",", ":"), "")
@example({k: v for k, v in PAYLOAD.items() if k != "terms"}, PAYLOAD["terms"], (", ", ": "), " ")
def test_a_receipt_read_in_two_parts_reads_as_its_whole_payload(
    members: dict[str, Any], terms: object, separators: tuple[str, str], space: str
) -> None:
    text = json.dumps({**members, "terms": terms}, ensure_ascii=False, separators=separators)
    for variant in (text, space + text, text + space, text[:-1] + space + "}"):
        assert decode(EventKind.RECEIVED, variant) == whole(variant)


@given(st.integers(min_value=0, max_value=len(RECEIPT)), st.text(max_size=12))
def test_a_receipt_cut_or_spliced_anywhere_reads_as_its_whole_payload(at: int, text: str) -> None:
    for variant in (RECEIPT[:at], RECEIPT[:at] + text + RECEIPT[at:], text + RECEIPT[at:]):
        assert decode(EventKind.RECEIVED, variant) == whole(variant)


def test_a_receipt_as_written_is_read_in_two_parts() -> None:
    read, parsed = decode_receipt(RECEIPT)
    assert isinstance(read, Received) and "terms" not in parsed  # read in two parts
    assert read == whole(RECEIPT) == Window().case.events[0].data


@given(st.sampled_from([RECEIPT, "", "[]", '{"picked_up_by":"本人"}']), st.sampled_from(["", "d"]))
def test_an_event_from_a_stored_row_holds_what_event_sets(payload: str, digest: str) -> None:
    row = {
        "id": "8c6c1d2e-52c4-4d6b-9a57-6b1f0c0a3e01",
        "case_id": "0f9f3a5c-2b0e-4d3e-8f7a-3a2b1c0d9e8f",
        "position": 1,
        "kind": "picked_up",
        "payload": payload,
        "actor": "张三",
        "window": "A01",
        "terminal": "counter-02",
        "at": "2026-11-23T10:00:00.000000+08:00",
        "prev_hash": "0" * 64,
        "hash": "",
        "digest": digest,
    }
    read = event_from_fields(row)
    built = Event(**{field.name: getattr(read, field.name) for field in fields(Event)})
    assert vars(read) == vars(built)
    # an empty payload is written out from what it decodes to, as `Event` does
    assert built.payload_json == (payload or "null")
