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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Union

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
