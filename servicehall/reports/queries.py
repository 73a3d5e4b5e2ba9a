"""SQL for the reports: a period's scope, the hall-local hour, and the additive measures.

Everything here is aggregated by the database. Three grouped queries (``GRAINS``: per service
and matter; per window, clerk and matter; per hour of arrival and matter) return sums that roll up
exactly into the totals and every breakdown.

Definitions: *issued* counts every ticket once, under the service it was issued for (a transfer
does not count twice); *no_show* is a ticket left skipped, also after it expired; *expired* is a
ticket never called before its day ended (one of an earlier day still marked waiting counts as
expired before the core gets round to marking it); *transferred* is a ticket sent on to another
service (counted once, however often it moved); waiting time runs from issue to the first call,
service time from the last call to 办结; *limit_met* counts finished tickets whose service time was
within the matter's promised ``limit_minutes``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Select,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from servicehall.config import HallConfig
from servicehall.queue.tables import (
    CALLED,
    CANCELLED,
    EXPIRED,
    FINISHED,
    NO_SHOW,
    WAITING,
)
from servicehall.queue.tables import EVENTS as E
from servicehall.queue.tables import TICKETS as T
from servicehall.reports.period import Period

RATING_KEYS = ("satisfied", "basic", "unsatisfied")
COUNT_KEYS = (
    "issued",
    "served",
    "no_show",
    "transferred",
    "cancelled",
    "expired",
    "waiting",
    "in_service",
)
SUM_KEYS = (*COUNT_KEYS, *RATING_KEYS, "limit_total", "limit_met")
GRAINS = {
    "matter": ("service", "matter"),
    "desk": ("window", "clerk", "service", "matter"),
    "hour": ("hour", "service", "matter"),
}
"""The few groupings summed in SQL; every breakdown (and the totals) rolls up from one of them.
Each holds the matter, whose promised limit decides 限时办结 (see ``grain_sums``)."""


class local_hour(FunctionElement[int]):  # noqa: N801 (an SQL function, named like one)
    """Hour of the day (0–23) of epoch seconds shifted by a UTC offset in seconds."""

    type = Integer()
    name = "local_hour"
    inherit_cache = True


# Constants as literals, not bind parameters: PostgreSQL must see the GROUP BY expression
# exactly as in the SELECT list.
_HOUR = literal_column("3600.0", Float())
_DAY_HOURS = literal_column("24", Integer())


@compiles(local_hour)
def _local_hour_sqlite(element: local_hour, compiler: Any, **kw: Any) -> str:
    ts, offset = element.clauses
    # CAST truncates toward zero: the floor, as epoch seconds here are positive.
    return compiler.process(cast((ts + offset) / _HOUR, Integer) % _DAY_HOURS, **kw)


@compiles(local_hour, "postgresql")
def _local_hour_postgresql(element: local_hour, compiler: Any, **kw: Any) -> str:
    ts, offset = element.clauses
    # PostgreSQL's CAST rounds, so floor first.
    return compiler.process(cast(func.floor((ts + offset) / _HOUR), Integer) % _DAY_HOURS, **kw)


def utc_offset(tz: ZoneInfo, period: Period) -> ColumnElement[int]:
    """The zone's offset in seconds for each ticket's day: a constant unless DST changes it."""
    runs: list[tuple[dt.date, dt.date, int]] = []
    for day in period.each_day():
        noon = dt.datetime.combine(day, dt.time(12), tz)
        seconds = int(noon.utcoffset().total_seconds())  # type: ignore[union-attr]
        if runs and runs[-1][2] == seconds:
            runs[-1] = (runs[-1][0], day, seconds)
        else:
            runs.append((day, day, seconds))
    if len(runs) == 1:
        return literal_column(str(runs[0][2]), Integer())
    # literals, not bind parameters: the expression is also a GROUP BY key (see _HOUR)
    return case(
        *[
            (T.c.day.between(_date(first), _date(last)), literal_column(str(seconds)))
            for first, last, seconds in runs
        ],
        else_=literal_column(str(runs[-1][2])),
    )


def _date(day: dt.date) -> ColumnElement[str]:
    return literal_column(f"'{day.isoformat()}'")


def arrival_hour(tz: ZoneInfo, period: Period) -> ColumnElement[int]:
    return local_hour(T.c.issued_ts, utc_offset(tz, period))


def scope(hall: str, period: Period) -> ColumnElement[bool]:
    return and_(T.c.hall == hall, T.c.day.between(period.start, period.end))


def wait_seconds() -> ColumnElement[float]:
    return T.c.called_ts - T.c.issued_ts


def service_seconds() -> ColumnElement[float]:
    """Last call to 办结; NULL unless finished (only finishing sets ``finished_ts``)."""
    return T.c.finished_ts - T.c.last_called_ts


def limit_seconds(config: HallConfig) -> dict[tuple[str, str], float]:
    """Each matter's promised time limit (限时) in seconds, by (service, matter) code."""
    return {
        (s.code, m.code): m.limit_minutes * 60.0
        for s in config.services
        for m in s.matters
        if m.limit_minutes
    }


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def measures(today: dt.date, limits: Sequence[float]) -> list[ColumnElement[Any]]:
    """Counts that add up across groups (times come from ``durations``).

    For 限时办结, one count per distinct promised limit ``L`` of finished tickets served within
    ``L`` seconds: cheap comparisons, where a CASE over every matter per ticket is not.
    """
    skipped = T.c.skip_count > 0
    left_waiting = and_(T.c.status == WAITING, T.c.day < today)
    return [
        func.count().label("issued"),
        _count(T.c.status == FINISHED).label("served"),
        _count((T.c.status == NO_SHOW) | and_(T.c.status == EXPIRED, skipped)).label("no_show"),
        _count(T.c.transferred_from.is_not(None)).label("transferred"),
        _count(T.c.status == CANCELLED).label("cancelled"),
        _count(and_(T.c.status == EXPIRED, ~skipped) | left_waiting).label("expired"),
        _count(and_(T.c.status == WAITING, T.c.day >= today)).label("waiting"),
        _count(T.c.status == CALLED).label("in_service"),
        *[_count(T.c.rating == key).label(key) for key in RATING_KEYS],
        *[
            _count(service_seconds() <= limit).label(f"within_{i}")
            for i, limit in enumerate(limits)
        ],
    ]


