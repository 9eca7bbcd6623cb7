"""Opening a case (接件): the application and its materials arrive, and the case begins with
its first event, `Received`, pending until the repository stores it. Materials not on the
item's list are refused; the applicant is validated; the item's terms are copied into the case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from app.domain import event_data as recorded
from app.domain.applicant import Applicant
from app.domain.case import Case, CaseRef, IllegalTransition, Stamp
from app.domain.catalog import Item
from app.domain.events import GENESIS_HASH, new_event
from app.domain.messages import msg
from app.domain.terms import CaseTerms


def receive(
    stamp: Stamp,
    case_id: UUID,
    case_no: str,
    item: Item,
    applicant: Applicant,
    materials: Sequence[str],
    channel: str = "counter",
    *,
    parent: CaseRef | None = None,
    children: Sequence[CaseRef] = (),
    form: Mapping[str, Any] | None = None,
    center: str = "",
    reference: str = "",
) -> Case:
    """Open a case: the application and its materials arrive (接件), its first event pending.

    A one-form parent holds the form and its children, each child its parent (see
    `app.domain.joint`); `center` names the center the case belongs to when it is not the
    accepting terminal's own (a joint window's case of the center above); `reference` the
    portal's number of an application filed online.
    """
    known = {m.name for m in item.materials}
    unknown = [m for m in materials if m not in known]
    if unknown:
        raise IllegalTransition(
            msg("以下材料不在本事项的材料清单中：{materials}", materials=unknown)
        )
    received = recorded.Received(
        case_no=case_no,
        terms=CaseTerms.from_item(item),
        applicant=applicant.validated(),
        materials=tuple(dict.fromkeys(materials)),
        channel=channel,
        parent=parent,
        children=tuple(children),
        form=form,
        center=center,
        reference=reference,
    )
    first = new_event(
        id=stamp.event_id,
        case_id=case_id,
        position=1,
        data=received,
        actor=stamp.actor.username,
        window=stamp.actor.window,
        terminal=stamp.actor.terminal,
        at=stamp.at,
        prev_hash=GENESIS_HASH,
    )
    case = Case.from_events([first])
    case.pending.append(first)
    return case
