"""The one form of a company's establishment (一表制) at the intake.

The ID cards fill the people: each card goes to the slot waiting for one (the legal
representative first, then each investor), or to the slot whose 读卡 button was pressed. The
clerk types only what no card holds; every problem is shown under its field, and the panel
counts the fields the clerk typed or chose (the reform's yardstick: 189 → 39).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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
from app.domain.business_scope import ScopeRules, split_terms
from app.domain.enterprise_form import (
    AmountError,
    EnterpriseForm,
    FormProblem,
    Investor,
    Person,
    form_problems,
    parse_capital,
)
from app.domain.identity import mask_resident_id
from app.domain.messages import Message, msg
from ui.applicant_panel import FieldWithError
from ui.feedback import restyle
from ui.labels import fill
from ui.messages import render

#: Written on the form in Chinese (the item's data), shown in the window's language.
POSITIONS = (
    QT_TRANSLATE_NOOP("OneFormPanel", "执行董事"),
    QT_TRANSLATE_NOOP("OneFormPanel", "经理"),
    QT_TRANSLATE_NOOP("OneFormPanel", "董事长"),
)
CONTRIBUTION_FORMS = (
    QT_TRANSLATE_NOOP("OneFormPanel", "货币"),
    QT_TRANSLATE_NOOP("OneFormPanel", "实物"),
    QT_TRANSLATE_NOOP("OneFormPanel", "知识产权"),
    QT_TRANSLATE_NOOP("OneFormPanel", "土地使用权"),
)


def add_words(combo: QComboBox, words: tuple[str, ...]) -> None:
    """Each word translated for the eye, kept in Chinese as the item's data."""
    for word in words:
        combo.addItem(QCoreApplication.translate("OneFormPanel", word), word)


OPERATING_YEARS = (10, 20, 30)


class PersonSlot(QWidget):
    """One person of the form, as their ID card gave them, with a phone typed by the clerk."""

    def __init__(self, field: str, title: str, typed: Callable[[str], None]) -> None:
        super().__init__()
        self.field = field
        self.title = title
        self.person: Person | None = None
        self.card_button = QPushButton(self.tr("读卡"))
        self.card_button.setObjectName(f"{field}_card")
        self.holder = QLabel(self.tr("请在读卡器上放置身份证"))
        self.holder.setObjectName(f"{field}_holder")
        self.holder.setWordWrap(True)
        self.phone = FieldWithError(f"{field}_phone")
        self.phone.edit.setPlaceholderText(self.tr("手机号码"))
        self.phone.edit.textEdited.connect(lambda _: typed(f"{field}.phone"))
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.card_button)
        row.addWidget(self.holder, 1)
        row.addWidget(self.phone, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def take(self, card: IdCard, today: date) -> None:
        self.set_person(
            Person(card.name or card.english_name, card.number, card.address, card.valid_to)
        )
        if card.is_expired(today):
            self.show_error(
                fill(self.tr("证件已过期（有效期至 %1），不能据此受理。"), card.valid_to)
            )

    def set_person(self, person: Person | None) -> None:
        self.person = person
        self.show_error(None)
        if person is None:
            self.holder.setText(self.tr("请在读卡器上放置身份证"))
            return
        validity = person.valid_to.isoformat() if person.valid_to else self.tr("长期")
        self.holder.setText(
            fill(
                self.tr("<b>%1</b> %2 · 有效期至 %3"),
                person.name,
                mask_resident_id(person.id_number),
                validity,
            )
        )

    def with_phone(self) -> Person:
        assert self.person is not None
        return Person(
            self.person.name,
            self.person.id_number,
            self.person.address,
            self.person.valid_to,
            self.phone.text(),
        )

    def set_waiting(self, waiting: bool) -> None:
        restyle(self.card_button, "waiting", waiting)
        self.card_button.setText(self.tr("等待读卡…") if waiting else self.tr("读卡"))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class InvestorRow(QWidget):
    """An investor: the person, what they subscribe, how and by when, and their share."""

    def __init__(self, number: int, typed: Callable[[str], None]) -> None:
        super().__init__()
        field = f"investor.{number}"
        self.slot = PersonSlot(field, fill(self.tr("股东%1"), number + 1), typed)
        self.same_as_representative = QPushButton(self.tr("同法定代表人"))
        self.same_as_representative.setObjectName(f"{field}_same")
        self.subscribed = FieldWithError(f"{field}_subscribed")
        self.subscribed.edit.setPlaceholderText(self.tr("认缴出资额（万元）"))
        self.subscribed.edit.textEdited.connect(lambda _: typed(f"{field}.subscribed"))
        self.contribution_form = QComboBox()
        add_words(self.contribution_form, CONTRIBUTION_FORMS)
        self.contribution_form.activated.connect(lambda _: typed(f"{field}.form"))
        self.due = QDateEdit()
        self.due.setObjectName(f"{field}_due")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.dateChanged.connect(lambda _: typed(f"{field}.due"))
        self.share = QLabel()
        self.share.setObjectName(f"{field}_share")
        terms = QHBoxLayout()
        terms.addWidget(QLabel(self.tr("认缴（万元）")))
        terms.addWidget(self.subscribed, 2)
        terms.addWidget(self.contribution_form)
        terms.addWidget(QLabel(self.tr("出资期限")))
        terms.addWidget(self.due)
        terms.addWidget(self.share)
        terms.addWidget(self.same_as_representative)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"<b>{self.slot.title}</b>"))
        layout.addWidget(self.slot)
        layout.addLayout(terms)

    def investor(self) -> tuple[Investor | None, Message | None]:
        """The investor as typed (None before their card is read), and the reason the
        subscription cannot be read, if it cannot (the investor then subscribes 0)."""
        if self.slot.person is None:
            return None, None
        problem = None
        try:
            subscribed = parse_capital(self.subscribed.text())
        except AmountError as error:
            subscribed, problem = Decimal(0), error.message
        due = self.due.date().toPython()
        person = self.slot.with_phone()
        return Investor(person, subscribed, self.contribution_form.currentData(), due), problem


