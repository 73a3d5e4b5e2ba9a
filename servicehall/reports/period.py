"""The days a report covers: one day or an inclusive range, parsed from what a manager typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from servicehall.errors import ServiceHallError
from servicehall.i18n import t

MAX_DAYS = 3660  # ten years: beyond that a typo is more likely than a question


class ReportInputError(ServiceHallError):
    """A date or range the report cannot use; the message says what to type instead."""

    exit_code = 2


@dataclass(frozen=True)
class Period:
    """Hall-local days ``start`` to ``end``, both included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    def label(self) -> str:
        if self.single_day:
            return self.start.isoformat()
        return t("rep_period", start=self.start.isoformat(), end=self.end.isoformat())

    def each_day(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range(self.days)]


def runs(days: Sequence[dt.date]) -> list[Period]:
    """Consecutive days (given in order) as periods."""
    found: list[Period] = []
    for day in days:
        if found and found[-1].end + dt.timedelta(days=1) == day:
            found[-1] = Period(found[-1].start, day)
        else:
            found.append(Period(day, day))
    return found


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ReportInputError(key="rep_bad_day", params={"text": repr(text)}) from None


def make_period(
    today: dt.date,
    day: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Period:
    """One day (``day``, default today) or a range (``start``/``end``; a missing end is today)."""
    if day and (start or end):
        raise ReportInputError(key="rep_day_or_range")
    if day:
        one = parse_day(day)
        return Period(one, one)
    if start or end:
        first = parse_day(start) if start else None
        last = parse_day(end) if end else today
        if first is None:
            raise ReportInputError(key="rep_to_needs_from")
        if last < first:
            raise ReportInputError(key="rep_range_reversed", params={"first": first, "last": last})
        if (last - first).days >= MAX_DAYS:
            raise ReportInputError(key="rep_range_too_long", params={"days": MAX_DAYS})
        return Period(first, last)
    return Period(today, today)
