"""Where a refused change is told: a round in which the central refused an administrator's
change of a person says why in the status bar and offers 查看未被接受的修改, which shows the
values typed (nothing typed is lost) while the counter shows the version that stands."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.bootstrap import Services
from app.domain.messages import verbatim
from app.domain.refusals import RefusedLog
from app.domain.roles import Role
from app.domain.staff_events import Profile
from app.services.demo import DEMO_PASSWORD
from app.services.refusals import Refusals
from app.services.sync_report import SyncRound
from app.storage.database import open_engine
from app.storage.unit_of_work import UnitOfWorkFactory

REASON = "人员 scjg01 的资料已被 admin2 于 2026-12-07 10:00 修改，此修改基于旧的资料，中心未采纳"


def refuse_the_last_change(services: Services, username: str) -> None:
    """What the directory's push does with the central's answer: the refusal recorded."""
    engine = open_engine(services.paths.database)
    try:
        uow = UnitOfWorkFactory(engine)
        terminal = services.settings["terminal_name"]
        with uow() as writing:
            rows = [row for _, row in writing.staff.outbox(terminal, 0, 10_000)]
            last = [row for row in rows if row["username"] == username][-1]
            Refusals(uow, services.clock, terminal).record(
                writing, RefusedLog.STAFF, [(last, verbatim(REASON))]
            )
            writing.commit()
    finally:
        engine.dispose()


def test_a_refused_change_is_told_and_what_was_typed_is_shown(
    qtbot, sign_in, services: Services, monkeypatch
) -> None:
    window = sign_in("admin")
    admin = services.auth.login("admin", DEMO_PASSWORD)
    before = services.staff.member(admin, "scjg01")
    typed = Profile("王小明", Role.CLERK, before.department, ("A09",))
    services.staff.change(admin, "scjg01", before.version, typed)
    refuse_the_last_change(services, "scjg01")
    answered = SyncRound(services.sync.status(), 0, 0, (verbatim(REASON),), 1)
    monkeypatch.setattr(services.sync, "sync_round", lambda progress=None: answered)

    window.sync.sync_now()

    button = window.sync.refused_button
    qtbot.waitUntil(button.isVisible, timeout=5000)
    assert "中心未采纳" in window.statusBar().currentMessage()
    now = services.staff.member(admin, "scjg01")  # the version that stands, not the typed
    assert (now.display_name, now.version) == (before.display_name, before.version)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.refused.table.rowCount() == 1, timeout=5000)
    table = window.refused.table
    cells = [table.item(0, column).text() for column in range(table.columnCount())]
    assert cells[1] == "人员 scjg01" and cells[2] == "admin" and cells[3] == "修改人员"
    assert "姓名：王小明" in cells[4] and "窗口：A09" in cells[4]
    assert cells[5] == REASON
    assert "重新修改" in window.refused.message.text()
    window.refused.close()
