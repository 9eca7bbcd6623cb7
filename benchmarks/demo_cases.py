"""The demo cases the central benchmarks push, pull and restore: one history, one moment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from app.bootstrap import Services
from app.domain.events import CHINA_TIME
from app.services.demo_history import DemoHistory

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TIME)


def demo_history(
    services: Services, terminals: Sequence[int] = (90,), seed: int = 5, department: str = ""
) -> DemoHistory:
    """Demo cases over the store's catalog and calendar (of one `department` if given)."""
    items = [i for i in services.catalog.items() if not department or i.department == department]
    return DemoHistory(
        items, services.calendar.calendar(), NOW, defaultdict(int), tuple(terminals), seed=seed
    )
