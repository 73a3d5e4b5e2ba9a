"""A report over a period: totals and every breakdown.

The period's closed days come from their stored summaries (``summaries``; made on first use);
the other days (today, or a day the core has not closed yet) are read live in one snapshot, by
at most three grouped sums (``queries.GRAINS``) and one read of the waiting and service times
(``parts.measure``). The parts are rolled up here into the totals and the breakdowns asked for.
Transfers per window and clerk come from the event log (who sent the villager on).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection

from servicehall.queue import Hall, StoreError
from servicehall.queue.clerks import list_clerks
from servicehall.reports.breakdowns import BREAKDOWNS, TOTALS, Breakdown, Namer, figures
from servicehall.reports.casereport import CaseReport, case_report
from servicehall.reports.durations import time_figures
from servicehall.reports.parts import joined_sums, joined_times, measure
from servicehall.reports.period import Period, runs
from servicehall.reports.queries import SUM_KEYS
from servicehall.reports.summaries import summarised

log = logging.getLogger(__name__)

ALL_BREAKDOWNS = tuple(BREAKDOWNS)


@dataclass(frozen=True)
class Report:
    hall_name: str
    period: Period
    totals: dict[str, Any]
    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cases: CaseReport | None = None
    """办件 over the period (``casereport``)."""

    @property
    def empty(self) -> bool:
        return self.totals["issued"] == 0

    def rows(self, by: str) -> list[dict[str, Any]]:
        return self.groups.get(by, [])

    def as_dict(self) -> dict[str, Any]:
        """Stable JSON: every breakdown's list is present (empty when it was not asked for)."""
        data: dict[str, Any] = {
            "hall": self.hall_name,
            "day": self.period.start.isoformat() if self.period.single_day else None,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "days": self.period.days,
            "totals": self.totals,
        }
        for breakdown in BREAKDOWNS.values():
            data[breakdown.key] = self.rows(breakdown.by)
        data["cases"] = self.cases.as_dict() if self.cases is not None else None
        return data


def build_report(hall: Hall, period: Period, breakdowns: Sequence[str] = ALL_BREAKDOWNS) -> Report:
    """Totals and the asked-for breakdowns (default: all) for the hall over ``period``."""
    clerk_names = {c.clerk_id: c.name for c in list_clerks(hall.store, hall.code)}
    namer = Namer(hall.config, clerk_names)
    today = hall.today()
    asked = [BREAKDOWNS[name] for name in breakdowns]
    stored = summarised(hall, period, today)

    def work(conn: Connection) -> Report:
        parts = list(stored.values())
        for run in runs([day for day in period.each_day() if day not in stored]):
            parts.append(measure(conn, hall.code, hall.config, run, today, (TOTALS, *asked)))

        def figures_of(breakdown: Breakdown) -> dict[tuple[Any, ...], dict[str, Any]]:
            timing = joined_times(parts, breakdown)
            return {
                key: figures(
                    dict(zip(SUM_KEYS, sums, strict=True)),
                    time_figures(timing[key]) if key in timing else None,
                )
                for key, sums in joined_sums(parts, breakdown).items()
            }

        totals = figures_of(TOTALS).get((), figures(dict.fromkeys(SUM_KEYS, 0.0)))
        transfers = [row for part in parts for row in part.transfers]
        groups = {}
        for breakdown in asked:
            found = figures_of(breakdown)
            if breakdown.grain == "desk":
                _count_transfers(transfers, breakdown, found)
            if breakdown.by == "hour":
                _fill_hours(hall, found)
            groups[breakdown.by] = [
                {**namer.describe(breakdown, key), **found[key]}
                for key in sorted(found, key=lambda k: namer.order(breakdown, k))
            ]
        return Report(hall.config.hall.name, period, totals, groups)

    report = hall.store.read(work)
    return replace(report, cases=_case_figures(hall, period))


def _case_figures(hall: Hall, period: Period) -> CaseReport | None:
    """办件 over the period; None for a role granted before 办件 (it may not read cases)."""
    try:
        return case_report(hall, period)
    except StoreError as exc:
        if exc.key != "store_denied":
            raise
        log.warning("cases left out of the report: %s", exc.message)
        return None


def _count_transfers(
    transfers: Iterable[tuple[int | None, str | None, int]],
    breakdown: Breakdown,
    found: dict[tuple[Any, ...], dict[str, Any]],
) -> None:
    """Per window and clerk, *transferred* counts the transfers they made (转出)."""
    for row in found.values():
        row["transferred"] = 0
    for window, clerk, count in transfers:
        if window is None:
            continue
        key = (window,) if breakdown.by == "window" else (clerk or "",)
        if key not in found:
            found[key] = figures(dict.fromkeys(SUM_KEYS, 0.0))
        found[key]["transferred"] += int(count)


def _fill_hours(hall: Hall, found: dict[tuple[Any, ...], dict[str, Any]]) -> None:
    """Every hour the hall is open appears, with zeros where nobody came (for the chart)."""
    for hour in range(24):
        start, end = dt.time(hour), dt.time(hour, 59, 59)
        is_open = any(p.start <= end and start < p.end for p in hall.config.hall.hours)
        if is_open and (hour,) not in found:
            found[(hour,)] = figures(dict.fromkeys(SUM_KEYS, 0.0))


def day_report(hall: Hall, day: dt.date | None = None) -> Report:
    """One day's report with every breakdown (default: the hall's today)."""
    day = day or hall.today()
    return build_report(hall, Period(day, day))
