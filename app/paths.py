"""Where OneWindow keeps its files: the platform's user directories, or `ONEWINDOW_HOME`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

HOME_VARIABLE = "ONEWINDOW_HOME"


@dataclass(frozen=True)
class Paths:
    data: Path
    config: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "onewindow.sqlite3"

    @property
    def settings(self) -> Path:
        return self.config / "settings.json"

    @classmethod
    def from_environment(cls) -> Paths:
        home = os.environ.get(HOME_VARIABLE)
        if home:
            root = Path(home).expanduser()
            return cls(data=root, config=root, logs=root / "logs")
        return cls(
            data=Path(platformdirs.user_data_dir("OneWindow", appauthor=False)),
            config=Path(platformdirs.user_config_dir("OneWindow", appauthor=False)),
            logs=Path(platformdirs.user_log_dir("OneWindow", appauthor=False)),
        )


def resources_dir() -> Path:
    """The shipped `resources/` folder, in a source checkout or in a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
