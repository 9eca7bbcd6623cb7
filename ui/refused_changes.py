"""The changes the central did not take (查看未被接受的修改): what an administrator (a chief)
typed at this counter and the central refused, because someone else changed the same person,
window or leave request first. This counter now shows the central's version; the values
typed are here, so that nothing is lost and the change can be made again on top of it.

Read-only: the refused events stay in the log as they were written.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from app.bootstrap import Services
from app.domain.refusals import SUBJECT_MESSAGES, RefusedChange
from app.domain.roles import Actor, Role
from ui.dialog_parts import listing, read_only_table
from ui.feedback import show_message
from ui.labels import fill, role_title
from ui.messages import render
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

#: The fields of a change, as the forms name them; a field not named here shows as stored.
FIELDS = {
    "display_name": QT_TRANSLATE_NOOP("RefusedChangesDialog", "姓名"),
    "role": QT_TRANSLATE_NOOP("RefusedChangesDialog", "角色"),
    "department": QT_TRANSLATE_NOOP("RefusedChangesDialog", "部门"),
    "departments": QT_TRANSLATE_NOOP("RefusedChangesDialog", "部门"),
    "windows": QT_TRANSLATE_NOOP("RefusedChangesDialog", "窗口"),
    "items": QT_TRANSLATE_NOOP("RefusedChangesDialog", "授权事项"),
    "document": QT_TRANSLATE_NOOP("RefusedChangesDialog", "授权文件"),
    "issued": QT_TRANSLATE_NOOP("RefusedChangesDialog", "授权日期"),
    "number": QT_TRANSLATE_NOOP("RefusedChangesDialog", "窗口号"),
    "name": QT_TRANSLATE_NOOP("RefusedChangesDialog", "名称"),
    "hall": QT_TRANSLATE_NOOP("RefusedChangesDialog", "大厅"),
    "floor": QT_TRANSLATE_NOOP("RefusedChangesDialog", "楼层"),
    "terminal": QT_TRANSLATE_NOOP("RefusedChangesDialog", "终端"),
    "note": QT_TRANSLATE_NOOP("RefusedChangesDialog", "意见"),
    "on": QT_TRANSLATE_NOOP("RefusedChangesDialog", "销假日期"),
}


class RefusedChangesDialog(QDialog):
    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refused_changes")
        self.setWindowTitle(self.tr("未被接受的修改"))
        self.table = read_only_table(
            "refused_table",
            [
                self.tr("修改时间"),
                self.tr("对象"),
                self.tr("修改人"),
                self.tr("修改"),
                self.tr("当时填写的内容"),
                self.tr("中心未采纳的原因"),
            ],
        )
        self.resize(1000, 360)
        self.message = listing(
            self,
            self.table,
            "refused_message",
            operations,
            lambda: services.sync.refusals.changes(actor),
            self._show,
        )

    def _show(self, changes: list[RefusedChange]) -> None:
        self.table.setRowCount(len(changes))
        for row, change in enumerate(changes):
            refusal = change.refusal
            cells = (
                change.at.strftime("%Y-%m-%d %H:%M"),
                f"{render(SUBJECT_MESSAGES[refusal.log])} {refusal.subject}",
                change.actor,
                render(change.title),
                "；".join(f"{self._field(key)}：{self._value(key, v)}" for key, v in change.values),
                render(refusal.reason),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        show_message(
            self.message,
            fill(
                self.tr(
                    "共 %1 条修改中心未采纳（别人先改了同一对象）：本机已显示中心的版本。"
                    "如仍需要，请按上面的内容在当前版本上重新修改。"
                ),
                len(changes),
            )
            if changes
            else self.tr("没有未被接受的修改。"),
            error=False,
        )

    def _field(self, key: str) -> str:
        return self.tr(FIELDS[key]) if key in FIELDS else key

    def _value(self, key: str, value: str) -> str:
        roles = {role.value: role for role in Role}
        return role_title(roles[value]) if key == "role" and value in roles else value
