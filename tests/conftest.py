"""Settings every test process shares."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# python-escpos caches its printer profiles in a new temporary folder each time it is imported
# unless told where (the application points it into its data directory): one folder per user.
_ESCPOS_CACHE = Path(tempfile.gettempdir()) / f"onewindow-tests-escpos-{os.getuid()}"
_ESCPOS_CACHE.mkdir(exist_ok=True)
os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(_ESCPOS_CACHE))
