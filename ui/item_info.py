"""What the intake panel says about the chosen item: its name and code, the department, its
kind, the time limit promised (and the legal one), the fee, where it is handled (hall, floor,
window) and its legal basis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.catalog import Department, Item
from ui.labels import fill, kind_title


class ItemInfo(QLabel):
    """The chosen item described in a few lines, or a hint to choose one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("item_info")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.ask_for_item()

    def ask_for_item(self) -> None:
        """No item chosen: say how to choose one."""
        self.setText(self.tr("请先检索并选择办理事项"))

    def show_item(self, item: Item, department: Department | None) -> None:
        days = (
            self.tr("当场办结")
            if item.committed_days == 0
            else fill(
                self.tr("承诺 %1 个工作日（法定 %2 个）"), item.committed_days, item.legal_days
            )
        )
        fee = self.tr("不收费") if item.fee_yuan == 0 else f"￥{item.fee_yuan}（{item.fee_note}）"
        self.setText(
            fill(
                self.tr(
                    "<b>%1</b><br>%2 · %3<br>%4 · %5<br>收费：%6<br>"
                    "办理地点：%7厅%8楼 %9窗口<br><small>%10</small>"
                ),
                item.name,
                item.code,
                department.name if department else item.department,
                kind_title(item.kind),
                days,
                fee,
                item.hall,
                item.floor,
                item.window,
                item.legal_basis,
            )
        )
