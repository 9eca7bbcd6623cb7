"""`onewindow intake` through the real command, in its own process: a portal file imported
once, today's list with the ID numbers masked, a bad file refused with its file and entry
named and exit status 1, the watched folder; no ID number in any output."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.events import CHINA_TIME
from app.services.demo_people import demo_portal_export
from tests.integration.cli_runner import Run, run_all
from tests.personal_data import FULL_ID


def today_file(folder: Path, name: str, change: Any = None) -> Path:
    """The example export with its slots moved to today (China time), as the command's clock
    reads the day."""
    content = demo_portal_export(datetime.now(CHINA_TIME).date())
    if change is not None:
        change(content)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def run(home: Path, *args: str) -> Run:
    [done] = run_all(home, list(args))
    assert not FULL_ID.search(done.out + done.err), done
    assert "Traceback" not in done.err
    return done


def test_import_list_and_refusal(tmp_path: Path) -> None:
    home = tmp_path / "home"
    good = today_file(tmp_path, "export.json")
    first = run(home, "intake", "import", str(good))
    assert (first.code, first.out.strip()) == (
        0,
        "文件 export.json：新增 4 条，已有 0 条，取消 0 条",
    )
    again = run(home, "intake", "import", str(good))
    assert again.out.strip() == "文件 export.json 已导入过，未重复导入"
    listed = run(home, "intake", "list", "--json").json()
    assert [row["reference"] for row in listed] == [
        "WS202612070015", "YY202612080001", "YY202612080002", "WS202612060042"
    ]  # fmt: skip
    assert listed[1]["id_number"] == "110101********122X"
    assert listed[1]["time"] == "10:00-10:30" and listed[1]["status"] == "待办理"

    def unknown_item(content: dict[str, Any]) -> None:
        content["entries"][1]["reference"] = "YY-NEW"
        content["entries"][1]["item"] = "NO-SUCH"

    bad = run(home, "intake", "import", str(today_file(tmp_path, "bad.json", unknown_item)))
    assert bad.code == 1
    assert bad.err.strip() == (
        "错误：文件 bad.json 第 2 条（编号 YY-NEW）有误：事项编码 NO-SUCH 不在本中心的事项清单中"
    )
    assert len(run(home, "intake", "list", "--json").json()) == 4  # nothing of it taken


def test_the_folder_named_by_the_setting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "portal"
    set_folder = run(home, "settings", "set", "portal_folder", str(folder))
    assert set_folder.code == 0, set_folder.err
    today_file(folder, "a.json")
    taken = run(home, "intake", "import", "--folder")
    assert taken.out.strip() == "文件 a.json：新增 4 条，已有 0 条，取消 0 条"
    assert run(home, "intake", "import", "--folder").out.strip() == "没有新的预约导出文件"
    mistyped = run(home, "intake", "import")
    assert mistyped.code == 2 and "请给出一个文件" in mistyped.err
