"""A stretch of days measured from the tickets: sums per breakdown, durations per group.

A report joins parts: one per closed day kept in ``report_days`` (``summaries``) and one per run
of days read live. A part holds only what adds up across days: each breakdown's sums (rolled up
from the grains), the sorted durations per ``TIMED`` key and the transfers per desk, so joined
parts give exactly the figures of one read over all their days. ``encode``/``decode`` turn a
part into a stored row: JSON for keys and sums, the durations packed as float64 (exact, so
averages and percentiles stay identical).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from sqlalchemy import Connection

from servicehall.config import HallConfig
from servicehall.reports.breakdowns import (
    BREAKDOWNS,
    TIMED,
    TOTALS,
    Breakdown,
    grain_positions,
    rollup,
    timed_positions,
)
from servicehall.reports.durations import Durations, Grouping, durations, rolled
from servicehall.reports.period import Period
from servicehall.reports.queries import (
    GRAINS,
    T,
    grain_sums,
    key_columns,
    scope,
    service_seconds,
    transfers_out,
    wait_seconds,
)

LAYOUT = 2
"""The version of ``encode``'s layout: a stored part of another layout is made again."""
Key = tuple[Any, ...]
EVERY = (TOTALS, *BREAKDOWNS.values())


@dataclass(frozen=True)
class Part:
    sums: dict[str, dict[Key, list[float]]]
    """``{breakdown: {key: sums in SUM_KEYS order}}`` (the totals under "totals")"""
    times: dict[str, dict[Key, Durations]]
    """``{timed grouping: {key: durations}}``"""
    transfers: list[tuple[int | None, str | None, int]]
    """Transfers made, per window and clerk."""


def measure(
    conn: Connection,
    hall: str,
    config: HallConfig,
    period: Period,
    today: dt.date,
    breakdowns: Sequence[Breakdown] = EVERY,
) -> Part:
    """The period's tickets summed per breakdown and their durations per timed grouping."""
    needed = dict.fromkeys(b.grain for b in breakdowns)
    grains = {g: grain_sums(conn, hall, config, period, today, g) for g in needed}
    sums = {b.by: rollup(grains[b.grain], grain_positions(b)) for b in breakdowns}
    times = _called_durations(
        conn, hall, config, period, {b.timed: TIMED[b.timed] for b in breakdowns}
    )
    transfers = [(row[0], row[1], int(row[2])) for row in transfers_out(conn, hall, period)]
    return Part(sums, times, transfers)


def measure_days(
    conn: Connection, hall: str, config: HallConfig, period: Period, today: dt.date
) -> dict[dt.date, Part]:
    """A part per day of the period, every breakdown, read in one pass: ``measure``'s queries
    with the day in front of each key (a day without tickets gets an empty part)."""
    parts = {
        day: Part({b.by: {} for b in EVERY}, {name: {} for name in TIMED}, [])
        for day in period.each_day()
    }
    for grain in GRAINS:
        per_day: dict[dt.date, list[tuple[Key, tuple[float, ...]]]] = defaultdict(list)
        for key, sums in grain_sums(conn, hall, config, period, today, grain, by_day=True):
            per_day[key[0]].append((key[1:], sums))
        for day, rows in per_day.items():
            for breakdown in EVERY:
                if breakdown.grain == grain:
                    parts[day].sums[breakdown.by] = rollup(rows, grain_positions(breakdown))
    by_day = {name: Grouping(("day", *g.keys), g.required) for name, g in TIMED.items()}
    times = _called_durations(conn, hall, config, period, by_day)
    for name, groups in times.items():
        for key, group in groups.items():
            parts[key[0]].times[name][key[1:]] = group
    for day, window, clerk, count in transfers_out(conn, hall, period, by_day=True):
        parts[day].transfers.append((window, clerk, int(count)))
    return parts


def _called_durations(
    conn: Connection,
    hall: str,
    config: HallConfig,
    period: Period,
    groupings: dict[str, Grouping],
) -> dict[str, dict[Key, Durations]]:
    """The waiting and service times of the period's called tickets, per grouping."""
    return durations(
        conn,
        scope(hall, period) & T.c.called_ts.is_not(None),
        key_columns(config.hall.tz, period),
        wait_seconds(),
        service_seconds(),
        groupings,
    )


def joined_sums(parts: Sequence[Part], breakdown: Breakdown) -> dict[Key, list[float]]:
    rows = chain.from_iterable(part.sums[breakdown.by].items() for part in parts)
    return rollup(rows, range(len(breakdown.keys)))


def joined_times(parts: Sequence[Part], breakdown: Breakdown) -> dict[Key, Durations]:
    return rolled((part.times[breakdown.timed] for part in parts), timed_positions(breakdown))


def encode(part: Part) -> tuple[str, bytes]:
    """The part as JSON text and the packed durations, in the JSON's order."""
    packed = array("d")
    times: dict[str, list[Any]] = {}
    for name, groups in part.times.items():
        times[name] = []
        for key, (waits, services) in groups.items():
            times[name].append([list(key), len(waits), len(services)])
            packed.extend(waits)
            packed.extend(services)
    sums = {  # counts: whole numbers, which JSON reads back faster as ints
        by: [[list(key), [int(value) for value in values]] for key, values in groups.items()]
        for by, groups in part.sums.items()
    }
    data = {"sums": sums, "times": times, "transfers": part.transfers}
    return json.dumps(data, ensure_ascii=False), packed.tobytes()


def decode(text: str, blob: bytes) -> Part:
    data = json.loads(text)
    values = array("d")
    values.frombytes(blob)
    floats = values.tolist()
    sums = {by: {tuple(key): values for key, values in g} for by, g in data["sums"].items()}
    times: dict[str, dict[Key, Durations]] = {}
    at = 0
    for name, groups in data["times"].items():
        times[name] = {}
        for key, waits, services in groups:
            middle, end = at + waits, at + waits + services
            times[name][tuple(key)] = (floats[at:middle], floats[middle:end])
            at = end
    transfers = [(window, clerk, count) for window, clerk, count in data["transfers"]]
    return Part(sums, times, transfers)
