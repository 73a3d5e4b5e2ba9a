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
    p = sub.add_parser(
        "report", help="统计报表：取号、办结、过号、转办，等候与办理时长，限时办结率，满意率"
    )
    p.add_argument("--day", help="某一天 YYYY-MM-DD（默认今天）")
    p.add_argument("--from", dest="start", metavar="DAY", help="起始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DAY", help="结束日期 YYYY-MM-DD（默认今天）")
    p.add_argument(
        "--by",
        choices=LazyChoices(_breakdowns),
        metavar="BY",
        help="分组：业务、窗口、工作人员、事项、时段（%(choices)s）",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="输出 JSON（键名稳定，供脚本使用）")
    out.add_argument(
        "--csv",
        nargs="?",
        const="-",
        metavar="FILE",
        help="输出 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）；不给文件名则写到屏幕",
    )
    out.add_argument("--xlsx", metavar="FILE", help="导出 Excel 工作簿（每种分组一页，含时段图）")
    p.add_argument(
        "--county", action="store_true", help="全县视图：同一数据库里的所有大厅，每个大厅一行"
    )
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("simulate", help="生成模拟历史数据（用于演示和性能测试）")
    p.add_argument(
        "--days",
        type=bounded_int(1, 3_660),
        required=True,
        help="模拟多少天（日历天，休息日不取号）",
    )
    p.add_argument(
        "--per-day",
        type=bounded_int(1, 100_000),
        default=600,
        help="平常工作日的取号人数（默认 600）",
    )
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子得到相同数据）")
    p.add_argument("--end", help="最后一天 YYYY-MM-DD（默认昨天）")
    p.add_argument("--json", action="store_true", help="输出 JSON 摘要")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("manager", help="中心管理员报表界面（选日期、切换分组、看时段图、导出）")
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
        return fail(f"无法写入 {path}：{exc.strerror or exc}", 1)
    console().print(f"已保存：{path}", highlight=False)
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
        return fail(
            f"模拟数据会混进真实记录（{default_url()}）。请用 --db 指定单独的数据库，"
            "例如 --db sqlite:///demo.db",
            2,
        )
    if args.days < 1 or args.per_day < 1:
        return fail("--days 和 --per-day 应为正整数", 2)
    end = parse_day(args.end) if args.end else None
    hall = open_hall(args)
    progress = Progress(
        TextColumn("模拟 {task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[tickets]:,} 张号票"),
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
        skipped = f"，{result.skipped_days} 天已有数据未改动" if result.skipped_days else ""
        console().print(
            f"已生成 {result.days} 个办公日、{result.tickets:,} 张号票、"
            f"{result.events:,} 条工作记录{skipped}",
            highlight=False,
        )
    return 0


# ---------------------------------------------------------------------- manager


def cmd_manager(args: argparse.Namespace) -> int:
    from servicehall.reports.manager_app import ManagerApp

    hall = open_hall(args)
    pin_hash = hall.config.manager_pin_hash
    if not pin_hash:
        return fail(
            "没有设置管理员 PIN：用 servicehall hash-pin 生成，"
            "填到 hall.toml 的 [manager] pin_hash",
            2,
        )
    ManagerApp(hall, pin_hash=pin_hash).run()
    return 0
