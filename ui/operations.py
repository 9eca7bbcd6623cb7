"""Running service calls off the GUI thread, with the answer delivered back on it.

What is true about threads: the GUI thread never touches storage or a device. The window
has four workers (`Workers`), each one thread running its calls one at a time in the order
asked: *storage* for everything that writes (cases, settings, catalog imports; the store has
one writer at a time), *reading* for the lists the screens refresh (cases, the chief's
queue, a case in view), *printer* for the slip printer and *sync* for the central. Storage is
therefore used from four threads at once; each call opens its own unit of work (a reading
one takes no write lock, and with WAL a reader never holds up a writer, so an accept never
queues behind a list refresh), and a unit of work is never opened inside another on one
thread (`NestedUnitOfWork`). Caches in the services (the catalog and its search index, the
work calendar) are built on a worker and swapped whole, so the GUI thread only reads them.
A call whose error is meant for the clerk (a `MessageError`) hands that error object to
`on_error`, so the window can point at its field (`ApplicantError.field`,
`FormError.problems`) and render its message in the window's language; anything else is a bug:
it is logged with its traceback and reaches `on_error` as `Unexpected`, never lost.
`report_unexpected`, installed as `sys.excepthook` by the application, does the same for an
error escaping a slot on the GUI thread: its traceback goes to the log (where the handler
masks personal data), never to the console, and the clerk is told it happened.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app.domain.messages import MessageError, msg
from ui.messages import error_text

log = logging.getLogger(__name__)
T = TypeVar("T")


class Unexpected(MessageError):
    """What `on_error` gets for an error that is a bug: logged with its traceback where it
    happened; the person is told so, and that nothing typed was lost."""

    def __init__(self) -> None:
        super().__init__(msg("发生意外错误，已记录日志，请联系系统管理员。已录入的内容未丢失。"))


class _Worker(QObject):
    """Lives on the worker thread; performs one call at a time, in the order asked."""

    finished = Signal(int, bool, object)  # ticket, succeeded, result or error

    @Slot(int, object)
    def perform(self, ticket: int, call: Callable[[], Any]) -> None:
        try:
            result = call()
        except MessageError as error:
            self.finished.emit(ticket, False, error)
        except Exception:
            log.exception("unexpected error in a background operation")
            self.finished.emit(ticket, False, Unexpected())
        else:
            self.finished.emit(ticket, True, result)


class Operations(QObject):
    """`run(call, on_done, on_error)`: do `call()` in the background, answer on the GUI thread."""

    busy_changed = Signal(bool)
    _requested = Signal(int, object)

    def __init__(self, name: str = "storage-worker", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName(name)
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._requested.connect(self._worker.perform)
        self._worker.finished.connect(self._finished)
        self._tickets = itertools.count()
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._thread.start()

    def run(
        self,
        call: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """`call()` on the worker; then, on the GUI thread, `on_done` with its result or
        `on_error` with the error (a `MessageError`: the clerk's, or `Unexpected`)."""
        ticket = next(self._tickets)
        self._pending[ticket] = (on_done, on_error)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._requested.emit(ticket, call)

    @Slot(int, bool, object)
    def _finished(self, ticket: int, succeeded: bool, result: Any) -> None:
        on_done, on_error = self._pending.pop(ticket)
        if not self._pending:
            self.busy_changed.emit(False)
        if succeeded:
            on_done(result)
        else:
            on_error(result)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def stop(self) -> None:
        """Finish the queued work and end the worker thread (at shutdown)."""
        self._thread.quit()
        self._thread.wait()


class Workers:
    """The window's worker threads: storage (writes), reading (list refreshes), the printer,
    and sync with the central, each with its own queue so that none waits for another (a list
    refresh, a slow printer or a slow network never holds up a case being saved)."""

    #: How often a thread holding the GIL hands it over (Python's default is 5 ms). A worker
    #: folding cases for a list holds it in long stretches; a write on the storage worker
    #: takes it back after each SQLite call, and would wait up to this long every time.
    SWITCH_INTERVAL = 0.0005

    def __init__(self) -> None:
        sys.setswitchinterval(self.SWITCH_INTERVAL)
        self.storage = Operations("storage-worker")
        self.reading = Operations("reading-worker")
        self.printer = Operations("printer-worker")
        self.sync = Operations("sync-worker")

    def stop(self) -> None:
        for operations in (self.sync, self.printer, self.reading, self.storage):
            operations.stop()


#: The unexpected-error boxes on the screen.
_told: set[QMessageBox] = set()


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """`sys.excepthook` of the window: a bug in a slot is logged and told, not printed."""
    if not issubclass(kind, Exception):  # Ctrl+C and the like keep Python's own handling
        sys.__excepthook__(kind, error, trace)
        return
    log.error("unexpected error in the window", exc_info=(kind, error, trace))
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # a box can only be shown on the GUI thread; the log has it
    title = QGuiApplication.applicationDisplayName()
    box = QMessageBox(QMessageBox.Icon.Critical, title, error_text(Unexpected()))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _told.add(box)  # a box without a parent lives as long as Python holds it
    box.finished.connect(lambda _result: _told.discard(box))
    box.open()  # not exec(): the window goes on as it was
