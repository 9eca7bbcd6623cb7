"""The type and range of every value of the catalog.

A catalog comes from a sheet someone typed: a fee of `Infinity`, a floor of 10^20 or legal days
of 20.7 must be refused, not printed on an official paper. Each converter here takes the raw
value (text from a sheet, a number from Excel or JSON) and returns it in its type, or raises
`ValueRefused` whose reason completes a sentence that begins with the field's name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.messages import Message, msg

#: Working days of a time limit, of a whole item or of one step.
MAX_DAYS = 1000
#: Yuan: far above any fee a service center collects.
MAX_FEE = Decimal(1_000_000)
FLOORS = (-9, 200)
MAX_COPIES = 99
#: Characters of a name, a material, a condition, a keyword …
SHORT_TEXT = 200
#: … and of the longer texts (legal basis, fee standard).
LONG_TEXT = 4000


class ValueRefused(ValueError):
    """A value outside its type or range; `reason` follows the field's name ("应为…")."""

    def __init__(self, reason: Message) -> None:
        self.reason = reason
        super().__init__(str(reason))


def whole(low: int, high: int) -> Callable[[Any], int]:
    """A whole number from `low` to `high`: 20 or "20" or Excel's 20.0, never 20.7 or NaN."""

    def convert(value: Any) -> int:
        number = _exact(value)
        if number is None or number != number.to_integral_value() or not low <= number <= high:
            raise ValueRefused(
                msg(
                    "应为{low}至{high}之间的整数（填的是“{value}”）",
                    low=low,
                    high=high,
                    value=_shown(value),
                )
            )
        return int(number)

    return convert


def money(value: Any) -> Decimal:
    """A fee in yuan: finite, 0 to MAX_FEE, at most two decimals (fen)."""
    number = _exact(value)
    if number is None or not 0 <= number <= MAX_FEE or number != number.quantize(Decimal("0.01")):
        raise ValueRefused(
            msg(
                "应为0至{high}元之间、至多两位小数的金额（填的是“{value}”）",
                high=int(MAX_FEE),
                value=_shown(value),
            )
        )
    return number


def text(limit: int) -> Callable[[Any], str]:
    """Text of at most `limit` characters, stripped; a number typed in a text cell is its text."""

    def convert(value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise ValueRefused(msg("应为文字（填的是“{value}”）", value=_shown(value)))
        result = str(value).strip()
        if len(result) > limit:
            raise ValueRefused(msg("不能超过{limit}个字", limit=limit))
        return result

    return convert


def named(label: Message, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, its refusal naming the part of a field (申请材料 → 份数) it was about."""

    def convert_part(value: Any) -> Any:
        try:
            return convert(value)
        except ValueRefused as refused:
            raise ValueRefused(msg("{label}{reason}", label=label, reason=refused.reason)) from None

    return convert_part


def texts(convert: Callable[[Any], str]) -> Callable[[Any], tuple[str, ...]]:
    """A list of texts (conditions, keywords), each converted; a single text is refused."""

    def convert_each(values: Any) -> tuple[str, ...]:
        if isinstance(values, str | bytes) or not isinstance(values, Sequence):
            raise TypeError(values)
        return tuple(convert(v) for v in values)

    return convert_each


def _exact(value: Any) -> Decimal | None:
    """The value as a finite Decimal, or None when it is no number (text, NaN, infinity)."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(value.strip() if isinstance(value, str) else str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _shown(value: Any) -> str:
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:40] + "…"
