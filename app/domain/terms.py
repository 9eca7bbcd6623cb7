"""The terms a case was accepted under: the item as it stood on the day of receipt.

The catalog changes over time; a promise made to an applicant does not. Each case keeps a copy
of its item's flow, time limits and materials in its first event.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from app.domain.catalog import FlowElement, FlowStep, Item, ItemKind
from app.domain.roles import Role


@dataclass(frozen=True)
class CaseTerms:
    item_code: str
    item_name: str
    department: str
    kind: ItemKind
    legal_days: int
    committed_days: int
    fee_yuan: Decimal
    window: str
    materials: tuple[str, ...]
    required_materials: tuple[str, ...]
    flow: tuple[FlowStep, ...]
    decision_step: int
    issues_credit_code: bool = False

    @classmethod
    def from_item(cls, item: Item) -> CaseTerms:
        return cls(
            item_code=item.code,
            item_name=item.name,
            department=item.department,
            kind=item.kind,
            legal_days=item.legal_days,
            committed_days=item.committed_days,
            fee_yuan=item.fee_yuan,
            window=item.window,
            materials=tuple(m.name for m in item.materials),
            required_materials=tuple(m.name for m in item.required_materials),
            flow=item.flow,
            decision_step=item.decision_step,
            issues_credit_code=item.issues_credit_code,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "item_code": self.item_code,
            "item_name": self.item_name,
            "department": self.department,
            "kind": self.kind.value,
            "legal_days": self.legal_days,
            "committed_days": self.committed_days,
            "fee_yuan": str(self.fee_yuan),
            "window": self.window,
            "materials": list(self.materials),
            "required_materials": list(self.required_materials),
            "flow": [_step_row(step) for step in self.flow],
            "decision_step": self.decision_step,
            "issues_credit_code": self.issues_credit_code,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseTerms:
        return cls(
            item_code=data["item_code"],
            item_name=data["item_name"],
            department=data["department"],
            kind=ItemKind(data["kind"]),
            legal_days=int(data["legal_days"]),
            committed_days=int(data["committed_days"]),
            fee_yuan=Decimal(data["fee_yuan"]),
            window=data["window"],
            materials=tuple(data["materials"]),
            required_materials=tuple(data["required_materials"]),
            flow=tuple(
                FlowStep(FlowElement(e), name, Role(role), int(days), bool(counts), *window)
                for e, name, role, days, counts, *window in data["flow"]
            ),
            decision_step=int(data["decision_step"]),
            issues_credit_code=bool(data.get("issues_credit_code", False)),
        )


def _step_row(step: FlowStep) -> list[Any]:
    """A step as stored in the receipt; the window only when the step is assigned to one, so
    that receipts written before steps had windows read (and hash) the same."""
    row: list[Any] = [step.element.value, step.name, step.role.value, step.days, step.counts]
    return [*row, step.window] if step.window else row


#: Terms read so far, by the `repr` of their stored form (which tells every JSON value and
#: type apart: 20, 20.0 and true are three keys); emptied when full.
_READ: dict[str, CaseTerms] = {}
_READ_MOST = 1024


def read_terms(data: Any) -> CaseTerms:
    """`CaseTerms.from_dict`, once for each distinct stored form: every receipt of an item
    carries the same terms, and `verify` and a pull read them all."""
    key = repr(data)
    terms = _READ.get(key)
    if terms is None:
        terms = CaseTerms.from_dict(data)
        if len(_READ) >= _READ_MOST:
            _READ.clear()
        _READ[key] = terms
    return terms


@lru_cache(maxsize=1024)
def read_terms_text(text: str) -> CaseTerms:
    """`read_terms` of terms as their own JSON text, once for each distinct text: a receipt's
    payload is mostly its terms, the same text on every receipt of an item, and parsing it
    was the largest part of reading a receipt (`event_data.decode`)."""
    return CaseTerms.from_dict(json.loads(text))
