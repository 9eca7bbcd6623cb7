"""Messages from the domain and the services, in the language of the window.

A `Message` is looked up by its Chinese template in the translation (lupdate puts `msg()`
calls in the context "", see `scripts/translations.sh`); a template without a translation is
shown in Chinese, never lost. An error without a message (a device's, the central's) is shown
as its text.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from app.domain.messages import CLAUSE_SEPARATOR, LIST_SEPARATOR, Message
from app.redaction import redact

#: The context lupdate gives `msg()` calls.
CONTEXT = ""


def translated(template: str, disambiguation: str = "") -> str:
    return QCoreApplication.translate(CONTEXT, template, disambiguation or None)


def render(message: Message) -> str:
    """The message in the window's language."""
    return message.render(translated)


def listed(parts: Iterable[str]) -> str:
    """Parts of a list joined as the language joins them ("、", ", ")."""
    return render(LIST_SEPARATOR).join(parts)


def clauses(parts: Iterable[str]) -> str:
    """Parts of one sentence, each a reason of its own, joined ("；", "; ")."""
    return render(CLAUSE_SEPARATOR).join(parts)


def error_text(error: BaseException) -> str:
    """What to tell the person about an error meant for them, its personal data masked."""
    message = getattr(error, "message", None)
    return redact(render(message) if isinstance(message, Message) else str(error))
