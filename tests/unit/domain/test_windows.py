"""Windows as the fold of their events: setting up, changing and closing, and what each
refuses (a taken number, a terminal already at another window, a change made by someone else
since, a department not on the list)."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

import pytest

from app.domain.events import CHINA_TIME
from app.domain.roles import Actor, Role
from app.domain.windows import (
    Stamp,
    Window,
    WindowError,
    WindowEventKind,
    WindowSpec,
    change,
    close,
    fold,
    set_up,
)

AT = datetime(2026, 12, 7, 9, 0, tzinfo=CHINA_TIME)
KNOWN = ("SCJG", "SW", "GA")
A04 = WindowSpec("a04 ", "市场监管窗口", "一楼大厅", "1", ("SCJG",), "counter-01")
COMPREHENSIVE = WindowSpec("A01", "综合窗口", "一楼大厅", "1", ("SCJG", "SW"), "counter-02")


def stamp() -> Stamp:
    return Stamp(uuid4(), "admin", "counter-09", AT)


def test_a_spec_is_tidied_and_checked() -> None:
    spec = WindowSpec(" b12", " 税务 ", departments=("SW", " SW", "GA", "")).checked(KNOWN)
    assert (spec.number, spec.name, spec.departments) == ("B12", "税务", ("SW", "GA"))


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        (WindowSpec("A-04", "x", departments=("SCJG",)), "窗口编号“A-04”无效"),
        (WindowSpec("A04", " ", departments=("SCJG",)), "请填写窗口名称"),
        (WindowSpec("A04", "x"), "请至少选择一个部门"),
        (WindowSpec("A04", "x", departments=("SCJG", "XX")), "部门 XX 不在部门名单中"),
    ],
)
def test_a_bad_spec_is_refused_with_the_reason(spec: WindowSpec, reason: str) -> None:
    with pytest.raises(WindowError, match=reason):
        spec.checked(KNOWN)


def test_a_window_folds_from_its_events() -> None:
    spec = A04.checked(KNOWN)
    first = set_up(spec, None, [], stamp())
    window = fold([first])
    assert window == Window(spec, 1, True)
    renamed = WindowSpec(spec.number, "市场监管登记窗口", departments=("SCJG", "GA"))
    second = change(renamed, window, 1, [], stamp())
    third = close(spec.number, fold([first, second]), 2, stamp())
    assert [e.kind for e in (first, second, third)] == list(WindowEventKind)
    assert [e.position for e in (first, second, third)] == [1, 2, 3]
    assert fold([first, second]) == Window(renamed, 2, True)
    assert fold([first, second]).comprehensive  # type: ignore[union-attr]
    assert fold([first, second, third]) == Window(renamed, 3, False)
    assert fold([]) is None


def test_a_number_taken_is_refused_and_a_closed_one_set_up_again() -> None:
    window = Window(A04.checked(KNOWN), 1)
    with pytest.raises(WindowError, match="窗口编号 A04 已存在"):
        set_up(window.spec, window, [window], stamp())
    closed = Window(window.spec, 2, open=False)
    assert set_up(window.spec, closed, [closed], stamp()).position == 3


def test_a_terminal_stands_at_one_window() -> None:
    at_a04 = Window(A04.checked(KNOWN), 1)
    elsewhere = WindowSpec("A05", "另一窗口", departments=("GA",), terminal="counter-01")
    with pytest.raises(WindowError, match="终端 counter-01 已在窗口 A04"):
        set_up(elsewhere, None, [at_a04], stamp())
    assert set_up(elsewhere, None, [Window(at_a04.spec, 2, open=False)], stamp())


def test_a_change_made_since_is_refused() -> None:
    window = Window(A04.checked(KNOWN), 3)
    with pytest.raises(WindowError, match="刚被他人修改过"):
        change(window.spec, window, 2, [window], stamp())
    with pytest.raises(WindowError, match="刚被他人修改过"):
        close("A04", window, 2, stamp())
    with pytest.raises(WindowError, match="没有编号为 A09 的窗口"):
        close("A09", None, 1, stamp())


def test_the_window_s_departments_decide_what_its_clerk_handles() -> None:
    clerk = Actor("scjg01", "张", Role.CLERK, "SCJG", "A01", "counter-02")
    assert clerk.works_for("SCJG") and not clerk.works_for("SW")
    at_comprehensive = Actor(
        "scjg01", "张", Role.CLERK, "SCJG", "A01", "counter-02", departments=frozenset({"SW", "GA"})
    )
    assert at_comprehensive.works_for("SW") and at_comprehensive.works_for("GA")
    assert not at_comprehensive.works_for("SCJG")  # the window decides, not the person
    assert Actor("admin", "管理员", Role.ADMINISTRATOR, None, "", "c").handled_departments == set()
