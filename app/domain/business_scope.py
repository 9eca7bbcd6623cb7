"""Business scope terms (经营范围规范表述) and the ones the catalog forbids.

A center keeps the list as data: terms no enterprise may register (吸收公众存款 …), terms
that need another department's licence first (the form is accepted; the applicant is told),
and words a company name may not carry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.messages import Message, msg


@dataclass(frozen=True)
class ScopeRules:
    #: term → why no enterprise may register it
    forbidden: Mapping[str, str] = field(default_factory=dict)
    #: term → the licence the enterprise must obtain before carrying it on (许可项目)
    licensed: Mapping[str, str] = field(default_factory=dict)
    #: words a company name may not contain
    name_forbidden: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScopeRules:
        return cls(
            forbidden=dict(data.get("forbidden", {})),
            licensed=dict(data.get("licensed", {})),
            name_forbidden=tuple(data.get("name_forbidden", ())),
        )

    def problems(self, terms: Iterable[str]) -> list[Message]:
        """One message per forbidden or repeated term, naming it and the reason."""
        messages: list[Message] = []
        seen: set[str] = set()
        for term in terms:
            if term in seen:
                messages.append(msg("经营范围“{term}”重复填写", term=term))
            seen.add(term)
            for word, reason in self.forbidden.items():
                if word in term:
                    messages.append(
                        msg("经营范围“{term}”不能登记：{reason}", term=term, reason=reason)
                    )
        return messages

    def licences_needed(self, terms: Iterable[str]) -> list[tuple[str, str]]:
        """(term, licence) for each term that needs a licence before the business starts."""
        return [
            (term, licence)
            for term in terms
            for word, licence in self.licensed.items()
            if word in term
        ]

    def forbidden_in_name(self, name: str) -> list[str]:
        return [word for word in self.name_forbidden if word in name]


def split_terms(text: str) -> tuple[str, ...]:
    """The terms of a scope typed as one line: separated by 、，；, or a new line."""
    for separator in "，,；;\n":
        text = text.replace(separator, "、")
    return tuple(dict.fromkeys(t.strip().rstrip("。.") for t in text.split("、") if t.strip()))
