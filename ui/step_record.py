"""Records typed afterwards: the form of a step done outside the hall (事后录入电子表单: site
survey, hearing, expert review, appraisal, inspection) and the record of a collective decision
(局务会、专家评审委员会) with the decision taken.

The dialogs gather and check the record; whoever opened one sends it to the service on
`submitted`, then closes the dialog (`accept`) or shows the service's refusal in it (`fail`),
so nothing typed is lost. Which fields a record holds is the domain's (`OUT_OF_HALL_FIELDS`,
`COLLECTIVE_FIELDS`); the dialogs only give them translatable titles and suitable editors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import COLLECTIVE_FIELDS, OUT_OF_HALL_FIELDS, Case
from app.domain.catalog import FlowElement, FlowStep
from ui.feedback import restyle, show_message
from ui.labels import fill
from ui.messages import error_text
from ui.operations import Operations
from ui.tr_marks import QT_TRANSLATE_NOOP

FIELD_TITLES = {
    "done_on": QT_TRANSLATE_NOOP("RecordDialog", "办理日期"),
    "place": QT_TRANSLATE_NOOP("RecordDialog", "地点"),
    "staff": QT_TRANSLATE_NOOP("RecordDialog", "参加人员"),
    "findings": QT_TRANSLATE_NOOP("RecordDialog", "结论或意见"),
    "body": QT_TRANSLATE_NOOP("RecordDialog", "决策机构"),
    "held_on": QT_TRANSLATE_NOOP("RecordDialog", "会议日期"),
    "attendees": QT_TRANSLATE_NOOP("RecordDialog", "出席人员"),
    "resolution": QT_TRANSLATE_NOOP("RecordDialog", "决议内容"),
}
HINTS = {
    "place": QT_TRANSLATE_NOOP("RecordDialog", "如：申请人经营场所（江川市××路××号）"),
    "staff": QT_TRANSLATE_NOOP("RecordDialog", "姓名及职务，多人以顿号分隔"),
    "findings": QT_TRANSLATE_NOOP("RecordDialog", "核查、听证、评审或鉴定的结论"),
    "body": QT_TRANSLATE_NOOP("RecordDialog", "如：局务会、专家评审委员会"),
    "attendees": QT_TRANSLATE_NOOP("RecordDialog", "出席人员姓名及职务"),
    "resolution": QT_TRANSLATE_NOOP("RecordDialog", "会议形成的决议"),
}
DATE_FIELDS = frozenset({"done_on", "held_on"})
LONG_FIELDS = frozenset({"findings", "resolution"})


def decision_is_collective(case: Case) -> bool:
    """The item's decision step is a collective decision: a plain click cannot decide it."""
    return case.terms.flow[case.terms.decision_step].element is FlowElement.COLLECTIVE_DECISION


