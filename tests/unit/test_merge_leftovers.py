"""No file in the repository keeps the markers of a merge left half-resolved (a NOTES.md once
carried both sides of a conflict into main)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKERS = ("<" * 7 + " ", ">" * 7 + " ")


def test_no_tracked_file_holds_merge_conflict_markers() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    found = []
    for name in filter(None, tracked.split("\0")):
        path = ROOT / name
        if not path.is_file() or path.suffix in {".qm", ".png", ".sqlite3", ".xlsx", ".pdf"}:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # binary
        found += [f"{name}:{n}" for n, line in enumerate(lines, 1) if line.startswith(MARKERS)]
    assert found == []
