"""The people of the one form: a person read from their card, and a shareholder's row.

A shareholder (股东) is a natural person, whose card fills the row whatever kind of card it
is, or a legal person (法人股东), typed by name and unified social credit code. Rows are added
and removed while the form is typed, so a row knows its number only until it is renumbered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.devices.idcard.records import IdCard
from app.domain.credit_code import partial_credit_code_problem
from app.domain.enterprise_form import (
    MAX_INVESTORS,
    AmountError,
    FormProblem,
    Investor,
    LegalPerson,
    Person,
    parse_capital,
)
from app.domain.messages import Message, msg
from ui.applicant_panel import CARD_DOCUMENTS, FieldWithError
from ui.feedback import restyle
from ui.labels import fill
from ui.messages import clauses
from ui.tr_marks import QT_TRANSLATE_NOOP

#: Written on the form in Chinese (the item's data), shown in the window's language.
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


ADD_INVESTOR = "Ctrl+Shift+A"
REMOVE_INVESTOR = "Ctrl+Shift+D"


class PersonSlot(QWidget):
    """One person of the form, as their ID card gave them, with a phone typed by the clerk."""

    def __init__(self, field: str, title: str, typed: Callable[[str], None]) -> None:
        super().__init__()
        self.field = field
        self.title = title
        self.person: Person | None = None
        self.card_button = QPushButton(self.tr("读卡"))
        self.holder = QLabel()
        self.holder.setWordWrap(True)
        self.phone = FieldWithError(f"{field}_phone")
        self.phone.edit.setPlaceholderText(self.tr("手机号码"))
        self.phone.edit.textEdited.connect(lambda _: typed(f"{self.field}.phone"))
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
        self.rename(field, title)
        self.set_person(None)

    def rename(self, field: str, title: str) -> None:
        self.field, self.title = field, title
        self.card_button.setObjectName(f"{field}_card")
        self.holder.setObjectName(f"{field}_holder")
        self.phone.edit.setObjectName(f"{field}_phone")
        self.phone.error.setObjectName(f"{field}_phone_error")

    def take(self, card: IdCard, today: date) -> None:
        """The card's holder, whatever the kind of card: its number is checked by its kind."""
        name = card.name or card.english_name
        document = CARD_DOCUMENTS[card.card_type]
        self.set_person(Person(name, card.number, card.address, card.valid_to, "", document))
        if card.is_expired(today):
            self.show_error(
                fill(self.tr("证件已过期（有效期至 %1），不能据此受理。"), card.valid_to)
            )

    def set_person(self, person: Person | None) -> None:
        self.person = person
        self.show_error(None)
        if person is None:
            self.holder.setText(self.tr("请在读卡器上放置证件"))
            return
        validity = person.valid_to.isoformat() if person.valid_to else self.tr("长期")
        self.holder.setText(
            fill(
                self.tr("<b>%1</b> %2 · 有效期至 %3"),
                person.name,
                person.masked_identifier,
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
            self.person.document,
        )

    def set_waiting(self, waiting: bool) -> None:
        restyle(self.card_button, "waiting", waiting)
        self.card_button.setText(self.tr("等待读卡…") if waiting else self.tr("读卡"))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class InvestorRow(QWidget):
    """A shareholder: who they are, what they subscribe, how and by when, and their share."""

    def __init__(self, number: int, due: QDate, typed: Callable[[str], None]) -> None:
        super().__init__()
        self.number = number
        self.heading = QLabel()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("自然人（读取证件）"), False)
        self.kind.addItem(self.tr("法人股东（企业）"), True)
        self.kind.activated.connect(lambda _: typed(f"{self.field}.kind"))
        self.kind.currentIndexChanged.connect(lambda _: self._show_kind())
        self.slot = PersonSlot(self.field, "", typed)
        self.legal_name = FieldWithError("")
        self.legal_name.edit.setPlaceholderText(self.tr("法人股东名称"))
        self.legal_name.edit.textEdited.connect(lambda _: typed(f"{self.field}.legal_name"))
        self.credit_code = FieldWithError("", partial_credit_code_problem)
        self.credit_code.edit.setPlaceholderText(self.tr("统一社会信用代码"))
        self.credit_code.edit.setMaxLength(18)
        self.credit_code.edit.textEdited.connect(lambda _: typed(f"{self.field}.credit_code"))
        self.legal = QWidget()
        legal_layout = QHBoxLayout(self.legal)
        legal_layout.setContentsMargins(0, 0, 0, 0)
        legal_layout.addWidget(QLabel(self.tr("名称")))
        legal_layout.addWidget(self.legal_name, 1)
        legal_layout.addWidget(QLabel(self.tr("统一社会信用代码")))
        legal_layout.addWidget(self.credit_code, 1)
        self.same_as_representative = QPushButton(self.tr("同法定代表人"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.remove_button.setToolTip(fill(self.tr("删除这一名股东 (%1)"), REMOVE_INVESTOR))
        self.subscribed = FieldWithError("")
        self.subscribed.edit.setPlaceholderText(self.tr("认缴出资额（万元）"))
        self.subscribed.edit.textEdited.connect(lambda _: typed(f"{self.field}.subscribed"))
        self.contribution_form = QComboBox()
        add_words(self.contribution_form, CONTRIBUTION_FORMS)
        self.contribution_form.activated.connect(lambda _: typed(f"{self.field}.form"))
        self.due = QDateEdit(due)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.dateChanged.connect(lambda _: typed(f"{self.field}.due"))
        self.share = QLabel()
        self.share.setMinimumWidth(self.share.fontMetrics().horizontalAdvance("占 100.00%"))
        self._layout()
        self.renumber(number)

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.kind)
        head.addStretch()
        head.addWidget(self.same_as_representative)
        head.addWidget(self.remove_button)
        # two lines of terms, so that no field is squeezed on a narrow screen
        terms = QGridLayout()
        terms.addWidget(QLabel(self.tr("认缴（万元）")), 0, 0)
        terms.addWidget(self.subscribed, 0, 1)
        terms.addWidget(self.share, 0, 2)
        terms.addWidget(QLabel(self.tr("出资方式")), 1, 0)
        terms.addWidget(self.contribution_form, 1, 1)
        terms.addWidget(QLabel(self.tr("出资期限")), 1, 2)
        terms.addWidget(self.due, 1, 3)
        terms.setColumnStretch(1, 1)
        terms.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(head)
        layout.addWidget(self.slot)
        layout.addWidget(self.legal)
        layout.addLayout(terms)
        self._show_kind()

    @property
    def field(self) -> str:
        return f"investor.{self.number}"

    @property
    def title(self) -> str:
        return self.slot.title

    @property
    def is_legal_person(self) -> bool:
        return bool(self.kind.currentData())

    def renumber(self, number: int) -> None:
        """The row's place among the shareholders: its title and the names of its fields."""
        self.number = number
        field = self.field
        self.slot.rename(field, fill(self.tr("股东%1"), number + 1))
        self.heading.setText(f"<b>{self.slot.title}</b>")
        self.kind.setObjectName(f"{field}_kind")
        self.same_as_representative.setObjectName(f"{field}_same")
        self.remove_button.setObjectName(f"{field}_remove")
        self.due.setObjectName(f"{field}_due")
        self.share.setObjectName(f"{field}_share")
        for part, name in (
            (self.subscribed, "subscribed"),
            (self.legal_name, "legal_name"),
            (self.credit_code, "credit_code"),
        ):
            part.edit.setObjectName(f"{field}_{name}")
            part.error.setObjectName(f"{field}_{name}_error")

    def focus_order(self) -> list[QWidget]:
        """The row's fields in the order Tab and Enter visit them."""
        return [
            self.kind,
            self.slot.card_button,
            self.slot.phone.edit,
            self.legal_name.edit,
            self.credit_code.edit,
            self.subscribed.edit,
            self.contribution_form,
            self.due,
            self.same_as_representative,
            self.remove_button,
        ]

    def _show_kind(self) -> None:
        legal = self.is_legal_person
        self.slot.setVisible(not legal)
        self.same_as_representative.setVisible(not legal)
        self.legal.setVisible(legal)

    def show_error(self, message: str | None) -> None:
        """A problem with who the shareholder is: under the card, or under the legal person."""
        if self.is_legal_person:
            self.credit_code.show_error(message)
        else:
            self.slot.show_error(message)

    def investor(self) -> tuple[Investor | None, Message | None]:
        """The investor as typed (None while a natural person's card is not read), and the
        reason the subscription cannot be read, if it cannot (the investor then subscribes 0)."""
        holder: Person | LegalPerson
        if self.is_legal_person:
            holder = LegalPerson(self.legal_name.text(), self.credit_code.text())
        elif self.slot.person is None:
            return None, None
        else:
            holder = self.slot.with_phone()
        problem = None
        try:
            subscribed = parse_capital(self.subscribed.text())
        except AmountError as error:
            subscribed, problem = Decimal(0), error.message
        picked = self.due.date()
        due = date(picked.year(), picked.month(), picked.day())
        return Investor(holder, subscribed, self.contribution_form.currentData(), due), problem


class InvestorList(QWidget):
    """The shareholders' rows, one to fifty, numbered in order and visited in that order by
    Tab and Enter, right after `before` (the legal representative's last field)."""

    def __init__(
        self,
        before: QWidget,
        due: Callable[[], QDate],
        typed: Callable[[str], None],
        wire: Callable[[InvestorRow], None],
    ) -> None:
        super().__init__()
        self.rows: list[InvestorRow] = []
        self._before, self._due, self._typed, self._wire = before, due, typed, wire
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def add(self) -> InvestorRow | None:
        """A new row at the end (None past fifty), shown at once so the cursor can go in."""
        if len(self.rows) >= MAX_INVESTORS:
            return None
        row = InvestorRow(len(self.rows), self._due(), self._typed)
        self._layout.addWidget(row)
        row.show()
        previous = self.rows[-1].focus_order()[-1] if self.rows else self._before
        for widget in row.focus_order():
            QWidget.setTabOrder(previous, widget)
            previous = widget
        self.rows.append(row)
        self._wire(row)
        return row

    def holding(self, widget: QWidget | None) -> InvestorRow | None:
        """The row `widget` (the focus, say) is in."""
        return next((r for r in self.rows if widget and r.isAncestorOf(widget)), None)

    def remove(self, row: InvestorRow) -> InvestorRow:
        """Take the row out and number the rest again; the row now in its place (or the last)."""
        index = self.rows.index(row)
        self.rows.remove(row)
        self._drop(row)
        for number, each in enumerate(self.rows[index:], start=index):
            each.renumber(number)
        return self.rows[min(index, len(self.rows) - 1)]

    def reset(self) -> None:
        """One empty row: a one-person company needs no more."""
        for row in self.rows:
            self._drop(row)
        self.rows.clear()
        self.add()

    def investors(self) -> tuple[list[Investor], list[FormProblem]]:
        """Every shareholder as typed, and what keeps one from being read (no card, an amount
        that is not one)."""
        investors: list[Investor] = []
        problems: list[FormProblem] = []
        for row in self.rows:
            investor, problem = row.investor()
            if problem:
                problems.append(FormProblem(f"{row.field}.subscribed", problem))
            if investor is None:
                problems.append(FormProblem(row.field, msg("请读取{label}的证件", label=row.title)))
            else:
                investors.append(investor)
        return investors, problems

    def show_problems(self, by_field: Mapping[str, list[str]]) -> None:
        """Who each shareholder is under the person, the subscription's problems under it."""
        for row in self.rows:
            row.show_error(clauses(by_field.get(row.field, [])) or None)
            messages = [*by_field.get(f"{row.field}.subscribed", [])]
            messages += by_field.get(f"{row.field}.due", [])
            row.subscribed.show_error(clauses(messages) or None)

    def show_shares(self, capital: Decimal) -> Decimal:
        """Each shareholder's share of `capital` beside them; the total subscribed."""
        total = Decimal(0)
        for row in self.rows:
            try:
                subscribed = parse_capital(row.subscribed.text())
            except ValueError:
                row.share.clear()
                continue
            total += subscribed
            share = subscribed * 100 / capital if capital else Decimal(0)
            row.share.setText(fill(self.tr("占 %1%"), f"{share:.2f}".rstrip("0").rstrip(".")))
        return total

    def _drop(self, row: InvestorRow) -> None:
        self._layout.removeWidget(row)
        row.hide()
        row.deleteLater()
