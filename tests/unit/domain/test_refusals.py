"""The folds leave out the events the central refused: a person, a window and a leave request
fold from the events that stand, and the central's event of the refused version then follows
(the same as if the refused one had never been written)."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

from app.domain.events import CHINA_TIME
from app.domain.leave import LeaveEvent, LeaveEventKind, LeaveStatus
from app.domain.leave import fold as fold_leave
from app.domain.refusals import standing
from app.domain.roles import Role
from app.domain.staff import apply
from app.domain.staff import fold as fold_staff
from app.domain.staff_events import Changed, Created, Profile, StaffChange, StaffEvent
from app.domain.windows import WindowEvent, WindowEventKind, WindowSpec
from app.domain.windows import fold as fold_window

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
CLERK = Profile("王小明", Role.CLERK, "SCJG", ("A04",))


def staff_event(version: int, change: StaffChange, actor: str) -> StaffEvent:
    return StaffEvent(
        uuid4(), "wang01", version, T0 + timedelta(minutes=version), actor, "T", change
    )


def test_the_staff_fold_leaves_a_refused_change_out_and_the_centrals_follows() -> None:
    created = staff_event(1, Created(CLERK, "hash", False), "admin")
    mine = staff_event(2, Changed(Profile("王小明", Role.CLERK, "SCJG", ("A05",))), "admin2")
    log = [created, mine]

    member = fold_staff(standing(log, {mine.id}))

    assert member is not None and member.version == 1 and member.windows == ("A04",)
    theirs = staff_event(2, Changed(Profile("王晓明", Role.CLERK, "SCJG", ("A04",))), "admin")
    after = apply(member, theirs)  # the central's event of the same version now follows
    assert (after.version, after.display_name) == (2, "王晓明")
    assert fold_staff(standing([*log, theirs], {mine.id})) == after
    unrefused = fold_staff(standing(log, set()))  # nothing refused: all stand
    assert unrefused is not None and unrefused.windows == ("A05",)


def window_event(position: int, hall: str, kind: WindowEventKind) -> WindowEvent:
    spec = WindowSpec("A04", "市场监管", hall, "1", ("SCJG",), "")
    return WindowEvent(uuid4(), "A04", position, kind, spec, "admin", "T", T0)


def test_the_window_fold_leaves_a_refused_change_out() -> None:
    set_up = window_event(1, "一楼大厅", WindowEventKind.SET_UP)
    mine = window_event(2, "二楼大厅", WindowEventKind.CHANGED)
    theirs = window_event(2, "三楼大厅", WindowEventKind.CHANGED)

    held = fold_window(standing([set_up, mine], {mine.id}))
    assert held is not None and (held.version, held.spec.hall) == (1, "一楼大厅")
    after = fold_window(standing([set_up, mine, theirs], {mine.id}))
    assert after is not None and (after.version, after.spec.hall) == (2, "三楼大厅")


def leave_event(request: UUID, position: int, kind: LeaveEventKind, actor: str) -> LeaveEvent:
    data = (
        {"kind": "personal", "first": "2026-12-08am", "last": "2026-12-08pm", "reason": "家事"}
        if kind is LeaveEventKind.ASKED
        else {"note": actor}
    )
    return LeaveEvent(uuid4(), request, position, kind, T0, actor, "T", "wang01", "SCJG", data)


def test_the_leave_fold_leaves_a_refused_decision_out() -> None:
    request = uuid4()
    asked = leave_event(request, 1, LeaveEventKind.ASKED, "wang01")
    mine = leave_event(request, 2, LeaveEventKind.REFUSED, "chief2")
    theirs = leave_event(request, 2, LeaveEventKind.APPROVED, "chief1")

    pending = fold_leave(standing([asked, mine], {mine.id}))
    assert (pending.status, pending.version) == (LeaveStatus.PENDING, 1)
    decided = fold_leave(standing([asked, mine, theirs], {mine.id}))
    assert (decided.status, decided.decided_by) == (LeaveStatus.APPROVED, "chief1")
