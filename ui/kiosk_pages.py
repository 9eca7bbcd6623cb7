"""The kiosk's screens, one per step of the applicant's path: place the card (or type the
number), find the item, see what to bring and confirm, take the number; and 暂停服务 when the
kiosk can do nothing at all. Each page only shows; `ui.kiosk_window` drives them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog import Department, Item
from ui.kiosk_keys import IdKeypad, LetterKeyboard, touch_button, touch_pixels
from ui.labels import fill


def big(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class StartPage(QWidget):
    """Place the card; when the reader is missing, type the number on the keypad."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = big("kiosk_prompt", self.tr("请将身份证件放在读卡器上"))
        self.kinds = big(
            "kiosk_kinds",
            self.tr("居民身份证、港澳台居民居住证、外国人永久居留身份证均可"),
        )
        self.message = big("kiosk_message")
        self.keypad = IdKeypad(today, self)
        self.keypad.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.kinds)
        layout.addWidget(self.message)
        layout.addWidget(self.keypad)
        layout.addStretch(1)

    def reader_missing(self, missing: bool) -> None:
        """No reader: the number is typed instead (checked as typed)."""
        self.keypad.setVisible(missing)
        self.prompt.setText(
            self.tr("读卡器暂不可用，请输入身份证号码取号")
            if missing
            else self.tr("请将身份证件放在读卡器上")
        )

    def clear(self) -> None:
        self.message.clear()
        self.keypad.clear()


class ItemPage(QWidget):
    """Find the item: the hall's common items, a department's tiles, or pinyin letters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.greeting = big("kiosk_greeting")
        self.search = QLineEdit()
        self.search.setObjectName("kiosk_search")
        self.search.setPlaceholderText(self.tr("输入事项名称或拼音首字母，如 yyzz"))
        self.search.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.keyboard = LetterKeyboard(self)
        self.keyboard.pressed.connect(
            lambda key: self.search.setText(self.keyboard.type_into(self.search.text(), key))
        )
        self.heading = QLabel()
        self.heading.setObjectName("kiosk_list_heading")
        self.items = QListWidget()
        self.items.setObjectName("kiosk_items")
        self.items.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.items.setSpacing(4)
        self.items.setWordWrap(True)
        self.items.setUniformItemSizes(True)  # every row one height: no text measured
        self.tiles = QWidget()
        self.tiles.setObjectName("kiosk_tiles")
        self.finder = QStackedWidget()  # the letters or the departments' tiles
        self.finder.addWidget(self.keyboard)
        self.finder.addWidget(self.tiles)
        self.by_letters = touch_button(self.tr("拼音查找"), "kiosk_by_letters")
        self.by_letters.clicked.connect(lambda: self.finder.setCurrentWidget(self.keyboard))
        self.by_department = touch_button(self.tr("按部门"), "kiosk_by_department")
        self.by_department.clicked.connect(lambda: self.finder.setCurrentWidget(self.tiles))
        self.common = touch_button(self.tr("常办事项"), "kiosk_common")
        modes = QHBoxLayout()
        for button in (self.common, self.by_letters, self.by_department):
            modes.addWidget(button)
        left = QVBoxLayout()
        left.addWidget(self.heading)
        left.addWidget(self.items, 1)
        right = QVBoxLayout()
        right.addLayout(modes)
        right.addWidget(self.search)
        right.addWidget(self.finder)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addLayout(row, 1)

    def show_items(self, heading: str, items: list[Item]) -> None:
        self.heading.setText(heading)
        self.items.clear()
        height = touch_pixels(self) * 3 // 2  # two lines of a long name
        for item in items:
            entry = QListWidgetItem(item.name)
            entry.setData(Qt.ItemDataRole.UserRole, item.code)
            entry.setSizeHint(QSize(0, height))
            self.items.addItem(entry)
        if not items:
            self.items.addItem(QListWidgetItem(self.tr("没有找到，请换个词或按部门查找")))

    def show_departments(
        self, departments: list[Department], chosen: Callable[[str], None]
    ) -> None:
        """A tile for each department (built once, when the kiosk starts)."""
        grid = QGridLayout(self.tiles)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, department in enumerate(departments):
            tile = touch_button(department.short_name or department.name, f"tile_{department.code}")
            tile.clicked.connect(lambda _=False, code=department.code: chosen(code))
            grid.addWidget(tile, index // 3, index % 3)

    def clear(self) -> None:
        self.greeting.clear()
        self.search.clear()
        self.items.clear()
        self.finder.setCurrentWidget(self.keyboard)


class ConfirmPage(QWidget):
    """The item, where to go and the materials to bring; confirm or go back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = big("kiosk_item")
        self.where = big("kiosk_where")
        self.materials = QLabel()
        self.materials.setObjectName("kiosk_materials")
        self.materials.setWordWrap(True)
        self.materials.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.confirm = touch_button(self.tr("确认取号"), "kiosk_confirm")
        self.back = touch_button(self.tr("返回"), "kiosk_back")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.item)
        layout.addWidget(self.where)
        layout.addWidget(QLabel(self.tr("请携带以下材料：")))
        layout.addWidget(self.materials, 1)
        layout.addLayout(buttons)

    def show_item(self, item: Item, department: str, where: str) -> None:
        self.item.setText(fill(self.tr("%1（%2）"), item.name, department))
        self.where.setText(fill(self.tr("办理地点：%1"), where))
        self.materials.setText(
            "\n".join(f"{n}. {m.name}" for n, m in enumerate(item.materials, start=1))
        )
        self.confirm.setEnabled(True)

    def clear(self) -> None:
        for label in (self.item, self.where, self.materials):
            label.clear()


class DonePage(QWidget):
    """The number, large; where to go; and whether the slip came out (if not, why)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = big("kiosk_number")
        self.where = big("kiosk_done_where")
        self.message = big("kiosk_done_message")
        self.finish = touch_button(self.tr("完成"), "kiosk_finish")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(big("kiosk_your_number", self.tr("您的排队号")))
        layout.addWidget(self.number)
        layout.addWidget(self.where)
        layout.addWidget(self.message)
        layout.addWidget(self.finish, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_trouble(self, trouble: bool) -> None:
        self.message.setProperty("error", trouble)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def clear(self) -> None:
        for label in (self.number, self.where, self.message):
            label.clear()


class PausedPage(QWidget):
    """暂停服务, and why: the kiosk can do nothing at all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = big("kiosk_paused_reason")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(big("kiosk_paused", self.tr("暂停服务")))
        layout.addWidget(self.reason)
        layout.addStretch(1)
