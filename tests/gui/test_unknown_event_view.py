"""A case holding an event this version cannot read (a newer counter's, arrived by sync): the
case detail shows it as such in the timeline and still offers what may happen next."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from app.domain.event_data import decode
from app.domain.events import new_event
from tests.gui.conftest import NOW
from tests.gui.test_chief_desk import FOOD, action, actor, open_detail, received

pytestmark = pytest.mark.gui


def test_the_case_detail_shows_an_unreadable_event_and_goes_on(qtbot, sign_in, services):
    case_no = received(services, "scjg01", FOOD, 21)
    case = services.cases.detail(actor(services, "scjg01"), case_no).case
    rated = new_event(
        id=uuid4(), case_id=case.case_id, position=3, data=decode("rated", '{"stars":5}'),
        actor="newer01", window="A09", terminal="counter-09", at=NOW + timedelta(minutes=5),
        prev_hash=case.last_hash,
    )  # fmt: skip
    assert services.cases.import_events([rated]) == []
    dialog = open_detail(qtbot, sign_in("scjg01"), case_no)
    assert dialog.timeline.topLevelItemCount() == 3
    shown = dialog.timeline.topLevelItem(2)
    assert shown.text(1) == "无法识别的记录“rated”：本版本不认识此类记录"
    assert shown.text(2) == "newer01" and shown.text(4) == ""
    assert action(dialog, "complete_step").isEnabled()