def key_columns(tz: ZoneInfo, period: Period) -> dict[str, ColumnElement[Any]]:
    """The group keys by name; *service* is the one issued for (no matter or clerk: "")."""
    return {
        "service": T.c.origin_service,
        "matter": func.coalesce(T.c.matter, ""),
        "window": T.c.window,
        "clerk": func.coalesce(T.c.clerk, ""),
        "hour": arrival_hour(tz, period),
        "day": T.c.day,
    }


def grain_sums(
    conn: Connection,
    hall: str,
    config: HallConfig,
    period: Period,
    today: dt.date,
    grain: str,
    by_day: bool = False,
) -> list[tuple[tuple[Any, ...], tuple[float, ...]]]:
    """The period's tickets summed per ``grain`` key: ``(key, sums in SUM_KEYS order)`` pairs.

    The *desk* grain holds only tickets a window called. A group's ``limit_total`` is its
    finished tickets when its matter has a promised limit, ``limit_met`` those within it.
    ``by_day`` puts the day in front of each key.
    """
    columns = key_columns(config.hall.tz, period)
    names = ("day", *GRAINS[grain]) if by_day else GRAINS[grain]
    keys = [columns[name] for name in names]
    promised = limit_seconds(config)
    limits = sorted(set(promised.values()))
    where = scope(hall, period)
    if grain == "desk":
        where = where & T.c.window.is_not(None)
    query: Select[Any] = select(*keys, *measures(today, limits)).where(where).group_by(*keys)
    width, counted = len(keys), len(SUM_KEYS) - 2
    service_at, matter_at = names.index("service"), names.index("matter")
    found = []
    for row in conn.execute(query):
        sums = [float(v or 0) for v in row[width : width + counted]]
        limit = promised.get((row[service_at], row[matter_at]))
        if limit is None:
            sums += [0.0, 0.0]
        else:
            within = row[width + counted + limits.index(limit)]
            sums += [sums[COUNT_KEYS.index("served")], float(within or 0)]
        found.append((tuple(row[:width]), tuple(sums)))
    return found


def transfers_out(conn: Connection, hall: str, period: Period, by_day: bool = False) -> list[Any]:
    """Transfer actions per (window, clerk): who sent villagers on to another service.
    ``by_day`` puts the day in front of each row."""
    keys = [E.c.day, E.c.window, E.c.clerk] if by_day else [E.c.window, E.c.clerk]
    query = (
        select(*keys, func.count().label("transfers"))
        .where(
            E.c.hall == hall,
            E.c.day.between(period.start, period.end),
            E.c.kind == "transfer",
        )
        .group_by(*keys)
    )
    return list(conn.execute(query))


def ticket_id(conn: Connection, hall: str, day: dt.date, label: str) -> int | None:
    """A ticket's id from the label printed on it and its day (labels repeat every day)."""
    return conn.execute(
        select(T.c.id).where(T.c.hall == hall, T.c.day == day, T.c.label == label.strip().upper())
    ).scalar()
