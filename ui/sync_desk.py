"""Sync with the central as the window shows it: online or offline, how many events wait to
go up, when the last sync was; a progress bar while a long offline period is caught up.

A round of sync runs on its own worker right after each case is saved (so a new case reaches
the central within a second when online) and every few seconds besides; a round asked for
while one runs is done once after it. Nothing here waits for the network.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton

from app.bootstrap import Services
from app.domain.sync import SyncStatus
from app.services.sync_report import SyncRound
from ui.feedback import restyle
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations

#: A round every this often when nothing else asks for one.
ROUND_INTERVAL_MS = 10_000


class SyncDesk(QObject):
    progressed = Signal(int, int)  # done, of: emitted on the sync worker
    heard = Signal(str)  # another terminal pushed: emitted on the listener's thread
    pulled = Signal(int)  # a round brought events of other terminals down
    directory_changed = Signal()  # a round brought staff or window changes down

    def __init__(self, services: Services, sync_operations: Operations, window: QMainWindow):
        super().__init__(window)
        self._services = services
        self._work = sync_operations
        self._window = window
        self.state_label = QLabel(self.tr("中心：……"))
        self.state_label.setObjectName("sync_state")
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setMaximumWidth(180)
        self.progress.setFormat(self.tr("补传 %v / %m"))
        self.progress.hide()
        self.progressed.connect(self._show_progress)
        #: Shown once a round had a change of this counter refused: opens what was typed.
        self.refused_button = QPushButton(self.tr("查看未被接受的修改"))
        self.refused_button.setObjectName("show_refused_changes")
        self.refused_button.setFlat(True)
        self.refused_button.hide()
        self._running = False
        self._again = False
        self._problem = ""  # the last problem shown, in the window's language
        self.status: SyncStatus | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(ROUND_INTERVAL_MS)
        self._timer.timeout.connect(self.sync_now)
        self._timer.start()
        self.heard.connect(lambda _: self.sync_now())
        self._listener = services.sync.listener(self.heard.emit)
        if self._listener is not None:
            self._listener.start()
        self.sync_now()

    def stop(self) -> None:
        """Stop listening (the window is closing)."""
        self._timer.stop()
        if self._listener is not None:
            self._listener.stop()

    def sync_now(self) -> None:
        """A round now, or right after the one running."""
        if self._running:
            self._again = True
            return
        self._running = True
        self._work.run(
            lambda: self._services.sync.sync_round(self.progressed.emit),
            self._round_done,
            self._failed,
        )

    def _round_done(self, round_: SyncRound) -> None:
        if round_.pulled:
            self.pulled.emit(round_.pulled)
        if round_.directory:
            self.directory_changed.emit()
        if round_.refused:  # the administrator whose change the central did not take
            self._window.statusBar().showMessage(
                "；".join(render(reason) for reason in round_.refused), 30_000
            )
        if round_.refusals:  # what they typed stays readable, a click away
            self.refused_button.show()
        self._show_status(round_.status)

    def _show_progress(self, done: int, of: int) -> None:
        if of <= self._services.settings["sync_batch"]:
            return  # a round of one batch needs no bar
        self.progress.setRange(0, of)
        self.progress.setValue(done)
        self.progress.setVisible(done < of)

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        self.progress.hide()
        self.state_label.setText(self._words(status))
        problem = render(status.problem) if status.problem else ""
        self.state_label.setToolTip(problem)
        restyle(self.state_label, "error", bool(problem or status.quarantined))
        if problem and problem != self._problem:
            self._window.statusBar().showMessage(problem, 15_000)
        self._problem = problem
        self._round_ended()

    def _failed(self, error: Exception) -> None:
        self.state_label.setText(fill(self.tr("中心：同步出错（%1）"), error_text(error)))
        restyle(self.state_label, "error", True)
        self._round_ended()

    def _round_ended(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.sync_now()

    def _words(self, status: SyncStatus) -> str:
        if not status.configured:
            return self.tr("中心：未设置（只在本机保存）")
        if status.problem:
            text = fill(self.tr("中心：离线 · 待上传 %1 条"), status.waiting)
        else:
            when = status.last_sync.strftime("%H:%M:%S") if status.last_sync else "—"
            text = fill(self.tr("中心：在线 · 待上传 %1 条 · 同步于 %2"), status.waiting, when)
        if status.quarantined:
            text += fill(self.tr(" · 隔离 %1 条"), status.quarantined)
        return text
