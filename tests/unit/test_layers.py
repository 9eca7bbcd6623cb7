"""The layers show in the imports: the domain is free of frameworks and devices, the window
reaches storage, the central and devices only through the services, nothing under app/ pulls
in Qt, and the layouts in printing/ neither draw windows nor touch the store or a device.
Only the composition root (app/bootstrap.py) builds an adapter."""

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


#: first-party modules the window reaches only through the services: the store, the central,
#: the link to it, and every device backend (the interfaces, records and errors are allowed)
UI_MUST_NOT_REACH = (
    "app.storage",
    "app.central",
    "app.sync",
    "app.devices.idcard.backends",
    "app.devices.idcard.pcsc",
    "app.devices.idcard.serial_port",
    "app.devices.idcard.simulator",
    "app.devices.printer.backends",
    "app.devices.printer.file_printer",
    "app.devices.printer.network",
    "app.devices.printer.serial_port",
    "app.devices.printer.simulator",
    "app.devices.printer.usb_port",
)
#: what builds an adapter → the only modules that may call it (besides the tests): the
#: composition root, and where the engines themselves are made
ADAPTER_FACTORIES = {
    "open_engine": {"app/bootstrap.py"},
    "UnitOfWorkFactory": {"app/bootstrap.py"},
    "open_printer": {"app/bootstrap.py"},
    "SimulatedPrinter": {"app/bootstrap.py", "app/devices/printer/backends.py"},
    "transport_from_setting": {"app/bootstrap.py"},
    "SimulatedTransport": {"app/bootstrap.py", "app/devices/idcard/backends.py"},
    "CentralLink": {"app/bootstrap.py"},
    "CentralListener": {"app/bootstrap.py"},
    "create_engine": {"app/storage/database.py", "app/central/schema.py"},
}


def imported_modules(path: Path) -> set[tuple[str, int]]:
    """Every module an absolute import in the file names, dotted, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {(alias.name, node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module, node.lineno))
            # `from app import storage` names the module app.storage
            found |= {(f"{node.module}.{alias.name}", node.lineno) for alias in node.names}
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add((node.args[0].value, node.lineno))
    return found


def imported_packages(path: Path) -> set[tuple[str, int]]:
    """Top-level package of every absolute import in the file, with its line."""
    return {(module.split(".")[0], line) for module, line in imported_modules(path)}


def reaches(module: str, forbidden: str) -> bool:
    return module == forbidden or module.startswith(f"{forbidden}.")


def ui_crossings(paths: list[Path], root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)}:{line} imports {module}"
        for path in paths
        for module, line in sorted(imported_modules(path))
        if any(reaches(module, forbidden) for forbidden in UI_MUST_NOT_REACH)
    ]


def adapters_built(path: Path) -> list[tuple[str, int]]:
    """Calls in the file of what builds an adapter, by name, with their line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        (name, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (name := getattr(node.func, "id", getattr(node.func, "attr", ""))) in ADAPTER_FACTORIES
    ]


def adapters_built_outside_the_root(paths: list[Path], root: Path = ROOT) -> list[str]:
    return [
        f"{path.relative_to(root)}:{line} builds {name}"
        for path in paths
        for name, line in sorted(adapters_built(path))
        if path.relative_to(root).as_posix() not in ADAPTER_FACTORIES[name]
    ]


def sources(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


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


def test_the_window_reaches_storage_the_central_and_devices_only_through_services() -> None:
    assert ui_crossings(sources("ui")) == []


def test_only_the_composition_root_builds_an_adapter() -> None:
    assert adapters_built_outside_the_root(sources("app", "ui", "printing")) == []


def test_a_crossing_is_seen_in_every_form(tmp_path: Path) -> None:
    window = tmp_path / "ui" / "sample.py"
    window.parent.mkdir()
    window.write_text(
        "from app.storage.unit_of_work import UnitOfWorkFactory\n"
        "from app import sync\n"
        "import app.devices.printer.network\n"
        "from app.devices.idcard.records import IdCard\n"  # allowed: a record, not a backend
        "def build(setting):\n"
        "    return UnitOfWorkFactory(open_engine(setting)), transport_from_setting(setting)\n",
        encoding="utf-8",
    )
    assert sorted(ui_crossings([window], tmp_path)) == [
        "ui/sample.py:1 imports app.storage.unit_of_work",
        "ui/sample.py:1 imports app.storage.unit_of_work.UnitOfWorkFactory",
        "ui/sample.py:2 imports app.sync",
        "ui/sample.py:3 imports app.devices.printer.network",
    ]
    assert adapters_built_outside_the_root([window], tmp_path) == [
        "ui/sample.py:6 builds UnitOfWorkFactory",
        "ui/sample.py:6 builds open_engine",
        "ui/sample.py:6 builds transport_from_setting",
    ]
