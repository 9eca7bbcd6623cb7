"""Asking once before a decision that is written for ever and reaches the applicant.

A refusal at the counter (不予受理) and a decision on a licence (准予 / 不予许可) become
events nobody can undo and written documents the applicant receives. Before one is written,
`confirm_decision` shows what will be written — the decision, the case or item, the
applicant, the reason in the applicant's words, the document that follows — and asks once:
Enter writes it, Esc goes back to the form with everything typed still there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.applicant import Applicant
from app.domain.case import Case
from printing.notice_texts import NOTICE_MESSAGES, NoticeKind
from ui.labels import fill
from ui.messages import render


class ConfirmDialog(QDialog):
    """What will be written, and the two answers: Enter (write it) and Esc (go back)."""

    def __init__(
        self,
        kind: NoticeKind,
        rows: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirm_decision")
        title = {
            NoticeKind.REFUSAL: self.tr("不予受理"),
            NoticeKind.APPROVAL: self.tr("准予许可"),
            NoticeKind.DENIAL: self.tr("不予许可"),
        }[kind]
        self.setWindowTitle(title)
        heading = QLabel(f"<h3>{escape(title)}</h3>")
        heading.setObjectName("confirm_heading")
        form = QFormLayout()
        for label, value in rows:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
        warning = QLabel(
            fill(
                self.tr("确认后将写入办件记录，不能更改或撤销，并出具《%1》告知申请人。"),
                render(NOTICE_MESSAGES[kind]),
            )
        )
        warning.setObjectName("confirm_warning")
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #a50e0e;")
        self.confirm_button = QPushButton(self.tr("确认写入 (Enter)"))
        self.confirm_button.setObjectName("confirm_write")
        self.confirm_button.setDefault(True)
        back = QPushButton(self.tr("返回修改 (Esc)"))
        back.setObjectName("confirm_back")
        self.confirm_button.clicked.connect(self.accept)
        back.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self.confirm_button.setFocus()


def confirm_decision(
    parent: QWidget,
    kind: NoticeKind,
    rows: Sequence[tuple[str, str]],
    write: Callable[[], None],
) -> ConfirmDialog:
    """Show the decision `kind` and what will be written (`rows`: label and value); call
    `write` only on Enter.

    The dialog is window-modal and does not block: the caller keeps it (as `confirmation`)
    and carries on when the clerk answers. Going back writes nothing and clears nothing.
    """
    dialog = ConfirmDialog(kind, rows, parent)
    dialog.accepted.connect(write)
    dialog.open()
    return dialog


def applicant_row(applicant: Applicant) -> tuple[str, str]:
    """The applicant as a confirmation names them: the name and the masked document number."""
    translate = QCoreApplication.translate
    return (
        translate("ConfirmDialog", "申请人"),
        fill(translate("ConfirmDialog", "%1（%2）"), applicant.name, applicant.masked_id),
    )


def case_rows(case: Case, reason: str) -> list[tuple[str, str]]:
    """What a decision on an open case is written about: the case, the item, the applicant,
    and the reason the applicant will read (when there is one)."""
    translate = QCoreApplication.translate
    applicant = case.applicant
    rows = [
        (translate("ConfirmDialog", "办件"), f"{case.case_no} · {case.terms.item_name}"),
        applicant_row(applicant),
    ]
    return rows + ([(translate("ConfirmDialog", "理由"), reason)] if reason else [])
