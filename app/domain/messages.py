"""What the domain and the services tell a person: a Chinese template and its values.

An error meant for the clerk carries a `Message` instead of finished text, so that each
reader renders it in their own language: `str()` gives the Chinese text (the command line, the
logs, the printed documents), the window looks the template up in its translation and fills
in the same values. Templates are written with `msg(...)`, which `scripts/translations.sh`
tells lupdate to collect into the .ts file (context "", the one lupdate gives such calls);
`tests/unit/test_messages.py` checks that every template has an English translation that
keeps its placeholders.

A value may be text, a number, another Message (a status title, say), a sequence of those,
joined with the reader's list separator ("、" in Chinese), or `Clauses`, joined as the parts of
one sentence ("；").

A message kept for later (the reason a slip is waiting in the reprint queue, the last sync
problem) is stored as `to_json` and read back with `stored`, which also takes the plain
Chinese text older versions stored and shows it as it is (`verbatim`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Union

Value = Union[str, int, "Message", "Clauses", Sequence[Union[str, int, "Message"]]]
#: (template, disambiguation) → the template in the reader's language
Translate = Callable[[str, str], str]


@dataclass(frozen=True)
class Message:
    """A template with `{name}` placeholders and the values that fill them."""

    template: str
    params: tuple[tuple[str, Value], ...] = ()
    #: Tells apart two meanings of the same Chinese words (不予受理 the state, the action).
    disambiguation: str = ""

    def render(self, translate: Translate) -> str:
        """The text in the language `translate` maps (template, disambiguation) to."""
        values = {name: _rendered(value, translate) for name, value in self.params}
        return translate(self.template, self.disambiguation).format(**values)

    def __str__(self) -> str:
        return self.render(_chinese)


@dataclass(frozen=True)
class Clauses:
    """Values that are the parts of one sentence, each a reason of its own."""

    items: tuple[str | Message, ...]


def msg(template: str, disambiguation: str = "", /, **params: Value) -> Message:
    """A message; template and disambiguation must be literals, so that lupdate finds them."""
    return Message(template, tuple(params.items()), disambiguation)


#: How list values are joined; a template of its own so that English can say ", ".
LIST_SEPARATOR = msg("、")
CLAUSE_SEPARATOR = msg("；")


class MessageError(Exception):
    """The one base of every error meant for the person at the counter: its text is a Message
    (`str()` is the Chinese text). What a subclass adds — the field of an `ApplicantError`,
    the problems of a `FormError` — lets the window point at the place to mend. Any other
    exception is a bug: logged, never shown as it is."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def verbatim(text: str) -> Message:
    """Text that is shown as it is in every language (data, or text stored before messages)."""
    return Message("{text}", (("text", text),))


def to_json(message: Message) -> str:
    """The message as JSON text, to be stored and read back with `stored`."""
    return json.dumps(_plain(message), ensure_ascii=False)


def stored(text: str) -> Message:
    """A message stored by `to_json`; any other text (stored before messages) as it is."""
    try:
        data = json.loads(text)
        if isinstance(data, dict) and "template" in data:
            return _message(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    return verbatim(text)


def _plain(value: Value) -> object:
    if isinstance(value, Message):
        params = {name: _plain(v) for name, v in value.params}
        return {
            "template": value.template,
            "disambiguation": value.disambiguation,
            "params": params,
        }
    if isinstance(value, Clauses):
        return {"clauses": [_plain(v) for v in value.items]}
    if isinstance(value, str | int):
        return value
    return [_plain(v) for v in value]


def _message(data: dict[str, Any]) -> Message:
    params = tuple((str(name), _revived(value)) for name, value in data["params"].items())
    return Message(str(data["template"]), params, str(data["disambiguation"]))


def _revived(data: object) -> Value:
    if isinstance(data, dict) and "clauses" in data:
        return Clauses(
            tuple(_message(v) if isinstance(v, dict) else str(v) for v in data["clauses"])
        )
    if isinstance(data, dict):
        return _message(data)
    if isinstance(data, str | int):
        return data
    if isinstance(data, list):
        return tuple(_message(v) if isinstance(v, dict) else _revived(v) for v in data)  # type: ignore[misc]
    raise TypeError(data)


def _chinese(template: str, disambiguation: str) -> str:
    return template


def _rendered(value: Value, translate: Translate) -> str:
    if isinstance(value, Message):
        return value.render(translate)
    if isinstance(value, str | int):
        return str(value)
    if isinstance(value, Clauses):
        return CLAUSE_SEPARATOR.render(translate).join(_rendered(v, translate) for v in value.items)
    return LIST_SEPARATOR.render(translate).join(_rendered(v, translate) for v in value)
