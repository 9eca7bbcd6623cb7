"""`onewindow --demo`: a folder of its own, never a counter's store, and a README whose example
case number the demo really has."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import ui.application
from app.bootstrap import Services, bootstrap
from app.cli.main import main
from app.paths import HOME_VARIABLE, Paths
from app.services.demo import DEMO_MARK, DemoStoreRefused
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock
from tests.integration.store_harness import ACCEPT, CLERK, FOOD, NOW, required
from tests.stores import store_of

ROOT = Path(__file__).resolve().parents[2]


def open_services(home: Path) -> Services:
    return bootstrap(Paths(home, home, home / "logs"), clock=FixedClock(NOW))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Services]:
    services = open_services(tmp_path)
    yield services
    services.close()


def staff_and_cases(services: Services) -> tuple[int, int]:
    with store_of(services) as opened, opened.uow() as uow:
        return len(uow.staff.all()), uow.cases.count()


def test_the_demo_opens_a_folder_of_its_own_also_when_onewindow_home_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configured counter's ONEWINDOW_HOME never receives the demo's accounts."""
    opened: list[Path] = []

    def window(demo: bool = False) -> int:
        assert demo
        opened.append(Paths.from_environment().data)
        return 0

    monkeypatch.setenv(HOME_VARIABLE, str(tmp_path))
    monkeypatch.setattr(ui.application, "run", window)
    assert main(["--demo"]) == 0
    assert opened == [tmp_path / "demo"]


def test_the_demo_seeds_an_empty_folder_once_and_marks_it_as_its_own(store: Services) -> None:
    accounts = store.demo.open(20)
    assert accounts and "admin" in {a.username for a in accounts}
    assert (store.paths.data / DEMO_MARK).exists()
    seeded = staff_and_cases(store)
    assert store.demo.open(20) is None  # the next start finds the demo store as it was
    assert staff_and_cases(store) == seeded


def test_the_demo_refuses_a_store_with_real_cases_and_writes_nothing(store: Services) -> None:
    person = demo_person(random.Random(7))
    store.cases.receive(CLERK, FOOD, person, required(store), ACCEPT)
    with pytest.raises(DemoStoreRefused) as refused:
        store.demo.open(20)
    message = str(refused.value)
    assert str(store.paths.data) in message and "1 件办件" in message
    assert "不是演示模式建立的" in message
    assert staff_and_cases(store) == (0, 1)  # no demo account, no demo case
    assert not (store.paths.data / DEMO_MARK).exists()


def test_the_readme_example_of_ctrl_g_is_a_case_of_a_fresh_demo(store: Services) -> None:
    """The README gives the number's form; with today's date it is a case the demo opened."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [row] = [line for line in readme.splitlines() if line.startswith("| Ctrl+G")]
    examples = re.findall(r"`(YYMMDD-\d\d-\d{3})`", row)
    assert examples, row
    store.demo.open(20)
    for example in examples:
        case_no = example.replace("YYMMDD", f"{NOW:%y%m%d}")
        assert store.cases.detail(CLERK, case_no).case.case_no == case_no
