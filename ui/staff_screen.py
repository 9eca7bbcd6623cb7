"""The administrator's staff screen (管理 → 人员): every account in a list with a filter box,
and the actions on the one selected — change, disable / enable, reset the password, grant a
chief representative's items, unlock — each through the staff service on the worker.

The list is a model over the accounts as read (400 accounts open and filter in well under
100 ms: `benchmarks/bench_staff_screen.py`); every action names the version it was shown, so
a change someone made meanwhile is refused and said, and the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.catalog import Item
from app.domain.roles import ROLE_MESSAGES, Actor, Role
from app.domain.staff import StaffMember
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text, render
from ui.operations import Operations
from ui.staff_form import StaffForm
from ui.staff_grant import GrantDialog
from ui.tr_marks import QT_TRANSLATE_NOOP

COLUMNS = (
    QT_TRANSLATE_NOOP("StaffScreen", "用户名"),
    QT_TRANSLATE_NOOP("StaffScreen", "姓名"),
    QT_TRANSLATE_NOOP("StaffScreen", "角色"),
    QT_TRANSLATE_NOOP("StaffScreen", "部门"),
    QT_TRANSLATE_NOOP("StaffScreen", "窗口"),
    QT_TRANSLATE_NOOP("StaffScreen", "状态"),
    QT_TRANSLATE_NOOP("StaffScreen", "最近修改"),
)
#: The state column's words by (active, must change the password).
STATES = {
    (True, False): QT_TRANSLATE_NOOP("StaffScreen", "启用"),
    (True, True): QT_TRANSLATE_NOOP("StaffScreen", "启用（待设新密码）"),
    (False, False): QT_TRANSLATE_NOOP("StaffScreen", "停用"),
    (False, True): QT_TRANSLATE_NOOP("StaffScreen", "停用"),
}
LOCKED = QT_TRANSLATE_NOOP("StaffScreen", "锁定至 %1")
_Index = QModelIndex | QPersistentModelIndex
#: Each column's width, in Chinese characters.
COLUMN_WIDTHS = (7, 9, 7, 10, 6, 8, 10)


class StaffTable(QAbstractTableModel):
    """The accounts as rows of text, computed once when they are set; filtered and sorted
    here, in Python over the rows' text, rather than by a proxy asking each cell."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._screen = parent
        self._all: list[tuple[StaffMember, tuple[str, ...], str]] = []
        self._shown: list[tuple[StaffMember, tuple[str, ...], str]] = []
        self._filter = ""
        self._order = (0, Qt.SortOrder.AscendingOrder)

    @property
    def members(self) -> list[StaffMember]:
        """The accounts in the rows shown, in their order."""
        return [member for member, _, _ in self._shown]

    def show(
        self,
        members: list[StaffMember],
        departments: dict[str, str],
        locks: dict[str, datetime],
    ) -> None:
        states = {key: self._screen.tr(text) for key, text in STATES.items()}
        locked = self._screen.tr(LOCKED)
        roles = {role: render(title) for role, title in ROLE_MESSAGES.items()}
        self._all = []
        for member in members:
            changed = member.changed_at.strftime("%Y-%m-%d %H:%M") if member.changed_at else ""
            cells = (
                member.username,
                member.display_name,
                roles[member.role],
                departments.get(member.department or "", member.department or ""),
                ", ".join(member.windows),
                fill(locked, locks[member.username].strftime("%H:%M"))
                if member.username in locks
                else states[(member.active, member.must_change_password)],
                f"{changed} {member.changed_by}".strip(),
            )
            self._all.append((member, cells, "\n".join(cells).casefold()))
        self._refill()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().casefold()
        self._refill()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        self._refill()

    def _refill(self) -> None:
        column, order = self._order
        self.beginResetModel()
        self._shown = sorted(
            (row for row in self._all if self._filter in row[2]),
            key=lambda row: row[1][column],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown[index.row()][1][index.column()]
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._screen.tr(COLUMNS[section])
        return None


@dataclass(frozen=True)
class _Read:
    """What the screen reads on the worker."""

    members: list[StaffMember]
    departments: dict[str, str]
    items: list[Item]
    locks: dict[str, datetime]


def staff_action(
    window: QWidget,
    services: Services,
    operations: Operations,
    actor: Actor,
    on_saved: Callable[[], None],
) -> QAction:
    """The 管理 menu's entry that opens the staff screen (`operations`: the storage worker);
    `on_saved` after each change saved (the window syncs it to the other counters)."""
    action = QAction(QCoreApplication.translate("StaffScreen", "人员…"), window)
    action.setObjectName("open_staff")

    def open_screen() -> None:
        screen = StaffScreen(services, operations, actor, window)
        screen.saved.connect(on_saved)
        screen.open()

    action.triggered.connect(open_screen)
    return action


class StaffScreen(QDialog):
    saved = Signal()  # a change was saved

    def __init__(
        self, services: Services, operations: Operations, actor: Actor, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one at each opening
        self._services = services
        self._operations = operations
        self._actor = actor
        self._departments: dict[str, str] = {}
        self._items: list[Item] = []
        self.setObjectName("staff_screen")
        self.setWindowTitle(self.tr("人员"))
        self.filter = QLineEdit()
        self.filter.setObjectName("staff_filter")
        self.filter.setPlaceholderText(self.tr("筛选：用户名、姓名、角色、部门、窗口"))
        self.filter.setClearButtonEnabled(True)
        self.model = StaffTable(self)
        self.filter.textChanged.connect(self.model.set_filter)
        self.table = QTableView()
        self.table.setObjectName("staff_table")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        wide = self.fontMetrics().horizontalAdvance("中")  # measuring 400 rows takes longer
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width * wide)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self.change)
        self.message = QLabel()
        self.message.setObjectName("staff_message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            ("new", self.tr("新建(&N)…"), self.add),
            ("change", self.tr("修改(&E)…"), self.change),
            ("switch", self.tr("停用 / 启用(&D)"), self.switch),
            ("reset", self.tr("重置密码(&R)…"), self.reset_password),
            ("grant", self.tr("授权事项(&G)…"), self.grant),
            ("unlock", self.tr("解锁(&U)"), self.unlock),
        ):
            button = QPushButton(text)
            button.setObjectName(f"staff_{name}")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(960, 560)
        self.reload()

    def reload(self) -> None:
        services, actor = self._services, self._actor

        def read() -> _Read:
            departments = {code: d.name for code, d in services.catalog.departments().items()}
            return _Read(
                services.staff.members(actor),
                departments,
                services.catalog.items(),
                services.staff.locks(actor),
            )

        self._operations.run(read, self._show, self._refused)

    def _show(self, read: _Read) -> None:
        members, self._departments, self._items = read.members, read.departments, read.items
        self.model.show(members, self._departments, read.locks)
        if not self.message.property("error"):
            show_message(self.message, fill(self.tr("共 %1 人"), len(members)), error=False)

    def selected(self) -> StaffMember | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            show_message(self.message, self.tr("请先在列表中选一个人"), error=True)
            return None
        return self.model.members[rows[0].row()]

    def add(self) -> None:
        self._form(None)

    def change(self) -> None:
        member = self.selected()
        if member is not None:
            self._form(member)

    def _form(self, member: StaffMember | None) -> None:
        self.form = StaffForm(
            self._services, self._operations, self._actor, self._departments, member, self
        )
        self.form.saved.connect(self._saved)
        self.form.open()

    def _saved(self, member: StaffMember) -> None:
        show_message(self.message, fill(self.tr("已保存 %1"), member.username), error=False)
        self.reload()
        self.saved.emit()

    def switch(self) -> None:
        member = self.selected()
        if member is None:
            return
        staff, actor = self._services.staff, self._actor
        if member.active:
            self._act(lambda: staff.disable(actor, member.username, member.version))
        else:
            self._act(lambda: staff.enable(actor, member.username, member.version))

    def reset_password(self) -> None:
        member = self.selected()
        if member is None:
            return
        asked = QMessageBox.question(
            self,
            self.windowTitle(),
            fill(self.tr("为 %1（%2）重置密码？将给出一次性密码，本人下次登录时须设置新密码。"),
                 member.username, member.display_name),
        )  # fmt: skip
        if asked != QMessageBox.StandardButton.Yes:
            return
        staff, actor = self._services.staff, self._actor

        def tell(one_time: str) -> None:
            self.reload()
            self.saved.emit()
            self.one_time = QMessageBox(
                QMessageBox.Icon.Information,
                self.windowTitle(),
                fill(self.tr("%1 的一次性密码：%2\n请当面交给本人；下次登录时须设置自己的密码。"),
                     member.username, one_time),
                parent=self,
            )  # fmt: skip
            self.one_time.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.one_time.open()

        self._operations.run(
            lambda: staff.reset_password(actor, member.username, member.version),
            tell,
            self._refused,
        )

    def grant(self) -> None:
        member = self.selected()
        if member is None:
            return
        if member.role is not Role.CHIEF_REPRESENTATIVE:
            show_message(self.message, self.tr("只有首席代表才有授权事项"), error=True)
            return
        own = [item for item in self._items if item.department == member.department]
        self.grant_dialog = GrantDialog(
            self._services, self._operations, self._actor, member, own, self
        )
        self.grant_dialog.saved.connect(self._saved)
        self.grant_dialog.open()

    def unlock(self) -> None:
        member = self.selected()
        if member is not None:
            staff, actor = self._services.staff, self._actor
            self._act(lambda: staff.unlock(actor, member.username))

    def _act(self, call: Callable[[], StaffMember]) -> None:
        self._operations.run(call, self._saved, self._refused)

    def _refused(self, error: Exception) -> None:
        show_message(self.message, error_text(error), error=True)
        self.reload()
