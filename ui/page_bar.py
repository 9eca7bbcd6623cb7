"""A list's place in a longer list: which rows are shown, how many there are, and the way on.

The bar says "第 1–50 件，共 173 件" and offers the previous and next page (Alt+PgUp / Alt+PgDown);
it emits `moved` with the first row wanted. The list's owner asks its service for that page.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ui.labels import fill


class PageBar(QWidget):
    moved = Signal(int)  # the first row of the page wanted

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._start = 0
        self._page = 0
        self.label = QLabel()
        self.label.setObjectName(f"{name}_label")
        self.back = QPushButton(self.tr("上一页"))
        self.back.setObjectName(f"{name}_back")
        self.back.setShortcut(QKeySequence("Alt+PgUp"))
        self.on = QPushButton(self.tr("下一页"))
        self.on.setObjectName(f"{name}_on")
        self.on.setShortcut(QKeySequence("Alt+PgDown"))
        self.back.clicked.connect(lambda: self.moved.emit(max(0, self._start - self._page)))
        self.on.clicked.connect(lambda: self.moved.emit(self._start + self._page))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.back)
        layout.addWidget(self.on)

    def show_place(self, start: int, shown: int, page: int, total: int) -> None:
        """Rows start+1 … start+shown of `total`, pages of `page` rows; buttons only where the
        list is longer than a page."""
        self._start, self._page = start, page
        if total > shown:
            self.label.setText(
                fill(self.tr("第 %1–%2 件，共 %3 件"), start + 1, start + shown, total)
            )
        else:
            self.label.setText(self.tr("共 %n 件", "", total))
        self.back.setVisible(total > shown or start > 0)
        self.on.setVisible(total > shown or start > 0)
        self.back.setEnabled(start > 0)
        self.on.setEnabled(start + shown < total)
