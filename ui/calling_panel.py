"""The calling bar at the counter (叫号): the ticket being served, how many wait, and the keys
that call the next, call again, pass a no-show, send a ticket on, end a service or serve a
walk-in. Keyboard first: every action has its function key.

Calling the next ends the service of the ticket in hand. A ticket the kiosk issued carries its
received case, which the window opens at the intake (`case_called`); a call never goes
ahead while the intake holds work not yet stored (nothing typed is lost).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.domain.tickets import (
    PRIORITY_MESSAGES,
    STATUS_MESSAGES,
    Priority,
    Ticket,
    TicketStatus,
)
from ui.calling_dialogs import NoShowDialog, TransferDialog
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

T = TypeVar("T")

#: What each key does, in full (the buttons are short to fit a 1024-pixel screen).
_TIPS = {
    "call_next": QT_TRANSLATE_NOOP("CallingPanel", "叫下一位（当前号视为办结）"),
    "recall": QT_TRANSLATE_NOOP("CallingPanel", "再次呼叫当前号"),
    "no_show": QT_TRANSLATE_NOOP("CallingPanel", "过号：叫号未到，可回队一次"),
    "served": QT_TRANSLATE_NOOP("CallingPanel", "当前号办理结束"),
    "transfer": QT_TRANSLATE_NOOP("CallingPanel", "转到其他队列或窗口 (Ctrl+F8)"),
    "rejoin": QT_TRANSLATE_NOOP("CallingPanel", "过号的人回来了：回到队列 (Ctrl+F7)"),
    "walk_in": QT_TRANSLATE_NOOP("CallingPanel", "没有取号的人：取号并立即办理 (Ctrl+F6)"),
}

#: How often the number waiting is read again (tickets come from the kiosk and the pull).
REFRESH_MS = 10_000


class CallingPanel(QFrame):
    """`case_called` carries the case number of a called ticket that has a received case."""

    case_called = Signal(str)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        intake_busy: Callable[[], bool],
    ) -> None:
        super().__init__()
        self.setObjectName("calling_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._services = services
        self._operations = operations
        self._actor = actor
        self._intake_busy = intake_busy
        self.current: Ticket | None = None
        self.dialog: TransferDialog | NoShowDialog | None = None  # the chooser open now
        self.now_serving = QLabel()
        self.now_serving.setObjectName("now_serving")
        self.waiting = QLabel()
        self.waiting.setObjectName("waiting_count")
        self.result = QLabel()
        self.result.setObjectName("calling_result")
        self.result.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        in_hand = QVBoxLayout()  # the number in hand over the count waiting
        in_hand.setSpacing(0)
        in_hand.addWidget(self.now_serving)
        in_hand.addWidget(self.waiting)
        layout.addLayout(in_hand)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, keys, slot in (
            ("call_next", self.tr("叫号 F6"), "F6", self.call_next),
            ("recall", self.tr("重呼 F7"), "F7", self.recall),
            ("no_show", self.tr("过号 F8"), "F8", self.no_show),
            ("served", self.tr("办结 F10"), "F10", self.served),
            ("transfer", self.tr("转移 ^F8"), "Ctrl+F8", self.transfer),
            ("rejoin", self.tr("回队 ^F7"), "Ctrl+F7", self.rejoin),
            ("walk_in", self.tr("无号 ^F6"), "Ctrl+F6", self.walk_in),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setToolTip(self.tr(_TIPS[name]))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do it; Tab stays in the form
            button.clicked.connect(slot)
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WindowShortcut)
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addWidget(self.result, 1)
        for label in (self.now_serving, self.result):  # long words wrap; the bar never widens
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.now_serving.setMinimumWidth(190)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self._show_current()
        self.refresh()

    # ---- the keys ----------------------------------------------------------------------

    def call_next(self) -> None:
        """End the service in hand and call the next by the queue's rule."""
        if self._intake_busy():
            self._say(self.tr("受理区还有未提交的内容：请先提交或清空 (Ctrl+N) 再叫号。"), True)
            return
        queue, actor, current = self._services.queue, self._actor, self._in_hand()

        def call() -> Ticket | None:
            if current is not None:
                queue.served(actor, current)
            return queue.call_next(actor)

        self._run(call, self._called)

    def recall(self) -> None:
        if (current := self._needs_current()) is not None:
            self._run(lambda: self._services.queue.recall(self._actor, current), self._recalled)

    def no_show(self) -> None:
        if (current := self._needs_current()) is not None:
            self._run(lambda: self._services.queue.no_show(self._actor, current), self._ended)

    def served(self) -> None:
        if (current := self._needs_current()) is not None:
            self._run(lambda: self._services.queue.served(self._actor, current), self._ended)

    def transfer(self) -> None:
        """Send the ticket in hand to another queue or window (a small chooser)."""
        if (current := self._needs_current()) is None:
            return

        def send(queue_code: str | None, window: str | None) -> None:
            self._run(
                lambda: self._services.queue.transfer(
                    self._actor, current, queue_code=queue_code, window=window
                ),
                self._ended,
            )

        self._run(
            self._services.queue.queues,
            lambda queues: setattr(self, "dialog", TransferDialog(self, queues, send)),
        )

    def rejoin(self) -> None:
        """A person whose number was passed came back: their ticket waits again (once)."""
        queue, actor = self._services.queue, self._actor

        def passed() -> list[Ticket]:
            served = {q.code for q in queue.served_by(actor)}
            return [
                t
                for t in queue.today()
                if t.status is TicketStatus.NO_SHOW and t.queue in served and not t.rejoined
            ]

        self._run(passed, self._choose_rejoining)

    def _choose_rejoining(self, passed: list[Ticket]) -> None:
        if not passed:
            self._say(self.tr("今天没有可回队的过号。"), True)
            return

        def back(ticket_id: UUID) -> None:
            self._run(lambda: self._services.queue.rejoin(self._actor, ticket_id), self._rejoined)

        self.dialog = NoShowDialog(self, passed, back)

    def walk_in(self) -> None:
        """Serve a person who came without a ticket: one is issued here and called at once."""
        if self._intake_busy():
            self._say(self.tr("受理区还有未提交的内容：请先提交或清空 (Ctrl+N)。"), True)
            return
        queue, actor, current = self._services.queue, self._actor, self._in_hand()

        def serve() -> Ticket:
            if current is not None:
                queue.served(actor, current)
            return queue.walk_in(actor)

        self._run(serve, self._called)

    # ---- what came back ----------------------------------------------------------------

    def _called(self, ticket: Ticket | None) -> None:
        self.current = ticket
        self._show_current()
        if ticket is None:
            self._say(self.tr("没有等候的号。"), False)
        else:
            self._say(fill(self.tr("请 %1 号到 %2 号窗口"), ticket.number, ticket.window), False)
            if ticket.case_id is not None:
                self._open_case(ticket.case_id)
        self.refresh()

    def _recalled(self, ticket: Ticket) -> None:
        self.current = ticket
        self._show_current()
        self._say(
            fill(self.tr("已重呼 %1 号（第 %2 次）"), ticket.number, ticket.times_called), False
        )

    def _ended(self, ticket: Ticket) -> None:
        self.current = None
        self._show_current()
        self._say(
            fill(self.tr("%1 号：%2"), ticket.number, render(STATUS_MESSAGES[ticket.status])), False
        )
        self.refresh()

    def _rejoined(self, ticket: Ticket) -> None:
        self._say(fill(self.tr("%1 号已回到队列。"), ticket.number), False)
        self.refresh()

    def _open_case(self, case_id: UUID) -> None:
        def opened(case_no: str | None) -> None:
            if case_no is None:
                self._say(
                    self.tr("此号在自助终端登记的办件尚未同步到本机：请按 F9 立即同步后再办理。"),
                    True,
                )
            else:
                self.case_called.emit(case_no)

        self._run(lambda: self._services.queue.case_number(case_id), opened)

    # ---- showing -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read again how many wait in the queues this window serves."""
        queue, actor = self._services.queue, self._actor

        def count() -> int:
            return sum(len(queue.waiting(q.code)) for q in queue.served_by(actor))

        self._operations.run(
            count,
            lambda n: self.waiting.setText(fill(self.tr("等候 %1 人"), n)),
            lambda _: self.waiting.setText(self.tr("等候人数暂不可读")),
        )

    def _show_current(self) -> None:
        ticket = self.current
        if ticket is None:
            self.now_serving.setText(self.tr("当前没有叫号"))
        else:
            waited = int((ticket.called_at or ticket.issued_at).timestamp() - ticket.since) // 60
            parts = [fill(self.tr("当前 %1"), ticket.number)]
            if ticket.holder.masked_name:
                parts.append(ticket.holder.masked_name)
            if ticket.priority is not Priority.ORDINARY:
                parts.append(render(PRIORITY_MESSAGES[ticket.priority]))
            parts.append(fill(self.tr("等候 %1 分钟"), waited))
            self.now_serving.setText(" · ".join(parts))
        for name in ("recall", "no_show", "served", "transfer"):
            self.buttons[name].setEnabled(ticket is not None)

    def _say(self, message: str, error: bool) -> None:
        show_message(self.result, message, error)

    # ---- helpers -----------------------------------------------------------------------

    def _in_hand(self) -> UUID | None:
        called = self.current is not None and self.current.status is TicketStatus.CALLED
        return self.current.id if called and self.current is not None else None

    def _needs_current(self) -> UUID | None:
        if self.current is None:
            self._say(self.tr("请先叫号 (F6)。"), True)
            return None
        return self.current.id

    def _run(self, call: Callable[[], T], done: Callable[[T], None]) -> None:
        self._operations.run(call, done, lambda error: self._say(error_text(error), True))
