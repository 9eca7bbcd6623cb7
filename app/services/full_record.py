"""The whole record of one case this counter holds masked (issue 14 §5).

The pull brings another department's receipts masked: a counter reads only what its work
needs. A step that does need a person's full data on such a case (an applicant who comes to
this window about a case received elsewhere) asks the central for that one case, by the name
of the person asking and the purpose; the central records both (`central.full_case`). What
comes back is checked against the hashes and digests held here — the central cannot hand out
another record than the one hashed — and shown, never stored: the store keeps the masked copy.
"""

from __future__ import annotations

import logging

from app.domain.case import Case
from app.domain.events import ChainError, event_from_fields, verify_chain
from app.domain.messages import MessageError, msg
from app.domain.roles import Actor, Permission
from app.services.errors import NotFound
from app.services.sync import SyncService
from app.storage.unit_of_work import UnitOfWorkFactory

log = logging.getLogger(__name__)


class FullRecordMismatch(ChainError):
    """The central's whole record of a case is not the one whose hashes this store holds."""


class PurposeMissing(MessageError, ValueError):
    """The whole record of a case is asked for without saying why."""


class FullRecords:
    """Asks the central for the whole record of one case, on record."""

    def __init__(self, uow: UnitOfWorkFactory, sync: SyncService) -> None:
        self._uow = uow
        self._sync = sync

    def full_record(self, actor: Actor, case_no: str, purpose: str) -> Case:
        """The case `case_no` folded from its whole events, for `purpose` (stated by the
        person at the window, recorded by the central with their name)."""
        actor.require(Permission.HANDLE_CASE, msg("调阅办件全文"))
        if not purpose.strip():
            raise PurposeMissing(msg("请写明调阅办件全文的事由"))
        with self._uow.reading() as uow:
            case_id = uow.cases.case_id_of(case_no)
            if case_id is None:
                raise NotFound(msg("没有编号为 {case_no} 的办件", case_no=case_no))
            held = [event.hash for event in uow.cases.events_of(case_id)]
        rows = self._sync.central().full_case(str(case_id), actor.username, purpose.strip())
        events = [event_from_fields(row) for row in rows]
        verify_chain(events)  # no payload masked: each is the one its digest covers
        if [event.hash for event in events[: len(held)]] != held:
            raise FullRecordMismatch(
                msg("中心的办件 {case_no} 全文与本机记录的哈希不符", case_no=case_no)
            )
        log.info("whole record of case %s read from the central by %s", case_no, actor.username)
        return Case.from_events(events)
