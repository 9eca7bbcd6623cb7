"""The materials checklist (申请材料): tick what the applicant handed in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.domain.catalog import Item, MaterialForm
from ui.labels import fill


class MaterialsChecklist(QListWidget):
    """One checkable line per material of the chosen item; Space ticks the current one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materials")
        self._required: set[str] = set()

    def show_item(self, item: Item | None) -> None:
        self.clear()
        self._required = set()
        if item is None:
            return
        for material in item.materials:
            form = self.tr("原件") if material.form is MaterialForm.ORIGINAL else self.tr("复印件")
            need = self.tr("必需") if material.required else self.tr("选填")
            line = QListWidgetItem(
                fill(self.tr("%1（%2 %3份，%4）"), material.name, form, material.copies, need)
            )
            line.setData(Qt.ItemDataRole.UserRole, material.name)
            line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            line.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(line)
            if material.required:
                self._required.add(material.name)
        self.setCurrentRow(0)

    def _lines(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def checked(self) -> list[str]:
        return [
            line.data(Qt.ItemDataRole.UserRole)
            for line in self._lines()
            if line.checkState() is Qt.CheckState.Checked
        ]

    def missing_required(self) -> list[str]:
        checked = set(self.checked())
        return [
            line.data(Qt.ItemDataRole.UserRole)
            for line in self._lines()
            if line.data(Qt.ItemDataRole.UserRole) in self._required
            and line.data(Qt.ItemDataRole.UserRole) not in checked
        ]

    def set_checked(self, name: str, checked: bool = True) -> None:
        for line in self._lines():
            if line.data(Qt.ItemDataRole.UserRole) == name:
                line.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def check_all(self) -> None:
        for line in self._lines():
            line.setCheckState(Qt.CheckState.Checked)
