"""The tests' own handle on a store the services run on: the window and the commands get
none (`Services` offers services only), but a test reads and alters the file behind them."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

from app.bootstrap import Services, Store, open_store
from app.domain.events import event_from_fields, payload_digest


@contextmanager
def store_of(services: Services) -> Iterator[Store]:
    """The store in the services' database file, opened for the test and closed after."""
    store = open_store(services.paths.database)
    try:
        yield store
    finally:
        store.close()


def rehashed(row: MutableMapping[str, Any]) -> str:
    """Re-hash a stored event row as a tamperer who knows the hashing does: its digest (an
    event of version 2) and its hash set from its fields; the hash."""
    if row["digest"]:
        row["digest"] = payload_digest(str(row["payload"]))
    row["hash"] = event_from_fields(row).computed_hash()
    return str(row["hash"])
