"""`python -m app` runs the command line."""

from app.cli.entry import run

raise SystemExit(run())
