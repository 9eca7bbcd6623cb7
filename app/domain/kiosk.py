"""Who stands at the self-service kiosk (自助终端), as little of them as the kiosk needs.

A visitor comes from an ID card (any kind the reader reads) or, when the reader is missing,
from the ID number typed on the kiosk's keypad. The kiosk shows only the masked name; the
whole name and number go into the case and nowhere else, and the visitor is dropped as soon
as the slip is out, the card is lifted or nobody touches the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.applicant import Applicant, ApplicantKind, IdDocument, validate_document
from app.domain.identity import mask_resident_id, validate_resident_id
from app.domain.messages import MessageError, msg


class KioskRefused(MessageError, ValueError):
    """What the kiosk cannot do for this visitor, in words for the person at the screen."""


def mask_name(name: str) -> str:
    """The name as a hall may show it: the first character and a star for each other one, at
    most three (张*, 欧** for 欧阳修, J*** for an English name)."""
    text = name.strip()
    return text[0] + "*" * min(3, max(1, len(text) - 1)) if text else ""


@dataclass(frozen=True, repr=False)
class Visitor:
    """The applicant at the kiosk. `applicant` None: only the number was typed (no reader),
    so no case can be opened for them — they get a numbered ticket and the window receives
    them. `repr` is masked: a visitor never reaches a log whole."""

    id_number: str
    document: IdDocument
    masked_name: str
    birth_date: date | None
    applicant: Applicant | None
    expired: bool = False

    @property
    def masked_id(self) -> str:
        return mask_resident_id(self.id_number)

    def __repr__(self) -> str:
        return f"Visitor({self.document.value}, {self.masked_id})"


def visitor_from_card(
    *,
    name: str,
    number: str,
    document: IdDocument,
    birth_date: date,
    address: str,
    valid_to: date | None,
    today: date,
) -> Visitor:
    """The holder of a card read at the kiosk; an expired card is refused in words (the
    kiosk cannot check the person as a clerk would)."""
    if valid_to is not None and today > valid_to:
        raise KioskRefused(
            msg(
                "证件已过期（有效期至{day}），请到导办台或窗口办理",
                day=f"{valid_to.year}年{valid_to.month}月{valid_to.day}日",
            )
        )
    applicant = Applicant(
        ApplicantKind.PERSON, name, number, address=address, document=document
    ).validated()
    return Visitor(applicant.id_number, document, mask_name(name), birth_date, applicant)


def visitor_from_number(text: str, today: date) -> Visitor:
    """The visitor whose resident ID number was typed on the keypad (the reader missing);
    IdentifierError says what is wrong with it."""
    number = validate_document(IdDocument.RESIDENT_ID, text, today)
    birth = validate_resident_id(number, today).birth_date
    return Visitor(number, IdDocument.RESIDENT_ID, "", birth, None)
