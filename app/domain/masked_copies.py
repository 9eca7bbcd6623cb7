"""What a masked copy of a receipt looks like, so that `verify` can tell one from a changed
receipt.

The central serves a counter another department's receipts with the ID numbers and phones of
every person in them masked (`central.masked_receipt`, central migration 0010, masking as
`mask_resident_id` does on slips). The hash covers the whole payload's digest, so a masked copy
cannot be checked against it; what can be checked is that it *is* a masked copy: every one of
those fields is masked already (masking is idempotent: a masked number masks to itself). A
receipt changed here while its numbers stand whole is no masked copy, and `verify` names it.
What a masked copy's other fields say (a name, an address) rests on the central's word.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from app.domain.identity import mask_resident_id

#: The fields masked of a person (the applicant, a legal representative, an investor).
PERSON_FIELDS = ("id_number", "phone")
#: The fields masked of the one form itself.
FORM_FIELDS = ("phone", "financial_officer_phone")


def is_masked_copy(payload_json: str) -> bool:
    """Every ID number and phone of the receipt is in its masked form."""
    try:
        payload = json.loads(payload_json)
    except ValueError:
        return False
    return is_masked_payload(payload)


def is_masked_payload(payload: object) -> bool:
    """`is_masked_copy` of a payload parsed already."""
    if not isinstance(payload, dict):
        return False
    return all(mask_resident_id(value) == value for value in _masked_values(payload))


def _masked_values(payload: Mapping[str, Any]) -> Iterator[str]:
    yield from _texts(payload.get("applicant"), PERSON_FIELDS)
    form = payload.get("form")
    if isinstance(form, dict):
        yield from _texts(form, FORM_FIELDS)
        yield from _texts(form.get("legal_representative"), PERSON_FIELDS)
        investors = form.get("investors")
        for investor in investors if isinstance(investors, list) else []:
            if isinstance(investor, dict):
                yield from _texts(investor.get("person"), PERSON_FIELDS)


def _texts(item: object, fields: tuple[str, ...]) -> Iterator[str]:
    if isinstance(item, dict):
        yield from (item[field] for field in fields if isinstance(item.get(field), str))
