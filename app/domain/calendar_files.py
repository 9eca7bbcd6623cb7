"""Reading the shipped holiday schedules (resources/calendar/YYYY.json) into a WorkCalendar.

The one place in the domain that touches files, kept apart from `app.domain.calendar` so the
calendar itself stays pure. It only reads data files that ship with the application or that
the administrator drops in the folder for the next year.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.calendar import CalendarError, WorkCalendar, YearSchedule
from app.domain.messages import msg


def load_calendar_dir(path: Path) -> WorkCalendar:
    """A calendar of every `*.json` schedule in the folder; CalendarError names a bad file."""
    if not path.is_dir():
        raise CalendarError(msg("找不到节假日数据目录：{path}", path=str(path)))
    return WorkCalendar(read_schedule_file(file) for file in sorted(path.glob("*.json")))


def read_schedule_file(file: Path) -> YearSchedule:
    """One year's schedule; a file named for a year (2026.json) must hold that year."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CalendarError(
            msg(
                "节假日数据文件{file}不是有效的JSON：第{line}行第{column}列",
                file=file.name,
                line=error.lineno,
                column=error.colno,
            )
        ) from error
    except UnicodeDecodeError as error:
        raise CalendarError(msg("节假日数据文件{file}应以UTF-8编码保存", file=file.name)) from error
    if not isinstance(data, dict):
        raise CalendarError(msg("节假日数据文件{file}的内容应为一个JSON对象", file=file.name))
    try:
        schedule = YearSchedule.from_json(data)
    except CalendarError as error:
        raise CalendarError(
            msg("节假日数据文件{file}：{error}", file=file.name, error=error.message)
        ) from error
    if file.stem.isdigit() and int(file.stem) != schedule.year:
        raise CalendarError(
            msg(
                "节假日数据文件{file}中的年份是{year}，与文件名不符",
                file=file.name,
                year=schedule.year,
            )
        )
    return schedule
