"""The one filter between an error and what a log or a screen shows of it: no personal data.

Modules log case numbers, not people, and the engines hide SQL parameters
(`hide_parameters=True`); this filter catches what still slips through — an exception's text
quoting a value, a payload in a traceback, PostgreSQL's "Failing row contains (…)". It masks
resident ID numbers (18 characters with a date of birth inside; credit codes, which name no
person, are left whole), mobile numbers, and the values of the fields that hold a person
(`"name": "…"`, `id_number`, phones, address, legal representative) where an exception quotes
a record. Masked as the lists show them: `110101********1234`, `138****5678`.
"""

from __future__ import annotations

import logging
import re

MASK = "***"

_RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})"
    r"(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # the date of birth
    r"(\d{3}[\dXx])(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_PERSON_FIELD = re.compile(
    r"""(?P<key>(?P<kq>['"]?)\b(?:name|applicant_name|display_name|id_number|phone|\w+_phone"""
    r"""|address|legal_representative)(?P=kq)\s*[:=]\s*)"""
    r"""(?P<q>['"])(?:\\.|(?!(?P=q)).)*(?P=q)"""
)
#: PostgreSQL's DETAIL of a check or unique violation quotes the row or the key's values
_FAILING_ROW = re.compile(r"(Failing row contains|Key) \(.*\)")


def redact(text: str) -> str:
    """`text` with the personal data in it masked."""
    text = _PERSON_FIELD.sub(lambda m: f"{m['key']}{m['q']}{MASK}{m['q']}", text)
    text = _FAILING_ROW.sub(rf"\1 ({MASK})", text)
    text = _RESIDENT_ID.sub(r"\1********\2", text)
    return _MOBILE.sub(r"\1****\2", text)


class RedactingFilter(logging.Filter):
    """Masks every record a handler writes: its message with its arguments, its traceback and
    its stack. Attached to handlers (a logger's filters do not see its children's records)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
