"""The ID-card reader in the counter window's status bar: connecting, ready (with the reader's
name) or unavailable (with why, and that the clerk can type instead); and, with the simulated
reader of a demo, the menu that places a demo card on it or lifts it off."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenuBar

from app.devices.idcard.session import ReaderBack, ReaderLost
from app.domain.messages import Message
from app.services.card_reader import DemoCards
from ui.card_reader import CardReaderBridge
from ui.labels import fill
from ui.messages import render


class ReaderStatus(QLabel):
    """Says what the reader's last event said about the reader itself."""

    def __init__(self, reader: CardReaderBridge) -> None:
        super().__init__(self.tr("读卡器：连接中……"))
        self.setObjectName("reader_state")
        reader.reader_ready.connect(self._reader_ready)
        reader.reader_lost.connect(self._reader_lost)
        match reader.state:
            case ReaderBack(name):
                self._reader_ready(name)
            case ReaderLost(message):
                self._reader_lost(message)

    def add_demo_menu(self, menu_bar: QMenuBar, demo: DemoCards) -> None:
        menu = menu_bar.addMenu(self.tr("模拟读卡器(&R)"))
        for number, (key, title) in enumerate(demo.titles.items(), start=1):
            action = QAction(fill(self.tr("放上：%1"), render(title)), menu)
            action.setShortcut(QKeySequence(f"Ctrl+Shift+{number}"))
            action.triggered.connect(lambda _=False, k=key: demo.place(k))
            menu.addAction(action)
        lift = QAction(self.tr("拿开证件"), menu)
        lift.setShortcut(QKeySequence("Ctrl+Shift+0"))
        lift.triggered.connect(demo.lift)
        menu.addAction(lift)

    def _reader_ready(self, name: str) -> None:
        self.setText(fill(self.tr("读卡器：就绪（%1）"), name))

    def _reader_lost(self, message: Message) -> None:
        self.setText(fill(self.tr("读卡器：不可用，可手工录入（%1）"), render(message)))
