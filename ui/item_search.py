"""Finding the item: type a name, a code or pinyin; arrows pick, Enter takes it.

Items this window cannot accept (another department's, or declared at another level of
center) are listed too — the clerk can tell the applicant where to go — but greyed and marked
as such, the reason in the tooltip; whether an item can be accepted here is the service's
answer (`CaseService.refusal`), never decided in this widget. Each line names the levels of
center that declare its item when that is not every level.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain.catalog import Item
from app.domain.levels import EVERY_LEVEL, CenterLevel, level_names
from app.domain.messages import Message
from app.services.catalog import CatalogService
from ui.labels import fill
from ui.messages import render

#: Items of another department: readable, but plainly not for this window.
NOT_HERE_COLOUR = "#80868b"


class ItemSearch(QWidget):
    """Search box over the catalog; emits `chosen` with the item taken. `refusal` tells why
    this window may not accept an item, None when it may (the service's answer)."""

    chosen = Signal(object)

    def __init__(
        self,
        catalog: CatalogService,
        refusal: Callable[[Item], Message | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._refusal = refusal
        self._ready = False
        self.box = QLineEdit()
        self.box.setObjectName("item_search")
        self.box.setPlaceholderText(self.tr("输入事项名称、编码或拼音（如 yyzz）"))
        self.box.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setObjectName("item_results")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.results)
        self.box.textChanged.connect(self.search)
        self.box.returnPressed.connect(self._take_current)
        self.box.installEventFilter(self)
        self.results.itemActivated.connect(lambda _: self._take_current())

    def index_ready(self) -> None:
        """Called once the index is built off the GUI thread; shows what was typed meanwhile."""
        self._ready = True
        self.search(self.box.text())

    def search(self, text: str) -> None:
        """Runs on every keystroke: the catalog index is in memory, a search takes < 10 ms."""
        if not self._ready:
            return
        self.results.clear()
        departments = self._catalog.departments()
        for item in self._catalog.search(text, limit=30):
            department = departments.get(item.department)
            short = department.short_name if department else item.department
            name = item.name
            if item.levels != EVERY_LEVEL:  # short, the line is narrow: 〔县·乡〕
                levels = "·".join(self._short_level(level) for level in item.levels)
                name = fill(self.tr("%1 〔%2〕"), name, levels)
            line = QListWidgetItem(fill(self.tr("%1    〔%2〕 %3"), name, short, item.code))
            line.setData(Qt.ItemDataRole.UserRole, item)
            refusal = self._refusal(item)
            if refusal is not None:
                line.setText(line.text() + self.tr("  · 本窗口不能受理"))
                line.setForeground(QBrush(QColor(NOT_HERE_COLOUR)))
                line.setToolTip(render(refusal))
            elif item.levels != EVERY_LEVEL:
                line.setToolTip(fill(self.tr("由%1中心受理"), level_names(item.levels)))
            self.results.addItem(line)
        self.results.setCurrentRow(0)

    def _short_level(self, level: CenterLevel) -> str:
        """A level in one character, for the result lines (the tooltip says it in full)."""
        return {
            CenterLevel.PROVINCE: self.tr("省"),
            CenterLevel.CITY: self.tr("市"),
            CenterLevel.DISTRICT: self.tr("县"),
            CenterLevel.TOWNSHIP: self.tr("乡"),
        }[level]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the results without leaving the box."""
        if (
            watched is self.box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _take_current(self) -> None:
        line = self.results.currentItem()
        if line is not None:
            item: Item = line.data(Qt.ItemDataRole.UserRole)
            self.chosen.emit(item)