class OneFormPanel(QScrollArea):
    """The one form; `form()` gives it whole or lists every problem by field."""

    def __init__(self, rules: ScopeRules, today: Callable[[], date]) -> None:
        super().__init__()
        self.setObjectName("one_form")
        self.setWidgetResizable(True)
        self._rules = rules
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
        people = QGroupBox(self.tr("法定代表人与股东（读取身份证）"))
        people_layout = QVBoxLayout(people)
        role = QHBoxLayout()
        role.addWidget(QLabel(f"<b>{self.tr('法定代表人')}</b>"))
        role.addWidget(self.position)
        role.addStretch()
        people_layout.addLayout(role)
        people_layout.addWidget(self.representative)
        self.investors = [InvestorRow(n, self._note_typed) for n in range(2)]
        for row in self.investors:
            row.subscribed.edit.textEdited.connect(lambda _: self._show_shares())
            row.same_as_representative.clicked.connect(
                lambda _=False, r=row: self._copy_representative(r)
            )
            people_layout.addWidget(row)
        self.investors_error = QLabel()
        self.investors_error.setObjectName("investors_error")
        self.investors_error.setProperty("role", "field-error")
        self.investors_error.setWordWrap(True)
        self.investors_error.hide()
        people_layout.addWidget(self.investors_error)
        layout.addWidget(people)

        self.supervisor = QComboBox()
        self.supervisor.setObjectName("supervisor")
        self.supervisor.activated.connect(lambda _: self._note_typed("supervisor"))
        self.financial_officer = QComboBox()
        self.financial_officer.setObjectName("financial_officer")
        self.financial_officer.activated.connect(lambda _: self._note_typed("financial_officer"))
        self.seals = QSpinBox()
        self.seals.setRange(1, 10)
        self.seals.setValue(3)
        self.seals.valueChanged.connect(lambda _: self._note_typed("seals"))
        departments = QGroupBox(self.tr("各部门所需（税务、社保、公章、银行）"))
        departments_form = QFormLayout(departments)
        departments_form.addRow(self.tr("监事"), self.supervisor)
        officer = QHBoxLayout()
        officer.addWidget(self.financial_officer, 1)
        officer.addWidget(self.fields["financial_officer_phone"], 1)
        departments_form.addRow(self.tr("财务负责人"), officer)
        departments_form.addRow(self.tr("开户银行"), self.fields["bank"])
        departments_form.addRow(self.tr("刻制印章（枚）"), self.seals)
        layout.addWidget(departments)
        layout.addStretch()

        self._slots = [self.representative, *(row.slot for row in self.investors)]
        for slot in self._slots:
            slot.card_button.clicked.connect(lambda _=False, s=slot: self.wait_for_card(s))
        self._waiting: PersonSlot | None = None
        self.clear()

    # ---- cards ---------------------------------------------------------------------------

    def take_card(self, card: IdCard, today: date) -> str:
        """Put the card into the slot waiting for one; the slot's title, for the message."""
        slot = self._waiting or next((s for s in self._slots if s.person is None), self._slots[-1])
        slot.take(card, today)
        self.refresh_people()
        self.wait_for_card(next((s for s in self._slots if s.person is None), None))
        return slot.title

    def fill_known(self, id_number: str, phone: str) -> bool:
        """The phone the center holds for this person, where the clerk has not typed one."""
        filled = False
        for slot in self._slots:
            if slot.person and slot.person.id_number == id_number and not slot.phone.text():
                slot.phone.edit.setText(phone)
                filled = True
        return filled

    def wait_for_card(self, slot: PersonSlot | None) -> None:
        self._waiting = slot
        for each in self._slots:
            each.set_waiting(each is slot)

    def _copy_representative(self, row: InvestorRow) -> None:
        row.slot.set_person(self.representative.person)
        row.slot.phone.edit.setText(self.representative.phone.text())
        self.refresh_people()
        self.wait_for_card(next((s for s in self._slots if s.person is None), None))

    def refresh_people(self) -> None:
        """Offer the people read so far as supervisor and financial officer."""
        names = list(dict.fromkeys(s.person.name for s in self._slots if s.person))
        representative = self.representative.person.name if self.representative.person else ""
        others = [name for name in names if name != representative]
        defaults = (others[-1] if others else "", names[-1] if names else "")
        for combo, default in zip((self.supervisor, self.financial_officer), defaults, strict=True):
            chosen = combo.currentText()
            combo.clear()
            combo.addItems(names)
            index = combo.findText(chosen)
            combo.setCurrentIndex(index if index >= 0 else combo.findText(default))
        self._show_shares()

    # ---- the form ------------------------------------------------------------------------

    def form(self) -> tuple[EnterpriseForm | None, list[FormProblem]]:
        """The form as typed and every problem it has today; shown by `show_problems`."""
        problems: list[FormProblem] = []
        try:
            capital = parse_capital(self.fields["registered_capital"].text())
        except AmountError as error:
            problems.append(FormProblem("registered_capital", error.message))
            capital = Decimal(0)
        investors = []
        for number, row in enumerate(self.investors):
            investor, problem = row.investor()
            if problem:
                problems.append(FormProblem(f"investor.{number}.subscribed", problem))
            if investor is None:
                message = msg("请读取{label}的身份证", label=row.slot.title)
                problems.append(FormProblem(f"investor.{number}", message))
            else:
                investors.append(investor)
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
            supervisor=self.supervisor.currentText(),
            employees=self.employees.value(),
            financial_officer=self.financial_officer.currentText(),
            financial_officer_phone=self.fields["financial_officer_phone"].text(),
            bank=self.fields["bank"].text(),
            seals=self.seals.value(),
            operating_years=int(self.operating_years.currentData()),
        )
        already = {p.field for p in problems}
        problems += [
            p
            for p in form_problems(form, self._rules, self._today())
            if p.field not in already and not (p.field == "registered_capital" and capital == 0)
        ]
        return (None if problems else form), problems

    def show_problems(self, problems: list[FormProblem]) -> None:
        """Each problem under its field; investors' subscriptions and shares under the people."""
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(render(problem.message))
        for name, field in self.fields.items():
            field.show_error("；".join(by_field.get(name, [])) or None)
        for slot in self._slots:
            slot.show_error("；".join(by_field.get(slot.field, [])) or None)
        for number, row in enumerate(self.investors):
            messages = by_field.get(f"investor.{number}.subscribed", []) + by_field.get(
                f"investor.{number}.due", []
            )
            row.subscribed.show_error("；".join(messages) or None)
        shared = [
            m
            for key in ("investors", "supervisor", "representative_position", "employees", "seals")
            for m in by_field.get(key, [])
        ]
        self.investors_error.setText("；".join(shared))
        self.investors_error.setVisible(bool(shared))

    def typed_fields(self) -> int:
        """How many fields the clerk typed or chose since the form was cleared."""
        return len(self._typed)

    def clear(self) -> None:
        for field in self.fields.values():
            field.edit.clear()
            field.show_error(None)
        for slot in self._slots:
            slot.set_person(None)
            slot.phone.edit.clear()
        due = QDate(self._today().year + 10, 12, 31)
        for row in self.investors:
            row.subscribed.edit.clear()
            row.subscribed.show_error(None)
            row.contribution_form.setCurrentIndex(0)
            row.due.setDate(due)
        self.position.setCurrentIndex(0)
        self.operating_years.setCurrentIndex(0)
        self.employees.setValue(0)
        self.seals.setValue(3)
        self.investors_error.hide()
        self.refresh_people()
        self.wait_for_card(self.representative)
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
        total = Decimal(0)
        for row in self.investors:
            try:
                subscribed = parse_capital(row.subscribed.text())
            except ValueError:
                row.share.clear()
                continue
            total += subscribed
            share = subscribed * 100 / capital if capital else Decimal(0)
            row.share.setText(fill(self.tr("占 %1%"), f"{share:.2f}".rstrip("0").rstrip(".")))
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
