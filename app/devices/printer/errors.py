"""What the slip printer raises; its text is for the clerk."""

from __future__ import annotations


class PrinterUnavailable(RuntimeError):
    """The printer cannot be reached or did not take the job; the text is for the clerk."""
