"""Events of a case (办件环节记录): the only record of what happened, chained by hashes.

An event is never changed once written. Each carries the hash of the case's previous event,
so removing, reordering or editing one breaks the chain that `verify_chain` checks.

Two ways of hashing, told apart by `digest`, both kept for good: an event written before
version 2 (no digest) is hashed over its head and its payload text; one written since over its
head and the SHA-256 of its payload text (`digest`). So a counter may hold another
department's receipt masked (the central serves it so, issue 14 §5) with its digest and still
check the chain, and the signed checkpoints over the hashes still hold.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from json.encoder import encode_basestring
from operator import itemgetter
from typing import Any
from uuid import UUID

from app.domain.event_data import EventData, EventKind, UnknownEvent, decode, decode_receipt
from app.domain.masked_copies import is_masked_copy, is_masked_payload
from app.domain.messages import Message, MessageError, msg

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
    "digest",
)
#: The kinds whose payload names a person (ID numbers, phones): what the central may serve
#: masked to a counter outside the case's department.
MASKABLE_KINDS = frozenset({EventKind.RECEIVED})


#: Each kind in words, defined once: the window translates these, the command line uses str().
EVENT_TITLES: dict[EventKind, Message] = {
    EventKind.RECEIVED: msg("接件", "event"),
    EventKind.ACCEPTED: msg("受理", "event"),
    EventKind.CORRECTION_REQUESTED: msg("一次性补正告知", "event"),
    EventKind.MATERIALS_SUPPLEMENTED: msg("补齐材料", "event"),
    EventKind.REFUSED: msg("不予受理", "event"),
    EventKind.STEP_COMPLETED: msg("环节办理完成", "event"),
    EventKind.RETURNED: msg("退回", "event"),
    EventKind.SUSPENDED: msg("暂停计时", "event"),
    EventKind.RESUMED: msg("恢复计时", "event"),
    EventKind.EXTENDED: msg("延长期限", "event"),
    EventKind.DECIDED: msg("作出决定", "event"),
    EventKind.ISSUED: msg("发证办结", "event"),
    EventKind.PICKED_UP: msg("取件", "event"),
    EventKind.WITHDRAWN: msg("撤回", "event"),
    EventKind.REPORTED_UP: msg("上报上级中心", "event"),
}


def event_title(data: EventData) -> Message:
    """The event's kind in words; one this version cannot read says so, with why."""
    if isinstance(data, UnknownEvent):
        return msg("无法识别的记录“{kind}”：{reason}", kind=data.kind, reason=data.reason)
    return EVENT_TITLES[data.kind]


@dataclass(frozen=True)
class Event:
    """One recorded step of a case, by whom, where and when; `data` is what it records."""

    id: UUID
    case_id: UUID
    position: int
    data: EventData
    actor: str
    window: str
    terminal: str
    at: datetime
    prev_hash: str
    hash: str
    #: The payload as canonical JSON: what is stored, sent and hashed (derived when not given).
    payload_json: str = field(default="", repr=False, compare=False)
    #: SHA-256 of the full payload text, which the hash covers in its place; "" for an event
    #: hashed over its payload (written before version 2). A payload held masked does not
    #: match it.
    digest: str = ""
    #: The canonical head as a stored row holds it, when its texts are byte for byte the
    #: canonical ones (`stored_head`): hashed as it stands; "" when it is to be written out.
    stored_head: str = field(default="", repr=False, compare=False)
    #: Set by `event_from_fields` alone, never copied by `replace` (a changed copy derives
    #: them again): the row's fields in `EVENT_FIELDS` order when its texts are the
    #: canonical ones (as `stored_head`), so that storing the event writes them as they
    #: stand; and, for a receipt, whether its payload is a masked copy (`is_masked_copy`),
    #: found from the parse that decoded it (None: not looked at).
    stored_row: tuple[object, ...] = field(default=(), init=False, repr=False, compare=False)
    masked_copy: bool | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.payload_json:
            object.__setattr__(self, "payload_json", canonical_json(self.data.to_payload()))

    @property
    def kind(self) -> str:
        """The kind as stored: an `EventKind`, or the text of a kind this version does not know."""
        return self.data.kind

    @property
    def payload(self) -> Any:
        """The payload as stored, parsed: to show an event raw or to test its encoding; code
        that acts on an event reads `data`."""
        return self.data.to_payload()

    def head(self) -> dict[str, Any]:
        """Every hashed field but the payload, in a JSON-safe form stable across machines."""
        return {
            "id": str(self.id),
            "case_id": str(self.case_id),
            "position": self.position,
            "kind": str(self.kind),
            "actor": self.actor,
            "window": self.window,
            "terminal": self.terminal,
            "at": self.at.isoformat(timespec="microseconds"),
            "prev_hash": self.prev_hash,
        }

    def computed_hash(self) -> str:
        """SHA-256 over the canonical head followed by the payload's digest (version 2), or by
        the canonical payload itself (an event without a digest)."""
        head = self.stored_head or canonical_head(self.head())
        canonical = head + (self.digest or self.payload_json)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def masked(self) -> bool:
        """The payload held is not the one hashed: a masked copy (or a changed one)."""
        return bool(self.digest) and payload_digest(self.payload_json) != self.digest


