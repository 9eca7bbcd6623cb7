"""Finding the item: type a name, a code or pinyin; arrows pick, Enter takes it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.domain.catalog import Item
from app.services.catalog import CatalogService
from ui.labels import fill


class ItemSearch(QWidget):
    """Search box over the catalog; emits `chosen` with the item taken."""

    chosen = Signal(object)

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
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
            line = QListWidgetItem(fill(self.tr("%1    〔%2〕 %3"), item.name, short, item.code))
            line.setData(Qt.ItemDataRole.UserRole, item)
            self.results.addItem(line)
        self.results.setCurrentRow(0)

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
