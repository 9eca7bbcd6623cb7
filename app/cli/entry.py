"""The program's entry point (`onewindow`, `python -m app`, the bundle's entry script): the
command line imported with Python's cyclic garbage collector paused.

Its imports (SQLAlchemy, psycopg, the domain's dataclasses) make some hundred thousand objects
that live as long as the process, and the collector walked them again and again as they were
made: a quarter of the CPU time of the imports, which are most of the start of `onewindow sync`
(issue 14 "Speed": the whole process a counter runs is measured). They are frozen once made
(`gc.freeze`: later collections leave them out), then the collector runs as before.
"""

from __future__ import annotations

import gc


def run() -> int:
    gc.disable()
    try:
        from app.cli.main import run as run_command
    finally:
        gc.freeze()
        gc.enable()
    return run_command()