def payload_digest(payload_json: str) -> str:
    """What a version 2 hash covers of the payload: its SHA-256, in hex."""
    return hashlib.sha256(payload_json.encode("utf-8")).hexdigest()


#: The head's text fields: what `canonical_head` writes as JSON strings, in its order.
HEAD_TEXTS = ("actor", "at", "case_id", "id", "kind", "prev_hash", "terminal", "window")
_head_texts = itemgetter(*HEAD_TEXTS)


def canonical_head(head: dict[str, Any]) -> str:
    """`canonical_json(head)`, written out field by field with the encoder's own string
    escaping (`encode_basestring`, what `ensure_ascii=False` uses): hashing is most of
    `verify`, and the generic encoder was two thirds of the hashing. A field of another type
    (a tampered row can hold anything) goes the generic way."""
    texts = _head_texts(head)
    if type(head["position"]) is not int or set(map(type, texts)) != {str}:
        return canonical_json(head)
    return _written_head(texts, head["position"])


def _written_head(texts: tuple[str, ...], position: int) -> str:
    """The canonical head of the `HEAD_TEXTS` (all of them text) and the position."""
    actor, at, case_id, id_, kind, prev_hash, terminal, window = map(encode_basestring, texts)
    return (
        f'{{"actor":{actor},"at":{at},"case_id":{case_id},"id":{id_},"kind":{kind},'
        f'"position":{position},"prev_hash":{prev_hash},"terminal":{terminal},'
        f'"window":{window}}}'
    )


#: One encoder for every canonical text (`json.dumps` with these arguments builds a new one
#: per call).
CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    return CANONICAL.encode(value)


#: A stored id or time that `head()` writes back exactly as it stands: a UUID in lower case;
#: a time with microseconds and an offset in hours and minutes ("-00:00" reads back as
#: "+00:00"). Whether it is a valid time at all, parsing the row says.
_CANONICAL_ID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_CANONICAL_AT = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(?!-00:00)[+-]\d\d:\d\d"
_ID_LENGTH = 36
#: The id, the case's id and the time, one after the other (each id of `_ID_LENGTH`): one
#: match for the three.
_CANONICAL = re.compile(_CANONICAL_ID * 2 + _CANONICAL_AT)


def stored_head(texts: tuple[Any, ...], position: int) -> str:
    """The canonical head of a stored row written from its stored `HEAD_TEXTS`, when they
    are the canonical texts themselves (then it is `canonical_head(event.head())` byte for
    byte, and `verify` hashes the row without turning its id and time back into text); ""
    when one is not (an id in capitals, a tampered type): the head is then written out from
    the parsed event, as before."""
    _, at, case_id, id_, *_ = texts
    try:  # a field of another type (a tampered row) raises TypeError, in len() or encoding
        canonical = len(id_) == len(case_id) == _ID_LENGTH and _CANONICAL.fullmatch(
            id_ + case_id + at
        )
        return _written_head(texts, position) if canonical else ""
    except TypeError:
        return ""


#: A case's events are read together: its id is parsed once, not once per event.
_case_uuid = lru_cache(maxsize=256)(UUID)
#: The stored fields of an event but its digest, which a row of an older store may lack.
_STORED = itemgetter(*EVENT_FIELDS[:-1])
_new = object.__new__


def event_from_fields(fields: Mapping[str, Any]) -> Event:
    """The event of a stored row (local, or pulled from the central), by field name."""
    return event_from_row((*_STORED(fields), fields.get("digest")))


