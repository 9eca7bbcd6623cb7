"""Every window of the counter fits the screen it opens on, and the main window remembers
where it was.

Counters run on 1024×768 and 1366×768 screens as well as on large ones. One rule, applied by
an application-wide event filter to every top-level window as it is shown (the main window,
each dialog, message boxes and Qt's own input and file dialogs alike): a window larger than
the available part of its screen (without the task bar) is shrunk to it, and a window
reaching past an edge is moved back inside. A window whose content cannot shrink that far
scrolls instead (see the dialogs' layouts): its minimum size must fit 1024×768, which the GUI
tests check for every window.

The main window's geometry is kept in one file in the configuration folder
(`window-geometry`, Qt's own `saveGeometry` format) and restored, fitted to today's screen,
the next time a window opens.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QScrollArea, QWidget

log = logging.getLogger(__name__)

#: The smallest screen a counter may have; every window's minimum size must fit it.
SMALLEST_SCREEN = QSize(1024, 768)
#: Room for a title bar and borders before the window manager has said how large they are.
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)
GEOMETRY_FILE = "window-geometry"


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (the task bar left out)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """The window manager's frame around the widget, or an allowance while it is unknown."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    if widget.isVisible() and frame != inner:
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
    return FRAME_ALLOWANCE


def fitted(geometry: QRect, minimum: QSize, area: QRect, margins: QMargins) -> QRect:
    """`geometry` (the window's inside) shrunk and moved so that, with its frame, it lies in
    `area`; never below `minimum`. Pure, so the rule can be tested for any screen."""
    room = area.marginsRemoved(margins)
    width = max(minimum.width(), min(geometry.width(), room.width()))
    height = max(minimum.height(), min(geometry.height(), room.height()))
    left = min(max(geometry.left(), room.left()), room.right() + 1 - width)
    top = min(max(geometry.top(), room.top()), room.bottom() + 1 - height)
    return QRect(max(left, room.left()), max(top, room.top()), width, height)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink and move a top-level window into the available part of its screen.

    A window shrunk, or one nobody placed yet, is centred over its own window (a dialog over
    the counter window) or on the screen: moving it here keeps Qt from placing it later (a
    dialog centres itself only if it was not moved before it is shown)."""
    if widget.isMaximized() or widget.isFullScreen():
        return
    minimum = widget.minimumSize().expandedTo(widget.minimumSizeHint())
    area, margins = available_area(widget), frame_margins(widget)
    target = fitted(widget.geometry(), minimum, area, margins)
    if target.size() != widget.size() or not widget.testAttribute(Qt.WidgetAttribute.WA_Moved):
        owner = widget.parentWidget()
        target.moveCenter((owner.window().geometry() if owner else area).center())
        target = fitted(target, minimum, area, margins)
    if target != widget.geometry():
        widget.setGeometry(target)


class ScreenFit(QObject):
    """Applies `fit_to_screen` to every window as it is shown; installed once per application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ):
            fit_to_screen(watched)
        return False


def install_screen_fit(app: QApplication) -> None:
    """Make every window of the application fit its screen (once; later calls do nothing)."""
    if app.findChild(ScreenFit, "screen_fit") is None:
        fit = ScreenFit(app)
        fit.setObjectName("screen_fit")
        app.installEventFilter(fit)


class _KeepWidth(QObject):
    """Keeps a scroll area as wide as its content needs, as the content's layout changes."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.update()
        return False

    def update(self) -> None:
        content = self._area.widget()
        if content is not None:
            scroll_bar = self._area.verticalScrollBar().sizeHint().width()
            frame = 2 * self._area.frameWidth()
            self._area.setMinimumWidth(content.minimumSizeHint().width() + scroll_bar + frame)


def scroll_vertically(area: QScrollArea) -> None:
    """A scroll area that scrolls up and down only: never narrower than its content needs, so
    no field is squeezed to "…" and nothing hides past its right edge on a small screen."""
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    keeper = _KeepWidth(area)
    content = area.widget()
    if content is not None:
        content.installEventFilter(keeper)
    keeper.update()


def place_main_window(window: QMainWindow, config: Path, preferred: QSize) -> None:
    """The geometry the window had when it was last closed here, else `preferred` in the
    middle of the screen; either way fitted to the screen (a smaller screen is filled)."""
    saved = config / GEOMETRY_FILE
    try:
        if saved.exists() and window.restoreGeometry(QByteArray(saved.read_bytes())):
            return
    except OSError as error:
        log.warning("window geometry not read from %s: %s", saved, error)
    area = available_area(window)
    size = preferred.boundedTo(area.marginsRemoved(FRAME_ALLOWANCE).size())
    inside = QRect(area.topLeft(), size)
    inside.moveCenter(area.center())
    window.setGeometry(inside)
    if size != preferred:  # a small screen: fill it (a window manager maximises properly)
        window.setWindowState(Qt.WindowState.WindowMaximized)


def remember_main_window(window: QMainWindow, config: Path) -> None:
    """Keep the window's geometry for the next time; a failure costs only the position."""
    try:
        config.mkdir(parents=True, exist_ok=True)
        (config / GEOMETRY_FILE).write_bytes(window.saveGeometry().data())
    except OSError as error:
        log.warning("window geometry not saved in %s: %s", config, error)
