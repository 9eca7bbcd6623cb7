"""The tests' own handle on a store the services run on: the window and the commands get
none (`Services` offers services only), but a test reads and alters the file behind them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.bootstrap import Services, Store, open_store


@contextmanager
def store_of(services: Services) -> Iterator[Store]:
    """The store in the services' database file, opened for the test and closed after."""
    store = open_store(services.paths.database)
    try:
        yield store
    finally:
        store.close()
