"""The audit trail as the audit screen and `onewindow audit list` search it: the whole
center's, from the central, when this counter reaches it; else this terminal's own, and the
answer says which.

From the central, row-level security gives the center's own entries (and the central's, the
publications); those written here and not yet pushed are added from this store, so that a
change made a moment ago is there either way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.central.errors import CentralError
from app.domain.audit import AuditEntry, AuditQuery
from app.domain.messages import Message, msg
from app.domain.roles import Actor, Permission
from app.services.audit import AuditTrail
from app.services.sync import SyncService


@dataclass(frozen=True)
class AuditFindings:
    """One page of entries, newest first, and where they come from, in words."""

    entries: list[AuditEntry]
    source: Message
    whole_center: bool


class AuditSearch:
    def __init__(self, trail: AuditTrail, sync: SyncService) -> None:
        self._trail = trail
        self._sync = sync

    def search(self, actor: Actor, query: AuditQuery) -> AuditFindings:
        """The page `query` asks for (its `offset` and `limit`). Through the sync service's
        link to the central: call it on the thread that syncs (the window's sync worker)."""
        actor.require(Permission.VIEW_ALL_CASES, msg("查看操作日志"))
        return self.gather(query)

    def gather(self, query: AuditQuery) -> AuditFindings:
        """`search` for a service that has checked its own permission (attendance)."""
        first = replace(query, offset=0, limit=query.offset + query.limit)
        local = self._trail.read(first)
        if not self._sync.configured:
            return AuditFindings(
                _page(local, query), msg("本终端的操作日志（未设置中心数据库）"), False
            )
        try:
            central = self._sync.central().audit_entries(first)
        except CentralError as error:
            source = msg("本终端的操作日志（未连接中心：{reason}）", reason=error.message)
            return AuditFindings(_page(local, query), source, False)
        merged = {entry.id: entry for entry in [*central, *local]}
        newest_first = sorted(merged.values(), key=lambda entry: entry.at, reverse=True)
        return AuditFindings(
            _page(newest_first, query), msg("本中心各终端的操作日志（中心数据库）"), True
        )


def _page(entries: list[AuditEntry], query: AuditQuery) -> list[AuditEntry]:
    return entries[query.offset : query.offset + query.limit]
