"""Waiting and service times per group: average, median and 90th percentile.

Nearest-rank percentiles: the p-th percentile of n sorted values is the value at rank
``ceil(p * n / 100)`` (so the median of an even count is the lower middle value, and every
figure is a duration that really happened).

Percentiles do not add up across groups the way counts do, and SQL window functions
(``ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)``) cost one database sort per breakdown and
duration: a dozen sorts of a month's tickets, seconds on SQLite. So one query reads the called
tickets' two durations with their group keys, each grouping is sorted in C (``sorted`` with an
``itemgetter`` key) and each group, a slice found with ``bisect``, keeps its sorted durations
(``Durations``). Groups of several days or of finer groupings are then joined (``rolled``): the
lists are concatenated and sorted again, which Python's sort does as a merge of sorted runs. The
figures are exact however the durations were split: ``math.fsum`` is exact and order-free.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import is_not, itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, select

POINTS = (50, 90)
WAIT, SERVICE, KEYS_AT = 0, 1, 2
"""Positions in a fetched row: the two durations, then the group keys."""
_present = partial(is_not, None)

Durations = tuple[list[float], list[float]]
"""A group's waiting and service times in seconds (the tickets that have one), each sorted."""


@dataclass(frozen=True)
class Grouping:
    """The names of the key columns that form a group, and a key that must not be NULL."""

    keys: tuple[str, ...]
    required: str | None = None


def rank(n: int, point: int) -> int:
    """The nearest rank of percentile ``point`` among ``n`` values (1-based)."""
    return (n * point + 99) // 100


def durations(
    conn: Connection,
    where: ColumnElement[bool],
    columns: Mapping[str, ColumnElement[Any]],
    wait: ColumnElement[float],
    service: ColumnElement[float],
    groupings: Mapping[str, Grouping],
) -> dict[str, dict[tuple[Any, ...], Durations]]:
    """``{grouping: {group key: durations}}`` for the called tickets matching ``where``.

    ``columns`` names the key expressions; only the keys the groupings use are read. Keys must
    not be NULL except a grouping's ``required`` key, whose NULL rows are left out of it.
    """
    names: list[str] = []
    for grouping in groupings.values():
        for name in (*grouping.keys, grouping.required):
            if name is not None and name not in names:
                names.append(name)
    at = {name: KEYS_AT + index for index, name in enumerate(names)}
    query = select(wait, service, *[columns[name] for name in names]).where(where)
    rows = list(map(tuple, conn.execute(query)))
    found: dict[str, dict[tuple[Any, ...], Durations]] = {}
    for label, grouping in groupings.items():
        chosen = rows
        if grouping.required is not None:
            required = at[grouping.required]
            chosen = list(compress(rows, map(_present, map(itemgetter(required), rows))))
        found[label] = _per_group(chosen, [at[name] for name in grouping.keys])
    return found


def _per_group(rows: list[tuple[Any, ...]], positions: list[int]) -> dict[Any, Durations]:
    if not positions:
        return {(): _sorted(rows)} if rows else {}
    key_of = itemgetter(*positions)
    ordered = sorted(rows, key=key_of)
    keys = list(map(key_of, ordered))
    groups = {}
    for key in dict.fromkeys(keys):
        low = bisect_left(keys, key)
        high = bisect_right(keys, key, low)
        groups[key if len(positions) > 1 else (key,)] = _sorted(ordered[low:high])
    return groups


def _sorted(rows: list[tuple[Any, ...]]) -> Durations:
    return (
        sorted(filter(_present, map(itemgetter(WAIT), rows))),
        sorted(filter(_present, map(itemgetter(SERVICE), rows))),
    )


def rolled(
    parts: Iterable[Mapping[tuple[Any, ...], Durations]], positions: Sequence[int]
) -> dict[tuple[Any, ...], Durations]:
    """Join groups (of several parts) into coarser ones: the key's ``positions`` kept."""
    groups: dict[tuple[Any, ...], Durations] = {}
    for part in parts:
        for key, (waits, services) in part.items():
            coarse = tuple(key[i] for i in positions)
            found = groups.get(coarse)
            if found is None:
                groups[coarse] = (list(waits), list(services))
            else:
                found[0].extend(waits)
                found[1].extend(services)
    for waits, services in groups.values():
        waits.sort()  # a merge of the parts' sorted runs
        services.sort()
    return groups


def time_figures(group: Durations) -> dict[str, Any]:
    """Average, median and 90th percentile of a group's waiting and service times."""
    figures: dict[str, Any] = {}
    for name, values in zip(("wait", "service"), group, strict=True):
        count = len(values)
        figures[f"avg_{name}_s"] = math.fsum(values) / count if count else None
        for point, label in zip(POINTS, ("median", "p90"), strict=True):
            figures[f"{label}_{name}_s"] = values[rank(count, point) - 1] if count else None
    return figures
