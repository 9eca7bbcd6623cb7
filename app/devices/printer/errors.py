"""What the slip printer raises; its message is for the clerk (`str()`: the Chinese text)."""

from __future__ import annotations

from app.domain.messages import MessageError


class PrinterUnavailable(MessageError, RuntimeError):
    """The printer cannot be reached or did not take the job; the message is for the clerk."""
