"""Reports as a person reads them in a terminal: Rich tables of the totals, each breakdown and
the county's halls, the hour chart and 办件 (`servicehall report` without `--json`/`--csv`)."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from servicehall.cli.common import console
from servicehall.cli.tables import HallTable, print_table
from servicehall.i18n import t
from servicehall.reports.breakdowns import BREAKDOWNS, TIME_KEYS
from servicehall.reports.casereport import (
    CASE_FIGURES,
    GROUPS,
    CaseReport,
    figure_text,
    group_title,
    heading,
    key_headings,
)
from servicehall.reports.chart import hour_chart
from servicehall.reports.columns import Column, clock_text, columns_for
from servicehall.reports.period import Period
from servicehall.reports.report import Report


def print_county(rows: list[dict[str, Any]], period: Period) -> None:
    """The county's view, one row per hall and the total."""
    from servicehall.reports.county import ALL_HALLS

    if not rows:
        console().print(t("rep_no_tickets", period=period.label()))
        return
    words = (
        "rep_col_hall",
        "rep_col_issued",
        "rep_col_served",
        "rep_col_no_show",
        "rep_col_transferred",
        "rep_col_cancelled",
        "rep_short_expired",
        "rep_col_avg_wait",
        "rep_col_avg_service",
        "rep_col_satisfaction_rate",
    )
    table = HallTable(t(words[0]), title=t("rep_county", period=period.label()))
    for key in words[1:]:
        table.add_figure_column(t(key))
    for row in rows:
        table.add_row(
            t("rep_totals") if row["hall"] == ALL_HALLS else row["hall"],
            *(
                str(row[k])
                for k in ("issued", "served", "no_show", "transferred", "cancelled", "expired")
            ),
            "—" if row["avg_wait_s"] is None else clock_text(row["avg_wait_s"]),
            "—" if row["avg_service_s"] is None else clock_text(row["avg_service_s"]),
            _rate(row["satisfaction_rate"]),
        )
    print_table(console(), table)


def _times(row: dict[str, Any], kind: str) -> str:
    values = [row[f"{stat}_{kind}_s"] for stat in ("avg", "median", "p90")]
    return " / ".join("—" if v is None else clock_text(v) for v in values)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _print_totals(report: Report) -> None:
    totals = report.totals
    counts = {key: totals[key] for key in (*SHOWN_COUNTS, "waiting", "in_service")}
    console().print(
        Text(f"{report.hall_name}  {report.period.label()}", style="bold"),
        t("rep_totals_counts", **counts)
        + "\n"
        + t(
            "rep_totals_times",
            wait=_times(totals, "wait"),
            service=_times(totals, "service"),
            limit_rate=_rate(totals["limit_rate"]),
        )
        + "\n"
        + t(
            "rep_totals_rating",
            rate=_rate(totals["satisfaction_rate"]),
            satisfied=totals["satisfied"],
            basic=totals["basic"],
            unsatisfied=totals["unsatisfied"],
        ),
        highlight=False,
    )


SHOWN_COUNTS = ("issued", "served", "no_show", "transferred", "cancelled", "expired")
SHORT = {
    "expired": "rep_short_expired",
    "p90_wait_s": "rep_short_p90_wait",
    "p90_service_s": "rep_short_p90_service",
    "median_wait_s": "rep_short_median_wait",
    "median_service_s": "rep_short_median_service",
}
"""Shorter headings (catalogue keys) where the terminal's table is narrow."""


def _short(column: Column) -> str:
    short = SHORT.get(column.key)
    return t(short) if short else column.heading


def breakdown_tables(report: Report, by: str) -> list[HallTable]:
    """A breakdown as two Rich tables, counts and rates, then times."""
    columns = {c.key: c for c in columns_for(by)}
    keys = [c for c in columns_for(by) if c.kind == "text" or c.key == "number"]
    if by == "hour":
        keys = [columns["label"]]
    title = BREAKDOWNS[by].title
    counts = HallTable(title=t("rep_counts_title", title=title), header_style="bold")
    times = HallTable(title=t("rep_times_title", title=title), header_style="bold")
    for table in (counts, times):
        for column in keys:
            wide = column.key in ("name", "label")
            table.add_column(column.heading, min_width=8 if wide else None, no_wrap=not wide)
    for key in SHOWN_COUNTS:
        counts.add_figure_column(_short(columns[key]))
    counts.add_figure_column(t("rep_col_limit_rate"))
    counts.add_figure_column(t("rep_col_satisfaction_rate"))
    for key in TIME_KEYS:
        times.add_figure_column(_short(columns[key]))
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
        console().print(t("rep_no_tickets", period=report.period.label()), highlight=False)
        _print_cases(report)
        return
    _print_totals(report)
    for by in view:
        if by != "hour" or view == ("hour",):  # in the overview, hours are the chart alone
            for table in breakdown_tables(report, by):
                print_table(console(), table)
        if by == "hour":
            console().print("\n" + t("rep_hours_title"), style="bold")
            console().print(hour_chart(report.rows("hour")), highlight=False)
    _print_cases(report)


def _print_cases(report: Report) -> None:
    if report.cases is not None and not report.cases.empty:
        for table in case_tables(report.cases):
            print_table(console(), table)
    if report.cases is not None and report.cases.totals["callbacks"]:
        console().print(callback_line(report.cases))


def callback_line(cases: CaseReport) -> str:
    """回访 in one line: how many calls, and the satisfaction rate of those answered."""
    totals = cases.totals
    rate = figure_text("callback_rate", totals["callback_rate"])
    return t("rep_callback_line", calls=totals["callbacks"], rate=rate)


def case_tables(cases: CaseReport) -> list[HallTable]:
    """办件: the totals, then per matter, window and clerk (``reports.casereport``)."""
    tables: list[HallTable] = []
    for by in ("", *GROUPS):
        title = t("rep_cases_by", by=group_title(by)) if by else t("rep_cases")
        table = HallTable(title=title, header_style="bold")
        keys = key_headings(by) if by else []
        for _key, label in keys:
            table.add_column(label)
        for key in CASE_FIGURES:
            table.add_figure_column(heading(key))
        rows = cases.groups[by] if by else [cases.totals]
        for row in rows:
            table.add_row(
                *[str(row[key]) for key, _heading in keys],
                *[figure_text(key, row[key]) for key in CASE_FIGURES],
            )
        tables.append(table)
    return tables
