"""Personal data stays out of the log and out of lists (PIPL): ID numbers appear masked."""

from __future__ import annotations

import logging
import random
import re
from datetime import datetime
from pathlib import Path

from app.bootstrap import bootstrap
from app.domain.events import CHINA_TIME
from app.logs import configure_logging
from app.paths import Paths
from app.services.cases import Accept
from app.services.demo import create_demo_accounts
from app.services.demo_people import demo_person
from app.services.time_source import FixedClock

FULL_ID = re.compile(r"\d{17}[\dX]")


def test_no_id_number_reaches_the_log_or_the_case_list(tmp_path: Path) -> None:
    configure_logging(tmp_path / "logs")
    try:
        services = bootstrap(
            Paths(tmp_path, tmp_path, tmp_path / "logs"),
            clock=FixedClock(datetime(2026, 11, 23, 10, tzinfo=CHINA_TIME)),
        )
        create_demo_accounts(services.staff, services.catalog)
        clerk = services.auth.login("scjg01", "demo1234")
        item = services.catalog.search("营业执照遗失补领")[0]
        person = demo_person(random.Random(1))
        required = [m.name for m in item.required_materials]
        detail = services.cases.receive(clerk, item.code, person, required, Accept())
        services.auth.login("scjg01", "demo1234")
        entries = services.cases.list_cases(clerk)
        services.close()
    finally:
        for handler in logging.getLogger().handlers[:]:
            if isinstance(handler, logging.FileHandler):
                logging.getLogger().removeHandler(handler)
                handler.close()
    log = (tmp_path / "logs" / "onewindow.log").read_text(encoding="utf-8")
    assert detail.case.case_no in log
    assert person.id_number not in log and not FULL_ID.search(log)
    shown = [e.summary.applicant_masked_id for e in entries]
    assert person.id_number[:6] + "********" + person.id_number[-4:] in shown
    assert person.id_number not in shown
