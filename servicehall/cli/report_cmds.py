"""Manager commands: ``report`` (tables, JSON, CSV, Excel), ``simulate`` (history for demos and
benchmarks) and ``manager`` (the Textual report screen)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from servicehall.cli.common import LazyChoices, bounded_int, console, fail, open_hall, print_json
from servicehall.i18n import t

if TYPE_CHECKING:
    from servicehall.queue import Hall
    from servicehall.reports.period import Period

DEFAULT_VIEW = ("service", "window", "hour")
"""What the terminal shows without ``--by``."""


def _breakdowns() -> list[str]:
    from servicehall.reports.breakdowns import BREAKDOWNS

    return list(BREAKDOWNS)


NAMES = ("report", "simulate", "manager")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help=t("help_report"))
    p.add_argument("--day", help=t("help_report_day"))
    p.add_argument("--from", dest="start", metavar="DAY", help=t("help_report_from"))
    p.add_argument("--to", dest="end", metavar="DAY", help=t("help_report_to"))
    p.add_argument(
        "--by",
        choices=LazyChoices(_breakdowns),
        metavar="BY",
        help=t("help_report_by"),
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help=t("help_json"))
    out.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="FILE",
        help=t("help_report_csv"),
    )
    out.add_argument("--xlsx", metavar="FILE", help=t("help_report_xlsx"))
    p.add_argument("--county", action="store_true", help=t("help_report_county"))
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("simulate", help=t("help_simulate"))
    p.add_argument(
        "--days",
        type=bounded_int(1, 3_660),
        required=True,
        help=t("help_simulate_days"),
    )
    p.add_argument(
        "--per-day",
        type=bounded_int(1, 100_000),
        default=600,
        help=t("help_simulate_per_day"),
    )
    p.add_argument("--seed", type=int, default=1, help=t("help_simulate_seed"))
    p.add_argument("--end", help=t("help_simulate_end"))
    p.add_argument("--json", action="store_true", help=t("help_simulate_json"))
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("manager", help=t("help_manager"))
    p.set_defaults(func=cmd_manager)


# ---------------------------------------------------------------------- report


def _wanted(args: argparse.Namespace) -> tuple[str, ...]:
    from servicehall.reports.report import ALL_BREAKDOWNS

    if args.xlsx or (args.json and not args.by):
        return ALL_BREAKDOWNS
    if args.by:
        return (args.by,)
    return ("service",) if args.csv else DEFAULT_VIEW


def cmd_report(args: argparse.Namespace) -> int:
    from servicehall.reports.export_csv import csv_text, write_csv
    from servicehall.reports.period import make_period
    from servicehall.reports.report import build_report

    hall = open_hall(args)
    period = make_period(hall.today(), args.day, args.start, args.end)
    if args.county:
        return _county(hall, period, args)
    report = build_report(hall, period, _wanted(args))
    if args.json:
        print_json({**report.as_dict(), "empty": report.empty})
        return 0
    if args.csv:
        by = args.by or "service"
        if args.csv == "-":
            sys.stdout.write(csv_text(report, by))
            return 0
        return _save(lambda path: write_csv(report, by, path), args.csv)
    if args.xlsx:
        from servicehall.reports.export_xlsx import write_xlsx  # openpyxl: ~0.5 s to import

        return _save(lambda path: write_xlsx(report, path), args.xlsx)
    from servicehall.cli.report_text import print_report

    print_report(report, (args.by,) if args.by else DEFAULT_VIEW)
    return 0


def _county(hall: Hall, period: Period, args: argparse.Namespace) -> int:
    from servicehall.reports.county import county_rows

    rows = county_rows(hall.store, period, hall.today())
    if args.json:
        print_json({"from": period.start.isoformat(), "to": period.end.isoformat(), "halls": rows})
        return 0
    from servicehall.cli.report_text import print_county

    print_county(rows, period)
    return 0


def _save(write: Callable[[Path], None], name: str) -> int:
    path = Path(name)
    try:
        write(path)
    except OSError as exc:
        return fail(t("rep_cannot_write", path=str(path), reason=str(exc.strerror or exc)), 1)
    console().print(t("rep_saved", path=str(path)), highlight=False)
    return 0


# ---------------------------------------------------------------------- simulate


def cmd_simulate(args: argparse.Namespace) -> int:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from servicehall.datadir import default_url
    from servicehall.reports.period import parse_day
    from servicehall.reports.simulate import simulate

    if not (args.db or os.environ.get("SERVICEHALL_DB")):
        return fail(t("rep_simulate_needs_db", db=default_url()), 2)
    if args.days < 1 or args.per_day < 1:
        return fail(t("rep_simulate_positive"), 2)
    end = parse_day(args.end) if args.end else None
    hall = open_hall(args)
    progress = Progress(
        TextColumn(t("rep_simulate_day") + " {task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[tickets]:,} " + t("rep_simulate_tickets")),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console(),
        disable=args.json,
    )
    with progress:
        task = progress.add_task("", total=args.days, tickets=0)
        made = 0

        def advance(day: dt.date, tickets: int) -> None:
            nonlocal made
            made += tickets
            progress.update(task, advance=1, description=day.isoformat(), tickets=made)

        result = simulate(hall, args.days, args.per_day, args.seed, end, advance)
    if args.json:
        print_json(result.as_dict())
    else:
        summary = t(
            "rep_simulated",
            days=result.days,
            tickets=f"{result.tickets:,}",
            events=f"{result.events:,}",
        )
        skipped = t("rep_simulate_skipped", days=result.skipped_days) if result.skipped_days else ""
        console().print(summary + skipped, highlight=False)
    return 0


# ---------------------------------------------------------------------- manager


def cmd_manager(args: argparse.Namespace) -> int:
    from servicehall.reports.manager_app import ManagerApp

    hall = open_hall(args)
    pin_hash = hall.config.manager_pin_hash
    if not pin_hash:
        return fail(t("rep_no_manager_pin"), 2)
    return ManagerApp(hall, pin_hash=pin_hash).run_for_exit_code()
