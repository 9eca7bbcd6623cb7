"""Queue tickets in the sync round: the ticket events written here go up (their own mark,
in batches, a row already there skipped: never lost, never doubled), the center's come down
(so the waiting list at one counter holds the kiosk's tickets), and the number blocks are
kept ahead (`app.domain.ticket_numbers`): a queue this terminal issues for today gets a new
block as soon as fewer than half a block of its numbers are left, so that it goes on
issuing from its own when the central is gone.
"""

from __future__ import annotations

import logging
from datetime import datetime

from app.central.errors import CentralError
from app.domain.messages import msg
from app.domain.ticket_numbers import Block, unused
from app.services.sync_push import AppendOnlyLog, push_log
from app.services.sync_report import SyncReport
from app.storage.unit_of_work import UnitOfWorkFactory
from app.sync.central_link import CentralLink
from app.sync.central_push import CentralUnreachable

log = logging.getLogger(__name__)

#: The local seq of the last ticket event the central answered for.
TICKETS_PUSHED_THROUGH = "tickets_pushed_through"
#: When the central received the newest ticket event pulled (ISO time).
TICKETS_PULLED_SINCE = "tickets_pulled_since"

TICKET_LOG = AppendOnlyLog(
    TICKETS_PUSHED_THROUGH,
    lambda uow, after, size: uow.tickets.outbox(after, size),
    lambda link, rows: link.push_tickets(rows),
    lambda reason: msg("中心拒收一条取号记录：{reason}", reason=reason),
)


def sync_tickets(
    uow: UnitOfWorkFactory,
    link: CentralLink,
    size: int,
    report: SyncReport,
    lease: tuple[str, datetime, int],
) -> None:
    """Push, pull, then keep the blocks of `lease` (terminal, now, block size) ahead."""
    report.tickets += push_log(uow, link, size, report, TICKET_LOG)
    try:
        report.tickets_pulled += pull_tickets(uow, link)
        report.leased += keep_ahead(uow, link, *lease)
    except CentralUnreachable:
        raise
    except CentralError as error:  # a central older than 0019: the rest of the round goes on
        log.warning("tickets not pulled or leased: %s", error)
        report.refused.append(error.message)


def pull_tickets(uow: UnitOfWorkFactory, link: CentralLink) -> int:
    """The center's ticket events written elsewhere since the last pull, kept here; how
    many were new."""
    with uow.reading() as reading:
        since = reading.sync.mark(TICKETS_PULLED_SINCE) or ""
    rows, newest = link.tickets_since(since)
    with uow() as writing:
        taken = writing.tickets.take(rows)
        writing.sync.set_marks({TICKETS_PULLED_SINCE: newest})
        writing.commit()
    return taken


def keep_ahead(
    uow: UnitOfWorkFactory, link: CentralLink, terminal: str, now: datetime, block: int
) -> int:
    """A new block for each queue this terminal holds blocks of today for, when fewer than
    half a block of their numbers are left; how many blocks were leased."""
    leased, day = 0, now.date()
    with uow.reading() as reading:
        queues = reading.tickets.leased_queues(day)
        short = [
            queue
            for queue in queues
            if len(
                unused(
                    reading.tickets.blocks(queue, day),
                    reading.tickets.numbers(queue, day, terminal),
                )
            )
            < block / 2
        ]
    for queue in short:
        take_block(uow, link, queue, now, block)
        leased += 1
    return leased


def take_block(
    uow: UnitOfWorkFactory, link: CentralLink, queue: str, now: datetime, size: int
) -> Block:
    """Lease the next block of `queue` for today and keep it here."""
    block = link.lease_numbers(queue, now.date(), size)
    with uow() as writing:
        writing.tickets.add_block(queue, now.date(), block, now)
        writing.commit()
    log.info("numbers %d-%d of %s leased", block.first, block.last, queue)
    return block
