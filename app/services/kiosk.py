"""The self-service kiosk's work (自助终端): the applicant's card or typed number, the item,
then in one step the case received (接件, channel kiosk), the queue number and the slip.

The window only calls this. A printer that fails never loses the applicant: the number is
already issued and stored, the screen shows it, and the slip waits in the reprint queue,
rebuilt from the ticket when the guide desk prints it again.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, replace
from uuid import UUID

from app.devices.idcard.layouts import CardType
from app.devices.idcard.records import IdCard
from app.domain.applicant import IdDocument
from app.domain.case import Case
from app.domain.catalog import Department, Item
from app.domain.events import CHINA_TIME
from app.domain.kiosk import KioskRefused, Visitor, visitor_from_card, visitor_from_number
from app.domain.levels import Place
from app.domain.messages import Message, msg
from app.domain.roles import Actor
from app.domain.tickets import PRIORITY_MESSAGES, Holder, Priority, Queue, Ticket
from app.services.auth import AuthService
from app.services.cases import CaseService
from app.services.catalog import CatalogService
from app.services.errors import NotFound
from app.services.printing import PrintService
from app.services.queue import QueueService
from app.services.time_source import Clock
from app.storage.unit_of_work import UnitOfWorkFactory
from printing.kiosk_slip import KIOSK_SLIP, KioskTicket, kiosk_slip
from printing.slip_layout import Slip

log = logging.getLogger(__name__)

#: How many of the hall's most common items the start screen offers.
COMMON_ITEMS = 10
#: The document each kind of card proves.
CARD_DOCUMENTS = {
    CardType.RESIDENT: IdDocument.RESIDENT_ID,
    CardType.HK_MACAU_TAIWAN: IdDocument.RESIDENCE_PERMIT,
    CardType.FOREIGN_2017: IdDocument.FOREIGN_PERMIT,
    CardType.FOREIGN_2023: IdDocument.FOREIGN_PERMIT,
}


@dataclass(frozen=True)
class CheckIn:
    """What the kiosk tells the applicant after confirming: the number, where, whether the
    slip came out (and if not, why, in words)."""

    number: str
    where: str
    waiting_before: int
    case_no: str
    printed: bool
    message: Message


class KioskService:
    """Everything the kiosk's screen asks for, as the terminal's kiosk account."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        auth: AuthService,
        catalog: CatalogService,
        cases: CaseService,
        queue: QueueService,
        printing: PrintService,
        clock: Clock,
        place: Place,
    ) -> None:
        self._uow = uow
        self._auth = auth
        self._catalog = catalog
        self._cases = cases
        self._queue = queue
        self._printing = printing
        self._clock = clock
        self._place = place
        printing.serve_reprints(KIOSK_SLIP, self._reprinted)

    def sign_in(self) -> Actor:
        """The terminal's kiosk account (see `AuthService.kiosk_sign_in`)."""
        return self._auth.kiosk_sign_in()

    # ---- finding the item ---------------------------------------------------------------

    def offered(self, item: Item) -> bool:
        """Whether the kiosk takes applications for `item`: not the one form (typed at a
        window), and declared at this center's level."""
        return not item.is_one_form and self._place.refusal(item.levels) is None

    def common_items(self) -> list[Item]:
        """The hall's most received items (counted from the store), topped up from the
        catalog's order when the store holds few cases."""
        with self._uow.reading() as uow:
            codes = uow.catalog.most_received(COMMON_ITEMS * 2)
        items = self._catalog.items()
        by_code = {item.code: item for item in items}
        ranked = [by_code[code] for code in codes if code in by_code]
        chosen = [item for item in dict.fromkeys([*ranked, *items]) if self.offered(item)]
        return chosen[:COMMON_ITEMS]

    def search(self, text: str) -> list[Item]:
        """Items by keyword or pinyin (yyzz, yingye), those the kiosk takes."""
        return [item for item in self._catalog.search(text, limit=30) if self.offered(item)]

    def departments(self) -> list[Department]:
        """The departments with an item the kiosk takes, for the tiles."""
        codes = {item.department for item in self._catalog.items() if self.offered(item)}
        return [d for code, d in sorted(self._catalog.departments().items()) if code in codes]

    def items_of(self, department: str) -> list[Item]:
        return [i for i in self._catalog.items() if i.department == department and self.offered(i)]

    def department_name(self, code: str) -> str:
        return self._catalog.department_name(code)

    def where(self, item: Item) -> str:
        """Where the item's applicants go: its queue's hall, floor and windows."""
        return where_text(self._queue.queue_for_item(item.code))

    # ---- the visitor ----------------------------------------------------------------------

    def visitor_from_card(self, card: IdCard) -> Visitor:
        """The holder of the card; KioskRefused for an expired card."""
        return visitor_from_card(
            name=card.name or card.english_name,
            number=card.number,
            document=CARD_DOCUMENTS[card.card_type],
            birth_date=card.birth_date,
            address=card.address,
            valid_to=card.valid_to,
            today=self._clock.now().date(),
        )

    def visitor_from_number(self, text: str) -> Visitor:
        """The visitor of a resident ID number typed on the keypad; IdentifierError."""
        return visitor_from_number(text, self._clock.now().date())

    # ---- confirming -----------------------------------------------------------------------

    def check_in(self, actor: Actor, item_code: str, visitor: Visitor) -> CheckIn:
        """Receive the case (when the card gave a name), take the number, print the slip."""
        item = self._catalog.item(item_code)
        if not self.offered(item):
            raise KioskRefused(msg("{item}请到窗口办理", item=item.name))
        case_id: UUID | None = None
        case_no = ""
        if visitor.applicant is not None:
            detail = self._cases.receive(actor, item.code, visitor.applicant, (), channel="kiosk")
            case_id, case_no = detail.case.case_id, detail.case.case_no
        queue = self._queue.queue_for_item(item.code)
        issued = self._queue.issue(
            actor,
            queue.code,
            priority=Priority.ORDINARY,
            case_id=case_id,
            holder=Holder(visitor.masked_name, visitor.birth_date),
        )
        facts = self._slip_facts(issued.ticket, queue, issued.waiting_before, item, case_no)
        slip = kiosk_slip(replace(facts, masked_id=visitor.masked_id), self._printing.center())
        outcome = self._printing.print_made(actor, slip, str(issued.ticket.id))
        log.info("kiosk ticket %s issued (case %s)", issued.ticket.number, case_no or "none")
        return CheckIn(
            issued.ticket.number,
            where_text(queue),
            issued.waiting_before,
            case_no,
            outcome.printed,
            outcome.message,
        )

    def _slip_facts(
        self, ticket: Ticket, queue: Queue, waiting: int, item: Item | None, case_no: str
    ) -> KioskTicket:
        return KioskTicket(
            number=ticket.number,
            queue_name=queue.name,
            where=where_text(queue),
            waiting_before=waiting,
            item_name=item.name if item else queue.name,
            department=self._catalog.department_name(item.department if item else queue.code),
            materials=tuple(m.name for m in item.materials) if item else (),
            case_no=case_no,
            holder=ticket.holder.masked_name,
            masked_id="",
            issued_at=ticket.issued_at.astimezone(CHINA_TIME),
            priority=""
            if ticket.priority is Priority.ORDINARY
            else str(PRIORITY_MESSAGES[ticket.priority]),
        )

    def _reprinted(self, actor: Actor, key: str) -> Slip:
        """A queued kiosk slip built again from its ticket and case (the guide desk's
        reprint): the number, where, and how many wait before it now."""
        ticket = self._queue.ticket(UUID(key))
        queue = self._queue.queue(ticket.queue)
        item: Item | None = None
        case_no = masked_id = ""
        if ticket.case_id is not None:
            with self._uow.reading() as uow:
                case = Case.from_events(uow.cases.events_of(ticket.case_id))
            case_no, masked_id = case.case_no, case.applicant.masked_id
            with contextlib.suppress(NotFound):  # left the catalog since: the queue's name
                item = self._catalog.item(case.terms.item_code)
        waiting = [t.id for t in self._queue.waiting(queue.code)]
        before = waiting.index(ticket.id) if ticket.id in waiting else 0
        facts = self._slip_facts(ticket, queue, before, item, case_no)
        return kiosk_slip(replace(facts, masked_id=masked_id), self._printing.center())


def where_text(queue: Queue) -> str:
    """Where a queue's applicants go, as the slip and the screen say it (A厅1楼 A01、A02窗口)."""
    windows = "、".join(queue.windows)
    place = f"{queue.hall}厅{queue.floor}楼" if queue.hall else ""
    return " ".join(part for part in (place, f"{windows}窗口" if windows else "") if part)
