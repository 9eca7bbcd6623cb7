"""Forcing the store to fail, and finding personal data in what a failure left behind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from app.domain.applicant import Applicant

#: A full resident ID number: 17 digits and a check character, not part of a longer code.
FULL_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])")


def break_the_store(engine: Engine, how: str) -> None:
    """Every transaction from now on fails to write: `disk full` (SQLite's max_page_count at
    the size the file has) or `read-only` (query_only, set after the store's own `begin`
    listener has set it off for a writing unit)."""
    if how == "disk full":

        @event.listens_for(engine, "connect")
        def _full(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
            cursor.close()

        engine.dispose()  # the pooled connections were made whole
    else:
        assert how == "read-only", how

        @event.listens_for(engine, "begin")
        def _read_only(connection: Any) -> None:
            connection.exec_driver_sql("PRAGMA query_only = ON")


def log_text(folder: Path) -> str:
    """Every log file in `folder`, the rotated ones too."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.log*")))


def leaks(texts: Iterable[str], people: Iterable[Applicant]) -> list[str]:
    """What of `people` (ID number, name, phone) or any full ID number `texts` hold."""
    found = []
    for text in texts:
        found += FULL_ID.findall(text)
        for person in people:
            found += [
                value
                for value in (person.id_number, person.name, person.phone)
                if value and value in text
            ]
    return found
