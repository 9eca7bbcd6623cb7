"""Taking in the events other terminals wrote, inside a unit of work the caller opens
(`CaseService`); checking the store is `store_audit`'s."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from uuid import UUID

from app.domain.case import Case
from app.domain.events import Event, verify_chain
from app.domain.messages import msg
from app.storage.unit_of_work import StoreConflict, UnitOfWork

_POSITION = attrgetter("position")


def import_events(
    uow: UnitOfWork,
    events: Sequence[Event],
    save: Callable[[Sequence[Case]], None],
    own_terminal: str,
) -> list[tuple[Event, str]]:
    """Fold events other terminals wrote onto the cases held here and `save` the cases.

    Each case's new events must continue the chain this store holds; those that do not
    (this counter wrote another event at the same position while offline: a fork), and those
    of a case that cannot be folded or stored (a time limit beyond the calendar, a case
    number this store already gives another case), are returned with the reason, and
    nothing of that case is stored. The other cases are stored: one bad case stops nothing. Events already held are
    skipped. An event of a kind this version does not know is stored and kept, not folded.

    All the cases are saved at once (one statement per table); only when that is refused
    is each tried on its own, to name the ones that do not fit. `events` are decoded from
    their payload, as `event_from_fields` makes them (the hash covers the payload); a
    receipt of another terminal may come masked (`verify_chain`, `own_terminal`).
    """
    by_case: dict[UUID, list[Event]] = {}
    for event in events:
        by_case.setdefault(event.case_id, []).append(event)
    held = uow.cases.events_of_many(by_case)
    arrivals: list[tuple[list[Event], list[Event]]] = []
    for case_id, incoming in by_case.items():
        have = held[case_id]
        if have:
            known = {event.id for event in have}
            incoming = [event for event in incoming if event.id not in known]
        new = sorted(incoming, key=_POSITION)
        if new:
            arrivals.append((have, new))
    try:
        with uow.attempt():
            save([_arrived(have, new, own_terminal) for have, new in arrivals])
    except (ValueError, ArithmeticError, StoreConflict):
        return _each_on_its_own(uow, arrivals, save, own_terminal)
    return []


def _each_on_its_own(
    uow: UnitOfWork,
    arrivals: Sequence[tuple[list[Event], list[Event]]],
    save: Callable[[Sequence[Case]], None],
    own_terminal: str,
) -> list[tuple[Event, str]]:
    misfits: list[tuple[Event, str]] = []
    for have, new in arrivals:
        try:
            with uow.attempt():
                save([_arrived(have, new, own_terminal)])
        # a chain that does not continue, or one that does not begin with a readable receipt
        except ValueError as error:
            misfits.extend((event, str(error)) for event in new)
        except ArithmeticError:  # a time limit beyond any calendar
            misfits.extend((event, str(msg("办件期限超出可计算的范围"))) for event in new)
        except StoreConflict as conflict:
            misfits.extend((event, _conflict(conflict)) for event in new)
    return misfits


def _arrived(have: list[Event], new: list[Event], own_terminal: str) -> Case:
    """The case folded from what this store holds and the events that arrived (a new case
    object each time: saving takes its pending events)."""
    verify_chain([*have, *new], decoded_from_payload=True, own_terminal=own_terminal)
    return Case.with_arrivals(have, new)


def _conflict(conflict: StoreConflict) -> str:
    if conflict.constraint.endswith("case_no"):
        return str(msg("本机已有同一办件编号的另一办件（两台终端的编号相同？）"))
    return str(msg("与本机已有记录冲突（{constraint}）", constraint=conflict.constraint))
