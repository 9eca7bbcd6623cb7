"""A store at the newest migration opens without Alembic: the constant must be the real head."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from app.storage.database import HEAD_REVISION, MIGRATIONS


def test_the_fast_path_knows_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION
