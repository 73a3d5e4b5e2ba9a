"""Simulated history keeps the core's invariants and looks like a real hall's."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest
from sqlalchemy import func, select

from servicehall.cli import main
from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.queue.tables import COUNTERS as C
from servicehall.queue.tables import EVENTS as E
from servicehall.queue.tables import TICKETS as T
from servicehall.reports import Period, build_report
from servicehall.reports.simulate import simulate

FRIDAY = dt.date(2026, 11, 20)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Simulated history is checked on SQLite and on PostgreSQL (when a server is running)."""
    return any_db_url


def test_history_keeps_numbers_counters_and_events(hall: Hall) -> None:
    result = simulate(hall, days=3, per_day=60, seed=5, end=FRIDAY)
    assert (result.days, result.skipped_days) == (3, 0)
    rows = hall.store.read(lambda conn: conn.execute(select(T)).all())
    counters = hall.store.read(lambda conn: conn.execute(select(C)).all())
    assert len(rows) == result.tickets > 100
    numbers: dict[tuple[dt.date, str], list[int]] = {}
    for row in rows:
        numbers.setdefault((row.day, row.origin_service), []).append(row.number)
    assert {(c.day, c.service): c.last_number for c in counters} == {
        key: max(found) for key, found in numbers.items()
    }
    assert all(sorted(found) == list(range(1, len(found) + 1)) for found in numbers.values())
    kinds = hall.store.read(
        lambda conn: Counter(
            dict(conn.execute(select(E.c.kind, func.count()).group_by(E.c.kind)).all())
        )
    )
    statuses = Counter(row.status for row in rows)
    assert kinds["issue"] == len(rows)
    assert kinds["finish"] == statuses["finished"]
    assert kinds["cancel"] == statuses["cancelled"]
    assert kinds["transfer"] == sum(1 for row in rows if row.transferred_from)
    assert sum(kinds.values()) == result.events
    stamps = hall.store.read(lambda conn: conn.execute(select(E.c.ts).order_by(E.c.id)).scalars())
    stamps = list(stamps)
    assert stamps == sorted(stamps)


def test_report_over_history_adds_up(hall: Hall) -> None:
    simulate(hall, days=3, per_day=60, seed=5, end=FRIDAY)
    t = build_report(hall, Period(FRIDAY - dt.timedelta(days=2), FRIDAY)).totals
    ended = t["served"] + t["no_show"] + t["cancelled"] + t["expired"]
    assert (t["waiting"], t["in_service"], ended) == (0, 0, t["issued"])
    assert 0 < t["no_show"] < t["served"] and t["transferred"] > 0 and t["rated"] > 0
    assert t["p90_wait_s"] >= t["median_wait_s"] > 0


def test_market_days_are_busier_and_weekends_closed(hall: Hall) -> None:
    simulate(hall, days=14, per_day=80, seed=2, end=FRIDAY)
    per_day = dict(
        hall.store.read(
            lambda conn: conn.execute(select(T.c.day, func.count()).group_by(T.c.day)).all()
        )
    )
    assert all(day.weekday() < 5 for day in per_day)
    market = [n for day, n in per_day.items() if hall.is_market_day(day)]
    ordinary = [n for day, n in per_day.items() if not hall.is_market_day(day)]
    assert sum(market) / len(market) > 1.3 * sum(ordinary) / len(ordinary)


def test_rerun_leaves_days_alone_and_today_carries_on(hall: Hall) -> None:
    first = simulate(hall, days=4, per_day=30, seed=1)  # Thursday to Sunday: two open days
    again = simulate(hall, days=4, per_day=30, seed=1)
    assert (first.days, again.days, again.skipped_days, again.tickets) == (2, 0, 2, 0)
    ticket = hall.issue("A", "dibao")
    assert ticket.number == 1 and ticket.ahead == 0
    assert hall.call_next(1) is not None


def test_same_seed_same_history(config: HallConfig, tmp_path, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    totals = []
    for name in ("one", "two"):
        hall = Hall.open(config, db=f"sqlite:///{tmp_path / name}.db", clock=clock)
        simulate(hall, days=2, per_day=40, seed=9, end=FRIDAY)
        totals.append(build_report(hall, Period(FRIDAY - dt.timedelta(days=1), FRIDAY)).totals)
        hall.close()
    assert totals[0] == totals[1]


def test_cli_refuses_the_real_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--days", "2"]) == 2
    assert "请用 --db" in capsys.readouterr().err


def test_cli_simulates_into_a_named_database(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--db", db_url, "simulate", "--days", "3", "--per-day", "20", "--end", "2026-11-20"]
    assert main([*argv, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["days"] == 3 and summary["tickets"] > 30
