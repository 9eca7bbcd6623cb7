"""Root conftest: marks the repository root so that `import app` works in every test.

Widgets are tested offscreen unless a display is asked for explicitly (screenshots under Xvfb).
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
