"""What a round of sync did, in words for the window, the command line and the log."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.messages import Clauses, Message, msg
from app.domain.sync import OUTCOME_TITLES, PushOutcome, SyncStatus


@dataclass
class SyncReport:
    """What one round of sync did."""

    outcomes: dict[PushOutcome, int] = field(default_factory=dict)
    pulled: int = 0
    held_back: int = 0  # pulled events that do not fit the cases held here
    items: int = 0  # the catalog the central published, adopted (how many items)
    years: list[int] = field(default_factory=list)  # holiday schedules adopted
    refused: list[Message] = field(default_factory=list)  # not adopted or not accepted, why
    audit: int = 0  # audit entries the central took
    directory: int = 0  # staff, window and center setting events of other terminals taken in
    leave: int = 0  # leave events the central took
    leave_pulled: int = 0  # leave events of the other counters brought down
    tickets: int = 0  # queue ticket events the central took
    tickets_pulled: int = 0  # ticket events of the other terminals brought down
    leased: int = 0  # blocks of ticket numbers leased ahead
    refusals: int = 0  # staff, window and leave changes of this counter the central refused

    @property
    def pushed(self) -> int:
        return sum(self.outcomes.values())

    def words(self) -> Message:
        """What the round did; `str()` for the command line and the log."""
        parts = [
            msg("{outcome} {count} 条", outcome=OUTCOME_TITLES[o], count=n)
            for o, n in self.outcomes.items()
            if n
        ]
        if self.audit:
            parts.append(msg("上传操作日志 {count} 条", count=self.audit))
        if self.leave:
            parts.append(msg("上传请假记录 {count} 条", count=self.leave))
        if self.leave_pulled:
            parts.append(msg("取回请假记录 {count} 条", count=self.leave_pulled))
        if self.tickets or self.tickets_pulled:
            parts.append(
                msg(
                    "取号记录上传 {sent} 条、取回 {pulled} 条",
                    sent=self.tickets,
                    pulled=self.tickets_pulled,
                )
            )
        if self.pulled:
            parts.append(msg("从中心取回 {count} 条", count=self.pulled))
        if self.directory:
            parts.append(msg("人员、窗口和中心设置更新 {count} 条", count=self.directory))
        if self.held_back:
            parts.append(msg("{count} 条与本机记录冲突，已隔离", count=self.held_back))
        if self.items:
            parts.append(msg("事项清单已更新（{count} 个事项）", count=self.items))
        parts += [msg("{year}年节假日安排已更新", year=year) for year in self.years]
        parts += self.refused
        if not parts:
            return msg("没有需要同步的记录")
        return msg("{parts}", parts=Clauses(tuple(parts)))


@dataclass(frozen=True)
class SyncRound:
    status: SyncStatus
    pulled: int  # events of other terminals that came down in this round
    directory: int = 0  # staff, window and center setting events of other terminals taken in
    refused: tuple[Message, ...] = ()  # what the central did not take, in its words
    refusals: int = 0  # changes of this counter refused, readable (`SyncService.refusals`)
