"""The counter's ID-card reader as its settings name it: the transport to read it through
(not yet opened: the window's reader thread or `onewindow card read` opens it), the photo
decoder, and, on a demo counter, the simulated reader's cards for its menu.

The composition root (`app.bootstrap`) hands in the factories; nothing here builds a device.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from app.devices.idcard.errors import PhotoDecoderError
from app.devices.idcard.photo import NoPhotoDecoder, PhotoDecoder
from app.devices.idcard.session import CardSession, NoCard
from app.devices.idcard.simulator import DEMO_CARDS, SimulatedTransport
from app.devices.idcard.transport import Transport
from app.domain.messages import Message, msg
from app.settings import Settings

log = logging.getLogger(__name__)
#: The transport a `card_reader` setting names, not opened; None for `none`.
TransportOpener = Callable[[str], Transport | None]


@dataclass(frozen=True)
class DemoCards:
    """The simulated reader's cards: their titles by key, and putting one down or lifting it."""

    titles: dict[str, Message]
    place: Callable[[str], None]
    lift: Callable[[], None]


class CardReaderService:
    """Which reader this counter reads ID cards with, and how its photos are decoded."""

    def __init__(
        self,
        settings: Settings,
        open_transport: TransportOpener,
        load_decoder: Callable[[str], PhotoDecoder],
        simulated: Callable[[str | None], SimulatedTransport],
    ) -> None:
        self._settings = settings
        self._open_transport = open_transport
        self._load_decoder = load_decoder
        self._simulated = simulated

    def transport(self, setting: str | None = None) -> Transport | None:
        """The transport of `setting` (the counter's own by default); None for `none`."""
        return self._open_transport(self._settings["card_reader"] if setting is None else setting)

    def try_read(self, setting: str) -> Message:
        """Read the card on the reader `setting` names once, for the settings' test button:
        what came of it in words (never what the card holds); CardReaderError (in words)
        when the reader cannot be opened or answers wrongly."""
        transport = self._open_transport(setting)
        if transport is None:
            return msg("设置为不使用读卡器")
        transport.open()
        try:
            CardSession(transport).read_card()
        except NoCard:
            return msg(
                "读卡器 {reader} 已连接，上面没有证件：放上一张身份证再试", reader=transport.name
            )
        finally:
            transport.close()
        return msg("读卡器 {reader} 工作正常：已读到证件", reader=transport.name)

    def simulated(self, card_key: str) -> Transport:
        """The simulated reader with the demo card `card_key` on it."""
        return self._simulated(card_key)

    def photo_decoder(self) -> PhotoDecoder:
        """The configured decoder; one that cannot be loaded is logged, and cards are read
        without their photo."""
        try:
            return self._load_decoder(self._settings["photo_decoder"])
        except PhotoDecoderError as error:
            log.warning("%s", error)
            return NoPhotoDecoder()

    @staticmethod
    def demo_cards(transport: Transport) -> DemoCards | None:
        """The demo cards of a simulated reader (for the window's menu); None for a real one."""
        if isinstance(transport, SimulatedTransport):
            return DemoCards(DEMO_CARDS, transport.place, transport.lift)
        return None
