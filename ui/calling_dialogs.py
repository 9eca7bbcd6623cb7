"""The two small choosers of the calling bar: where to send a ticket, and which passed
number came back. Each opens at once and answers through its callback when accepted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from uuid import UUID

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.tickets import Queue, Ticket
from ui.labels import fill


class TransferDialog(QDialog):
    """Another queue, another window, or both; `send(queue_code, window)` when accepted."""

    def __init__(
        self,
        parent: QWidget,
        queues: Sequence[Queue],
        send: Callable[[str | None, str | None], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transfer_dialog")
        self.setWindowTitle(self.tr("转移"))
        self._send = send
        self.queue = QComboBox()
        self.queue.addItem(self.tr("（同一队列）"), "")
        for queue in queues:
            self.queue.addItem(f"{queue.letter} · {queue.name}", queue.code)
        self.window_number = QLineEdit()
        self.window_number.setPlaceholderText(self.tr("留空则由队列中任一窗口叫号"))
        self.problem = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("转到队列(&Q)"), self.queue)
        form.addRow(self.tr("指定窗口(&W)"), self.window_number)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.open()

    def accept(self) -> None:
        queue_code = str(self.queue.currentData()) or None
        window = self.window_number.text().strip() or None
        if queue_code is None and window is None:
            self.problem.setText(self.tr("请选择转到的队列或填写窗口。"))
            return
        super().accept()
        self._send(queue_code, window)


class NoShowDialog(QDialog):
    """Today's passed numbers of this window's queues; `back(ticket_id)` for the one chosen."""

    def __init__(
        self, parent: QWidget, passed: Sequence[Ticket], back: Callable[[UUID], None]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("no_show_dialog")
        self.setWindowTitle(self.tr("过号回队"))
        self._back = back
        self.tickets = QListWidget()
        for ticket in passed:
            line = QListWidgetItem(
                fill(
                    self.tr("%1 号 %2（过号于 %3）"),
                    ticket.number,
                    ticket.holder.masked_name,
                    ticket.called_at.strftime("%H:%M") if ticket.called_at else "",
                )
            )
            line.setData(256, ticket.id)
            self.tickets.addItem(line)
        self.tickets.setCurrentRow(0)
        self.tickets.itemActivated.connect(lambda _: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tickets)
        layout.addWidget(buttons)
        self.open()

    def accept(self) -> None:
        chosen = self.tickets.currentItem()
        if chosen is None:
            return
        super().accept()
        self._back(chosen.data(256))
