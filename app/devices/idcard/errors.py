"""The errors of the card reader, one family so that the counter can catch them all at once.

Each carries a `Message` the clerk can act on: the counter renders it in the window's language,
in the status bar or next to the applicant panel, and keeps what was already typed; `str()` is
the Chinese sentence (the command line, the logs).
"""

from __future__ import annotations

from app.domain.messages import MessageError


class CardReaderError(MessageError):
    """Anything that went wrong between the reader and an `IdCard`; the message is for the clerk."""


class FrameError(CardReaderError):
    """Bytes from the reader that are not a well-formed SAM frame (length, check byte, preamble)."""


class CardDataError(CardReaderError):
    """A frame that arrived intact but whose card data cannot be trusted as an applicant's."""


class PhotoDecoderError(CardReaderError):
    """The photo decoder named in the settings cannot be loaded; the card is read without it."""


class ReaderUnavailable(CardReaderError):
    """The reader cannot be reached: unplugged, not configured, or its driver is missing."""


class ReaderTimeout(CardReaderError):
    """The reader did not answer within the time allowed."""
