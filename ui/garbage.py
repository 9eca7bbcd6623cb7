"""Python's garbage collected on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. When a cycle holds a Qt object and a worker thread collects it, the object's
destructor runs on that worker: it takes Qt's connection locks, then waits for the GIL, while
the GUI thread holds the GIL and waits for the same locks (a line edit losing focus
disconnects its cursor timer) — the window freezes for ever. It was seen in the tests: the
storage worker, compiling a query, collected a window of an earlier test while the sign-in
dialog closed.

So automatic collection is switched off and a timer on the GUI thread collects each
generation when its threshold is crossed, as qutebrowser does (`misc/utilities`'s
GarbageCollector).

What the program holds for its whole life (modules, the services, pypinyin's dictionaries that
the catalog's search index loads) is frozen once the first counter window is up: the oldest
generation's collection then scans only what came after. Without it each of those collections
walked some 300,000 objects and held the GIL for 80–250 ms, and an accept committing on the
storage worker meanwhile waited as long. The price: a cycle among frozen objects is never freed
(a window replaced by a language switch keeps its few Python wrappers).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 1000


class GarbageCollector(QObject):
    """Turns Python's automatic collection off and collects on the GUI thread instead."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def freeze_start_up(self) -> None:
        """Leave everything alive now out of every later collection (`gc.freeze`)."""
        gc.collect()
        gc.freeze()
        log.debug("froze %d objects that live as long as the program", gc.get_freeze_count())

    def collect_due(self) -> None:
        """Collect each generation whose count is over its threshold, youngest first."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in range(3):
            if counts[generation] <= thresholds[generation]:
                break
            found = gc.collect(generation)
            log.debug("collected generation %d: %d objects", generation, found)
