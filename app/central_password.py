"""This counter's password for the central, kept apart from its settings.

The settings file is shown to the administrator (the settings dialog) and copied around with
the configuration; the central login's password must be in neither. It goes to the system
keyring where there is one (`keyring`: Secret Service, macOS Keychain, Windows Credential
Locker), else to a file of its own beside the settings, readable by this account only. One
entry per configuration folder, so a demo folder and a real counter on one machine do not
share it. `keyring` is loaded only when the password is first wanted: a command that does not
talk to the central does not pay for it.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from app.private_files import private_folder, tighten, write_private

log = logging.getLogger(__name__)

KEYRING_SERVICE = "OneWindow central"
FILE_NAME = "central.password"


class CentralPassword:
    """Get and set the one password; "" when none is kept."""

    def __init__(self, folder: Path, keyring_backend: Any = None) -> None:
        """`keyring_backend`: a `keyring.backend.KeyringBackend` to use instead of the
        system's (tests); None looks the system's up when first needed."""
        self.file = folder / FILE_NAME
        self._account = str(folder.expanduser().resolve())
        self._backend = keyring_backend
        self._looked_up = keyring_backend is not None

    def get(self) -> str:
        """The file first: it exists only when the last password set went there (`set` removes
        it when the keyring took one), so a counter without a keyring never loads `keyring`,
        whose search for a backend is a fifth of a second of every `onewindow sync`."""
        if self.file.exists():
            tighten(self.file)
            return self.file.read_text(encoding="utf-8").strip()
        backend = self._keyring()
        if backend is None:
            return ""
        from keyring.errors import KeyringError

        try:
            stored = backend.get_password(KEYRING_SERVICE, self._account)
        except KeyringError as error:  # a locked or absent Secret Service: no password
            log.warning("system keyring not readable (%s)", error)
            return ""
        return "" if stored is None else str(stored)

    def set(self, password: str) -> None:
        """Keep `password` ("" forgets it) in the keyring, or in the file if there is none."""
        backend = self._keyring()
        if backend is not None:
            from keyring.errors import KeyringError

            try:
                self._keep_in_keyring(backend, password)
            except KeyringError as error:  # the file is the fallback, never the settings
                log.warning("system keyring not writable (%s); using the password file", error)
            else:
                self.file.unlink(missing_ok=True)
                return
        if password:
            private_folder(self.file.parent)
            write_private(self.file, (password + "\n").encode("utf-8"))
        else:
            self.file.unlink(missing_ok=True)

    def _keep_in_keyring(self, backend: Any, password: str) -> None:
        if password:
            backend.set_password(KEYRING_SERVICE, self._account, password)
            return
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):  # nothing was kept there
            backend.delete_password(KEYRING_SERVICE, self._account)

    def _keyring(self) -> Any:
        """The system keyring, or None where there is none (a server, a container)."""
        if not self._looked_up:
            self._looked_up = True
            import keyring

            backend = keyring.get_keyring()
            # keyring's "fail" and "null" backends (priority 0 and below) store nothing
            self._backend = backend if backend.priority > 0 else None
        return self._backend
