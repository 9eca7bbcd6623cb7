"""What an appointment or an online pre-application puts into the intake (网上申报，窗口受理):
the item, the applicant and, for the one form, the whole form as filled on the portal, and the
materials uploaded ticked, so that the clerk checks and accepts without typing again.

The panel's widgets are filled as a card or the clerk would fill them: whatever the clerk
then changes is what is sent, and the service checks it as it checks a form typed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QComboBox

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.appointments import Appointment, Arrival
from app.domain.catalog import Item
from app.domain.enterprise_form import EnterpriseForm, LegalPerson, Person
from ui.applicant_panel import ApplicantPanel
from ui.labels import fill
from ui.messages import render
from ui.one_form_panel import OneFormPanel
from ui.one_form_rows import InvestorRow

if TYPE_CHECKING:  # the intake imports this module
    from ui.intake import IntakePanel


def appointment_said(arrival: Arrival) -> str:
    """What the intake says of a card's holder with an appointment today: its time, number
    and whether they are on time (此人今天 10:00 有预约)."""
    slot = arrival.appointment.entry.slot
    return fill(
        QCoreApplication.translate("IntakePanel", "此人今天 %1 有预约（%2）：%3"),
        f"{slot.start:%H:%M}" if slot else "",
        arrival.appointment.reference,
        render(arrival.words),
    )


def open_in_intake(intake: IntakePanel, appointment: Appointment, item: Item) -> None:
    """Fill the intake from an appointment or an online pre-application: the item, the
    applicant or the one form, the materials uploaded ticked; accepting then takes it up."""
    intake.clear()
    intake.choose_item(item)
    entry = appointment.entry
    if entry.form is not None:
        fill_one_form(intake.one_form, entry.form)
    elif entry.applicant is not None:
        fill_applicant(intake.applicant, entry.applicant)
    for name in entry.materials:
        intake.materials.set_checked(name)
    intake.appointment = appointment
    said = QCoreApplication.translate("IntakePanel", "已按网上申报 %1 填入，请核对后受理。")
    intake.show_message(fill(said, appointment.reference), error=False)


def fill_applicant(panel: ApplicantPanel, applicant: Applicant) -> None:
    """The applicant as the portal gave them: a person, or an enterprise and its
    representative (whose ID number is the applicant's)."""
    panel.clear()
    if applicant.kind is not ApplicantKind.PERSON:
        panel.enterprise.setChecked(True)
    panel.set_document(applicant.document)
    for key, value in (
        ("name", applicant.name),
        ("id_number", applicant.id_number),
        ("phone", applicant.phone),
        ("address", applicant.address),
        ("credit_code", applicant.credit_code),
        ("legal_representative", applicant.legal_representative),
    ):
        panel.fields[key].edit.setText(value)


def fill_one_form(panel: OneFormPanel, form: EnterpriseForm) -> None:
    """The one form as filled online, every section; the people as their numbers say (their
    cards may still be read at the counter, which replaces them)."""
    panel.clear()
    for key, value in (
        ("name", form.name),
        ("registered_capital", f"{form.registered_capital.normalize():f}"),
        ("business_scope", "、".join(form.business_scope)),
        ("domicile", form.domicile),
        ("phone", form.phone),
        ("bank", form.bank),
        ("financial_officer_phone", form.financial_officer_phone),
    ):
        panel.fields[key].edit.setText(value)
    _choose(panel.operating_years, form.operating_years)
    _choose(panel.position, form.representative_position)
    panel.employees.setValue(form.employees)
    panel.representative.set_person(form.legal_representative)
    panel.representative.phone.edit.setText(form.legal_representative.phone)
    for number, investor in enumerate(form.investors):
        row = panel.investors[0] if number == 0 else panel.add_investor()
        if row is None:  # past fifty: the service refuses the form and says so
            break
        _fill_investor(row, investor.person)
        row.subscribed.edit.setText(f"{investor.subscribed.normalize():f}")
        _choose(row.contribution_form, investor.contribution_form)
        if investor.contribution_due is not None:
            due = investor.contribution_due
            row.due.setDate(QDate(due.year, due.month, due.day))
    panel.refresh_people()
    panel.departments.seals.setValue(form.seals)
    for combo, name in (
        (panel.departments.supervisor, form.supervisor),
        (panel.departments.financial_officer, form.financial_officer),
    ):
        combo.setCurrentIndex(combo.findText(name))
    panel.wait_for_card(None)
    panel.nothing_typed()


def _fill_investor(row: InvestorRow, holder: Person | LegalPerson) -> None:
    if isinstance(holder, LegalPerson):
        _choose(row.kind, True)
        row.legal_name.edit.setText(holder.name)
        row.credit_code.edit.setText(holder.credit_code)
        return
    _choose(row.kind, False)
    row.slot.set_person(holder)
    row.slot.phone.edit.setText(holder.phone)


def _choose(combo: QComboBox, data: object) -> None:
    """Select the entry whose data is `data` (left as it is when there is none)."""
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
