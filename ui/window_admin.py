"""管理 → 窗口: the center's windows for the administrator — the list, and a form to set one
up, change it or close it.

A window accepts the items of the departments ticked for it (several at a comprehensive
window, 综合窗口) and may name the terminal that stands at it: whoever signs in there handles
those departments' items. Every change goes through the window service on the storage
worker; a change refused (a number taken, a terminal at another window, someone else's change
saved first) keeps the form as typed and says why.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.roles import Actor
from app.domain.windows import Window, WindowSpec
from ui.dialog_parts import read_only_table
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text
from ui.operations import Operations


class WindowsDialog(QDialog):
    """The list on the left, the chosen window's form on the right."""

    saved = Signal()  # a change was saved

    def __init__(
        self, services: Services, operations: Operations, actor: Actor, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("windows_dialog")
        self.setWindowTitle(self.tr("窗口"))
        self._services, self._work, self._actor = services, operations, actor
        self._departments = services.catalog.departments()
        self._shown: list[Window] = []
        #: The window the form changes (None: a new one) and its version when it was chosen.
        self._editing: Window | None = None
        self.table = read_only_table(
            "windows_table",
            [
                self.tr("编号"),
                self.tr("名称"),
                self.tr("大厅"),
                self.tr("楼层"),
                self.tr("受理部门"),
                self.tr("终端"),
            ],
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._chosen)
        self.number, self.name, self.hall, self.floor, self.terminal = (
            QLineEdit() for _ in range(5)
        )
        for edit, name in (
            (self.number, "number"),
            (self.name, "name"),
            (self.hall, "hall"),
            (self.floor, "floor"),
            (self.terminal, "terminal"),
        ):
            edit.setObjectName(name)
        self.number.setPlaceholderText(self.tr("如 A04"))
        self.terminal.setPlaceholderText(self.tr("留空则不固定终端"))
        self.departments = QListWidget()
        self.departments.setObjectName("departments")
        for code, department in self._departments.items():
            item = QListWidgetItem(f"{department.name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.departments.addItem(item)
        this_terminal = QPushButton(self.tr("本机"))
        this_terminal.setToolTip(self.tr("填入本终端的名称"))
        this_terminal.clicked.connect(
            lambda: self.terminal.setText(services.settings["terminal_name"])
        )
        terminal_row = QHBoxLayout()
        terminal_row.addWidget(self.terminal, 1)
        terminal_row.addWidget(this_terminal)
        form = QFormLayout()
        form.addRow(self.tr("窗口编号(&N)"), self.number)
        form.addRow(self.tr("窗口名称(&M)"), self.name)
        form.addRow(self.tr("大厅"), self.hall)
        form.addRow(self.tr("楼层"), self.floor)
        form.addRow(self.tr("所在终端"), terminal_row)
        form.addRow(QLabel(self.tr("受理部门（可多选，多选即综合窗口）")))
        form.addRow(self.departments)
        self.new_button = QPushButton(self.tr("新建窗口"))
        self.new_button.setObjectName("new_window")
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("save_window")
        self.save_button.setDefault(True)
        self.close_button = QPushButton(self.tr("撤销此窗口"))
        self.close_button.setObjectName("close_window")
        self.new_button.clicked.connect(self.new_window)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.close_window)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.close_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(right, 1)
        self.message = QLabel()
        self.message.setObjectName("windows_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.message)
        self.resize(980, 560)
        self.new_window()
        self.refresh()

    # ---- the list -------------------------------------------------------------------

    def refresh(self, select: str = "") -> None:
        """Read the windows again on the worker; `select` the one of that number."""
        self._work.run(
            self._services.windows.windows, lambda found: self._show(found, select), self._fail
        )

    def _show(self, windows: list[Window], select: str) -> None:
        self._shown = windows
        self.table.blockSignals(True)
        self.table.setRowCount(len(windows))
        for row, window in enumerate(windows):
            spec = window.spec
            names = "、".join(self._department_name(code) for code in spec.departments)
            for column, text in enumerate(
                (spec.number, spec.name, spec.hall, spec.floor, names, spec.terminal)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if spec.number == select:
                self.table.selectRow(row)
        self.table.blockSignals(False)

    def _department_name(self, code: str) -> str:
        department = self._departments.get(code)
        return department.short_name if department else code

    def _chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_window(self._shown[rows[0].row()])

    # ---- the form -------------------------------------------------------------------

    def new_window(self) -> None:
        """An empty form for a new window."""
        self.table.clearSelection()
        self._fill(None, WindowSpec("", ""))

    def show_window(self, window: Window) -> None:
        self._fill(window, window.spec)

    def _fill(self, window: Window | None, spec: WindowSpec) -> None:
        self._editing = window
        self.number.setText(spec.number)
        self.number.setReadOnly(window is not None)  # a window's number never changes
        self.name.setText(spec.name)
        self.hall.setText(spec.hall)
        self.floor.setText(spec.floor)
        self.terminal.setText(spec.terminal)
        for index in range(self.departments.count()):
            item = self.departments.item(index)
            ticked = item.data(Qt.ItemDataRole.UserRole) in spec.departments
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.close_button.setEnabled(window is not None)
        show_message(self.message, "", error=False)

    def spec(self) -> WindowSpec:
        """The window as the form holds it (the service checks it)."""
        ticked = [
            self.departments.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.departments.count())
            if self.departments.item(i).checkState() == Qt.CheckState.Checked
        ]
        return WindowSpec(
            self.number.text(),
            self.name.text(),
            self.hall.text(),
            self.floor.text(),
            tuple(ticked),
            self.terminal.text(),
        )

    # ---- changes --------------------------------------------------------------------

    def save(self) -> None:
        spec, actor, editing, windows = (
            self.spec(),
            self._actor,
            self._editing,
            self._services.windows,
        )
        if editing is None:
            self._work.run(lambda: windows.set_up(actor, spec), self._saved, self._fail)
        else:
            version = editing.version
            self._work.run(lambda: windows.change(actor, spec, version), self._saved, self._fail)

    def close_window(self) -> None:
        editing, actor = self._editing, self._actor
        if editing is None:
            return
        self._work.run(
            lambda: self._services.windows.close(actor, editing.number, editing.version),
            self._closed,
            self._fail,
        )

    def _saved(self, window: Window) -> None:
        self._editing = window
        self.number.setReadOnly(True)
        self.close_button.setEnabled(True)
        self.refresh(window.number)
        show_message(self.message, fill(self.tr("窗口 %1 已保存。"), window.number), False)
        self.saved.emit()

    def _closed(self, window: Window) -> None:
        self.new_window()
        self.refresh()
        show_message(self.message, fill(self.tr("窗口 %1 已撤销。"), window.number), False)
        self.saved.emit()

    def _fail(self, error: Exception) -> None:
        show_message(self.message, error_text(error), error=True)


def open_windows(
    services: Services,
    operations: Operations,
    actor: Actor,
    parent: QWidget,
    on_saved: Callable[[], None],
) -> None:
    """Open the windows screen over `parent` (管理 → 窗口); it is deleted when closed;
    `on_saved` after each change saved (the window syncs it to the other counters)."""
    dialog = WindowsDialog(services, operations, actor, parent)
    dialog.saved.connect(on_saved)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
