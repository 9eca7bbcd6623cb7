"""What the other departments need from the one form (各部门所需) beyond the business license:
the supervisor and the financial officer (for the tax office and social insurance), chosen
from the natural persons whose cards were read, the officer's phone, the bank of the basic
account, and how many seals to cut."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox

from ui.applicant_panel import FieldWithError


class DepartmentsBox(QGroupBox):
    """The one form's last section; `offer_people` keeps its choices in step with the cards."""

    def __init__(
        self,
        officer_phone: FieldWithError,
        bank: FieldWithError,
        note_typed: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("各部门所需（税务、社保、公章、银行）"))
        self.supervisor = QComboBox()
        self.supervisor.setObjectName("supervisor")
        self.supervisor.activated.connect(lambda _: note_typed("supervisor"))
        self.financial_officer = QComboBox()
        self.financial_officer.setObjectName("financial_officer")
        self.financial_officer.activated.connect(lambda _: note_typed("financial_officer"))
        self.seals = QSpinBox()
        self.seals.setRange(1, 10)
        self.seals.setValue(3)
        self.seals.valueChanged.connect(lambda _: note_typed("seals"))
        departments_form = QFormLayout(self)
        departments_form.addRow(self.tr("监事"), self.supervisor)
        officer = QHBoxLayout()
        officer.addWidget(self.financial_officer, 1)
        officer.addWidget(officer_phone, 1)
        departments_form.addRow(self.tr("财务负责人"), officer)
        departments_form.addRow(self.tr("开户银行"), bank)
        departments_form.addRow(self.tr("刻制印章（枚）"), self.seals)

    def offer_people(self, names: Sequence[str], representative: str) -> None:
        """Offer the natural persons read so far as supervisor and financial officer; the
        representative cannot supervise, so the supervisor defaults to another person."""
        others = [name for name in names if name != representative]
        defaults = (others[-1] if others else "", names[-1] if names else "")
        for combo, default in zip((self.supervisor, self.financial_officer), defaults, strict=True):
            chosen = combo.currentText()
            combo.clear()
            combo.addItems(names)
            index = combo.findText(chosen)
            combo.setCurrentIndex(index if index >= 0 else combo.findText(default))
