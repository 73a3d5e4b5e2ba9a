"""Reports as a person reads them in a terminal: Rich tables of the totals, each breakdown and
the county's halls, the hour chart and 办件 (`servicehall report` without `--json`/`--csv`)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from servicehall.cli.common import console
from servicehall.reports.breakdowns import BREAKDOWNS, TIME_KEYS
from servicehall.reports.casereport import (
    CASE_FIGURES,
    GROUPS,
    HEADINGS,
    CaseReport,
    figure_text,
    key_headings,
)
from servicehall.reports.chart import hour_chart
from servicehall.reports.columns import clock_text, columns_for
from servicehall.reports.period import Period
from servicehall.reports.report import Report


def print_county(rows: list[dict[str, Any]], period: Period) -> None:
    """The county's view, one row per hall and the total."""
    from servicehall.reports.county import ALL_HALLS

    if not rows:
        console().print(f"{period.label()} 没有取号记录")
        return
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
    console().print(table)


def _times(row: dict[str, Any], kind: str) -> str:
    values = [row[f"{stat}_{kind}_s"] for stat in ("avg", "median", "p90")]
    return " / ".join("—" if v is None else clock_text(v) for v in values)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _print_totals(report: Report) -> None:
    t = report.totals
    console().print(
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


def print_report(report: Report, view: tuple[str, ...]) -> None:
    """A report as the terminal shows it: totals, then each breakdown of ``view``."""
    if report.empty:
        console().print(f"{report.period.label()} 没有取号记录", highlight=False)
        _print_cases(report)
        return
    _print_totals(report)
    for by in view:
        if by != "hour" or view == ("hour",):  # in the overview, hours are the chart alone
            for table in breakdown_tables(report, by):
                console().print(table)
        if by == "hour":
            console().print("\n各时段取号人数", style="bold")
            console().print(hour_chart(report.rows("hour")), highlight=False)
    _print_cases(report)


def _print_cases(report: Report) -> None:
    if report.cases is not None and not report.cases.empty:
        for table in case_tables(report.cases):
            console().print(table)
    if report.cases is not None and report.cases.totals["callbacks"]:
        console().print(callback_line(report.cases))


def callback_line(cases: CaseReport) -> str:
    """回访 in one line: how many calls, and the satisfaction rate of those answered."""
    totals = cases.totals
    rate = figure_text("callback_rate", totals["callback_rate"])
    return f"回访 {totals['callbacks']} 件，回访满意率 {rate}（满意与基本满意占接通的比例）"


def case_tables(cases: CaseReport) -> list[Table]:
    """办件: the totals, then per matter, window and clerk (``reports.casereport``)."""
    tables = []
    for by, title in (("", "办件"), *GROUPS.items()):
        table = Table(title=f"办件{title}" if by else title, header_style="bold")
        keys = key_headings(by) if by else []
        for _key, heading in keys:
            table.add_column(heading)
        for key in CASE_FIGURES:
            table.add_column(HEADINGS[key], justify="right", no_wrap=True)
        rows = cases.groups[by] if by else [cases.totals]
        for row in rows:
            table.add_row(
                *[str(row[key]) for key, _heading in keys],
                *[figure_text(key, row[key]) for key in CASE_FIGURES],
            )
        tables.append(table)
    return tables
