"""A stand-in for the desktop's PDF viewer: the files the window asked it to open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices


class _Viewer(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


@contextmanager
def opened_files() -> Iterator[list[Path]]:
    """While inside, `file:` URLs the window opens are listed here instead of shown."""
    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        yield viewer.opened
    finally:
        QDesktopServices.unsetUrlHandler("file")
