"""The intake panel (受理): item, applicant, materials, then accept, correct or refuse.

Whatever the outcome, what the clerk typed stays until the case is stored: an error shows
next to its field or in the result line, and the form is cleared only after success.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.bootstrap import Services
from app.devices.idcard.records import IdCard
from app.domain.applicant import Applicant, ApplicantError
from app.domain.appointments import Appointment, Arrival
from app.domain.catalog import Item
from app.domain.deadline import ClockPhase
from app.domain.enterprise_form import MAX_INVESTORS, FormError, FormProblem
from app.domain.identity import mask_resident_id
from app.domain.roles import Actor, Permission
from app.services.cases import Accept, IntakeDecision, Refuse, RequestCorrection
from app.services.received_cases import decide_received
from app.services.views import CaseDetail
from printing.notice_texts import NoticeKind
from ui.applicant_panel import ApplicantPanel
from ui.confirm import ConfirmDialog, applicant_row, confirm_decision
from ui.enter_key import enter_moves_on
from ui.feedback import show_message, show_problem
from ui.intake_online import appointment_said
from ui.item_info import ItemInfo
from ui.item_search import ItemSearch
from ui.labels import clock_sentence, fill, status_title
from ui.materials import MaterialsChecklist
from ui.messages import error_text, listed, render
from ui.one_form_panel import OneFormPanel, with_unread
from ui.operations import Operations
from ui.screen_fit import scroll_vertically


class IntakePanel(QWidget):
    """Emits `case_stored` with the CaseDetail after each successful intake."""

    case_stored = Signal(object)
    #: The panel was emptied (after a case was stored, or by Ctrl+N).
    cleared = Signal()

    def __init__(self, services: Services, operations: Operations, actor: Actor) -> None:
        super().__init__()
        self._services = services
        self._operations = operations
        self._actor = actor
        self._item: Item | None = None
        #: The appointment or online pre-application being taken up (None: a walk-in).
        self.appointment: Appointment | None = None
        #: The number of a received case in the panel (called with its ticket), or None for
        #: a new case.
        self.received: str | None = None
        self.confirmation: ConfirmDialog | None = None  # a refusal being confirmed
        self.search = ItemSearch(services.catalog, lambda item: services.cases.refusal(actor, item))
        self.item_info = ItemInfo()
        self.applicant = ApplicantPanel()
        self.one_form = OneFormPanel(lambda: services.clock.now().date())
        scroll_vertically(self.one_form)  # the form scrolls down on a small screen, never across
        #: the ordinary applicant, or the one form of a company's establishment (一表制)
        self.who = QStackedWidget()
        self.who.addWidget(self.applicant)
        self.who.addWidget(self.one_form)
        self.materials = MaterialsChecklist()
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(self.tr("补正说明或不予受理理由（不予受理时必填）"))
        self.note.setMaximumHeight(64)
        self.note.setTabChangesFocus(True)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.accept_button = self._button("accept", self.tr("受理 (Ctrl+Enter)"), self._accept)
        self.correct_button = self._button("correct", self.tr("补正告知 (Ctrl+B)"), self._correct)
        self.refuse_button = self._button("refuse", self.tr("不予受理 (Ctrl+R)"), self._refuse)
        self.clear_button = self._button("clear", self.tr("清空 (Ctrl+N)"), self.clear)
        self._layout()
        self._shortcuts()
        self.search.chosen.connect(self.choose_item)
        enter_moves_on(self.who)  # the applicant and the one form alike
        allowed = actor.can(Permission.HANDLE_CASE)
        for button in (self.accept_button, self.correct_button, self.refuse_button):
            button.setEnabled(allowed)
        operations.run(services.catalog.index, lambda _: self.search.index_ready(), self._failed)

    def _button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self) -> None:
        item_box = QGroupBox(self.tr("办理事项"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.search, 3)
        item_layout.addWidget(self.item_info, 2)
        materials_box = QGroupBox(self.tr("申请材料（空格键勾选）"))
        QVBoxLayout(materials_box).addWidget(self.materials)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.correct_button, self.refuse_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.clear_button)
        right = QVBoxLayout()
        right.addWidget(self.who, 4)
        right.addWidget(materials_box, 1)
        right.addWidget(self.note)
        right.addLayout(buttons)
        right.addWidget(self.result)
        grid = QGridLayout(self)
        grid.addWidget(item_box, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 4)
        grid.setColumnStretch(1, 5)

    def _shortcuts(self) -> None:
        for keys, slot in (
            ("Ctrl+Return", self._accept),
            ("Ctrl+Enter", self._accept),
            ("Ctrl+B", self._correct),
            ("Ctrl+R", self._refuse),
            ("Ctrl+N", self.clear),
            ("Ctrl+F", self.focus_search),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    def focus_search(self) -> None:
        self.search.box.setFocus()
        self.search.box.selectAll()

    def choose_item(self, item: Item) -> None:
        self._item = item
        self.item_info.show_item(item, self._services.catalog.departments().get(item.department))
        self.materials.show_item(item)
        self.result.clear()
        self.who.setCurrentWidget(self.one_form if item.is_one_form else self.applicant)
        self.note.setVisible(not item.is_one_form)  # no correction notice for the one form
        self._set_busy(False)
        if not self._accepted_here:
            self._say_not_here()
        if item.is_one_form:
            self.one_form.first_field().setFocus()
        else:
            self.applicant.first_field().setFocus()

    def fill_from_card(self, card: IdCard, today: date, photo: bytes | None = None) -> None:
        """A card placed on the reader fills the applicant in one motion.

        For an enterprise the card is the legal representative's. Only these fields change:
        the item, the materials and anything else typed stay. An expired card or a card whose
        data looks wrong is shown as a warning: the clerk decides.
        """
        holder = card.name or card.english_name
        if self._one_form_chosen:
            self._take_card_for_one_form(card, today, holder)
            return
        self.applicant.take_card(card, holder, photo)
        warnings = [render(problem) for problem in card.problems]
        if card.is_expired(today):
            warnings.insert(
                0, fill(self.tr("证件已过期（有效期至 %1），请核实后决定是否受理。"), card.valid_to)
            )
        read = fill(self.tr("已读取证件：%1 %2。"), holder, mask_resident_id(card.number))
        self.show_message(" ".join([read, *warnings]), error=bool(warnings))
        number, actor, error = card.number, self._actor, bool(warnings)

        def say(found: Arrival | None) -> None:  # 此人今天 10:00 有预约
            if found is not None:
                self.show_message(f"{self.result.text()} {appointment_said(found)}", error)

        self._operations.run(
            lambda: self._services.appointments.arrival(actor, number), say, lambda _: None
        )

    def _take_card_for_one_form(self, card: IdCard, today: date, holder: str) -> None:
        """The card fills the next person of the form; a phone the center holds comes after."""
        slot = self.one_form.take_card(card, today)
        if slot is None:
            self.show_message(
                fill(self.tr("股东已满%1名，这张证件没有填入申请表。"), MAX_INVESTORS), error=True
            )
            return
        expired = card.is_expired(today)
        self.show_message(
            fill(self.tr("已读取%1的证件：%2 %3。"), slot, holder, mask_resident_id(card.number))
            + (self.tr(" 证件已过期，不能据此受理。") if expired else ""),
            error=expired,
        )
        number, actor = card.number, self._actor

        def known(person: Applicant | None) -> None:
            if person and person.phone and self.one_form.fill_known(number, person.phone):
                self.show_message(
                    self.result.text() + self.tr(" 电话按本中心记录填入。"), error=expired
                )

        self._operations.run(
            lambda: self._services.cases.applicant_on_record(actor, number), known, lambda _: None
        )

    def take_received(self, detail: CaseDetail) -> None:
        """A case received elsewhere (the kiosk) and called here: its item, applicant and
        materials fill the panel, and the decision is made on that case (nothing typed again)."""
        case = detail.case
        self.clear()
        self.choose_item(self._services.catalog.item(case.terms.item_code))
        self.applicant.show_applicant(case.applicant)
        for name in case.materials:
            self.materials.set_checked(name)
        self.received = case.case_no
        self.show_message(
            fill(self.tr("已调出自助终端登记的办件 %1：请核对材料后受理。"), case.case_no), False
        )

    def clear(self) -> None:
        self._item = None
        self.appointment = None
        self.received = None
        self.applicant.clear()
        self.one_form.clear()
        self.who.setCurrentWidget(self.applicant)
        self.note.show()
        self.materials.show_item(None)
        self.note.clear()
        self.item_info.ask_for_item()
        self.search.box.clear()
        self._set_busy(False)
        self.focus_search()
        self.cleared.emit()

    def holds_work(self) -> bool:
        """Whether anything chosen or typed here would be lost if the panel went away."""
        return (
            self._item is not None
            or not self.applicant.is_empty()
            or bool(self.note.toPlainText().strip())
        )

    # ---- the three outcomes ------------------------------------------------------------

    def _accept(self) -> None:
        self._submit(Accept())

    def _correct(self) -> None:
        missing = self.materials.missing_required()
        if self._item is not None and not missing:
            self.show_message(self.tr("所有必需材料均已勾选，无需补正，可直接受理。"), error=True)
            return
        self._submit(RequestCorrection(tuple(missing), self.note.toPlainText()))

    def _refuse(self) -> None:
        reason = self.note.toPlainText().strip()
        if not reason:
            self.show_message(self.tr("不予受理须写明理由，请在说明栏填写。"), error=True)
            self.note.setFocus()
            return
        self._submit(Refuse(reason))

    @property
    def _one_form_chosen(self) -> bool:
        return self._item is not None and self._item.is_one_form

    def _submit(self, decision: IntakeDecision) -> None:
        if self._item is None:
            self.show_message(self.tr("请先选择办理事项。"), error=True)
            self.focus_search()
            return
        if not self._accepted_here:
            self._say_not_here()
            return
        if self._one_form_chosen:
            self._submit_one_form()
            return
        self.applicant.clear_errors()
        applicant = self.applicant.applicant()
        item, materials, actor = self._item, self.materials.checked(), self._actor
        booked, received, services = self.appointment, self.received, self._services

        def write() -> None:
            self._set_busy(True)
            self._operations.run(
                lambda: (
                    decide_received(services.cases, actor, received, materials, decision)
                    if received is not None
                    else services.appointments.accept(
                        actor, booked.id, applicant, materials, decision
                    )
                    if booked
                    else services.cases.receive(actor, item.code, applicant, materials, decision)
                ),
                self._stored,
                self._failed,
            )

        if isinstance(decision, Refuse):  # written for ever, and handed to the applicant
            self.confirmation = confirm_decision(
                self,
                NoticeKind.REFUSAL,
                [
                    (self.tr("事项"), item.name),
                    applicant_row(applicant),
                    (self.tr("理由"), decision.reason),
                ],
                write,
            )
        else:
            write()

    def _submit_one_form(self) -> None:
        """Accept the one form. The service checks it and its problems come back to their
        fields; a form not wholly read (an amount, a card) is not sent, but the service still
        says what else is wrong, so that every problem is shown at once."""
        assert self._item is not None
        form, unread = self.one_form.form()
        self.one_form.show_problems([])
        missing = self.materials.missing_required()
        if unread or missing:  # not to be sent; the form's problems are still told first
            self._operations.run(
                lambda: self._services.cases.form_problems(form),
                lambda problems: self._not_sent(with_unread(unread, problems), missing),
                self._failed,
            )
            return
        item, materials, actor = self._item, self.materials.checked(), self._actor
        booked, services = self.appointment, self._services
        self._set_busy(True)
        self._operations.run(
            lambda: (
                services.appointments.accept_one_form(actor, booked.id, form, materials)
                if booked
                else services.cases.receive_one_form(actor, item.code, form, materials)
            ),
            self._stored,
            self._failed,
        )

    def _stored(self, detail: CaseDetail) -> None:
        self._set_busy(False)
        case = detail.case
        message = fill(self.tr("办件 %1 已登记：%2。"), case.case_no, status_title(case.status))
        if detail.deadline.phase is not ClockPhase.STOPPED:  # a refusal has no time limit
            message += fill(self.tr("%1。"), clock_sentence(detail.deadline))
        if detail.joint is not None:
            departments = listed(
                f"{row.ref.item_name}（{row.ref.case_no}）" for row in detail.joint.children
            )
            message += fill(
                self.tr("已抄告 %1 个部门并联审批：%2"), len(detail.joint.children), departments
            )
        self.clear()
        self.show_message(message, error=False)
        self.case_stored.emit(detail)

    def _failed(self, error: Exception) -> None:
        """The service refused: the error is placed where the clerk mends it."""
        self._set_busy(False)
        if isinstance(error, ApplicantError):
            self.applicant.show_error(error.field, error_text(error))
            show_problem(
                self.result,
                self.tr("申请人信息有误，请按提示修改。"),
                self.applicant.changed,
                self._ask_applicant_valid,
                self.applicant.clear_errors,
            )
        elif isinstance(error, FormError):
            self._form_refused(error.problems)
        else:
            self.show_message(error_text(error), error=True)

    def _not_sent(self, problems: Sequence[FormProblem], missing: Sequence[str]) -> None:
        if problems:
            self._form_refused(problems)
        else:
            self.show_message(self.tr("必需材料不齐，不能受理：") + listed(missing), error=True)

    def _form_refused(self, problems: Sequence[FormProblem]) -> None:
        """Each problem at its field, and how many there are in the result line."""
        self.one_form.show_problems(problems)
        self.show_message(
            fill(
                self.tr("申请表有 %1 处问题，请按提示修改：%2"),
                len(problems),
                render(problems[0].message),
            ),
            error=True,
        )

    def _ask_applicant_valid(self, solved: Callable[[], None]) -> None:
        """Whether the applicant as typed now would be taken: the service answers, and
        `solved` runs if it would and nothing was typed meanwhile."""
        applicant = self.applicant.applicant()
        self._operations.run(
            lambda: self._services.cases.checked_applicant(applicant),
            lambda _: solved() if self.applicant.applicant() == applicant else None,
            lambda _: None,  # still wrong: the message stays
        )

    def _say_not_here(self) -> None:
        """The chosen item cannot be accepted here (another department's, or declared at
        another level of center): said at once in the service's words, before anything is
        typed."""
        assert self._item is not None
        refusal = self._services.cases.refusal(self._actor, self._item)
        if refusal is not None:
            self.show_message(render(refusal), error=True)

    @property
    def _accepted_here(self) -> bool:
        """No item chosen yet, or one this window may accept (the service's answer)."""
        return self._item is None or self._services.cases.can_accept(self._actor, self._item)

    def _set_busy(self, busy: bool) -> None:
        allowed = self._actor.can(Permission.HANDLE_CASE) and self._accepted_here and not busy
        self.accept_button.setEnabled(allowed)
        # the one form is accepted or its problems shown: no correction notice or refusal slip
        for button in (self.correct_button, self.refuse_button):
            button.setEnabled(allowed and not self._one_form_chosen)

    def show_message(self, message: str, error: bool) -> None:
        show_message(self.result, message, error)
