"""What the kinds of event (`app.domain.event_data`) share: reading a stored payload's list of
texts and its record (a form's fields) back with their types checked, so that a payload that
does not hold them decodes to an `UnknownEvent`; and the two shapes of event that hold only
their materials or only their reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Self


def texts(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("a list of texts")
    return tuple(values)


def record(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("a record")
    return {str(k): str(v) for k, v in value.items()}


@dataclass(frozen=True)
class Materials:
    """An event that lists materials."""

    materials: tuple[str, ...]

    def to_payload(self) -> dict[str, Any]:
        return {"materials": list(self.materials)}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(texts(p["materials"]))


@dataclass(frozen=True)
class Reasoned:
    """An event that holds its reason only."""

    reason: str

    def to_payload(self) -> dict[str, Any]:
        return {"reason": self.reason}

    @classmethod
    def from_payload(cls, p: Mapping[str, Any]) -> Self:
        return cls(str(p["reason"]))
