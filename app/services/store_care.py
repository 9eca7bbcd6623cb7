"""The local store's own upkeep: the check of its pages and its rotating backups."""

from __future__ import annotations

from pathlib import Path

from app.domain.messages import Message
from app.paths import Paths
from app.services.time_source import Clock
from app.settings import Settings
from app.storage.backups import backed_up_on, make_backup
from app.storage.store_health import damaged, integrity_problems
from app.storage.unit_of_work import UnitOfWorkFactory


class StoreCare:
    """`verify`'s page check, `onewindow backup` and the window's backup at close."""

    def __init__(
        self, paths: Paths, uow: UnitOfWorkFactory, settings: Settings, clock: Clock
    ) -> None:
        self._paths = paths
        self._uow = uow
        self._settings = settings
        self._clock = clock

    def page_problems(self) -> Message | None:
        """What `PRAGMA integrity_check` finds wrong with the store, in words; None if whole."""
        problems = integrity_problems(self._uow.engine)
        return damaged(self._paths.database, problems) if problems else None

    def backup_folder(self) -> Path:
        """Where the backups go: the `backup_folder` setting, else under the data folder."""
        folder = self._settings["backup_folder"]
        return Path(folder).expanduser() if folder else self._paths.data / "backups"

    def back_up(self) -> Path:
        """A backup of the store now (rotated: the newest `backup_keep` are kept)."""
        return make_backup(
            self._paths.database,
            self.backup_folder(),
            self._settings["backup_keep"],
            self._clock.now(),
        )

    def back_up_daily(self) -> Path | None:
        """A backup unless one was made today already (the window makes it at close)."""
        if backed_up_on(self.backup_folder(), f"{self._clock.now():%Y%m%d}"):
            return None
        return self.back_up()
