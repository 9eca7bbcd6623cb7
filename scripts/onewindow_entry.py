"""Entry script of the PyInstaller bundle (`build.spec`): the same `onewindow` command pip installs.

`freeze_support` lets `demo-data` start its worker processes from the frozen program.
"""

import multiprocessing

from app.cli.entry import run

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(run())
