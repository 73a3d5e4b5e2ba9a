"""Reports benchmark: simulate a year of a busy hall, then time day and month reports on it.

Run: .venv/bin/python bench/bench_reports.py [--db URL] [--days 365] [--per-day 3300]
The database is made once (``simulate``; a year at 3,300 tickets a weekday is ≥ 1 million tickets)
and reused on later runs. Each run first drops the stored summaries of closed days and times the
first month report, which makes them (``servicehall.reports.summaries``); the other cases are the
steady state, with the summaries in place. Prints a Rich table; the figures go in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select

from servicehall.config import load_config
from servicehall.queue import FixedClock, Hall
from servicehall.queue.tables import EVENTS, REPORT_DAYS, TICKETS
from servicehall.reports import Period, build_report
from servicehall.reports.audit import audit_trail
from servicehall.reports.export_xlsx import write_xlsx
from servicehall.reports.simulate import simulate
from servicehall.reports.summaries import forget

END = dt.date(2026, 10, 30)
"""The last simulated day (a Friday), fixed so runs on different days compare."""

console = Console()


def _timed(work: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median and worst wall time and median CPU time of this process, in ms, over ``runs`` warm
    runs (one untimed run first). On a shared machine the wall time includes waiting for a
    core; with SQLite (in-process) the CPU time is the work itself."""
    work()
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def _count(hall: Hall, table: sqlalchemy.Table) -> int:
    return hall.store.read(
        lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()
    )


def _fill(hall: Hall, days: int, per_day: int) -> None:
    if _count(hall, TICKETS):
        return
    start = time.perf_counter()
    result = simulate(hall, days, per_day, seed=1, end=END)
    seconds = time.perf_counter() - start
    console.print(
        f"simulated {result.tickets:,} tickets, {result.events:,} events in {seconds:.0f} s "
        f"({result.tickets / seconds:,.0f} tickets/s)"
    )


def _first_fill(hall: Hall, month: Period) -> tuple[float, float, int]:
    """Wall and CPU ms of the first month report (it stores the closed days' summaries)."""
    hall.store.write(lambda conn: forget(conn, hall.code, month.start, month.end))
    start, cpu = time.perf_counter(), time.process_time()
    build_report(hall, month)
    wall, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
    days = REPORT_DAYS.c.day
    stored = hall.store.read(
        lambda conn: conn.execute(
            select(func.count()).where(days.between(month.start, month.end))
        ).scalar_one()
    )
    return wall, cpu, stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default_db = Path(tempfile.gettempdir()) / "servicehall-bench-reports.db"
    parser.add_argument("--db", default=f"sqlite:///{default_db}")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=3300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    config = load_config(None)
    hall = Hall.open(config, db=args.db, enforce_hours=False)
    _fill(hall, args.days, args.per_day)
    tickets, events = _count(hall, TICKETS), _count(hall, EVENTS)
    day = END - dt.timedelta(days=2)  # a Wednesday
    one_day = Period(day, day)
    month = Period(dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    fill_wall, fill_cpu, summaries = _first_fill(hall, month)
    day_tickets = build_report(hall, one_day, ("service",)).totals["issued"]
    # the same day seen on the day itself (17:00): it is today, so it is read live
    on_the_day = FixedClock(dt.datetime.combine(day, dt.time(17), hall.tz))
    live_hall = Hall.open(config, db=args.db, clock=on_the_day, enforce_hours=False)
    month_tickets = build_report(hall, month, ("service",)).totals["issued"]

    table = Table(
        title=f"reports on {tickets:,} tickets / {events:,} events ({hall.store.dialect})"
    )
    table.add_column("what")
    table.add_column("median ms", justify="right")
    table.add_column("worst ms", justify="right")
    table.add_column("CPU ms", justify="right")
    table.add_row(
        f"one month, all five, first run (stores {summaries} day summaries)",
        f"{fill_wall:.0f}",
        "",
        f"{fill_cpu:.0f}",
    )
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            f"one day, by service ({day_tickets:,} tickets)",
            lambda: build_report(hall, one_day, ("service",)),
        ),
        ("one day, all five breakdowns", lambda: build_report(hall, one_day)),
        (
            "one day read live on the day, by service",
            lambda: build_report(live_hall, one_day, ("service",)),
        ),
        ("one day read live on the day, all five", lambda: build_report(live_hall, one_day)),
        (
            f"one month, by service ({month_tickets:,} tickets)",
            lambda: build_report(hall, month, ("service",)),
        ),
        (
            "one month, default view (service, window, hour)",
            lambda: build_report(hall, month, ("service", "window", "hour")),
        ),
        ("one month, all five breakdowns", lambda: build_report(hall, month)),
        ("audit trail of window 2, one day", lambda: audit_trail(hall, day, "2")),
    ]
    with tempfile.TemporaryDirectory() as folder:
        report = build_report(hall, month)
        cases.append(
            ("month workbook (.xlsx) write", lambda: write_xlsx(report, Path(folder) / "m.xlsx"))
        )
        for name, work in cases:
            median, worst, cpu = _timed(work, args.runs)
            table.add_row(name, f"{median:.0f}", f"{worst:.0f}", f"{cpu:.0f}")
    console.print(table)
    console.print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    live_hall.close()
    hall.close()


if __name__ == "__main__":
    main()
