"""One form, several departments at once (一表制、并联审批).

Accepting a one-form application opens one parent case at the accepting window and one child
case per department of the item (抄告相关): each child runs its own flow on its own clock, the
departments read the parent's form (信息共享), and the parent is issued only when every child
is approved, all results together at the one window (统一发证).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from app.domain.applicant import Applicant, ApplicantKind
from app.domain.case import Case, CaseRef, CaseStatus, IllegalTransition, Stamp
from app.domain.catalog import Item
from app.domain.credit_code import make_credit_code, organization_code_check_character
from app.domain.enterprise_form import EnterpriseForm
from app.domain.messages import msg
from app.domain.receiving import receive

#: Characters of an organization code body that the credit code alphabet also allows.
ORGANIZATION_BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class Opened:
    """The cases a one-form acceptance opened: the parent first, then each child."""

    parent: Case
    children: tuple[Case, ...]

    @property
    def cases(self) -> tuple[Case, ...]:
        return (self.parent, *self.children)


def applicant_of(form: EnterpriseForm) -> Applicant:
    """The enterprise being established, represented by its legal representative."""
    person = form.legal_representative
    return Applicant(
        kind=ApplicantKind.IN_FORMATION,
        name=form.name.strip(),
        id_number=person.id_number,
        phone=form.phone.strip(),
        address=form.domicile.strip(),
        legal_representative=person.name,
        document=person.document,
    )


def open_one_form(
    stamp: Stamp,
    item: Item,
    children: Sequence[Item],
    form: EnterpriseForm,
    materials: Sequence[str],
    case_numbers: Sequence[str],
    new_id: Callable[[], UUID],
    reference: str = "",
) -> Opened:
    """Receive and accept the parent and every child: the events of one transaction.

    `reference`: the portal's number when the form was filled online (the parent's channel is
    then "online" and its receipt names the number).

    `case_numbers` holds one number for the parent and one per child, in that order. The one
    window accepts for each department (一窗受理): the children's events name the accepting
    clerk and window, as happened, under the child's department.
    """
    if [c.code for c in children] != list(item.children):
        raise IllegalTransition(msg("一表制事项的子事项与事项清单不一致，请刷新事项清单后重试。"))
    applicant = applicant_of(form)
    parent_id = new_id()
    refs = tuple(
        CaseRef(new_id(), number, child.code, child.name, child.department)
        for child, number in zip(children, case_numbers[1:], strict=True)
    )
    parent = _opened(
        stamp, parent_id, case_numbers[0], item, applicant, materials, new_id,
        children=refs, form=form.to_dict(), reference=reference,
    )  # fmt: skip
    up = CaseRef(parent_id, case_numbers[0], item.code, item.name, item.department)
    opened = []
    for ref, child in zip(refs, children, strict=True):
        for_department = replace(stamp.actor, department=child.department)
        required = [m.name for m in child.required_materials]
        child_stamp = Stamp(for_department, stamp.at, new_id())
        opened.append(
            _opened(
                child_stamp,
                ref.case_id,
                ref.case_no,
                child,
                applicant,
                required,
                new_id,
                parent=up,
            )  # fmt: skip
        )
    return Opened(parent, tuple(opened))


def _opened(
    stamp: Stamp,
    case_id: UUID,
    case_no: str,
    item: Item,
    applicant: Applicant,
    materials: Sequence[str],
    new_id: Callable[[], UUID],
    *,
    parent: CaseRef | None = None,
    children: Sequence[CaseRef] = (),
    form: Mapping[str, Any] | None = None,
    reference: str = "",
) -> Case:
    """Received and accepted at once, both events pending."""
    case = receive(
        stamp, case_id, case_no, item, applicant, materials,
        "online" if reference else "one_form",
        parent=parent, children=children, form=form, reference=reference,
    )  # fmt: skip
    case.accept(replace(stamp, event_id=new_id()))
    return case


@dataclass(frozen=True)
class ChildProgress:
    ref: CaseRef
    status: CaseStatus | None  # None: not yet held at this counter (still syncing)
    step_name: str
    outcome_reason: str


@dataclass(frozen=True)
class JointProgress:
    """Where each department stands, and what holds the unified issuance up."""

    children: tuple[ChildProgress, ...]

    @property
    def ready(self) -> bool:
        return all(c.status is CaseStatus.APPROVED for c in self.children)

    @property
    def denied(self) -> tuple[ChildProgress, ...]:
        return tuple(c for c in self.children if c.status is CaseStatus.DENIED)

    @property
    def done(self) -> int:
        finished = {CaseStatus.APPROVED, CaseStatus.ISSUED, CaseStatus.PICKED_UP}
        return sum(1 for c in self.children if c.status in finished)


def progress(parent: Case, children: Sequence[Case]) -> JointProgress:
    held = {c.case_id: c for c in children}
    rows = []
    for ref in parent.children:
        child = held.get(ref.case_id)
        rows.append(
            ChildProgress(
                ref=ref,
                status=child.status if child else None,
                step_name=child.step.name if child and child.step and child.is_open else "",
                outcome_reason=child.outcome_reason if child else "",
            )
        )
    return JointProgress(tuple(rows))


def credit_code(division: str, terminal_no: int, sequence: int) -> str:
    """A new enterprise's unified social credit code (GB 32100), unique per terminal.

    9 = registered by market regulation, 1 = enterprise, the division code of the registering
    center, then a GB 11714 organization code whose body is "MA", the terminal and the
    terminal's running number in the code alphabet, then the check character.
    """
    base = len(ORGANIZATION_BODY_ALPHABET)
    if not 0 <= terminal_no < base**2 or not 0 <= sequence < base**4:
        raise ValueError("terminal or sequence out of the code's range")
    body = "MA" + _digits(terminal_no, 2, base) + _digits(sequence, 4, base)
    organization = body + organization_code_check_character(body)
    return make_credit_code(f"91{division}{organization}")


def _digits(number: int, width: int, base: int) -> str:
    characters = []
    for _ in range(width):
        number, digit = divmod(number, base)
        characters.append(ORGANIZATION_BODY_ALPHABET[digit])
    return "".join(reversed(characters))


def credit_code_sequence(code: str, terminal_no: int) -> int | None:
    """The running number of a credit code `credit_code` made at terminal `terminal_no`
    (None for a code made elsewhere): a restored store numbers on after it."""
    base = len(ORGANIZATION_BODY_ALPHABET)
    body = code[8:16]
    if len(body) != 8 or not body.startswith("MA") or body[2:4] != _digits(terminal_no, 2, base):
        return None
    number = 0
    for character in body[4:]:
        if character not in ORGANIZATION_BODY_ALPHABET:
            return None
        number = number * base + ORGANIZATION_BODY_ALPHABET.index(character)
    return number
