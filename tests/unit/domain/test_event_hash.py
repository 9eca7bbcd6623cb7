"""The event head written out by hand for speed is the canonical JSON the hash has always
covered, whatever the fields hold; and a stored row's own texts are hashed as they stand only
where they are that JSON's texts byte for byte."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import HEAD_TEXTS, canonical_head, event_from_fields

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
        lambda t: t.isoformat(timespec="microseconds").replace("+00:00", "-00:00"),
        lambda t: t.isoformat(timespec="microseconds").replace("+00:00", "Z"),
    ]
)
#: Offsets in whole minutes (what time zones use) and any other (written with seconds).
OFFSETS = st.one_of(
    st.integers(min_value=-1439, max_value=1439).map(lambda minutes: timedelta(minutes=minutes)),
    st.timedeltas(min_value=-timedelta(hours=23, minutes=59), max_value=timedelta(hours=23)),
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
