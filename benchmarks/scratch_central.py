"""A central of the benchmarks' own: an embedded PostgreSQL in a scratch folder, its schema
made in a database `bench`, stopped and removed afterwards."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from app.central.schema import initialise
from app.central.server import EmbeddedServer


@contextmanager
def scratch_central(prefix: str) -> Iterator[tuple[Path, str]]:
    """(the scratch folder, the URL of the central's database in it). When the body fails,
    the server's log is kept beside the folder (it is removed with it) and its path printed."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    scratch.chmod(0o755)  # under root the server runs as its own account, which must pass
    server = EmbeddedServer(scratch / "central")
    try:
        server.start()
        with psycopg.connect(server.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")
        url = server.url("bench")
        initialise(url)
        yield scratch, url
    except BaseException:
        if server.log_file.exists():
            kept = Path(f"{scratch}-server.log")
            shutil.copyfile(server.log_file, kept)
            print(f"the central's log is kept at {kept}", file=sys.stderr)
        raise
    finally:
        server.stop()
        shutil.rmtree(scratch, ignore_errors=True)
