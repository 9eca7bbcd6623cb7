"""The applicant panel: a person or an enterprise, each identifier checked as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.identity import partial_credit_code_problem, partial_resident_id_problem


class FieldWithError(QWidget):
    """A line edit with its own error line right under it."""

    def __init__(self, name: str, check: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.error = QLabel()
        self.error.setObjectName(f"{name}_error")
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)
        self._check = check
        if check is not None:
            self.edit.textEdited.connect(self._check_as_typed)

    def _check_as_typed(self, text: str) -> None:
        assert self._check is not None
        self.show_error(self._check(text))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(message))
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()


class ApplicantPanel(QGroupBox):
    """Collects the applicant; `applicant()` returns what was typed, unvalidated."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("申请人"))
        self.person = QRadioButton(self.tr("自然人(&M)"))
        self.person.setObjectName("kind_person")
        self.enterprise = QRadioButton(self.tr("企业/组织(&E)"))
        self.enterprise.setObjectName("kind_enterprise")
        self.person.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.person)
        kinds.addButton(self.enterprise)
        self.enterprise.toggled.connect(self._show_kind)
        self.fields = {
            "name": FieldWithError("name"),
            "id_number": FieldWithError("id_number", partial_resident_id_problem),
            "credit_code": FieldWithError("credit_code", partial_credit_code_problem),
            "legal_representative": FieldWithError("legal_representative"),
            "phone": FieldWithError("phone"),
            "address": FieldWithError("address"),
        }
        self.fields["id_number"].edit.setMaxLength(18)
        self.fields["credit_code"].edit.setMaxLength(18)
        row = QHBoxLayout()
        row.addWidget(self.person)
        row.addWidget(self.enterprise)
        row.addStretch()
        self._form = QFormLayout()
        self._form.addRow(row)
        self._labels = {
            "name": QLabel(self.tr("姓名(&N)")),
            "credit_code": QLabel(self.tr("统一社会信用代码")),
            "legal_representative": QLabel(self.tr("法定代表人")),
            "id_number": QLabel(self.tr("身份证号(&I)")),
            "phone": QLabel(self.tr("联系电话")),
            "address": QLabel(self.tr("地址")),
        }
        for key, label in self._labels.items():
            label.setBuddy(self.fields[key].edit)
            self._form.addRow(label, self.fields[key])
        self.setLayout(self._form)
        self._show_kind(False)

    def _show_kind(self, enterprise: bool) -> None:
        self._labels["name"].setText(self.tr("单位名称(&N)") if enterprise else self.tr("姓名(&N)"))
        self._labels["id_number"].setText(
            self.tr("法定代表人身份证号(&I)") if enterprise else self.tr("身份证号(&I)")
        )
        for key in ("credit_code", "legal_representative"):
            self._form.setRowVisible(self.fields[key], enterprise)

    @property
    def kind(self) -> ApplicantKind:
        return ApplicantKind.ENTERPRISE if self.enterprise.isChecked() else ApplicantKind.PERSON

    def applicant(self) -> Applicant:
        text = {key: field.text() for key, field in self.fields.items()}
        enterprise = self.kind is ApplicantKind.ENTERPRISE
        return Applicant(
            kind=self.kind,
            name=text["name"],
            id_number=text["id_number"],
            phone=text["phone"],
            address=text["address"],
            credit_code=text["credit_code"] if enterprise else "",
            legal_representative=text["legal_representative"] if enterprise else "",
        )

    def show_error(self, field: str, message: str) -> None:
        target = self.fields.get(field, self.fields["name"])
        target.show_error(message)
        target.edit.setFocus()

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.show_error(None)

    def clear(self) -> None:
        for field in self.fields.values():
            field.edit.clear()
        self.clear_errors()
        self.person.setChecked(True)

    def first_field(self) -> QLineEdit:
        return self.fields["name"].edit
