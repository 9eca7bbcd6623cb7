"""Events of a case (办件环节记录): the only record of what happened, chained by hashes.

An event is never changed once written. Each carries the hash of the case's previous event,
so removing, reordering or editing one breaks the chain that `verify_chain` checks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any
from uuid import UUID

from app.domain.messages import MessageError, msg

#: China Standard Time has no daylight saving: one fixed offset serves every center.
CHINA_TIME = timezone(timedelta(hours=8), "CST")
GENESIS_HASH = "0" * 64
#: An event's stored fields, in the order the local store and the central both use.
EVENT_FIELDS = (
    "id",
    "case_id",
    "position",
    "kind",
    "payload",
    "actor",
    "window",
    "terminal",
    "at",
    "prev_hash",
    "hash",
)


class EventKind(StrEnum):
    RECEIVED = "received"  # 接件
    ACCEPTED = "accepted"  # 受理
    CORRECTION_REQUESTED = "correction_requested"  # 补正告知
    MATERIALS_SUPPLEMENTED = "materials_supplemented"  # 补齐材料
    REFUSED = "refused"  # 不予受理
    STEP_COMPLETED = "step_completed"  # 环节办理完成
    RETURNED = "returned"  # 退回上一环节
    SUSPENDED = "suspended"  # 特别程序，暂停计时
    RESUMED = "resumed"  # 恢复计时
    EXTENDED = "extended"  # 延长期限
    DECIDED = "decided"  # 作出决定
    ISSUED = "issued"  # 发证/办结
    PICKED_UP = "picked_up"  # 取件
    WITHDRAWN = "withdrawn"  # 撤回


#: The kinds in Chinese, as the command line prints them (the window translates its own).
EVENT_TITLES: dict[EventKind, str] = {
    EventKind.RECEIVED: "接件",
    EventKind.ACCEPTED: "受理",
    EventKind.CORRECTION_REQUESTED: "一次性补正告知",
    EventKind.MATERIALS_SUPPLEMENTED: "补齐材料",
    EventKind.REFUSED: "不予受理",
    EventKind.STEP_COMPLETED: "环节办理完成",
    EventKind.RETURNED: "退回",
    EventKind.SUSPENDED: "暂停计时",
    EventKind.RESUMED: "恢复计时",
    EventKind.EXTENDED: "延长期限",
    EventKind.DECIDED: "作出决定",
    EventKind.ISSUED: "发证办结",
    EventKind.PICKED_UP: "取件",
    EventKind.WITHDRAWN: "撤回",
}


@dataclass(frozen=True)
class Event:
    """One recorded step of a case, by whom, where and when."""

    id: UUID
    case_id: UUID
    position: int
    kind: EventKind
    payload: Mapping[str, Any]
    actor: str
    window: str
    terminal: str
    at: datetime
    prev_hash: str
    hash: str
    #: The payload as canonical JSON: what is stored, sent and hashed (derived when not given).
    payload_json: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.payload_json:
            object.__setattr__(self, "payload_json", canonical_json(self.payload))

    def head(self) -> dict[str, Any]:
        """Every hashed field but the payload, in a JSON-safe form stable across machines."""
        return {
            "id": str(self.id),
            "case_id": str(self.case_id),
            "position": self.position,
            "kind": self.kind.value,
            "actor": self.actor,
            "window": self.window,
            "terminal": self.terminal,
            "at": self.at.isoformat(timespec="microseconds"),
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        """SHA-256 over the canonical head followed by the canonical payload."""
        canonical = canonical_json(self.head()) + self.payload_json
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_from_fields(fields: Mapping[str, Any]) -> Event:
    """The event of a stored row (local, or pulled from the central)."""
    return Event(
        id=UUID(str(fields["id"])),
        case_id=UUID(str(fields["case_id"])),
        position=int(fields["position"]),
        kind=EventKind(fields["kind"]),
        payload=json.loads(fields["payload"]),
        actor=fields["actor"],
        window=fields["window"],
        terminal=fields["terminal"],
        at=datetime.fromisoformat(fields["at"]),
        prev_hash=fields["prev_hash"],
        hash=fields["hash"],
        payload_json=fields["payload"],
    )


def new_event(
    *,
    id: UUID,
    case_id: UUID,
    position: int,
    kind: EventKind,
    payload: Mapping[str, Any],
    actor: str,
    window: str,
    terminal: str,
    at: datetime,
    prev_hash: str,
) -> Event:
    """Build an event with its hash; `at` must carry a time zone."""
    if at.tzinfo is None:
        raise ValueError("event time must carry a time zone")
    payload_json = canonical_json(payload)
    event = Event(
        id,
        case_id,
        position,
        kind,
        payload,
        actor,
        window,
        terminal,
        at,
        prev_hash,
        "",
        payload_json,
    )
    # the hash covers every other field, so it is the last one set, once, here
    object.__setattr__(event, "hash", event.computed_hash())
    return event


class ChainError(MessageError, ValueError):
    """A case's events do not form an unbroken hash chain."""


def verify_chain(events: Sequence[Event]) -> None:
    """Raise ChainError naming the first broken link of one case's events."""
    previous = GENESIS_HASH
    for expected_position, event in enumerate(events, start=1):
        if event.position != expected_position:
            raise ChainError(
                msg(
                    "第{expected}条记录缺失或顺序错乱（实际为第{actual}条）",
                    expected=expected_position,
                    actual=event.position,
                )
            )
        if event.prev_hash != previous:
            raise ChainError(
                msg("第{position}条记录与上一条记录的哈希不相连", position=event.position)
            )
        # the state is folded from `payload`, the hash covers `payload_json`: both must agree
        if (
            event.computed_hash() != event.hash
            or canonical_json(event.payload) != event.payload_json
        ):
            raise ChainError(
                msg(
                    "第{position}条记录（{kind}）的内容与哈希不符，可能被改动",
                    position=event.position,
                    kind=event.kind.value,
                )
            )
        previous = event.hash
