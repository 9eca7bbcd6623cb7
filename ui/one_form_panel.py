"""The one form of a company's establishment (一表制) at the intake.

The ID cards fill the people: each card goes to the slot waiting for one (the legal
representative first, then each shareholder), or to the slot whose 读卡 button was pressed; a
card read when no slot waits adds a shareholder. Shareholders (1 to 50) are added with
Ctrl+Shift+A and the one the cursor is in is removed with Ctrl+Shift+D. The clerk types only
what no card holds; every problem is shown under its field, and the panel counts the fields
the clerk typed or chose (the reform's yardstick: 189 → 39).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import cast

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.devices.idcard.records import IdCard
from app.domain.business_scope import split_terms
from app.domain.enterprise_form import (
    MAX_INVESTORS,
    AmountError,
    EnterpriseForm,
    FormProblem,
    Person,
    parse_capital,
)
from ui.applicant_panel import FieldWithError
from ui.labels import fill
from ui.messages import clauses, render
from ui.one_form_departments import DepartmentsBox
from ui.one_form_rows import (
    ADD_INVESTOR,
    REMOVE_INVESTOR,
    InvestorList,
    InvestorRow,
    PersonSlot,
    add_words,
)
from ui.tr_marks import QT_TRANSLATE_NOOP

#: Written on the form in Chinese (the item's data), shown in the window's language.
POSITIONS = (
    QT_TRANSLATE_NOOP("OneFormPanel", "执行董事"),
    QT_TRANSLATE_NOOP("OneFormPanel", "经理"),
    QT_TRANSLATE_NOOP("OneFormPanel", "董事长"),
)
OPERATING_YEARS = (10, 20, 30)


class OneFormPanel(QScrollArea):
    """The one form; `form()` gives it whole or lists every problem by field."""

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self.setObjectName("one_form")
        self.setWidgetResizable(True)
        self._today = today
        self._typed: set[str] = set()
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        def line(name: str, placeholder: str) -> FieldWithError:
            field = FieldWithError(name)
            field.edit.setPlaceholderText(placeholder)
            field.edit.textEdited.connect(lambda _: self._note_typed(name))
            return field

        self.fields = {
            "name": line("name", self.tr("如：江川市澄湖商贸有限公司")),
            "registered_capital": line("registered_capital", self.tr("万元")),
            "business_scope": line("business_scope", self.tr("规范表述，以顿号分隔")),
            "domicile": line("domicile", self.tr("具体到门牌号")),
            "phone": line("phone", self.tr("企业联系电话")),
            "bank": line("bank", self.tr("基本存款账户开户银行")),
            "financial_officer_phone": line("financial_officer_phone", self.tr("财务负责人电话")),
        }
        self.fields["registered_capital"].edit.textEdited.connect(lambda _: self._show_shares())
        self.operating_years = QComboBox()
        self.operating_years.addItem(self.tr("长期"), 0)
        for years in OPERATING_YEARS:
            self.operating_years.addItem(fill(self.tr("%1年"), years), years)
        self.operating_years.activated.connect(lambda _: self._note_typed("operating_years"))
        self.employees = QSpinBox()
        self.employees.setRange(0, 100000)
        self.employees.setObjectName("employees")
        self.employees.valueChanged.connect(lambda _: self._note_typed("employees"))
        company = QGroupBox(self.tr("企业信息"))
        company_form = QFormLayout(company)
        for key, title in (
            ("name", self.tr("企业名称")),
            ("registered_capital", self.tr("注册资本")),
            ("business_scope", self.tr("经营范围")),
            ("domicile", self.tr("住所")),
            ("phone", self.tr("联系电话")),
        ):
            company_form.addRow(title, self.fields[key])
        period = QHBoxLayout()
        period.addWidget(self.operating_years)
        period.addWidget(QLabel(self.tr("从业人数")))
        period.addWidget(self.employees)
        period.addStretch()
        company_form.addRow(self.tr("营业期限"), period)
        layout.addWidget(company)

        self.representative = PersonSlot(
            "legal_representative", self.tr("法定代表人"), self._note_typed
        )
        self.position = QComboBox()
        self.position.setObjectName("representative_position")
        add_words(self.position, POSITIONS)
        self.position.activated.connect(lambda _: self._note_typed("representative_position"))
        people = QGroupBox(self.tr("法定代表人与股东（读取证件）"))
        people_layout = QVBoxLayout(people)
        role = QHBoxLayout()
        role.addWidget(QLabel(f"<b>{self.tr('法定代表人')}</b>"))
        role.addWidget(self.position)
        role.addStretch()
        people_layout.addLayout(role)
        people_layout.addWidget(self.representative)
        self.shareholders = InvestorList(
            self.representative.phone.edit,
            lambda: QDate(self._today().year + 10, 12, 31),
            self._note_typed,
            self._wire,
        )
        people_layout.addWidget(self.shareholders)
        self.add_button = QPushButton(fill(self.tr("添加股东 (%1)"), ADD_INVESTOR))
        self.add_button.setObjectName("add_investor")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.add_investor)
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addWidget(QLabel(fill(self.tr("删除光标所在的股东：%1"), REMOVE_INVESTOR)))
        adding.addStretch()
        people_layout.addLayout(adding)
        self.investors_error = QLabel()
        self.investors_error.setObjectName("investors_error")
        self.investors_error.setProperty("role", "field-error")
        self.investors_error.setWordWrap(True)
        self.investors_error.hide()
        people_layout.addWidget(self.investors_error)
        layout.addWidget(people)

        self.departments = DepartmentsBox(
            self.fields["financial_officer_phone"], self.fields["bank"], self._note_typed
        )
        layout.addWidget(self.departments)
        layout.addStretch()

        self.representative.card_button.clicked.connect(
            lambda _=False: self.wait_for_card(self.representative)
        )
        self._waiting: PersonSlot | None = None
        # wherever the cursor goes in the form (Enter, Tab, a row added), the form shows it
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._show_focus)
        for keys, slot in (
            (ADD_INVESTOR, self.add_investor),
            (REMOVE_INVESTOR, self.remove_current),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear()

    # ---- shareholders --------------------------------------------------------------------

    @property
    def investors(self) -> list[InvestorRow]:
        return self.shareholders.rows

    def add_investor(self) -> InvestorRow | None:
        """A new shareholder's row at the end, the cursor in it; None past fifty."""
        row = self.shareholders.add()
        if row is None:
            self._tell(
                fill(self.tr("有限责任公司的股东最多%1名（公司法第四十二条）"), MAX_INVESTORS)
            )
            return None
        if self._waiting is None:
            self.wait_for_card(row.slot)
        row.kind.setFocus()
        return row

    def remove_current(self) -> None:
        """Remove the shareholder whose row holds the cursor; the cursor goes to the next one."""
        row = self.shareholders.holding(QApplication.focusWidget())
        if row is None:
            self._tell(self.tr("请先把光标放在要删除的股东一行"))
            return
        if len(self.investors) == 1:
            self._tell(self.tr("至少需要一名股东（一人有限公司）"))
            return
        neighbour = self.shareholders.remove(row)
        if self._waiting is row.slot:
            self._wait_for_next()
        self.refresh_people()
        neighbour.kind.setFocus()

    def _wire(self, row: InvestorRow) -> None:
        row.subscribed.edit.textEdited.connect(lambda _: self._show_shares())
        row.same_as_representative.clicked.connect(lambda _=False: self._copy_representative(row))
        row.remove_button.clicked.connect(lambda _=False: self._remove(row))
        row.slot.card_button.clicked.connect(lambda _=False: self.wait_for_card(row.slot))
        row.kind.currentIndexChanged.connect(lambda _: self._kind_changed(row))

    def _remove(self, row: InvestorRow) -> None:
        row.kind.setFocus()
        self.remove_current()

    def _kind_changed(self, row: InvestorRow) -> None:
        if row.is_legal_person and self._waiting is row.slot:
            self._wait_for_next()
        self.refresh_people()

    def _show_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new):
            # after the layout has placed a row just added
            QTimer.singleShot(0, new, lambda: self.ensureWidgetVisible(new))

    def _tell(self, message: str) -> None:
        self.investors_error.setText(message)
        self.investors_error.show()

    def _slots(self) -> list[PersonSlot]:
        """The legal representative and every natural-person shareholder, in form order."""
        rows = [row.slot for row in self.investors if not row.is_legal_person]
        return [self.representative, *rows]

    # ---- cards ---------------------------------------------------------------------------

    def take_card(self, card: IdCard, today: date) -> str | None:
        """Put the card into the slot waiting for one, or a new shareholder's when none waits;
        the slot's title, for the message (None: fifty shareholders, the card is not taken)."""
        slot = self._waiting or next((s for s in self._slots() if s.person is None), None)
        if slot is None:
            row = self.add_investor()
            if row is None:
                return None
            slot = row.slot
        slot.take(card, today)
        self.refresh_people()
        self._wait_for_next()
        return slot.title

    def fill_known(self, id_number: str, phone: str) -> bool:
        """The phone the center holds for this person, where the clerk has not typed one."""
        filled = False
        for slot in self._slots():
            if slot.person and slot.person.id_number == id_number and not slot.phone.text():
                slot.phone.edit.setText(phone)
                filled = True
        return filled

    def wait_for_card(self, slot: PersonSlot | None) -> None:
        self._waiting = slot
        for each in self._slots():
            each.set_waiting(each is slot)

    def _wait_for_next(self) -> None:
        self.wait_for_card(next((s for s in self._slots() if s.person is None), None))

    def _copy_representative(self, row: InvestorRow) -> None:
        row.slot.set_person(self.representative.person)
        row.slot.phone.edit.setText(self.representative.phone.text())
        self.refresh_people()
        self._wait_for_next()

    def refresh_people(self) -> None:
        """Offer the natural persons read so far as supervisor and financial officer."""
        names = list(dict.fromkeys(s.person.name for s in self._slots() if s.person))
        representative = self.representative.person.name if self.representative.person else ""
        self.departments.offer_people(names, representative)
        self._show_shares()

    # ---- the form ------------------------------------------------------------------------

    def form(self) -> tuple[EnterpriseForm, list[FormProblem]]:
        """The form as typed, and what could not be read into it (an amount that is none, a
        person whose card was not read): a form with such problems is not to be accepted. The
        form's rules are the service's; `show_problems` shows what it finds at the fields."""
        problems: list[FormProblem] = []
        try:
            capital = parse_capital(self.fields["registered_capital"].text())
        except AmountError as error:
            problems.append(FormProblem("registered_capital", error.message))
            capital = Decimal(0)
        investors, unread = self.shareholders.investors()
        problems += unread
        representative = (
            self.representative.with_phone() if self.representative.person else Person("", "")
        )
        form = EnterpriseForm(
            name=self.fields["name"].text(),
            registered_capital=capital,
            business_scope=split_terms(self.fields["business_scope"].text()),
            domicile=self.fields["domicile"].text(),
            phone=self.fields["phone"].text(),
            legal_representative=representative,
            representative_position=self.position.currentData(),
            investors=tuple(investors),
            supervisor=self.departments.supervisor.currentText(),
            employees=self.employees.value(),
            financial_officer=self.departments.financial_officer.currentText(),
            financial_officer_phone=self.fields["financial_officer_phone"].text(),
            bank=self.fields["bank"].text(),
            seals=self.departments.seals.value(),
            operating_years=int(self.operating_years.currentData()),
        )
        return form, problems

    def show_problems(self, problems: Sequence[FormProblem]) -> None:
        """Each problem under its field; investors' subscriptions and shares under the people."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(render(problem.message))
        for name, field in self.fields.items():
            field.show_error(clauses(by_field.get(name, [])) or None)
        self.representative.show_error(clauses(by_field.get("legal_representative", [])) or None)
        self.shareholders.show_problems(by_field)
        shared = [
            m
            for key in ("investors", "supervisor", "representative_position", "employees", "seals")
            for m in by_field.get(key, [])
        ]
        self.investors_error.setText(clauses(shared))
        self.investors_error.setVisible(bool(shared))

    def typed_fields(self) -> int:
        """How many fields the clerk typed or chose since the form was cleared."""
        return len(self._typed)

    def clear(self) -> None:
        for field in self.fields.values():
            field.edit.clear()
            field.show_error(None)
        self.shareholders.reset()  # one row; Ctrl+Shift+A adds the next
        self.representative.set_person(None)
        self.representative.phone.edit.clear()
        self.position.setCurrentIndex(0)
        self.operating_years.setCurrentIndex(0)
        self.employees.setValue(0)
        self.departments.seals.setValue(3)
        self.investors_error.hide()
        self.refresh_people()
        self.wait_for_card(self.representative)
        self._typed.clear()

    def nothing_typed(self) -> None:
        """What is in the form now was filled for the clerk (from the portal), not typed."""
        self._typed.clear()

    def first_field(self) -> QWidget:
        return self.fields["name"].edit

    def _note_typed(self, name: str) -> None:
        self._typed.add(name)

    def _show_shares(self) -> None:
        try:
            capital = parse_capital(self.fields["registered_capital"].text())
        except ValueError:
            capital = Decimal(0)
        total = self.shareholders.show_shares(capital)
        if capital and total != capital:
            self.investors_error.setText(
                fill(
                    self.tr("认缴合计 %1 万元，注册资本 %2 万元：出资比例合计应为100%"),
                    f"{total.normalize():f}",
                    f"{capital.normalize():f}",
                )
            )
            self.investors_error.show()
        else:
            self.investors_error.hide()


def with_unread(unread: list[FormProblem], problems: Sequence[FormProblem]) -> list[FormProblem]:
    """What could not be read, then the service's problems with the other fields."""
    already = {p.field for p in unread}
    return unread + [p for p in problems if p.field not in already]
