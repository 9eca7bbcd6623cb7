"""The working-day calendar: the shipped State Council schedules, counting across holidays and
year ends, years not loaded yet, and schedule files that must be refused."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.calendar import CalendarError, WorkCalendar, YearSchedule
from app.domain.calendar_files import load_calendar_dir, read_schedule_file

CALENDAR_DIR = Path(__file__).resolve().parents[3] / "resources" / "calendar"
CALENDAR = load_calendar_dir(CALENDAR_DIR)
ONE_DAY = timedelta(days=1)


def brute_force_between(start: date, end: date) -> int:
    days = (start + ONE_DAY * n for n in range(1, (end - start).days + 1))
    return sum(CALENDAR.is_working_day(day) for day in days)


# ------------------------------------------------------------------- the shipped data


def test_both_shipped_years_are_loaded_with_their_source() -> None:
    assert [s.year for s in CALENDAR.schedules] == [2025, 2026]
    assert "国办发明电〔2024〕12号" in CALENDAR.schedules[0].source
    assert CALENDAR.schedules[1].source == "国务院办公厅关于2026年部分节假日安排的通知"
    assert CALENDAR.is_loaded(2026)
    assert not CALENDAR.is_loaded(2027)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # 元旦
        (date(2026, 1, 3), False),  # 元旦, a Saturday
        (date(2026, 1, 4), True),  # Sunday worked
        (date(2026, 1, 5), True),  # an ordinary Monday
        (date(2026, 1, 10), False),  # an ordinary Saturday
        (date(2026, 2, 14), True),  # Saturday worked before 春节
        (date(2026, 2, 16), False),  # 春节
        (date(2026, 2, 23), False),  # last day of 春节, a Monday
        (date(2026, 2, 28), True),  # Saturday worked after 春节
        (date(2026, 4, 6), False),  # 清明节, a Monday
        (date(2026, 5, 5), False),  # 劳动节, a Tuesday
        (date(2026, 5, 9), True),
        (date(2026, 6, 19), False),  # 端午节
        (date(2026, 9, 20), True),  # Sunday worked
        (date(2026, 9, 25), False),  # 中秋节
        (date(2026, 10, 7), False),  # 国庆节
        (date(2026, 10, 8), True),  # the Thursday after 国庆节
        (date(2026, 10, 10), True),  # Saturday worked
        (date(2025, 1, 26), True),
        (date(2025, 2, 4), False),
        (date(2025, 2, 8), True),
        (date(2025, 4, 27), True),
        (date(2025, 6, 2), False),
        (date(2025, 9, 28), True),
        (date(2025, 10, 8), False),
        (date(2025, 10, 11), True),
    ],
)
def test_working_days_follow_the_state_council_notices(day: date, working: bool) -> None:
    assert CALENDAR.is_working_day(day) is working


def test_the_shipped_years_have_the_official_number_of_days_off() -> None:
    assert [len(s.holidays) for s in CALENDAR.schedules] == [
        1 + 8 + 3 + 5 + 3 + 8,
        3 + 9 + 3 + 5 + 3 + 3 + 7,
    ]
    assert [len(s.working_weekends) for s in CALENDAR.schedules] == [5, 6]


def test_holidays_keep_their_names() -> None:
    assert CALENDAR.holiday_name(date(2026, 2, 16)) == "春节"
    assert CALENDAR.holiday_name(date(2025, 10, 6)) == "国庆节、中秋节"
    assert CALENDAR.holiday_name(date(2026, 2, 14)) is None
    assert CALENDAR.holiday_name(date(2026, 3, 3)) is None


@pytest.mark.parametrize("file", sorted(CALENDAR_DIR.glob("*.json")), ids=lambda f: f.name)
def test_a_shipped_file_is_written_back_unchanged(file: Path) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    schedule = YearSchedule.from_json(data)

    assert schedule.to_json() == data
    assert YearSchedule.from_json(schedule.to_json()) == schedule
    assert hash(schedule) == hash(YearSchedule.from_json(data))


# ---------------------------------------------------------------------------- counting


def test_one_day_after_the_eve_of_national_day_is_the_first_day_back() -> None:
    # 国庆节 2026 is 1-7 October (Thursday to Wednesday): Thursday the 8th is worked.
    assert CALENDAR.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert CALENDAR.add_working_days(date(2026, 9, 30), 2) == date(2026, 10, 9)
    assert CALENDAR.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_the_start_day_is_not_counted_and_zero_days_is_the_same_day() -> None:
    assert CALENDAR.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert CALENDAR.add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)
    assert CALENDAR.add_working_days(date(2026, 2, 16), 0) == date(2026, 2, 16)


def test_a_negative_number_of_days_is_refused() -> None:
    with pytest.raises(ValueError):
        CALENDAR.add_working_days(date(2026, 3, 2), -1)


def test_twenty_days_from_december_run_into_a_year_not_loaded_yet() -> None:
    start = date(2026, 12, 15)
    due = CALENDAR.add_working_days(start, 20)

    assert due == date(2027, 1, 12)  # weekends only in 2027: no 元旦 until it is loaded
    assert CALENDAR.unloaded_years(start, due) == [2027]
    assert CALENDAR.unloaded_years(due, start) == [2027]
    assert CALENDAR.unloaded_years(date(2025, 1, 1), date(2026, 12, 31)) == []


def test_a_calendar_without_schedules_counts_monday_to_friday() -> None:
    empty = WorkCalendar()

    assert empty.schedules == ()
    assert empty.is_working_day(date(2026, 1, 1))
    assert not empty.is_working_day(date(2026, 1, 4))
    assert empty.add_working_days(date(2026, 1, 2), 1) == date(2026, 1, 5)
    assert empty.unloaded_years(date(2026, 12, 1), date(2027, 1, 31)) == [2026, 2027]


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 3, 2), date(2026, 3, 2), 0),
        (date(2026, 3, 3), date(2026, 3, 2), 0),
        (date(2026, 3, 2), date(2026, 3, 3), 1),
        (date(2026, 2, 13), date(2026, 2, 24), 2),  # the 14th (Saturday) and the 24th
        (date(2026, 9, 30), date(2026, 10, 10), 3),
        (date(2024, 12, 31), date(2025, 12, 31), 248),
        (date(2025, 12, 31), date(2026, 12, 31), 248),
    ],
)
def test_working_days_between_counts_after_start_up_to_end(
    start: date, end: date, count: int
) -> None:
    assert CALENDAR.working_days_between(start, end) == count


def test_next_working_day_is_strictly_after() -> None:
    assert CALENDAR.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert CALENDAR.next_working_day(date(2026, 2, 13)) == date(2026, 2, 14)
    assert CALENDAR.next_working_day(date(2026, 3, 2)) == date(2026, 3, 3)


def test_counting_over_two_centuries_agrees_with_counting_day_by_day() -> None:
    start, end = date(1950, 6, 15), date(2150, 2, 3)

    assert CALENDAR.working_days_between(start, end) == brute_force_between(start, end)


# -------------------------------------------------------------------------- properties

days_around = st.dates(min_value=date(2024, 12, 1), max_value=date(2027, 12, 31))
spans = st.integers(min_value=1, max_value=60)


@given(days_around, spans)
def test_adding_then_counting_gives_the_days_back(start: date, days: int) -> None:
    due = CALENDAR.add_working_days(start, days)

    assert CALENDAR.working_days_between(start, due) == days
    assert CALENDAR.is_working_day(due)
    assert CALENDAR.working_days_between(start, due - ONE_DAY) == days - 1


@given(days_around, spans)
def test_one_more_day_is_always_later(start: date, days: int) -> None:
    assert CALENDAR.add_working_days(start, days) > CALENDAR.add_working_days(start, days - 1)


@given(days_around, days_around)
def test_counting_by_arithmetic_agrees_with_counting_day_by_day(start: date, end: date) -> None:
    assert CALENDAR.working_days_between(start, end) == brute_force_between(start, end)


@given(days_around, days_around, days_around)
def test_counts_add_up_and_grow_with_the_end(a: date, b: date, c: date) -> None:
    a, b, c = sorted((a, b, c))
    between = CALENDAR.working_days_between

    assert between(a, b) + between(b, c) == between(a, c)
    assert between(a, b) <= between(a, c)


@given(days_around)
def test_the_next_working_day_is_one_working_day_later(day: date) -> None:
    assert CALENDAR.next_working_day(day) == CALENDAR.add_working_days(day, 1)


# ------------------------------------------------------------------ refused schedules


def schedule_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": 2026,
        "source": "测试用通知",
        "holidays": [
            {"name": "元旦", "from": "2026-01-01", "to": "2026-01-03"},
            {"name": "清明节", "from": "2026-04-04", "to": "2026-04-06"},
        ],
        "working_weekends": ["2026-01-04"],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"year": "2026"}, "节假日安排的年份“2026”无效，应为2000至2200之间的整数，如2026"),
        ({"source": " "}, "2026年节假日安排：缺少来源（source），应写明所依据的通知"),
        ({"holidays": {"元旦": "2026-01-01"}}, "2026年节假日安排：“holidays”应为列表"),
        ({"holidays": ["2026-01-01"]}, "2026年节假日安排：第1项假日应写成{name, from, to}"),
        (
            {"holidays": [{"from": "2026-01-01", "to": "2026-01-01"}]},
            "2026年节假日安排：第1项假日缺少名称（name）",
        ),
        (
            {"holidays": [{"name": "元旦", "from": "2026-13-01", "to": "2026-01-01"}]},
            "2026年节假日安排：“元旦”的开始日期“2026-13-01”无效，应写成YYYY-MM-DD",
        ),
        (
            {"holidays": [{"name": "元旦", "from": "2026-01-01"}]},
            "2026年节假日安排：“元旦”的结束日期“None”无效，应写成YYYY-MM-DD",
        ),
        (
            {"holidays": [{"name": "清明节", "from": "2026-04-07", "to": "2026-04-06"}]},
            "2026年节假日安排：“清明节”的开始日期2026-04-07晚于结束日期2026-04-06",
        ),
        (
            {"holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-01"}]},
            "2026年节假日安排：“元旦”的日期2027-01-01不在2026年内",
        ),
        (
            {"holidays": [{"name": "国庆节", "from": "2025-10-01", "to": "2025-10-07"}]},
            "2026年节假日安排：“国庆节”的日期2025-10-01不在2026年内",
        ),
        (
            {
                "holidays": [
                    {"name": "中秋节", "from": "2026-09-25", "to": "2026-10-01"},
                    {"name": "国庆节", "from": "2026-10-01", "to": "2026-10-07"},
                ]
            },
            "2026年节假日安排：2026-10-01同时属于“中秋节”和“国庆节”",
        ),
        (
            {"working_weekends": ["2026-01-05"]},
            "2026年节假日安排：调休上班日2026-01-05是星期一，只能是星期六或星期日",
        ),
        (
            {"working_weekends": ["2027-01-02"]},
            "2026年节假日安排：调休上班日2027-01-02不在2026年内",
        ),
        (
            {"working_weekends": ["2026/01/04"]},
            "2026年节假日安排：调休上班日“2026/01/04”无效，应写成YYYY-MM-DD",
        ),
        ({"working_weekends": "2026-01-04"}, "2026年节假日安排：“working_weekends”应为列表"),
        (
            {"working_weekends": ["2026-01-03"]},
            "2026年节假日安排：2026-01-03既是“元旦”假日又是调休上班日",
        ),
    ],
)
def test_a_bad_schedule_is_refused_naming_the_entry(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(CalendarError) as caught:
        YearSchedule.from_json(schedule_data(**changes))

    assert str(caught.value) == message


def test_a_new_year_break_may_start_in_the_december_before() -> None:
    # 国务院办公厅关于2023年部分节假日安排的通知: 元旦 2022-12-31 to 2023-01-02.
    data = {
        "year": 2023,
        "source": "国办发明电〔2022〕16号",
        "holidays": [{"name": "元旦", "from": "2022-12-31", "to": "2023-01-02"}],
        "working_weekends": [],
    }
    calendar = WorkCalendar([YearSchedule.from_json(data)])

    assert calendar.holiday_name(date(2022, 12, 31)) == "元旦"
    assert calendar.add_working_days(date(2022, 12, 30), 1) == date(2023, 1, 3)


def test_a_schedule_built_in_code_is_checked_too() -> None:
    with pytest.raises(CalendarError, match="调休上班日2026-01-05是星期一"):
        YearSchedule(2026, frozenset(), frozenset({date(2026, 1, 5)}), "测试")
    with pytest.raises(CalendarError, match="“春节”的日期2026-02-16不在假日之列"):
        YearSchedule(2026, frozenset(), frozenset(), "测试", {date(2026, 2, 16): "春节"})


def test_a_holiday_without_a_name_is_called_a_holiday() -> None:
    schedule = YearSchedule(2026, frozenset({date(2026, 3, 3)}), frozenset(), "测试")

    assert WorkCalendar([schedule]).holiday_name(date(2026, 3, 3)) == "节假日"
    assert schedule.to_json()["holidays"] == [
        {"name": "节假日", "from": "2026-03-03", "to": "2026-03-03"}
    ]


def test_two_schedules_for_one_year_are_refused() -> None:
    schedule = YearSchedule.from_json(schedule_data())

    with pytest.raises(CalendarError, match="2026年的节假日安排加载了不止一份"):
        WorkCalendar([schedule, schedule])


def test_schedules_of_two_years_may_not_contradict_each_other() -> None:
    december_worked = YearSchedule(2022, frozenset(), frozenset({date(2022, 12, 31)}), "甲")
    december_off = YearSchedule(2023, frozenset({date(2022, 12, 31)}), frozenset(), "乙")

    with pytest.raises(CalendarError, match="2023年节假日安排与其他年份的安排冲突：2022-12-31"):
        WorkCalendar([december_worked, december_off])


# -------------------------------------------------------------------------- the files


def write(folder: Path, name: str, content: str | bytes) -> Path:
    file = folder / name
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8")
    return file


def test_a_folder_of_files_becomes_one_calendar(tmp_path: Path) -> None:
    write(tmp_path, "2026.json", json.dumps(schedule_data(), ensure_ascii=False))
    write(tmp_path, "notes.txt", "not a schedule")

    calendar = load_calendar_dir(tmp_path)

    assert [s.year for s in calendar.schedules] == [2026]


def test_an_empty_folder_gives_a_weekends_only_calendar(tmp_path: Path) -> None:
    assert load_calendar_dir(tmp_path).schedules == ()


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="找不到节假日数据目录"):
        load_calendar_dir(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("2026.json", '{"year": 2026,', "节假日数据文件2026.json不是有效的JSON：第1行第15列"),
        ("2026.json", "[]", "节假日数据文件2026.json的内容应为一个JSON对象"),
        ("2026.json", '"年"'.encode("gb18030"), "节假日数据文件2026.json应以UTF-8编码保存"),
        (
            "2027.json",
            json.dumps(schedule_data()),
            "节假日数据文件2027.json中的年份是2026，与文件名不符",
        ),
        (
            "2026.json",
            json.dumps(schedule_data(working_weekends=["2026-01-05"]), ensure_ascii=False),
            "节假日数据文件2026.json：2026年节假日安排：调休上班日2026-01-05是星期一，"
            "只能是星期六或星期日",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_file(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    file = write(tmp_path, name, content)

    with pytest.raises(CalendarError) as caught:
        read_schedule_file(file)
    assert str(caught.value) == message
    with pytest.raises(CalendarError):
        load_calendar_dir(tmp_path)
