"""`QT_TRANSLATE_NOOP` with its true type.

PySide6's stub declares it as returning `object`; at run time it returns its source text
unchanged. The window imports it from here so that a marked title is a `str` to mypy.
lupdate finds the calls by this name, wherever the function comes from.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark `source` for translation in `context`; translate it later with that context."""
    return source
