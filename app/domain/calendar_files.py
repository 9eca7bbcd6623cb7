"""Reading the shipped holiday schedules (resources/calendar/YYYY.json) into a WorkCalendar.

The one place in the domain that touches files, kept apart from `app.domain.calendar` so the
calendar itself stays pure. It only reads data files that ship with the application or that
the administrator drops in the folder for the next year.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.calendar import CalendarError, WorkCalendar, YearSchedule


def load_calendar_dir(path: Path) -> WorkCalendar:
    """A calendar of every `*.json` schedule in the folder; CalendarError names a bad file."""
    if not path.is_dir():
        raise CalendarError(f"找不到节假日数据目录：{path}")
    return WorkCalendar(read_schedule_file(file) for file in sorted(path.glob("*.json")))


def read_schedule_file(file: Path) -> YearSchedule:
    """One year's schedule; a file named for a year (2026.json) must hold that year."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CalendarError(
            f"节假日数据文件{file.name}不是有效的JSON：第{error.lineno}行第{error.colno}列"
        ) from error
    except UnicodeDecodeError as error:
        raise CalendarError(f"节假日数据文件{file.name}应以UTF-8编码保存") from error
    if not isinstance(data, dict):
        raise CalendarError(f"节假日数据文件{file.name}的内容应为一个JSON对象")
    try:
        schedule = YearSchedule.from_json(data)
    except CalendarError as error:
        raise CalendarError(f"节假日数据文件{file.name}：{error}") from error
    if file.stem.isdigit() and int(file.stem) != schedule.year:
        raise CalendarError(f"节假日数据文件{file.name}中的年份是{schedule.year}，与文件名不符")
    return schedule
