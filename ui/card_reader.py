"""The ID-card reader as the window sees it: events from the reader's thread, on the GUI thread.

`ReaderWorker` does all device I/O on its own thread and calls back from there; this bridge
turns each call into a queued Qt signal, so widgets are only ever touched on the GUI thread and
the window never waits on the reader.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from app.devices.idcard.photo import NoPhotoDecoder, PhotoDecoder
from app.devices.idcard.session import (
    CardEvent,
    CardFailed,
    CardLifted,
    CardRead,
    ReaderBack,
    ReaderLost,
)
from app.devices.idcard.transport import Transport
from app.devices.idcard.worker import ReaderWorker
from app.services.card_reader import DemoCards

log = logging.getLogger(__name__)


class CardReaderBridge(QObject):
    """Starts the reader's worker and re-emits its events as signals on the GUI thread."""

    card_read = Signal(object, object)  # IdCard, the decoded photo (bytes) or None
    card_failed = Signal(object)  # Message
    card_lifted = Signal()
    reader_ready = Signal(str)
    reader_lost = Signal(object)  # Message
    _event = Signal(object)

    def __init__(
        self,
        transport: Transport,
        photo_decoder: PhotoDecoder | None = None,
        demo_cards: DemoCards | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.transport = transport
        #: the simulated reader's cards, when this counter runs on one (a menu puts them down)
        self.demo_cards = demo_cards
        self._photo_decoder = photo_decoder or NoPhotoDecoder()
        self._event.connect(self._dispatch)
        self._worker = ReaderWorker(transport, self._on_worker_event)
        #: the latest ReaderBack or ReaderLost, for a window opened after it came
        self.state: ReaderBack | ReaderLost | None = None

    def start(self) -> None:
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()

    def _on_worker_event(self, event: CardEvent) -> None:
        """On the reader's thread: decode the photo there too (vendor decoders can be slow)."""
        photo = None
        if isinstance(event, CardRead):
            try:
                photo = self._photo_decoder.decode(event.card.photo)
            except Exception:  # vendor code: a photo is never worth losing the card for
                log.exception("the photo decoder failed; the card is shown without its photo")
        self._event.emit((event, photo))

    def _dispatch(self, delivery: tuple[CardEvent, bytes | None]) -> None:
        event, photo = delivery
        match event:
            case CardRead(card):
                self.card_read.emit(card, photo)
            case CardFailed(message):
                self.card_failed.emit(message)
            case CardLifted():
                self.card_lifted.emit()
            case ReaderBack(name):
                self.state = event
                self.reader_ready.emit(name)
            case ReaderLost(message):
                self.state = event
                log.warning("card reader lost: %s", message)  # str(): the Chinese text
                self.reader_lost.emit(message)
