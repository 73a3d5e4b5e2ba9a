"""The county view: every hall in one database, one row each, for the same period.

Counts use the same definitions as a hall's own report (``queries.measures``); times are averages
(a county compares halls, it does not need each hall's percentiles). 限时办结率 needs each hall's
own promised limits, so it stays in the hall's report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, func, literal, select

from servicehall.queue import Store
from servicehall.reports.breakdowns import figures
from servicehall.reports.period import Period
from servicehall.reports.queries import T, measures, service_seconds, wait_seconds

ALL_HALLS = "*"
_HIDDEN = ("median_wait_s", "p90_wait_s", "median_service_s", "p90_service_s", "limit_rate")


def county_rows(store: Store, period: Period, today: dt.date) -> list[dict[str, Any]]:
    """One row per hall with tickets in the period, then the ``"*"`` row for all of them."""
    columns = [
        *measures(today, []),
        func.avg(wait_seconds()).label("avg_wait_s"),
        func.avg(service_seconds()).label("avg_service_s"),
    ]
    in_period = T.c.day.between(period.start, period.end)
    per_hall = select(T.c.hall, *columns).where(in_period).group_by(T.c.hall).order_by(T.c.hall)
    everyone = select(literal(ALL_HALLS).label("hall"), *columns).where(in_period)

    def work(conn: Connection) -> list[Any]:
        rows = conn.execute(per_hall).all()
        return [*rows, conn.execute(everyone).one()] if rows else []

    return [_row(row) for row in store.read(work)]


def _row(row: Any) -> dict[str, Any]:
    sums = {**row._mapping, "limit_total": 0, "limit_met": 0}
    data = figures(sums, {"avg_wait_s": row.avg_wait_s, "avg_service_s": row.avg_service_s})
    return {"hall": row.hall, **{k: v for k, v in data.items() if k not in _HIDDEN}}
