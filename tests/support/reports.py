"""For the report tests: a day in the hall played through the real core, and what a report
must say, computed straight from the ticket rows without the reports' code."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from sqlalchemy import text

from servicehall.queue import FixedClock, Hall


def play_monday(hall: Hall, clock: FixedClock) -> None:
    """Monday 23 Nov 2026 from 10:00 Shanghai (see the comments for each ticket's fate)."""

    def at(minute: int) -> None:
        clock.moment = dt.datetime(2026, 11, 23, 10, 0, tzinfo=clock.moment.tzinfo) + (
            dt.timedelta(minutes=minute)
        )

    at(0)
    hall.issue("A", "dibao")  # A001: waits 300 s, served 600 s (limit 20 min: met), 满意
    at(1)
    hall.issue("A", "gaoling")  # A002: no-show, requeued, served 1080 s (limit 10 min: missed)
    at(2)
    hall.issue("B", "yibao")  # B001: transferred to C, served there 240 s (limit 8 min: met)
    at(3)
    hall.issue("B", "shebaoka")  # B002: waits 1080 s, served 540 s (limit 10 min: met), 基本满意
    at(4)
    hall.issue("C", "shengyu")  # C001: waits 3240 s, still at the window at the end of the day
    at(5)
    hall.call_next(1, clerk="z01")
    at(15)
    hall.finish(1)
    hall.rate("A001", "satisfied")
    hall.call_next(1)
    at(16)
    hall.skip(1)
    at(17)
    hall.call_next(2, clerk="z02")
    at(20)
    hall.transfer(2, "C")
    at(21)
    hall.call_next(2)
    at(30)
    hall.finish(2)
    hall.rate("B002", "basic")
    at(31)
    hall.requeue("A002")
    at(32)
    hall.call_next(1)
    at(50)
    hall.finish(1)
    hall.rate("A002", "unsatisfied")
    at(51)
    hall.call_next(4, clerk="z04")  # B001 keeps its place from 10:02, ahead of C001
    at(55)
    hall.finish(4)
    at(56)
    hall.issue("A", "linshi")  # A003: cancelled
    at(57)
    hall.cancel("A003")
    at(58)
    hall.call_next(4)  # C001
    at(59)
    hall.issue("C", "shengyu")  # C002: called at window 13 after 120 s, no-show, never back
    at(60)
    hall.issue("B", "yibao")  # B003: still waiting when the day ends
    at(61)
    hall.call_ticket("C002", 13, clerk="z13")
    at(62)
    hall.skip(13)


# ------------------------------------------------------------------ figures from the rows alone


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _times(name: str, values: list[float]) -> dict[str, float | None]:
    ordered = sorted(values)
    count = len(ordered)

    def nearest_rank(point: int) -> float | None:
        return round(ordered[math.ceil(count * point / 100) - 1], 1) if count else None

    return {
        f"avg_{name}_s": round(statistics.fmean(ordered), 1) if count else None,
        f"median_{name}_s": nearest_rank(50),
        f"p90_{name}_s": nearest_rank(90),
    }


def _figures(rows: list[Any], today: dt.date, limits: dict[tuple[str, str], float]) -> dict:
    def count(condition: Callable[[Any], bool]) -> int:
        return sum(1 for row in rows if condition(row))

    finished = [row for row in rows if row.status == "finished"]
    limited = [row for row in finished if (row.origin_service, row.matter) in limits]
    ratings = {key: count(lambda r, key=key: r.rating == key) for key in RATINGS}
    rated = sum(ratings.values())
    limit_met = sum(  # closed at the day's end, a ticket has no finish time: not met
        1
        for row in limited
        if row.finished_ts is not None
        and row.finished_ts - row.last_called_ts <= limits[(row.origin_service, row.matter)]
    )
    return {
        "issued": len(rows),
        "served": len(finished),
        "no_show": count(
            lambda r: r.status == "no_show" or (r.status == "expired" and r.skip_count > 0)
        ),
        "transferred": count(lambda r: r.transferred_from is not None),
        "cancelled": count(lambda r: r.status == "cancelled"),
        "expired": count(
            lambda r: (
                (r.status == "expired" and r.skip_count == 0)
                or (r.status == "waiting" and r.day < today)
            )
        ),
        "waiting": count(lambda r: r.status == "waiting" and r.day >= today),
        "in_service": count(lambda r: r.status == "called"),
        **ratings,
        "rated": rated,
        "satisfaction_rate": _share(ratings["satisfied"] + ratings["basic"], rated),
        "limit_total": len(limited),
        "limit_met": limit_met,
        "limit_rate": _share(limit_met, len(limited)),
        **_times("wait", [r.called_ts - r.issued_ts for r in rows if r.called_ts is not None]),
        **_times(
            "service",
            [r.finished_ts - r.last_called_ts for r in rows if r.finished_ts is not None],
        ),
    }


RATINGS = ("satisfied", "basic", "unsatisfied")


def figures_from_tickets(hall: Hall, start: dt.date, end: dt.date) -> dict[str, Any]:
    """The totals and the per-service rows of a report, computed in plain Python from the
    ticket rows (one ``SELECT`` of the table, none of the reports' code): what a report over
    ``start``–``end`` must say. ``{"totals": {...}, "services": {code: {...}}}``."""
    query = text(
        "SELECT day, origin_service, matter, status, issued_ts, called_ts, last_called_ts,"
        " finished_ts, skip_count, transferred_from, rating FROM tickets WHERE hall = :hall"
    )
    fetched = hall.store.read(lambda conn: conn.execute(query, {"hall": hall.code}).all())
    rows = []
    for row in fetched:
        day = row.day if isinstance(row.day, dt.date) else dt.date.fromisoformat(str(row.day))
        if start <= day <= end:
            rows.append(SimpleNamespace(**{**row._mapping, "day": day}))
    limits = {
        (service.code, matter.code): matter.limit_minutes * 60.0
        for service in hall.config.services
        for matter in service.matters
        if matter.limit_minutes
    }
    today = hall.today()
    services = sorted({row.origin_service for row in rows})
    return {
        "totals": _figures(rows, today, limits),
        "services": {
            code: _figures([r for r in rows if r.origin_service == code], today, limits)
            for code in services
        },
    }


def assert_report_says(report: dict[str, Any], expected: dict[str, Any]) -> None:
    """The report's totals and service rows carry the figures computed from the tickets."""
    totals = {key: report["totals"][key] for key in expected["totals"]}
    assert totals == expected["totals"]
    rows = {row["code"]: row for row in report["services"]}
    assert set(rows) == set(expected["services"])
    for code, figures in expected["services"].items():
        assert {key: rows[code][key] for key in figures} == figures, code
