"""Root conftest: marks the repository root so that `import app` works in every test.

Widgets are tested offscreen unless a display is asked for explicitly (screenshots under Xvfb).
An error logged during a test fails it unless the test expects it (`tests/logfail.py`).
"""

import os

pytest_plugins = ["pytester", "tests.logfail"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
