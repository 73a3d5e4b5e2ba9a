"""Manager commands: ``report`` (tables, JSON, CSV, Excel), ``simulate`` (history for demos and
benchmarks) and ``manager`` (the Textual report screen)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from servicehall.cli.common import bounded_int, console, fail, open_hall, print_json
from servicehall.queue import Hall, default_url
from servicehall.reports.breakdowns import BREAKDOWNS, TIME_KEYS
from servicehall.reports.chart import hour_chart
from servicehall.reports.columns import clock_text, columns_for
from servicehall.reports.export_csv import csv_text, write_csv
from servicehall.reports.period import Period, make_period, parse_day
from servicehall.reports.report import ALL_BREAKDOWNS, Report, build_report
from servicehall.reports.simulate import simulate

DEFAULT_VIEW = ("service", "window", "hour")
"""What the terminal shows without ``--by``."""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "report", help="统计报表：取号、办结、过号、转办，等候与办理时长，限时办结率，满意率"
    )
    p.add_argument("--day", help="某一天 YYYY-MM-DD（默认今天）")
    p.add_argument("--from", dest="start", metavar="DAY", help="起始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="end", metavar="DAY", help="结束日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--by", choices=tuple(BREAKDOWNS), help="分组：业务、窗口、工作人员、事项、时段")
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
    if args.xlsx or (args.json and not args.by):
        return ALL_BREAKDOWNS
    if args.by:
        return (args.by,)
    return ("service",) if args.csv else DEFAULT_VIEW


def cmd_report(args: argparse.Namespace) -> int:
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
    _print_report(report, (args.by,) if args.by else DEFAULT_VIEW)
    return 0


def _county(hall: Hall, period: Period, args: argparse.Namespace) -> int:
    from servicehall.reports.county import ALL_HALLS, county_rows

    rows = county_rows(hall.store, period, hall.today())
    if args.json:
        print_json({"from": period.start.isoformat(), "to": period.end.isoformat(), "halls": rows})
        return 0
    if not rows:
        console.print(f"{period.label()} 没有取号记录")
        return 0
    table = Table(
        "大厅",
        "取号",
        "办结",
        "过号",
        "转办",
        "取消",
        "过期",
        "平均等候",
        "平均办理",
        "满意率",
        title=f"全县视图 {period.label()}",
    )
    for row in rows:
        table.add_row(
            "合计" if row["hall"] == ALL_HALLS else row["hall"],
            *(
                str(row[k])
                for k in ("issued", "served", "no_show", "transferred", "cancelled", "expired")
            ),
            "—" if row["avg_wait_s"] is None else clock_text(row["avg_wait_s"]),
            "—" if row["avg_service_s"] is None else clock_text(row["avg_service_s"]),
            _rate(row["satisfaction_rate"]),
        )
    console.print(table)
    return 0


def _save(write: Callable[[Path], None], name: str) -> int:
    path = Path(name)
    try:
        write(path)
    except OSError as exc:
        return fail(f"无法写入 {path}：{exc.strerror or exc}", 1)
    console.print(f"已保存：{path}", highlight=False)
    return 0


def _times(row: dict[str, Any], kind: str) -> str:
    values = [row[f"{stat}_{kind}_s"] for stat in ("avg", "median", "p90")]
    return " / ".join("—" if v is None else clock_text(v) for v in values)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _print_totals(report: Report) -> None:
    t = report.totals
    console.print(
        Text(f"{report.hall_name}  {report.period.label()}", style="bold"),
        f"取号 {t['issued']}  办结 {t['served']}  过号 {t['no_show']}  转办 {t['transferred']}  "
        f"取消 {t['cancelled']}  过期未叫 {t['expired']}  等候中 {t['waiting']}  "
        f"办理中 {t['in_service']}\n"
        f"等候（平均/中位/90%）{_times(t, 'wait')}   办理 {_times(t, 'service')}   "
        f"限时办结率 {_rate(t['limit_rate'])}\n"
        f"满意率 {_rate(t['satisfaction_rate'])}"
        f"（满意 {t['satisfied']} / 基本满意 {t['basic']} / 不满意 {t['unsatisfied']}）",
        highlight=False,
    )


SHOWN_COUNTS = ("issued", "served", "no_show", "transferred", "cancelled", "expired")
SHORT = {
    "expired": "过期",
    "p90_wait_s": "等候90%",
    "p90_service_s": "办理90%",
    "median_wait_s": "等候中位",
    "median_service_s": "办理中位",
}


def breakdown_tables(report: Report, by: str) -> list[Table]:
    """A breakdown as two Rich tables, counts and rates, then times (also used on screen)."""
    columns = {c.key: c for c in columns_for(by)}
    keys = [c for c in columns_for(by) if c.kind == "text" or c.key == "number"]
    if by == "hour":
        keys = [columns["label"]]
    title = BREAKDOWNS[by].title
    counts = Table(title=f"{title}：人数", header_style="bold")
    times = Table(title=f"{title}：时长（分:秒）", header_style="bold")
    for table in (counts, times):
        for column in keys:
            wide = column.key in ("name", "label")
            table.add_column(column.heading, min_width=8 if wide else None, no_wrap=not wide)
    for key in SHOWN_COUNTS:
        counts.add_column(SHORT.get(key, columns[key].heading), justify="right", no_wrap=True)
    counts.add_column("限时办结率", justify="right", no_wrap=True)
    counts.add_column("满意率", justify="right", no_wrap=True)
    for key in TIME_KEYS:
        times.add_column(SHORT.get(key, columns[key].heading), justify="right", no_wrap=True)
    for row in report.rows(by):
        names = [column.text(row) for column in keys]
        counts.add_row(
            *names,
            *[str(row[key]) for key in SHOWN_COUNTS],
            _rate(row["limit_rate"]),
            _rate(row["satisfaction_rate"]),
        )
        times.add_row(*names, *[columns[key].text(row) for key in TIME_KEYS])
    return [counts, times]


def _print_report(report: Report, view: tuple[str, ...]) -> None:
    if report.empty:
        console.print(f"{report.period.label()} 没有取号记录", highlight=False)
        return
    _print_totals(report)
    for by in view:
        if by != "hour" or view == ("hour",):  # in the overview, hours are the chart alone
            for table in breakdown_tables(report, by):
                console.print(table)
        if by == "hour":
            console.print("\n各时段取号人数", style="bold")
            console.print(hour_chart(report.rows("hour")), highlight=False)


# ---------------------------------------------------------------------- simulate


def cmd_simulate(args: argparse.Namespace) -> int:
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
        console=console,
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
        console.print(
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