def event_from_row(row: Sequence[Any]) -> Event:
    """The event of a stored row whose fields are in `EVENT_FIELDS` order, as a query of
    those columns gives them (`verify` reads every row of the store so)."""
    id_, case_id, position, kind, payload, actor, window, terminal, at, prev_hash, hash_, digest = (
        row
    )
    position = int(position)
    head_texts = (actor, at, case_id, id_, kind, prev_hash, terminal, window)
    head = stored_head(head_texts, position)
    data, masked_copy = _decoded(str(kind), str(payload))
    # `Event(...)` sets each field through the frozen dataclass's `object.__setattr__`, a
    # tenth of reading a row: the fields are set at once here, then `__post_init__` as there
    event = _new(Event)
    vars(event).update(
        id=UUID(str(id_)),
        case_id=_case_uuid(str(case_id)),
        position=position,
        data=data,
        actor=actor,
        window=window,
        terminal=terminal,
        at=datetime.fromisoformat(at),
        prev_hash=prev_hash,
        hash=hash_,
        payload_json=payload,
        digest=digest or "",
        stored_head=head,
        masked_copy=masked_copy,
    )
    event.__post_init__()
    if head:  # the id, case id, time and kind stand as they are written back
        written = (id_, case_id, position, kind, event.payload_json, actor, window, terminal)
        vars(event)["stored_row"] = (*written, at, prev_hash, hash_, event.digest)
    return event


def _decoded(kind: str, payload_json: str) -> tuple[EventData, bool | None]:
    """`decode`, and for a receipt whether its payload is a masked copy, from one parse: a
    counter holds most other terminals' receipts masked, and a receipt is the longest JSON."""
    if kind != EventKind.RECEIVED:
        return decode(kind, payload_json), None
    data, parsed = decode_receipt(payload_json)
    return data, is_masked_payload(parsed)


def new_event(
    *,
    id: UUID,
    case_id: UUID,
    position: int,
    data: EventData,
    actor: str,
    window: str,
    terminal: str,
    at: datetime,
    prev_hash: str,
) -> Event:
    """Build an event with its digest and hash (version 2); `at` must carry a time zone."""
    if at.tzinfo is None:
        raise ValueError("event time must carry a time zone")
    event = Event(id, case_id, position, data, actor, window, terminal, at, prev_hash, "")
    object.__setattr__(event, "digest", payload_digest(event.payload_json))
    # the hash covers every other field, so it is the last one set, once, here
    object.__setattr__(event, "hash", event.computed_hash())
    return event


class ChainError(MessageError, ValueError):
    """A case's events do not form an unbroken hash chain."""


def verify_chain(
    events: Sequence[Event], *, decoded_from_payload: bool = False, own_terminal: str | None = None
) -> None:
    """Raise ChainError naming the first broken link of one case's events.

    `decoded_from_payload`: every event's `data` was decoded from its `payload_json` (events
    read from a store): the check that the two agree holds by construction and is skipped —
    half the cost of `verify`.

    `own_terminal`: the terminal whose store holds these events. A version 2 event's payload
    must match its digest, except a receipt of another terminal held masked (`masked`): its
    head and digest are checked, and that it is a masked copy (`is_masked_copy`), not the
    payload, which the central masked. Without
    `own_terminal` no payload may be masked; an event of `own_terminal` never is (its writer
    holds it whole), so a payload changed here is not passed off as masked."""
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
        if event.computed_hash() != event.hash or not _payload_holds(
            event, decoded_from_payload, own_terminal
        ):
            raise ChainError(
                msg(
                    "第{position}条记录（{kind}）的内容与哈希不符，可能被改动",
                    position=event.position,
                    kind=str(event.kind),
                )
            )
        previous = event.hash


def _payload_holds(event: Event, decoded_from_payload: bool, own_terminal: str | None) -> bool:
    """The payload is the one hashed (and `data` is what it decodes to), or a masked copy
    this store may hold."""
    if event.masked:
        return (
            own_terminal is not None
            and event.terminal != own_terminal
            and event.kind in MASKABLE_KINDS
            and (
                is_masked_copy(event.payload_json)
                if event.masked_copy is None
                else event.masked_copy
            )
        )
    # the state is folded from `data`, the hash covers `payload_json`: both must agree
    return decoded_from_payload or event.data == decode(event.kind, event.payload_json)
