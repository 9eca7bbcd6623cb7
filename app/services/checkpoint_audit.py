"""`verify` against the checkpoints the central signed: the part of the check that holds
against whoever holds this store (`app.domain.checkpoints` says what a checkpoint is).

Every checkpoint's signature is checked (cheap); the log is recomputed against the largest
one of each terminal only: the checkpoints are prefixes of one another, so when the largest
holds, every smaller one does. When it does not, the checkpoints are searched for the last
one that still holds, and the cases written between it and the first that fails are named:
a change, a deletion or a re-hash lies among them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from app.domain.checkpoints import Checkpoint
from app.domain.messages import Message, msg
from app.domain.sync import Direction
from app.storage.unit_of_work import UnitOfWork

#: Cases named one by one when a checkpoint fails; past this, a count.
NAMED = 20


def checkpoint_problems(uow: UnitOfWork) -> Iterator[tuple[str | None, Message, bool]]:
    """(case number or None, what is wrong, broken) for the checkpoints held."""
    held = uow.checkpoints.held()
    if not held:
        return
    for terminal, group in groupby(held, key=lambda c: c.terminal):
        checkpoints = list(group)
        keys = {c.key for c in checkpoints}
        if len(keys) > 1:
            yield (
                None,
                msg(
                    "终端 {terminal} 的检查点由{count}把不同的密钥签署：中心换过签名密钥，请向中心核实",
                    terminal=terminal,
                    count=len(keys),
                ),
                False,
            )
        genuine = []
        for checkpoint in checkpoints:
            if checkpoint.signature_holds():
                genuine.append(checkpoint)
            else:
                yield (
                    None,
                    msg(
                        "{at} 的检查点（终端 {terminal}，{size}条记录）签名不符：检查点被伪造或改动",
                        at=checkpoint.signed_at,
                        terminal=terminal,
                        size=checkpoint.size,
                    ),
                    True,
                )
        if genuine:
            yield from _log_problems(uow, genuine, log_leaves(uow, terminal))


def _log_problems(
    uow: UnitOfWork, checkpoints: Sequence[Checkpoint], leaves: Sequence[tuple[str, str]]
) -> Iterator[tuple[str | None, Message, bool]]:
    log = [item for _, item in leaves]

    def holds(checkpoint: Checkpoint) -> bool:
        return checkpoint.covers(log)

    if holds(checkpoints[-1]):
        return
    low, high = 0, len(checkpoints) - 1  # checkpoints[high] fails; find the first that fails
    while low < high:
        middle = (low + high) // 2
        if holds(checkpoints[middle]):
            low = middle + 1
        else:
            high = middle
    failing = checkpoints[high]
    start = checkpoints[high - 1].size if high else 0
    if failing.size > len(leaves):
        yield (
            None,
            msg(
                "中心 {at} 签署的检查点记有终端 {terminal} 的{size}条记录，本机只有{held}条：有记录被删除",
                at=failing.signed_at,
                terminal=failing.terminal,
                size=failing.size,
                held=len(leaves),
            ),
            True,
        )
    suspects = list(dict.fromkeys(case_id for case_id, _ in leaves[start : failing.size]))
    numbers = uow.cases.case_numbers(suspects[:NAMED])
    for case_id in suspects[:NAMED]:
        yield (
            numbers.get(case_id, case_id),
            msg(
                "与中心 {at} 签署的检查点不符：此件（或与它同批上传的办件）的记录在检查点之后被改动、删除或重新计算了哈希",
                at=failing.signed_at,
            ),
            True,
        )
    if len(suspects) > NAMED:
        yield (
            None,
            msg(
                "与中心 {at} 签署的检查点不符的同批办件还有{count}件",
                at=failing.signed_at,
                count=len(suspects) - NAMED,
            ),
            True,
        )


def anchored(uow: UnitOfWork, terminal: str) -> tuple[Checkpoint, set[str]] | None:
    """The largest genuine checkpoint of `terminal` held and its leaves, when this store's log
    still holds against it (`verify --central` then knows the central must hold them too)."""
    genuine = [c for c in uow.checkpoints.held() if c.terminal == terminal and c.signature_holds()]
    if not genuine:
        return None
    log = [item for _, item in log_leaves(uow, terminal)]
    if not genuine[-1].covers(log):
        return None
    return genuine[-1], set(log[: genuine[-1].size])


def log_leaves(uow: UnitOfWork, terminal: str) -> list[tuple[str, str]]:
    """The terminal's leaves here in the order written, less the events the central refused
    (what its checkpoints were signed over)."""
    refused = {q.event_id for q in uow.sync.quarantined() if q.direction is Direction.PUSH}
    return uow.checkpoints.own_leaves(terminal, refused)
