"""The self-service kiosk's screen (自助终端): full screen, no frame, no menu, touch only.

The applicant's path: place the ID card (or, with no reader, type the number) → the masked
name → find the item → what to bring and where → confirm → the case received, the number
and the slip. The kiosk then forgets them: after the slip, after the idle seconds, or when
the card is lifted mid-way, every page is emptied and the visitor dropped. A printer in
trouble never loses the applicant: the number stays large on the screen with the reason,
and the slip waits in the reprint queue.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.devices.idcard.records import IdCard
from app.devices.idcard.session import ReaderLost
from app.domain.catalog import Item
from app.domain.kiosk import KioskRefused, Visitor
from app.domain.messages import Message
from app.domain.roles import Actor
from app.services.kiosk import CheckIn
from ui.card_reader import CardReaderBridge
from ui.kiosk_guard import KioskGuard
from ui.kiosk_keys import touch_button
from ui.kiosk_maintenance import MaintenanceDialog
from ui.kiosk_pages import ConfirmPage, DonePage, ItemPage, PausedPage, StartPage
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Workers

log = logging.getLogger(__name__)
#: How long the number stays on the screen after its slip came out.
DONE_SECONDS = 8


class KioskWindow(QWidget):
    """Emits `language_chosen` for the one-touch language, `quit_asked` from maintenance."""

    language_chosen = Signal(str)
    quit_asked = Signal()
    #: the visitor was forgotten (the session goes back to the terminal's language)
    forgotten = Signal()

    def __init__(
        self,
        services: Services,
        workers: Workers,
        actor: Actor | None,
        reader: CardReaderBridge | None,
        paused: str = "",
        visitor: Visitor | None = None,
    ) -> None:
        super().__init__(
            None, Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("自助终端"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._services, self._workers, self.actor = services, workers, actor
        self.kiosk = services.kiosk
        self.visitor = visitor
        self.item: Item | None = None
        #: the hall's common items, read on the worker at start and after each number
        self._common: list[Item] = []
        self._may_close = False
        self.guard = KioskGuard(self)
        self.guard.maintenance_asked.connect(self.open_maintenance)
        self.start = StartPage(lambda: services.clock.now().date())
        self.items = ItemPage()
        self.confirm = ConfirmPage()
        self.done = DonePage()
        self.paused = PausedPage()
        self.pages = QStackedWidget()
        for page in (self.start, self.items, self.confirm, self.done, self.paused):
            self.pages.addWidget(page)
        self.title = QLabel(services.settings["center_name"])
        self.title.setObjectName("kiosk_title")
        english = QLocale().language() == QLocale.Language.English  # as installed now
        self.language = touch_button("中文" if english else "English", "kiosk_language")
        self.language.clicked.connect(
            lambda: self.language_chosen.emit("zh_CN" if english else "en")
        )
        self.restart = touch_button(self.tr("重新开始"), "kiosk_restart")
        self.restart.clicked.connect(self.reset)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.restart)
        top.addWidget(self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(services.settings["kiosk_idle_seconds"] * 1000)
        self._idle.timeout.connect(self.reset)
        self.guard.touched.connect(self._touched)
        self._done_timer = QTimer(self)
        self._done_timer.setSingleShot(True)
        self._done_timer.setInterval(DONE_SECONDS * 1000)
        self._done_timer.timeout.connect(self.reset)
        self._wire_pages()
        self.reader = reader
        self._wire_reader(reader)
        if actor is None:
            self.pause(paused)
        elif visitor is not None:
            self._show_items()
        else:
            self._to_start()
        self._load_common()

    # ---- wiring -------------------------------------------------------------------------

    def _wire_pages(self) -> None:
        self.start.keypad.complete.connect(self._number_typed)
        self.items.search.textChanged.connect(self._search)
        self.items.items.itemClicked.connect(self._item_chosen)
        self.items.common.clicked.connect(self._show_common)
        self.items.show_departments(self.kiosk.departments(), self._department_chosen)
        self.confirm.back.clicked.connect(lambda: self.pages.setCurrentWidget(self.items))
        self.confirm.confirm.clicked.connect(self._confirm)
        self.done.finish.clicked.connect(self.reset)

    def _wire_reader(self, reader: CardReaderBridge | None) -> None:
        if reader is None:
            self.start.reader_missing(True)
            return
        # bound methods only: a window replaced by a language switch is let go by the reader
        reader.card_read.connect(self.take_card)
        reader.card_lifted.connect(self._card_lifted)
        reader.card_failed.connect(self._card_failed)
        reader.reader_lost.connect(self._reader_state)
        reader.reader_ready.connect(self._reader_state)
        self.start.reader_missing(isinstance(reader.state, ReaderLost))

    def _card_failed(self, message: Message) -> None:
        self._say_at_start(render(message))

    def _reader_state(self, _: object) -> None:
        """The keypad while the reader is lost; the card prompt once it is back."""
        assert self.reader is not None
        self.start.reader_missing(isinstance(self.reader.state, ReaderLost))

    def install(self, app: QApplication) -> None:
        """Shown full screen, its guard on the whole application."""
        app.installEventFilter(self.guard)
        screen = app.primaryScreen()
        if screen is not None:  # a session without a window manager sizes nothing itself
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def release(self, app: QApplication) -> None:
        """The guard off, the reader let go, nothing of the visitor kept, and the window
        allowed to close (maintenance's quit, a rebuild in the other language)."""
        if self._may_close:  # released already
            return
        app.removeEventFilter(self.guard)
        if self.reader is not None:
            for signal, slot in (
                (self.reader.card_read, self.take_card),
                (self.reader.card_lifted, self._card_lifted),
                (self.reader.card_failed, self._card_failed),
                (self.reader.reader_lost, self._reader_state),
                (self.reader.reader_ready, self._reader_state),
            ):
                signal.disconnect(slot)
        self._forget()
        self._may_close = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Nobody closes the kiosk but maintenance: Alt+F4 and the window manager are refused."""
        if self._may_close:
            super().closeEvent(event)
        else:
            event.ignore()

    # ---- the applicant's path -------------------------------------------------------------

    def take_card(self, card: IdCard, _photo: object = None) -> None:
        if self.actor is None or self.pages.currentWidget() is self.done:
            return
        try:
            self.visitor = self.kiosk.visitor_from_card(card)
        except KioskRefused as refused:
            self.reset()
            self._say_at_start(error_text(refused))
            return
        self._show_items()

    def _number_typed(self, number: str) -> None:
        try:
            self.visitor = self.kiosk.visitor_from_number(number)
        except KioskRefused as refused:
            self.start.message.setText(error_text(refused))
            return
        self.start.keypad.clear()
        self._show_items()

    def _show_items(self) -> None:
        assert self.visitor is not None
        name = self.visitor.masked_name
        self.items.greeting.setText(
            fill(self.tr("您好，%1！请选择要办理的事项"), name)
            if name
            else self.tr("您好！请选择要办理的事项")
        )
        self._show_common()
        self.restart.show()
        self.pages.setCurrentWidget(self.items)
        self._idle.start()

    def _show_common(self) -> None:
        self.items.show_items(self.tr("本大厅常办事项"), self._common)

    def _search(self, text: str) -> None:
        if not text.strip():
            self._show_common()
            return
        self.items.show_items(fill(self.tr("“%1”的查找结果"), text), self.kiosk.search(text))

    def _department_chosen(self, code: str) -> None:
        self.items.show_items(self.kiosk.department_name(code), self.kiosk.items_of(code))

    def _item_chosen(self, entry: QListWidgetItem) -> None:
        code = entry.data(Qt.ItemDataRole.UserRole)
        if not code:
            return
        item = self._services.catalog.item(code)
        self.item = item
        self.confirm.show_item(
            item, self.kiosk.department_name(item.department), self.kiosk.where(item)
        )
        self.pages.setCurrentWidget(self.confirm)

    def _confirm(self) -> None:
        visitor, item, actor = self.visitor, self.item, self.actor
        if visitor is None or item is None or actor is None:
            return
        self.confirm.confirm.setEnabled(False)
        self._workers.storage.run(
            lambda: self.kiosk.check_in(actor, item.code, visitor), self._checked_in, self._failed
        )

    def _checked_in(self, done: CheckIn) -> None:
        self._forget()
        self.done.number.setText(done.number)
        self.done.where.setText(
            fill(self.tr("请到 %1 等候叫号，您前面还有 %2 人"), done.where, done.waiting_before)
        )
        if done.printed:
            self._done_message(self.tr("请取走凭条"), trouble=False)
            self._done_timer.start()
        else:
            self._done_message(
                fill(
                    self.tr("凭条没有打印出来：%1。请记下您的排队号，到导办台补打凭条"),
                    render(done.message),
                ),
                trouble=True,
            )
        self.pages.setCurrentWidget(self.done)
        self._load_common()

    def _failed(self, error: Exception) -> None:
        """Nothing was issued: said in words, the applicant's choice kept to try again."""
        self.confirm.confirm.setEnabled(True)
        self.confirm.where.setText(error_text(error))
        log.warning("kiosk check-in refused: %s", type(error).__name__)

    def _done_message(self, text: str, trouble: bool) -> None:
        self.done.message.setText(text)
        self.done.show_trouble(trouble)

    def _card_lifted(self) -> None:
        """The card taken away before the number: the kiosk forgets the person."""
        on_path = self.pages.currentWidget() in (self.items, self.confirm)
        if on_path and self.visitor is not None and self.visitor.applicant is not None:
            self.reset()
            self._say_at_start(self.tr("证件已移开，请重新放置证件"))

    # ---- forgetting -----------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start with nothing of the person on any page or in memory."""
        self._to_start()
        self.forgotten.emit()

    def _to_start(self) -> None:
        self._forget()
        self.done.clear()
        self._done_timer.stop()
        if self.actor is not None:
            self.pages.setCurrentWidget(self.start)

    def _forget(self) -> None:
        self.visitor = None
        self.item = None
        for page in (self.start, self.items, self.confirm):
            page.clear()
        self.restart.hide()
        self._idle.stop()

    def _touched(self) -> None:
        if self._idle.isActive() or self.pages.currentWidget() is not self.start:
            self._idle.start()

    def _say_at_start(self, text: str) -> None:
        self.start.message.setText(text)

    def pause(self, reason: str) -> None:
        """暂停服务: the kiosk can do nothing at all, and says why."""
        self._forget()
        self.paused.reason.setText(reason)
        self.pages.setCurrentWidget(self.paused)

    def _load_common(self) -> None:
        self._workers.reading.run(self.kiosk.common_items, self._common_loaded, self._no_common)

    def _common_loaded(self, items: list[Item]) -> None:
        self._common = items
        if self.pages.currentWidget() is self.items and not self.items.search.text():
            self._show_common()

    def _no_common(self, error: Exception) -> None:
        log.warning("the common items were not read: %s", error_text(error))

    # ---- maintenance ----------------------------------------------------------------------

    def open_maintenance(self) -> None:
        """The administrator's sequence was pressed: their password, then maintenance."""
        self.reset()
        self.guard.active = False
        dialog = MaintenanceDialog(self._services, self._workers, self)
        dialog.quit_asked.connect(self.quit_asked)
        dialog.quit_asked.connect(dialog.accept)
        dialog.finished.connect(lambda _: setattr(self.guard, "active", True))
        dialog.open()
        self.maintenance = dialog
