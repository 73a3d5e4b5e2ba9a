"""The hall's working-day calendar for promised dates (限时办结): pure, no I/O.

A working day is a day of the work week that is not a public holiday, or a weekend day worked
instead (调休) — all from ``[calendar]`` in hall.toml. A case promised in N working days is due on
the N-th working day after the day it was accepted (受理), that day not counted; 0 is the same day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicehall.config.models import CalendarSettings

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    weekdays: frozenset[int]
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]

    @classmethod
    def from_settings(cls, settings: CalendarSettings) -> WorkCalendar:
        return cls(
            settings.weekday_numbers(), frozenset(settings.holidays), frozenset(settings.workdays)
        )

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day not in self.holidays and day.weekday() in self.weekdays

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``start`` (``start`` itself for 0)."""
        if count < 0:
            raise ValueError("count must not be negative")
        if not (self.weekdays or self.workdays):
            raise ValueError("the calendar has no working days")
        day = start
        while count:
            day += _ONE_DAY
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end``; negative when ``end`` is
        earlier. ``add_workdays(a, n)`` is the first day ``b`` with
        ``workdays_between(a, b) == n``."""
        if end < start:
            return -self.workdays_between(end, start)
        count, day = 0, start
        while day < end:
            day += _ONE_DAY
            count += self.is_workday(day)
        return count
