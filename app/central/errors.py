"""The error every central command raises when it refuses or cannot reach the server."""

from __future__ import annotations

from app.domain.messages import MessageError


class CentralError(MessageError):
    """The central refused or cannot do what was asked; the message says why (the window
    renders it in its language, the command line prints the Chinese `str()`)."""
