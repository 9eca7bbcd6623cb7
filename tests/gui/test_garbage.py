"""Python's garbage is collected on the GUI thread only (`ui/garbage.py`)."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject

from ui.garbage import GarbageCollector

pytestmark = pytest.mark.gui


class Cycle(QObject):
    """A Qt object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_a_cycle_holding_a_qt_object_is_collected_on_the_gui_thread(qtbot, qapp) -> None:
    collector = GarbageCollector(qapp)
    assert not gc.isenabled()
    destroyed_on: list[str] = []
    cycle = Cycle()
    cycle.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name))
    alive = weakref.ref(cycle)
    del cycle
    worker = threading.Thread(target=lambda: [object() for _ in range(100_000)], name="worker")
    worker.start()
    worker.join()
    assert alive() is not None, "a worker's allocations must not collect it"
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    try:
        qtbot.waitUntil(lambda: alive() is None, timeout=5000)
    finally:
        gc.set_threshold(*thresholds)
        collector.deleteLater()
    assert destroyed_on in ([], [threading.main_thread().name])


def test_what_lives_at_start_up_is_left_out_of_later_collections(qapp) -> None:
    collector = GarbageCollector(qapp)
    long_lived = [[index] for index in range(50_000)]  # as pypinyin's dictionaries
    try:
        collector.freeze_start_up()
        assert gc.get_freeze_count() >= len(long_lived)
        assert not any(obj is long_lived for obj in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
        collector.deleteLater()
