"""center settings on the central: the setting events an administrator writes at any counter,
pulled by every counter of the center

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 22:30:00

`central.setting_events` is a third log of the center's directory (0015), of the same shape
and under the same rules, built by 0015's own functions (loaded from its file, so that the
table, its policies and its arrival check are written once):

- **append-only** (OWA01), as every log of the central;
- **row-level security per center**: a counter inserts only as its own terminal of its own
  center and reads its own center's settings only;
- **who may change them**: an active administrator of that center in the central's fold
  (`central.may_change_directory`), else refused (OWA02, in words); the owner may seed;
- **one change per version**: a change must follow the latest the central holds of its key,
  so a second change made against the same version is refused (OWS01, saying who changed
  it and when) and stays in the pushing counter's quarantine; a resend of one held is
  skipped.

The value (`data`: {"value": …}) is checked by the counters, by the setting's own rule, both
when it is typed and when it is pulled (a value this central holds that a counter's rule
refuses goes to that counter's quarantine); the central keeps no fold of the settings.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

#: `app.domain.center_settings.SETTING_CHANGED` (a test checks).
SETTING_KINDS = ["setting_changed"]


def _directory() -> ModuleType:
    """The directory's migration (0015), whose table and arrival check this one reuses."""
    path = Path(__file__).with_name("0015_directory.py")
    spec = importlib.util.spec_from_file_location("central_migration_0015", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    directory = _directory()
    op.execute(directory._table("setting_events", "key", "version", "data"))
    op.execute(directory._arrival("setting_events", "key", "version", SETTING_KINDS, "设置"))
    op.execute("REVOKE EXECUTE ON FUNCTION central.setting_events_arrive() FROM PUBLIC;")


def downgrade() -> None:
    op.execute("DROP TABLE central.setting_events; DROP FUNCTION central.setting_events_arrive();")
