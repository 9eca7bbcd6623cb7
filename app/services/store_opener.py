"""How a service in a worker process opens the store: with the composition root's
`open_store`, handed down (a process cannot share its parent's connections)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.storage.unit_of_work import UnitOfWorkFactory


class OpenedStore(Protocol):
    """A store opened for one worker process (`app.bootstrap.Store`)."""

    @property
    def uow(self) -> UnitOfWorkFactory: ...

    def close(self) -> None: ...


#: Opens the store in a database file (the composition root's `open_store`).
StoreOpener = Callable[[Path], OpenedStore]
