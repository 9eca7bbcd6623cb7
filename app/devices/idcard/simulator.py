"""A reader without hardware, for the demo mode and the tests: it holds one of the demo cards.

`SimulatedTransport` answers SAM request frames the way a reader does — find 9F / 80, select
90 / 81, read 90 with the card's text and photo — for the card `place`d on it, until it is
`lift`ed. A card placed while another lies there is a new card: the first is lifted (the
next find comes back empty, as it does when a hand swaps cards on a real reader) and the new
one read. `unplug` and `plug_in` make it behave like a reader pulled out of its USB port, so
that the demo can show the status bar's "reader lost" too. The cards come from
`virtual_cards`: invented people, numbers with valid check characters.

Called from two threads (the worker exchanges, the menu places and lifts), so its state is
behind a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from app.devices.idcard import virtual_cards
from app.devices.idcard.errors import ReaderUnavailable
from app.devices.idcard.frame import Command, Reply, decode_request
from app.devices.idcard.status import ReaderStatus
from app.domain.identity import make_resident_id
from app.domain.messages import Message, msg

#: Key → label for the demo menu (and `onewindow card read --simulator KEY`); the holder's
#: name is the card's data, the kind of card is translated.
DEMO_CARDS: dict[str, Message] = {
    "resident": msg("居民身份证（{holder}）", holder="李文华"),
    "permit": msg("港澳台居民居住证（{holder}）", holder="陈嘉欣"),
    "foreign-2017": msg("外国人永久居留身份证2017版（{holder}）", holder="拉森"),
    "foreign-2023": msg("外国人永久居留身份证2023版（{holder}）", holder="白安娜"),
    "expired": msg("已过期的居民身份证（{holder}）", holder="王秀英"),
}

_TEXTS: dict[str, Callable[[], bytes]] = {
    "resident": virtual_cards.resident_card,
    "permit": virtual_cards.hk_macau_taiwan_permit,
    "foreign-2017": virtual_cards.foreign_permit_2017,
    "foreign-2023": virtual_cards.foreign_permit_2023,
    "expired": lambda: virtual_cards.resident_card(
        name="王秀英",
        gender="2",
        birth_date=date(1958, 9, 3),
        address="江苏省南京市玄武区示例路7号",
        number=make_resident_id("320102", date(1958, 9, 3), 124),
        issuing_authority="南京市公安局玄武分局",
        valid_from=date(2004, 5, 10),
        valid_to=date(2024, 5, 10),
    ),
}
#: A recognisable stand-in for the WLT photo (no decoder exists for real ones either).
DEMO_PHOTO = bytes(range(256)) * (virtual_cards.PHOTO_SIZE // 256)


class SimulatedTransport:
    """A reader holding one demo card, or none; implements `Transport`."""

    def __init__(self, card_key: str | None = None) -> None:
        self._lock = threading.Lock()
        self._text: bytes | None = None
        self._selected = False
        self._swapped = False  # a card was placed on another: the next find sees none
        self._plugged_in = True
        self._open = False
        if card_key is not None:
            self.place(card_key)

    @property
    def name(self) -> str:
        return "simulator"

    @property
    def is_open(self) -> bool:
        return self._open

    def place(self, card_key: str) -> None:
        """Put the demo card `card_key` (a key of `DEMO_CARDS`) on the reader; a card lying
        there is taken off first (lift and place), so the card placed is read."""
        if card_key not in _TEXTS:
            raise ValueError(f"没有演示证件“{card_key}”，可选：{'、'.join(DEMO_CARDS)}")
        text = _TEXTS[card_key]()
        with self._lock:
            self._swapped = self._text is not None
            self._text, self._selected = text, False

    def lift(self) -> None:
        """Take the card off the reader."""
        with self._lock:
            self._text, self._selected, self._swapped = None, False, False

    def unplug(self) -> None:
        """Behave like a reader pulled out: every call raises ReaderUnavailable."""
        with self._lock:
            self._plugged_in = False
            self._open = False

    def plug_in(self) -> None:
        """The reader is back; it still has to be opened."""
        with self._lock:
            self._plugged_in = True

    def open(self) -> None:
        with self._lock:
            self._check_plugged_in()
            self._open = True

    def close(self) -> None:
        with self._lock:
            self._open = False

    def exchange(self, request: bytes, timeout: float) -> Reply:
        received = decode_request(request)
        command = (received.command << 8) | received.parameter
        with self._lock:
            self._check_plugged_in()
            if not self._open:
                raise ReaderUnavailable(msg("模拟读卡器尚未打开"))
            return self._answer(command)

    def _answer(self, command: int) -> Reply:
        if command == Command.FIND_CARD:
            found = self._text is not None and not self._swapped
            self._swapped = False
            return _reply(ReaderStatus.CARD_FOUND if found else ReaderStatus.FIND_FAILED)
        if command == Command.SELECT_CARD:
            self._selected = self._text is not None
            return _reply(ReaderStatus.SUCCESS if self._selected else ReaderStatus.SELECT_FAILED)
        if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
            if self._text is None or not self._selected:
                return _reply(ReaderStatus.READ_FAILED)
            fingerprint = b"" if command == Command.READ_TEXT_PHOTO_FINGERPRINT else None
            return _reply(
                ReaderStatus.SUCCESS, virtual_cards.read_body(self._text, DEMO_PHOTO, fingerprint)
            )
        if command == Command.READ_NEW_ADDRESS:
            return _reply(ReaderStatus.NO_CONTENT)
        if command in (Command.RESET_SAM, Command.SAM_STATUS, Command.SAM_ID):
            return _reply(ReaderStatus.SUCCESS)
        return _reply(ReaderStatus.BAD_COMMAND)

    def _check_plugged_in(self) -> None:
        if not self._plugged_in:
            raise ReaderUnavailable(msg("模拟读卡器已拔出：请插回读卡器，或先手工录入"))


def _reply(status: ReaderStatus, data: bytes = b"") -> Reply:
    return Reply(0x00, 0x00, int(status), data)
