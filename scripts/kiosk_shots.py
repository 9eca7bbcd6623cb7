"""The kiosk's screenshots for the README (`scripts/screenshots.py kiosk`): the start, the
items after a card, the confirmation, the number, the printer out of paper, in Chinese and
after the one touch to English; named after the screen's size (`kiosk-1024x768-items.png`).

    for size in 1024x768 1920x1080; do
        xvfb-run -a -s "-screen 0 ${size}x24" .venv/bin/python scripts/screenshots.py kiosk
    done
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from app.bootstrap import Services
from app.devices.idcard.records import parse_card
from app.devices.idcard.virtual_cards import PHOTO_SIZE, read_body, resident_card
from app.devices.printer.simulator import SimulatedState
from ui.kiosk_session import KioskSession
from ui.operations import Workers

CARD = read_body(resident_card(name="张晓燕", gender="2"), bytes(PHOTO_SIZE))


def shoot_kiosk(
    app: QApplication,
    services: Services,
    workers: Workers,
    shoot: Callable[[QApplication, str], None],
    wait_for: Callable[[QApplication, Callable[[], object]], None],
) -> None:
    size = app.primaryScreen().size()
    prefix = f"kiosk-{size.width()}x{size.height()}"
    services.settings.set("terminal_role", "kiosk")
    session = KioskSession(services, workers, None)
    window = session.start()
    window.start.reader_missing(False)  # the demo has a reader: the card prompt
    shoot(app, f"{prefix}-start")
    window.take_card(parse_card(CARD, False))
    wait_for(app, lambda: window.items.items.count() > 1)
    shoot(app, f"{prefix}-items")
    window.items.by_department.click()
    shoot(app, f"{prefix}-departments")
    window.items.by_letters.click()
    window.items.search.setText("yyzz")
    entry = window.items.items.item(0)
    window.items.items.itemClicked.emit(entry)
    shoot(app, f"{prefix}-confirm")
    window.confirm.confirm.click()
    wait_for(app, lambda: window.pages.currentWidget() is window.done)
    shoot(app, f"{prefix}-number")
    services.printing.simulate(SimulatedState.PAPER_OUT)
    window.reset()
    window.take_card(parse_card(CARD, False))
    window.items.search.setText("yyzz")
    window.items.items.itemClicked.emit(window.items.items.item(0))
    window.confirm.confirm.click()
    wait_for(app, lambda: window.pages.currentWidget() is window.done)
    shoot(app, f"{prefix}-paper_out")
    services.printing.simulate(SimulatedState.READY)
    window.reset()
    session.switch_language("en")
    assert session.window is not None
    session.window.take_card(parse_card(CARD, False))
    wait_for(app, lambda: session.window is not None and session.window.items.items.count() > 1)
    shoot(app, f"{prefix}-items_en")
    session.quit()
