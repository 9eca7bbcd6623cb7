"""The one-form application as a case shows it (一表制): where each department stands, and
the shared form's key facts, everyone's ID number masked."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import CaseStatus
from app.domain.deadline import ClockLevel
from app.domain.enterprise_form import EnterpriseForm
from app.domain.joint import JointProgress
from ui.labels import CLOCK_COLOURS, fill, status_title


def plain(number: Decimal) -> str:
    """A number without trailing zeros, as people write it: 60, 12.5."""
    return format(number.normalize(), "f")


class SharedFormBox(QGroupBox):
    """The key facts of a one-form application's shared form (一表制申请表), IDs masked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("一表制申请表（各部门共享）"))
        self.setObjectName("shared_form")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.facts = QLabel()
        self.facts.setObjectName("shared_form_facts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.facts)
        self.hide()

    def show_form(self, form: EnterpriseForm | None) -> None:
        if form is None:
            self.hide()
            return
        person = form.legal_representative
        investors = [
            fill(
                self.tr("%1（%2）认缴 %3 万元，占 %4%"),
                investor.person.name,
                investor.person.masked_identifier,
                plain(investor.subscribed),
                plain(share),
            )
            for investor, share in zip(form.investors, form.shares(), strict=True)
        ]
        rows = [
            (self.tr("企业名称"), form.name),
            (self.tr("注册资本"), fill(self.tr("%1 万元"), plain(form.registered_capital))),
            (self.tr("经营范围"), "；".join(form.business_scope)),
            (self.tr("住所"), form.domicile),
            (
                self.tr("法定代表人"),
                f"{person.name}（{person.masked_identifier}）· {form.representative_position}",
            ),
            (self.tr("股东"), "\n".join(investors)),
        ]
        self.facts.setText(
            "<table cellspacing='2'>"
            + "".join(
                f"<tr><td style='color:#5f6368; padding-right:10px'>{label}</td>"
                f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
                for label, value in rows
            )
            + "</table>"
        )
        self.show()


class JointTable(QTreeWidget):
    """Where each department of a one-form application stands; a denial's reason in full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joint_table")
        self.setHeaderLabels(
            [
                self.tr("部门事项"),
                self.tr("子件编号"),
                self.tr("状态"),
                self.tr("当前环节"),
                self.tr("不予许可理由"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setWordWrap(True)

    def show_progress(self, joint: JointProgress) -> None:
        self.clear()
        for row in joint.children:
            status = status_title(row.status) if row.status else self.tr("尚未同步到本窗口")
            denied = row.status is CaseStatus.DENIED
            item = QTreeWidgetItem(
                [
                    row.ref.item_name,
                    row.ref.case_no,
                    status,
                    row.step_name or "—",
                    row.outcome_reason if denied else "",
                ]
            )
            item.setData(1, Qt.ItemDataRole.UserRole, row.ref.case_no)
            item.setToolTip(4, row.outcome_reason if denied else "")
            # the clock's colours say the same here: approved is green, denied red
            if denied:
                for column in (2, 4):
                    item.setForeground(column, CLOCK_COLOURS[ClockLevel.OVERDUE])
            if row.status is CaseStatus.APPROVED:
                item.setForeground(2, CLOCK_COLOURS[ClockLevel.ON_TIME])
            self.addTopLevelItem(item)
        for column in range(4):
            self.resizeColumnToContents(column)
        height = max(self.sizeHintForRow(0), 18)
        self.setFixedHeight(self.header().sizeHint().height() + height * len(joint.children) + 6)

    def not_ready(self, joint: JointProgress) -> str:
        """Why the unified issuance must wait: each denied department with its reason first,
        then each department still working."""
        denied = [
            fill(self.tr("%1已被不予许可：%2"), row.ref.item_name, row.outcome_reason)
            for row in joint.denied
        ]
        waiting = [
            fill(
                self.tr("%1（%2）%3"),
                row.ref.item_name,
                row.ref.case_no,
                status_title(row.status) if row.status else self.tr("尚未同步到本窗口"),
            )
            for row in joint.children
            if row.status not in (CaseStatus.APPROVED, CaseStatus.DENIED)
        ]
        return fill(self.tr("还不能统一发证：%1。"), "；".join(denied + waiting))