class RecordDialog(QDialog):
    """A record of fields, each required; dates pick a past day only.

    Emits `submitted` with the record once every field is filled in.
    """

    submitted = Signal(dict)

    def __init__(
        self,
        fields: Mapping[str, object],
        heading: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("record_dialog")
        self.setModal(True)
        self.heading = QLabel(heading)
        self.heading.setObjectName("record_heading")
        self.heading.setWordWrap(True)
        self.editors: dict[str, QDateEdit | QLineEdit | QPlainTextEdit] = {}
        self.form = QFormLayout()
        for key in fields:
            editor = self._editor(key, today)
            self.editors[key] = editor
            self.form.addRow(self.tr(FIELD_TITLES[key]), editor)
        self.message = QLabel()
        self.message.setObjectName("record_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel[error='true'] { color: #a50e0e; }")
        self.submit_button = QPushButton(self.tr("保存记录 (Ctrl+Enter)"))
        self.submit_button.setObjectName("record_submit")
        self.submit_button.setDefault(True)
        cancel = QPushButton(self.tr("取消"))
        cancel.setObjectName("record_cancel")
        self.submit_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch()
        self.buttons.addWidget(self.submit_button)
        self.buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(self.buttons)
        self.resize(560, 0)

    def _editor(self, key: str, today: date) -> QDateEdit | QLineEdit | QPlainTextEdit:
        editor: QDateEdit | QLineEdit | QPlainTextEdit
        if key in DATE_FIELDS:
            editor = QDateEdit(QDate(today.year, today.month, today.day))
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
            # recorded afterwards: what is recorded has happened already
            editor.setMaximumDate(QDate(today.year, today.month, today.day))
        elif key in LONG_FIELDS:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(72)
            editor.setPlaceholderText(self.tr(HINTS[key]))
        else:
            editor = QLineEdit()
            editor.setPlaceholderText(self.tr(HINTS.get(key, "")))
        editor.setObjectName(f"record_{key}")
        return editor

    def record(self) -> dict[str, str]:
        return {key: _text(editor) for key, editor in self.editors.items()}

    def problems(self) -> list[str]:
        """What keeps the record from being saved, in words; marks the fields concerned."""
        missing = []
        for key, editor in self.editors.items():
            empty = not _text(editor)
            restyle(editor, "invalid", empty)
            if empty:
                missing.append(self.tr(FIELD_TITLES[key]))
        return [fill(self.tr("请填写：%1。"), "、".join(missing))] if missing else []

    def submit(self) -> None:
        problems = self.problems()
        if problems:
            self.fail(" ".join(problems))
            return
        self.submit_button.setEnabled(False)
        show_message(self.message, self.tr("正在保存……"), error=False)
        self.submitted.emit(self.record())

    def fail(self, message: str) -> None:
        """The record was refused: say why and leave everything typed in place."""
        self.submit_button.setEnabled(True)
        show_message(self.message, message, error=True)


class StepRecordDialog(RecordDialog):
    """The form of a step done outside the hall, typed when the step is completed."""

    def __init__(self, step: FlowStep, today: date, parent: QWidget | None = None) -> None:
        super().__init__(OUT_OF_HALL_FIELDS, "", today, parent)
        self.setObjectName("step_record")
        self.setWindowTitle(fill(self.tr("事后录入：%1"), step.name))
        self.heading.setText(
            fill(
                self.tr("“%1”在大厅外办理。请录入办理情况，记录将留在办件的办理记录中。"),
                step.name,
            )
        )


class CollectiveDecisionDialog(RecordDialog):
    """The record of a collective decision and the decision taken: approve, or deny with the
    reason the applicant will read."""

    def __init__(
        self,
        step: FlowStep,
        today: date,
        approved: bool = True,
        reason: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(COLLECTIVE_FIELDS, "", today, parent)
        self.setObjectName("collective_record")
        self.setWindowTitle(fill(self.tr("集体决策：%1"), step.name))
        self.heading.setText(
            self.tr("录入会议记录和集体决策的结果；决定书将写明由该机构集体讨论作出。")
        )
        self.approve = QRadioButton(self.tr("准予许可"))
        self.approve.setObjectName("collective_approve")
        self.deny = QRadioButton(self.tr("不予许可"))
        self.deny.setObjectName("collective_deny")
        choice = QButtonGroup(self)
        choice.addButton(self.approve)
        choice.addButton(self.deny)
        (self.approve if approved else self.deny).setChecked(True)
        outcome = QHBoxLayout()
        outcome.addWidget(self.approve)
        outcome.addWidget(self.deny)
        outcome.addStretch()
        self.reason = QPlainTextEdit(reason)
        self.reason.setObjectName("collective_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(60)
        self.reason.setPlaceholderText(self.tr("不予许可的理由（申请人将在决定书中看到）"))
        self.form.addRow(self.tr("决定"), outcome)
        self.form.addRow(self.tr("理由"), self.reason)
        self.submit_button.setText(self.tr("记录并作出决定 (Ctrl+Enter)"))
        self.deny.toggled.connect(lambda denied: self.reason.setEnabled(denied))
        self.reason.setEnabled(not approved)

    @property
    def approved(self) -> bool:
        return self.approve.isChecked()

    def decision_reason(self) -> str:
        return "" if self.approved else self.reason.toPlainText().strip()

    def problems(self) -> list[str]:
        problems = super().problems()
        no_reason = not self.approved and not self.decision_reason()
        restyle(self.reason, "invalid", no_reason)
        if no_reason:
            problems.append(self.tr("不予许可须写明理由。"))
        return problems


def run_record(
    dialog: RecordDialog,
    operations: Operations,
    make_call: Callable[[dict[str, str]], Callable[[], Any]],
    done: Callable[[Any], None],
) -> None:
    """Open a record dialog; each record submitted becomes a service call in the background.

    `make_call` runs on the GUI thread (it may read the dialog) and returns the call. The
    dialog closes when the service accepts; a refusal is shown in it, the record kept.
    """

    def submitted(record: dict[str, str]) -> None:
        def succeeded(result: Any) -> None:
            dialog.accept()
            done(result)

        operations.run(make_call(record), succeeded, lambda error: dialog.fail(error_text(error)))

    dialog.submitted.connect(submitted)
    dialog.open()


def _text(editor: QDateEdit | QLineEdit | QPlainTextEdit) -> str:
    if isinstance(editor, QDateEdit):
        return editor.date().toString("yyyy-MM-dd")
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText().strip()
    return editor.text().strip()
