"""The error every central command raises when it refuses or cannot reach the server."""

from __future__ import annotations


class CentralError(Exception):
    """The central refused or cannot do what was asked; the text says why, for the admin."""
