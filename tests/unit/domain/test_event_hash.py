"""The event head written out by hand for speed is the canonical JSON the hash has always
covered, whatever the fields hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from app.domain.events import HEAD_TEXTS, canonical_head

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
