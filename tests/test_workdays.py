"""The working-day calendar promised dates count: a holiday week, a 调休 Saturday and Sunday,
ordinary weekends — with the sample hall's 2026 calendar and with one built by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from servicehall.config import HallConfig
from servicehall.config.models import CalendarSettings
from servicehall.queue.workdays import WorkCalendar

D = dt.date


@pytest.fixture
def calendar(config: HallConfig) -> WorkCalendar:
    return WorkCalendar.from_settings(config.calendar)


def test_weekends_holidays_and_makeup_days(calendar: WorkCalendar) -> None:
    assert calendar.is_workday(D(2026, 11, 23))  # a Monday
    assert not calendar.is_workday(D(2026, 11, 28))  # a Saturday
    assert not calendar.is_workday(D(2026, 10, 1))  # 国庆节, a Thursday
    assert calendar.is_workday(D(2026, 10, 10))  # 调休: a Saturday worked
    assert calendar.is_workday(D(2026, 9, 20))  # 调休: a Sunday worked


def test_promised_date_skips_the_national_day_week_and_counts_the_makeup_saturday(
    calendar: WorkCalendar,
) -> None:
    # accepted Wed 30 Sep; 1–7 Oct are holidays; Thu 8, Fri 9, Sat 10 (调休) are working days
    assert calendar.add_workdays(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert calendar.add_workdays(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert calendar.add_workdays(D(2026, 9, 30), 4) == D(2026, 10, 12)
    assert calendar.workdays_between(D(2026, 9, 30), D(2026, 10, 12)) == 4


def test_a_makeup_sunday_before_a_holiday_weekend(calendar: WorkCalendar) -> None:
    # Fri 18 Sep → Sun 20 Sep is worked (调休 for 国庆); Fri 25 is 中秋节
    assert calendar.add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)
    assert calendar.add_workdays(D(2026, 9, 24), 1) == D(2026, 9, 28)


def test_thirty_working_days_over_six_plain_weeks(calendar: WorkCalendar) -> None:
    assert calendar.add_workdays(D(2026, 11, 23), 30) == D(2027, 1, 4)
    assert calendar.add_workdays(D(2026, 11, 23), 0) == D(2026, 11, 23)
    assert calendar.workdays_between(D(2026, 11, 23), D(2027, 1, 4)) == 30


def test_counting_backwards_and_the_same_day(calendar: WorkCalendar) -> None:
    assert calendar.workdays_between(D(2026, 11, 27), D(2026, 11, 23)) == -4
    assert calendar.workdays_between(D(2026, 11, 23), D(2026, 11, 23)) == 0
    # from a Saturday to the Monday after: one working day
    assert calendar.workdays_between(D(2026, 11, 28), D(2026, 11, 30)) == 1


def test_a_hand_made_calendar_with_a_saturday_work_week() -> None:
    settings = CalendarSettings(
        work_weekdays=["mon", "tue", "wed", "thu", "fri", "sat"],
        holidays=[D(2026, 11, 25)],
    )
    calendar = WorkCalendar.from_settings(settings)
    # Mon 23 → Tue 24 (1), Wed 25 holiday, Thu 26 (2), Fri 27 (3), Sat 28 (4), Mon 30 (5)
    assert calendar.add_workdays(D(2026, 11, 23), 5) == D(2026, 11, 30)


def test_a_day_cannot_be_both_a_holiday_and_a_working_day() -> None:
    with pytest.raises(ValidationError, match="调休"):
        CalendarSettings(holidays=[D(2026, 10, 10)], workdays=[D(2026, 10, 10)])
    with pytest.raises(ValidationError, match="星期"):
        CalendarSettings(work_weekdays=["monday"])
