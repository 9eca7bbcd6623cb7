"""The calendar of working days (工作日) in which every time limit is counted.

Art. 82 of the Administrative Licensing Law counts time limits in working days. Which days
those are is set each year by the State Council's holiday notice, weekend days that become
working days (调休) included. The notice is data the center keeps in a file per year (see
`app.domain.calendar_files`), so next year's arrives without a new release.

A year whose schedule is not loaded still has a clock, Monday to Friday, because a case
accepted in December runs into the next year before its notice is published;
`WorkCalendar.unloaded_years` tells the caller, who warns the administrator.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from app.domain.messages import Message, MessageError, msg

ONE_DAY = timedelta(days=1)
WEEKDAY_NAMES = (
    msg("星期一"),
    msg("星期二"),
    msg("星期三"),
    msg("星期四"),
    msg("星期五"),
    msg("星期六"),
    msg("星期日"),
)


#: The years a holiday schedule may be for (the central's `holiday_schedules` holds the same).
SCHEDULE_YEARS = range(2000, 2201)


class CalendarError(MessageError, ValueError):
    """A holiday schedule that cannot be right; the message names the bad entry."""


@dataclass(frozen=True)
class YearSchedule:
    """One year's holiday notice: the days off, the weekend days worked, and the source.

    A date belongs to the named year, or to the December before it: notices have put the New
    Year break across the turn of the year (2023's 元旦 ran from 2022-12-31 to 2023-01-02).
    `names` gives the name of the holiday each day off belongs to.
    """

    year: int
    holidays: frozenset[date]
    working_weekends: frozenset[date]
    source: str
    names: Mapping[date, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for day in sorted(self.holidays):
            holiday = self.names.get(day) or msg("节假日")
            self._check_in_year(day, msg("“{holiday}”的日期{day}", holiday=holiday, day=str(day)))
        for day in sorted(self.working_weekends):
            self._check_in_year(day, msg("调休上班日{day}", day=str(day)))
            self._check_weekend(day)
            if day in self.holidays:
                holiday = self.names.get(day) or msg("节假日")
                raise self._error(
                    msg("{day}既是“{holiday}”假日又是调休上班日", day=str(day), holiday=holiday)
                )
        for day in sorted(self.names):
            if day not in self.holidays:
                raise self._error(
                    msg("“{holiday}”的日期{day}不在假日之列", holiday=self.names[day], day=str(day))
                )

    @classmethod
    def from_json(cls, data: object) -> YearSchedule:
        """Read the file format; raise CalendarError naming the first bad entry."""
        if not isinstance(data, Mapping):
            raise CalendarError(
                msg("节假日安排应为一个JSON对象（含year、source、holidays），而不是列表或单个值")
            )
        year = data.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or year not in SCHEDULE_YEARS:
            raise CalendarError(
                msg(
                    "节假日安排的年份“{year}”无效，应为{first}至{last}之间的整数，如2026",
                    year=str(year)[:20],
                    first=SCHEDULE_YEARS[0],
                    last=SCHEDULE_YEARS[-1],
                )
            )
        source = data.get("source")
        if not isinstance(source, str) or not source.strip():
            raise CalendarError(
                msg("{year}年节假日安排：缺少来源（source），应写明所依据的通知", year=year)
            )
        names = _read_holidays(year, _list_of(data, "holidays", year))
        working = [
            _parse_date(year, text, msg("调休上班日"))
            for text in _list_of(data, "working_weekends", year)
        ]
        return cls(year, frozenset(names), frozenset(working), source.strip(), names)

    def to_json(self) -> dict[str, Any]:
        """The file format: holidays as named ranges of consecutive days, dates as ISO text."""
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [
                {"name": name, "from": first.isoformat(), "to": last.isoformat()}
                for name, first, last in self._holiday_ranges()
            ],
            "working_weekends": [day.isoformat() for day in sorted(self.working_weekends)],
        }

    def _holiday_ranges(self) -> list[tuple[str, date, date]]:
        ranges: list[tuple[str, date, date]] = []
        for day in sorted(self.holidays):
            name = self.names.get(day, "节假日")
            if ranges and ranges[-1][0] == name and ranges[-1][2] + ONE_DAY == day:
                ranges[-1] = (name, ranges[-1][1], day)
            else:
                ranges.append((name, day, day))
        return ranges

    def _check_in_year(self, day: date, what: Message) -> None:
        previous_december = day.year == self.year - 1 and day.month == 12
        if day.year != self.year and not previous_december:
            raise self._error(msg("{what}不在{year}年内", what=what, year=self.year))

    def _check_weekend(self, day: date) -> None:
        if day.weekday() < 5:
            raise self._error(
                msg(
                    "调休上班日{day}是{weekday}，只能是星期六或星期日",
                    day=str(day),
                    weekday=WEEKDAY_NAMES[day.weekday()],
                )
            )

    def _error(self, detail: Message) -> CalendarError:
        return CalendarError(msg("{year}年节假日安排：{detail}", year=self.year, detail=detail))


def _list_of(data: Mapping[str, Any], key: str, year: int) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise CalendarError(msg("{year}年节假日安排：“{key}”应为列表", year=year, key=key))
    return value


def _read_holidays(year: int, entries: list[Any]) -> dict[date, str]:
    """Expand the named ranges into a name per day; no day may belong to two holidays."""
    names: dict[date, str] = {}
    for number, entry in enumerate(entries, start=1):
        name, first, last = _read_holiday_entry(year, number, entry)
        day = first
        while day <= last:
            if day in names:
                raise CalendarError(
                    msg(
                        "{year}年节假日安排：{day}同时属于“{first}”和“{second}”",
                        year=year,
                        day=str(day),
                        first=names[day],
                        second=name,
                    )
                )
            names[day] = name
            day += ONE_DAY
    return names


def _read_holiday_entry(year: int, number: int, entry: Any) -> tuple[str, date, date]:
    if not isinstance(entry, Mapping):
        raise CalendarError(
            msg(
                "{year}年节假日安排：第{number}项假日应写成{{name, from, to}}",
                year=year,
                number=number,
            )
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CalendarError(
            msg("{year}年节假日安排：第{number}项假日缺少名称（name）", year=year, number=number)
        )
    first = _parse_date(year, entry.get("from"), msg("“{name}”的开始日期", name=name))
    last = _parse_date(year, entry.get("to"), msg("“{name}”的结束日期", name=name))
    if first > last:
        raise CalendarError(
            msg(
                "{year}年节假日安排：“{name}”的开始日期{first}晚于结束日期{last}",
                year=year,
                name=name,
                first=str(first),
                last=str(last),
            )
        )
    return name.strip(), first, last


def _parse_date(year: int, text: Any, what: Message) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CalendarError(
            msg(
                "{year}年节假日安排：{what}“{text}”无效，应写成YYYY-MM-DD",
                year=year,
                what=what,
                text=str(text),
            )
        ) from None


class WorkCalendar:
    """Tells working days from days off and counts working days, across loaded years.

    Counting is exact at both ends: `add_working_days(start, n)` is the n-th working day after
    start, and `working_days_between(start, that day)` gives n back.
    """

    def __init__(self, schedules: Iterable[YearSchedule] = ()) -> None:
        self._schedules = tuple(sorted(schedules, key=lambda schedule: schedule.year))
        years = [schedule.year for schedule in self._schedules]
        for earlier, later in pairwise(years):
            if earlier == later:
                raise CalendarError(msg("{year}年的节假日安排加载了不止一份", year=later))
        self._years = frozenset(years)
        self._names: dict[date, str] = {}
        self._holidays: set[date] = set()
        self._working_weekends: set[date] = set()
        for schedule in self._schedules:
            self._merge(schedule)
        self._weekday_holidays = sorted(d for d in self._holidays if d.weekday() < 5)
        self._sorted_working_weekends = sorted(self._working_weekends)

    def _merge(self, schedule: YearSchedule) -> None:
        clashes = (schedule.holidays & self._working_weekends) | (
            schedule.working_weekends & self._holidays
        )
        if clashes:
            raise CalendarError(
                msg(
                    "{year}年节假日安排与其他年份的安排冲突：{day}",
                    year=schedule.year,
                    day=str(min(clashes)),
                )
            )
        self._holidays |= schedule.holidays
        self._working_weekends |= schedule.working_weekends
        self._names.update({day: schedule.names.get(day, "节假日") for day in schedule.holidays})

    @property
    def schedules(self) -> tuple[YearSchedule, ...]:
        """The loaded schedules, by year."""
        return self._schedules

    def is_loaded(self, year: int) -> bool:
        return year in self._years

    def unloaded_years(self, start: date, end: date) -> list[int]:
        """Years of the span start..end (either order) counted with weekends only."""
        first, last = sorted((start, end))
        return [year for year in range(first.year, last.year + 1) if year not in self._years]

    def is_working_day(self, day: date) -> bool:
        if day in self._holidays:
            return False
        if day in self._working_weekends:
            return True
        return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday `day` belongs to, or None on any other day."""
        return self._names.get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`; CalendarError past the last date."""
        try:
            day += ONE_DAY
            while not self.is_working_day(day):
                day += ONE_DAY
        except OverflowError:
            raise CalendarError(
                msg("日期超出日历范围（最晚为{last}）", last=date.max.isoformat())
            ) from None
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        day -= ONE_DAY
        while not self.is_working_day(day):
            day -= ONE_DAY
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The day that is `days` working days after start; start itself when days is 0.

        The start day is not counted: a case accepted on Monday with 1 day is due Tuesday.
        Steps day by day, which is quick for the spans of time limits (tens of days).
        """
        if days < 0:
            raise ValueError(f"days must not be negative, got {days}")
        day = start
        for _ in range(days):
            day = self.next_working_day(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days d there are with start < d <= end; 0 if end <= start.

        Counts weekdays by arithmetic and corrects with the days off and the weekend days
        worked in the span, so a span of years costs no more than a span of days.
        """
        if end <= start:
            return 0
        weekdays = _weekdays_through(end) - _weekdays_through(start)
        days_off = _count_after(self._weekday_holidays, start, end)
        days_worked = _count_after(self._sorted_working_weekends, start, end)
        return weekdays - days_off + days_worked


def _weekdays_through(day: date) -> int:
    """Monday to Friday days from 0001-01-01 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def _count_after(days: list[date], start: date, end: date) -> int:
    """How many of the sorted `days` fall in start < d <= end."""
    return bisect_right(days, end) - bisect_right(days, start)
