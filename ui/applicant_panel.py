"""The applicant panel: a person or an enterprise, each identifier checked as it is typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.devices.idcard.layouts import CardType
from app.devices.idcard.records import IdCard
from app.domain.applicant import Applicant, ApplicantKind, IdDocument
from app.domain.credit_code import partial_credit_code_problem
from app.domain.identity import partial_resident_id_problem
from app.domain.messages import Message
from ui.feedback import restyle
from ui.messages import render

#: The applicant's document for each kind of card the reader can read.
CARD_DOCUMENTS = {
    CardType.RESIDENT: IdDocument.RESIDENT_ID,
    CardType.HK_MACAU_TAIWAN: IdDocument.RESIDENCE_PERMIT,
    CardType.FOREIGN_2017: IdDocument.FOREIGN_PERMIT,
    CardType.FOREIGN_2023: IdDocument.FOREIGN_PERMIT,
}


class FieldWithError(QWidget):
    """A line edit with its own error line right under it."""

    def __init__(self, name: str, check: Callable[[str], Message | None] | None = None) -> None:
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
        #: what to say about a partly typed value (None while it can still become valid)
        self.check = check
        self.edit.textEdited.connect(self._check_as_typed)

    def _check_as_typed(self, text: str) -> None:
        problem = self.check(text) if self.check else None
        self.show_error(render(problem) if problem else None)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        restyle(self.edit, "invalid", bool(message))

    def text(self) -> str:
        return self.edit.text().strip()


class ApplicantPanel(QGroupBox):
    """Collects the applicant; `applicant()` returns what was typed, unvalidated (the service
    checks it, and `show_error` puts its answer at the field). Emits
    `changed` after every edit the clerk makes (a field, the kind, the document)."""

    changed = Signal()

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
        self.document = QComboBox()
        self.document.setObjectName("document")
        for document, title in (
            (IdDocument.RESIDENT_ID, self.tr("居民身份证")),
            (IdDocument.RESIDENCE_PERMIT, self.tr("港澳台居民居住证")),
            (IdDocument.FOREIGN_PERMIT, self.tr("外国人永久居留身份证")),
        ):
            self.document.addItem(title, document)
        self.document.currentIndexChanged.connect(self._document_changed)
        self.fields["credit_code"].edit.setMaxLength(18)
        self.photo = QLabel()
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(QSize(102, 126))  # the card photo's proportions
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setWordWrap(True)
        self.show_photo(None, placeholder=self.tr("证件照片"))
        row = QHBoxLayout()
        row.addWidget(self.person)
        row.addWidget(self.enterprise)
        row.addStretch()
        row.addWidget(self.photo)
        self._form = QFormLayout()
        self._form.addRow(row)
        self._labels = {
            "name": QLabel(self.tr("姓名(&N)")),
            "credit_code": QLabel(self.tr("统一社会信用代码")),
            "legal_representative": QLabel(self.tr("法定代表人")),
            "document": QLabel(self.tr("证件类型")),
            "id_number": QLabel(self.tr("身份证号(&I)")),
            "phone": QLabel(self.tr("联系电话")),
            "address": QLabel(self.tr("地址")),
        }
        for key, label in self._labels.items():
            widget = self.document if key == "document" else self.fields[key]
            label.setBuddy(self.document if key == "document" else self.fields[key].edit)
            self._form.addRow(label, widget)
        self.setLayout(self._form)
        self._show_kind(False)
        for field in self.fields.values():
            field.edit.textEdited.connect(lambda _: self.changed.emit())
        self.enterprise.toggled.connect(lambda _: self.changed.emit())
        self.document.activated.connect(lambda _: self.changed.emit())

    def _show_kind(self, enterprise: bool) -> None:
        self._labels["name"].setText(self.tr("单位名称(&N)") if enterprise else self.tr("姓名(&N)"))
        self._labels["id_number"].setText(
            self.tr("法定代表人身份证号(&I)") if enterprise else self.tr("身份证号(&I)")
        )
        for key in ("credit_code", "legal_representative"):
            self._form.setRowVisible(self.fields[key], enterprise)

    def show_photo(self, image: bytes | None, placeholder: str | None = None) -> None:
        """The holder's photo as the decoder gave it, or a placeholder saying why there is none."""
        pixmap = QPixmap()
        if image and pixmap.loadFromData(image):
            self.photo.setPixmap(
                pixmap.scaled(
                    self.photo.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            return
        self.photo.setPixmap(QPixmap())
        self.photo.setText(placeholder or self.tr("无照片\n（未配置照片解码插件）"))

    def take_card(self, card: IdCard, holder: str, photo: bytes | None) -> None:
        """Fill what the card says: the holder (the legal representative of an enterprise), the
        address, the document, the photo and the number; nothing else typed changes."""
        fields = self.fields
        if self.kind is ApplicantKind.ENTERPRISE:
            fields["legal_representative"].edit.setText(holder)
        else:
            fields["name"].edit.setText(holder)
            if card.address:
                fields["address"].edit.setText(card.address)
        self.set_document(CARD_DOCUMENTS[card.card_type])
        self.show_photo(photo)
        fields["id_number"].edit.setText(card.number)
        self.clear_errors()

    def show_applicant(self, applicant: Applicant) -> None:
        """Show an applicant already on record (a case received elsewhere), not to be edited
        here: the case holds them."""
        self.enterprise.setChecked(applicant.is_enterprise)
        self.set_document(applicant.document)
        for key, value in (
            ("name", applicant.name),
            ("id_number", applicant.id_number),
            ("phone", applicant.phone),
            ("address", applicant.address),
            ("credit_code", applicant.credit_code),
            ("legal_representative", applicant.legal_representative),
        ):
            self.fields[key].edit.setText(value)
        self._set_editable(False)

    def _set_editable(self, editable: bool) -> None:
        for field in self.fields.values():
            field.edit.setReadOnly(not editable)
        for widget in (self.person, self.enterprise, self.document):
            widget.setEnabled(editable)

    def set_document(self, document: IdDocument) -> None:
        self.document.setCurrentIndex(self.document.findData(document))

    def _document_changed(self) -> None:
        """Foreign permits are not GB 11643 numbers: only the resident checks run as typed."""
        field = self.fields["id_number"]
        resident = IdDocument(self.document.currentData()) is not IdDocument.FOREIGN_PERMIT
        field.check = partial_resident_id_problem if resident else None
        field.show_error(None)

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
            document=IdDocument(self.document.currentData()),
        )

    def show_error(self, field: str, message: str) -> None:
        target = self.fields.get(field, self.fields["name"])
        target.show_error(message)
        target.edit.setFocus()

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.show_error(None)

    def clear(self) -> None:
        self._set_editable(True)
        for field in self.fields.values():
            field.edit.clear()
        self.clear_errors()
        self.person.setChecked(True)
        self.set_document(IdDocument.RESIDENT_ID)
        self.show_photo(None, placeholder=self.tr("证件照片"))

    def is_empty(self) -> bool:
        """Whether no field holds anything (typed or read from a card)."""
        return not any(field.edit.text().strip() for field in self.fields.values())

    def first_field(self) -> QLineEdit:
        return self.fields["name"].edit
