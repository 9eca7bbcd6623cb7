"""Granting a chief representative the items their department authorised (授权事项): the
items of that department only, ticked, with the authorisation document's number and date.
The document lists the items in full: what is ticked here replaces the earlier list."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.domain.catalog import Item
from app.domain.roles import Actor
from app.domain.staff import StaffMember
from app.domain.staff_events import Authorisation
from ui.dialog_parts import save_or_cancel, wrapped_label
from ui.feedback import show_message
from ui.labels import fill
from ui.messages import error_text
from ui.operations import Operations


class GrantDialog(QDialog):
    """Emits `saved` with the account as stored."""

    saved = Signal(object)

    def __init__(
        self,
        services: Services,
        operations: Operations,
        actor: Actor,
        member: StaffMember,
        items: list[Item],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._operations = operations
        self._actor = actor
        self._member = member
        self.setObjectName("staff_grant")
        self.setWindowTitle(fill(self.tr("授权事项 · %1"), member.display_name))
        heading = QLabel(self.tr("勾选授权文件所列的本部门事项（取代此前的授权）："))
        heading.setWordWrap(True)
        self.items = QListWidget()
        self.items.setObjectName("grant_items")
        for item in items:
            row = QListWidgetItem(f"{item.code}  {item.name}")
            row.setData(Qt.ItemDataRole.UserRole, item.code)
            checked = item.code in member.scope
            row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.items.addItem(row)
        held = member.authorisation
        self.document = QLineEdit(held.number if held else "")
        self.document.setObjectName("document")
        self.document.setPlaceholderText(self.tr("如 江市监授〔2026〕3号"))
        issued = held.issued if held else None
        self.issued = QDateEdit(
            QDate(issued.year, issued.month, issued.day) if issued else QDate.currentDate()
        )
        self.issued.setObjectName("issued")
        self.issued.setCalendarPopup(True)
        self.issued.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(self.tr("授权文件文号(&N)"), self.document)
        form.addRow(self.tr("文件日期(&D)"), self.issued)
        self.error = wrapped_label("error")
        self.buttons = save_or_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.items, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(700, 480)

    def ticked(self) -> list[str]:
        rows = (self.items.item(n) for n in range(self.items.count()))
        return [
            row.data(Qt.ItemDataRole.UserRole)
            for row in rows
            if row.checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        staff, actor, member = self._services.staff, self._actor, self._member
        items = self.ticked()
        picked = self.issued.date()
        issued = date(picked.year(), picked.month(), picked.day())
        document = Authorisation(self.document.text().strip(), issued)
        self.buttons.setEnabled(False)
        self._operations.run(
            lambda: staff.grant(actor, member.username, member.version, items, document),
            self._done,
            self._refused,
        )

    def _done(self, member: StaffMember) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(member)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        show_message(self.error, error_text(error), error=True)
