"""The layers show in the imports: the domain is free of frameworks and devices, the window
reaches storage and devices only through the services, nothing under app/ pulls in Qt, and
the layouts in printing/ neither draw windows nor touch the store or a device."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: folder → top-level packages its modules may not import
RULES = {
    "app/domain": {"PySide6", "sqlalchemy", "alembic", "psycopg", "escpos", "smartcard", "serial"},
    "ui": {"sqlalchemy", "alembic", "psycopg", "smartcard", "escpos"},
    "app": {"PySide6"},
    # slips and notices are laid out from facts: no window, no store, no device I/O
    "printing": {"PySide6", "sqlalchemy", "alembic", "psycopg", "smartcard", "serial", "usb"},
}


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """Top-level package of every absolute import in the file, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add((node.args[0].value.split(".")[0], node.lineno))
    return found


@pytest.mark.parametrize("folder", list(RULES))
def test_no_layer_imports_what_it_must_not(folder: str) -> None:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, f"no Python files under {folder}"
    crossings = [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in files
        for package, line in sorted(imported_packages(path))
        if package in RULES[folder]
    ]
    assert crossings == []


def test_the_walk_sees_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "import os.path\n"
        "from sqlalchemy.orm import Session\n"
        "from . import sibling\n"
        "def late():\n"
        "    import PySide6.QtCore\n"
        "    importlib.import_module('escpos.printer')\n",
        encoding="utf-8",
    )
    assert {package for package, _ in imported_packages(module)} == {
        "os",
        "sqlalchemy",
        "PySide6",
        "escpos",
    }
