"""The queue's own line to the central: each ticket step written there at once when it can
be (so that two windows never take the same ticket, and the hall hears a call within the
round trip), the center's tickets read before a call, and a block of numbers leased when a
terminal has none left.

It is not the sync worker's link: a call at the window must not wait for a round of sync,
and a link is for one thread. A central that cannot be reached is not tried again for
`RETRY_AFTER_S`: meanwhile the queue works on the store alone (offline), and the sync round
sends what was written (`app/services/sync_tickets.py`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from app.central.errors import CentralError
from app.services.sync_tickets import pull_tickets, take_block
from app.settings import Settings
from app.storage.ticket_repository import TicketRow
from app.storage.unit_of_work import UnitOfWorkFactory
from app.sync.central_link import CentralLink
from app.sync.central_push import CentralUnreachable

log = logging.getLogger(__name__)

#: How long a central found unreachable is left alone before the next try.
RETRY_AFTER_S = 10.0

T = TypeVar("T")


class QueueCentral:
    def __init__(
        self,
        uow: UnitOfWorkFactory,
        settings: Settings,
        open_link: Callable[[str], CentralLink],
    ) -> None:
        self._uow = uow
        self._settings = settings
        self._open_link = open_link
        self._lock = threading.Lock()
        self._link: CentralLink | None = None
        self._url = ""
        self._down_until = 0.0

    @property
    def configured(self) -> bool:
        return bool(self._settings["central_url"])

    def claim(self, row: TicketRow) -> bool | None:
        """Write a ticket event on the central: True when it stands there, False when its
        step was taken by another window first, None when the central was not reached (or
        refused it: the sync round then says why)."""
        return self._with_link(lambda link: link.claim_ticket(row))

    def refresh(self) -> None:
        """Bring down the center's ticket events written elsewhere (nothing when offline)."""
        self._with_link(lambda link: pull_tickets(self._uow, link))

    def lease(self, queue: str, now: datetime) -> bool:
        """Lease a block of `queue`'s numbers for today; whether one came."""
        size = self._settings["queue_block_size"]
        return (
            self._with_link(lambda link: take_block(self._uow, link, queue, now, size)) is not None
        )

    def close(self) -> None:
        with self._lock:
            if self._link is not None:
                self._link.close()
            self._link = None

    def _with_link(self, work: Callable[[CentralLink], T]) -> T | None:
        url = self._settings.central_login_url()
        if not url or time.monotonic() < self._down_until:
            return None
        with self._lock:
            if self._link is None or url != self._url:
                if self._link is not None:
                    self._link.close()
                self._link, self._url = self._open_link(url), url
            try:
                return work(self._link)
            except CentralUnreachable as error:
                log.info("queue offline: %s", error)
                self._down_until = time.monotonic() + RETRY_AFTER_S
            except CentralError as error:  # refused: kept here, the sync round says why
                log.warning("the central did not take a ticket step: %s", error)
            return None
