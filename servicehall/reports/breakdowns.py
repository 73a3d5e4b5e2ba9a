"""The ways a report is cut (per service, matter, window, clerk, hour of arrival) and the figures
each group gets: the additive sums rolled up from a grain's groups, then averages, percentiles
and rates derived from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from servicehall.config import HallConfig
from servicehall.i18n import t
from servicehall.reports.durations import Grouping
from servicehall.reports.queries import GRAINS, RATING_KEYS, SUM_KEYS


@dataclass(frozen=True)
class Breakdown:
    by: str
    key: str
    """The list's name in the JSON output."""
    words: str
    """The title's catalogue key."""
    keys: tuple[str, ...]
    """The key names (``queries.key_columns``) that identify a group."""
    grain: str
    """The summed grouping (``GRAINS``) it rolls up from; "desk" holds called tickets only."""
    timed: str
    """The timed grouping (``TIMED``) whose durations it joins for its times."""

    @property
    def title(self) -> str:
        return t(self.words)


BREAKDOWNS: dict[str, Breakdown] = {
    b.by: b
    for b in (
        Breakdown("service", "services", "rep_by_service", ("service",), "matter", "matter"),
        Breakdown("matter", "matters", "rep_by_matter", ("service", "matter"), "matter", "matter"),
        Breakdown("window", "windows", "rep_by_window", ("window",), "desk", "window"),
        Breakdown("clerk", "clerks", "rep_by_clerk", ("clerk",), "desk", "clerk"),
        Breakdown("hour", "hours", "rep_by_hour", ("hour",), "hour", "hour"),
    )
}
TOTALS = Breakdown("totals", "totals", "rep_totals", (), "matter", "matter")

TIMED = {
    "matter": Grouping(("service", "matter")),
    "window": Grouping(("window",), "window"),
    "clerk": Grouping(("clerk",), "window"),
    "hour": Grouping(("hour",)),
}
"""The groupings whose durations are read; every breakdown's times join one of them (desks:
tickets called at a window)."""


def timed_positions(breakdown: Breakdown) -> list[int]:
    """Where the breakdown's keys sit in the key of its timed grouping."""
    return [TIMED[breakdown.timed].keys.index(name) for name in breakdown.keys]


def grain_positions(breakdown: Breakdown) -> list[int]:
    """Where the breakdown's keys sit in the key of its grain."""
    names = GRAINS[breakdown.grain]
    return [names.index(name) for name in breakdown.keys]


def rollup(
    rows: Iterable[tuple[tuple[Any, ...], Sequence[float]]], positions: Sequence[int]
) -> dict[tuple[Any, ...], list[float]]:
    """Sum ``(key, sums)`` rows into coarser groups: the key's ``positions`` kept."""
    groups: dict[tuple[Any, ...], list[float]] = {}
    for fine_key, sums in rows:
        key = tuple(fine_key[i] for i in positions)
        found = groups.get(key)
        if found is None:
            groups[key] = list(sums)
        else:
            for index, value in enumerate(sums):
                found[index] += value
    return groups


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


TIME_KEYS = tuple(
    f"{stat}_{name}_s" for name in ("wait", "service") for stat in ("avg", "median", "p90")
)


def figures(sums: Mapping[str, float], timing: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A group's published figures: counts, times (s), 限时办结率 and 满意率 (0–1)."""
    timing = timing or {}
    counts = {name: int(sums[name]) for name in SUM_KEYS}
    rated = sum(counts[name] for name in RATING_KEYS)
    return {
        **counts,
        **{key: _seconds(timing.get(key)) for key in TIME_KEYS},
        "limit_rate": _share(counts["limit_met"], counts["limit_total"]),
        "rated": rated,
        "satisfaction_rate": _share(counts["satisfied"] + counts["basic"], rated),
    }


class Namer:
    """Names for group keys, from hall.toml (and the clerk accounts when they exist)."""

    def __init__(self, config: HallConfig, clerk_names: Mapping[str, str]) -> None:
        self.config = config
        self.clerk_names = clerk_names

    def describe(self, breakdown: Breakdown, key: tuple[Any, ...]) -> dict[str, Any]:
        if breakdown.by == "service":
            service = self.config.service(key[0])
            return {"code": key[0], "name": service.name if service else key[0]}
        if breakdown.by == "matter":
            service = self.config.service(key[0])
            matter = service.matter(key[1]) if service and key[1] else None
            name = matter.name if matter else (key[1] or t("rep_no_matter"))
            return {"service": key[0], "code": key[1] or "", "name": name}
        if breakdown.by == "window":
            window = self.config.window(key[0])
            name = window.name if window else t("rep_window_n", n=key[0])
            return {"number": key[0], "name": name}
        if breakdown.by == "clerk":
            clerk = key[0]
            name = self.clerk_names.get(clerk, "") if clerk else t("rep_no_clerk")
            return {"clerk": clerk or "", "name": name}
        hour = int(key[0])
        return {"hour": hour, "label": f"{hour:02d}:00-{hour + 1:02d}:00"}

    def order(self, breakdown: Breakdown, key: tuple[Any, ...]) -> tuple[Any, ...]:
        """Services and matters in hall.toml's order; windows, clerks and hours by number/id."""
        codes = [s.code for s in self.config.services]
        if breakdown.by == "service":
            return (_index(codes, key[0]), key[0])
        if breakdown.by == "matter":
            service = self.config.service(key[0])
            matters = [m.code for m in service.matters] if service else []
            return (_index(codes, key[0]), _index(matters, key[1]), key[1] or "")
        return tuple("" if part is None else part for part in key)


def _index(items: list[Any], item: Any) -> int:
    return items.index(item) if item in items else len(items)
