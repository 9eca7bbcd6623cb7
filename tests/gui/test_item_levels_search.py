"""The item search names the levels of center that declare an item, and marks one not
declared at this center's level, the reason in its tooltip (a city counter here)."""

from __future__ import annotations

import pytest

from tests.gui.conftest import type_text

pytestmark = pytest.mark.gui


def test_the_search_names_levels_and_marks_an_item_of_another_level(qtbot, sign_in) -> None:
    window = sign_in("scjg01")
    search = window.intake.search
    window.intake.focus_search()
    type_text(qtbot, search.box, "临时居民身份证申领")
    line = search.results.currentItem()
    assert line.text().startswith("临时居民身份证申领 〔县·乡〕")
    assert "本窗口不能受理" in line.text()
    assert "县（区）级、乡镇（街道）级中心受理" in line.toolTip()
    search.box.clear()
    type_text(qtbot, search.box, "营业执照遗失补领")  # every level: no levels named
    line = search.results.currentItem()
    assert "·" not in line.text() and "不能受理" not in line.text()
