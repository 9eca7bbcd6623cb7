"""A settings file that cannot be used stops the counter, naming the file and the problem:
defaults would give it terminal number 1, and a second counter would reuse the case numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.settings import Settings, SettingsError
from tests.integration.cli_runner import run_all

BROKEN = {
    "not JSON": ('{"terminal_no": 2,', "不是有效的 JSON：第1行"),
    "not an object": ("[2]", "应是一个 JSON 对象"),
    "a misspelt key": ('{"terminal_number": 2}', "无法识别的设置：terminal_number"),
    "a number as text": ('{"terminal_no": "2"}', "terminal_no 的值 '2' 无效"),
    "true as a number": ('{"terminal_no": true}', "terminal_no 的值 True 无效"),
    "text as a switch": ('{"printer_raster": "false"}', "printer_raster 的值 'false' 无效"),
    "not UTF-8": ("\udcff", "不是 UTF-8 编码的文本"),
}


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_file_that_cannot_be_used_is_refused_naming_it_and_the_problem(
    tmp_path: Path, case: str
) -> None:
    text, problem = BROKEN[case]
    path = tmp_path / "settings.json"
    write(path, text)
    with pytest.raises(SettingsError) as refused:
        Settings.load(path)
    assert str(path) in str(refused.value) and problem in str(refused.value)


def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()  # a folder where the file should be: reading it fails whoever runs the test
    with pytest.raises(SettingsError, match="无法读取"):
        Settings.load(path)


def test_a_good_file_and_no_file_load(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path)["terminal_no"] == 1  # no file yet: a fresh counter
    write(path, '{"version": 1, "terminal_no": 7, "printer_raster": true}')
    settings = Settings.load(path)
    assert (settings["terminal_no"], settings["printer_raster"]) == (7, True)
    settings.save()
    assert Settings.load(path)["terminal_no"] == 7  # what it saves, it reads back


def test_the_command_line_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    write(tmp_path / "settings.json", '{"terminal_no": 2,')
    [run] = run_all(tmp_path, ["case", "list"])
    assert run.code == 1
    assert run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith("错误：设置文件 ") and str(tmp_path / "settings.json") in line
    assert "不是有效的 JSON" in line
