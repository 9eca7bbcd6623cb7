"""The error states a counter shows, brought about for real, for the English walk.

Each state goes through the code a counter runs: the card reader's worker meets a reader
pulled out, one held by another program (PC/SC's sharing violation) and a reply that is not a
frame; the sync worker meets a central on a loopback port where nothing listens; the printer
desk prints to a network printer on such a port, and the slip waits in the reprint queue.
After each, `look` reads what the window shows.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.bootstrap import Services
from app.devices.idcard import pcsc
from app.devices.idcard.frame import Reply, decode_reply
from app.devices.idcard.simulator import SimulatedTransport
from ui.card_reader import CardReaderBridge
from ui.counter_window import CounterWindow

from .conftest import wait_idle

_SHARING_VIOLATION = 0x8010000B


class FaultyReader(SimulatedTransport):
    """The simulated reader, which can also be busy elsewhere or answer with noise."""

    busy = False
    garbled = False

    def open(self) -> None:
        self._refuse_if_busy()
        super().open()

    def exchange(self, request: bytes, timeout: float) -> Reply:
        self._refuse_if_busy()
        if self.garbled:
            return decode_reply(b"line noise")  # FrameError: no preamble
        return super().exchange(request, timeout)

    def _refuse_if_busy(self) -> None:
        if self.busy:
            raise pcsc._reader_error(_PcscError(_SHARING_VIOLATION), "ACS ACR39U")


class _PcscError(Exception):
    """What pyscard raises, reduced to the code `pcsc` reads."""

    def __init__(self, hresult: int) -> None:
        super().__init__(f"0x{hresult:08X}")
        self.hresult = hresult


def closed_port() -> int:
    """A loopback port where nothing listens (bound once, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def walk_reader_errors(
    qtbot,  # noqa: ANN001
    window: CounterWindow,
    bridge: CardReaderBridge,
    look: Callable[..., None],
) -> None:
    """Unplugged, busy, a bad frame, a card with a warning: each as the window shows it."""
    reader = bridge.transport
    assert isinstance(reader, FaultyReader)
    reader.lift()  # a card still lying there would be read again when the reader is back
    with qtbot.waitSignal(bridge.reader_lost, timeout=5000):
        reader.unplug()
    look(window)
    with qtbot.waitSignal(bridge.reader_ready, timeout=5000):
        reader.plug_in()
    with qtbot.waitSignal(bridge.reader_lost, timeout=5000):
        reader.busy = True
    look(window)
    with qtbot.waitSignal(bridge.reader_ready, timeout=5000):
        reader.busy = False
    with qtbot.waitSignal(bridge.card_failed, timeout=5000):
        reader.garbled = True
    look(window)
    reader.place("resident")  # the card the noise came from, still lying there
    reader.garbled = False
    with qtbot.waitSignal(bridge.card_read, timeout=5000) as read:  # checked by shape only
        reader.place("foreign-2017")  # swapped: the reader sees it as a new card
    assert read.args[0].problems
    look(window)
    reader.lift()
    window.intake.clear()


def walk_central_and_printer_errors(
    qtbot,  # noqa: ANN001
    window: CounterWindow,
    services: Services,
    case_no: str,
    look: Callable[..., None],
) -> QWidget:
    """The central unreachable, a printer refusing the connection and the slip it did not
    print waiting in the reprint queue; the queue is returned for the caller to close."""
    services.settings.update({"central_url": f"postgresql://counter@127.0.0.1:{closed_port()}/ow"})
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.sync.status is not None and window.sync.status.problem)
    look(window)
    services.settings.update({"printer": f"tcp:127.0.0.1:{closed_port()}"})
    window.printer.print_default_slip(case_no)
    wait_idle(qtbot, window.printer._work)
    look(window)
    window.printer.open_queue()
    wait_idle(qtbot, window.printer._work)
    queue = window.printer.queue
    assert queue is not None and queue.table.rowCount() == 1
    look(queue)
    return queue
