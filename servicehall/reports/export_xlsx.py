"""The report as an Excel workbook (openpyxl): a summary sheet, one sheet per breakdown, and a
native bar chart of arrivals by hour — ready to send to the county.

Times are minutes (number format ``0.0``), rates are fractions shown as percentages, so the
numbers stay numbers for whoever sums them up next.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from servicehall.i18n import t
from servicehall.reports.breakdowns import BREAKDOWNS
from servicehall.reports.casereport import (
    FIGURES,
    GROUPS,
    RATES,
    CaseReport,
    group_title,
    heading,
    key_headings,
)
from servicehall.reports.columns import KEY_COLUMNS, Column, columns_for, totals_columns
from servicehall.reports.report import Report

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)


def _cell_value(column: Column, row: dict[str, Any]) -> Any:
    value = row.get(column.key)
    if value is None:
        return None
    if column.kind == "seconds":
        return round(value / 60, 1)
    if isinstance(value, str):  # a name stored before names were checked: Excel refuses controls
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _format(column: Column) -> str | None:
    return {"seconds": "0.0", "rate": "0.0%"}.get(column.kind)


def _put_row(sheet: Worksheet, row_number: int, columns: list[Column], values: list[Any]) -> None:
    for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = sheet.cell(row=row_number, column=index, value=value)
        number_format = _format(column)
        if number_format and value is not None:
            cell.number_format = number_format


def _widths(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        width = max(8, len(column.export_heading) * 2 + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width


def _summary(sheet: Worksheet, report: Report) -> None:
    sheet["A1"] = report.hall_name
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = t("rep_xlsx_period", period=report.period.label(), days=report.period.days)
    if report.empty:
        sheet["A3"] = t("rep_xlsx_empty")
    sheet["A4"], sheet["B4"] = t("rep_xlsx_item"), t("rep_totals")
    for cell in (sheet["A4"], sheet["B4"]):
        cell.font, cell.fill = BOLD, HEADER_FILL
    for offset, column in enumerate(totals_columns(), start=5):
        sheet.cell(row=offset, column=1, value=column.export_heading)
        value = _cell_value(column, report.totals)
        cell = sheet.cell(row=offset, column=2, value=value)
        if _format(column) and value is not None:
            cell.number_format = _format(column)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 14


def _breakdown(sheet: Worksheet, report: Report, by: str) -> None:
    columns = columns_for(by)
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.export_heading)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = report.rows(by)
    for number, row in enumerate(rows, start=2):
        _put_row(sheet, number, columns, [_cell_value(c, row) for c in columns])
    keys = len(KEY_COLUMNS[by])
    total_at = len(rows) + 2
    values: list[Any] = [t("rep_totals"), *[None] * (keys - 1)]
    values += [_cell_value(c, report.totals) for c in columns[keys:]]
    _put_row(sheet, total_at, columns, values)
    for index in range(1, len(columns) + 1):
        sheet.cell(row=total_at, column=index).font = BOLD
    sheet.freeze_panes = sheet.cell(row=2, column=keys + 1).coordinate
    _widths(sheet, columns)


def _hour_chart(workbook: Workbook, report: Report) -> None:
    """A bar chart of arrivals per hour, on its own sheet, drawn from the 按时段 sheet's data."""
    data_sheet = workbook[BREAKDOWNS["hour"].title]
    count = len(report.rows("hour"))
    if count == 0:
        return
    arrivals_column = [c.key for c in columns_for("hour")].index("issued") + 1
    chart = BarChart()
    chart.type = "col"
    chart.title = t("rep_xlsx_chart", period=report.period.label())
    chart.y_axis.title = t("rep_xlsx_chart_y")
    chart.x_axis.title = t("rep_col_hour")
    chart.legend = None
    data = Reference(data_sheet, min_col=arrivals_column, min_row=1, max_row=count + 1)
    categories = Reference(data_sheet, min_col=1, min_row=2, max_row=count + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(categories)
    chart.width, chart.height = 24, 12
    workbook.create_sheet(t("rep_xlsx_chart_sheet")).add_chart(chart, "A1")


def write_xlsx(report: Report, path: Path) -> None:
    """Write the workbook; the report should hold every breakdown (see ``build_report``)."""
    workbook = Workbook()
    summary = workbook.active
    assert isinstance(summary, Worksheet)  # a new workbook has one sheet
    summary.title = t("rep_xlsx_summary")
    _summary(summary, report)
    for breakdown in BREAKDOWNS.values():
        _breakdown(workbook.create_sheet(breakdown.title), report, breakdown.by)
    _hour_chart(workbook, report)
    if report.cases is not None:
        _cases(workbook.create_sheet(t("rep_cases")), report.cases)
    workbook.save(path)


def _cases(sheet: Worksheet, cases: CaseReport) -> None:
    """办件: the totals, then a block per matter, window and clerk, one under the other."""
    row_number = 1
    blocks = (("", t("rep_xlsx_cases_totals")), *((by, group_title(by)) for by in GROUPS))
    for by, title in blocks:
        sheet.cell(row=row_number, column=1, value=title).font = BOLD
        keys = key_headings(by) if by else []
        headings = [label for _key, label in keys] + [
            t("rep_unit_percent", heading=heading(key)) if key in RATES else heading(key)
            for key in FIGURES
        ]
        for index, label in enumerate(headings, start=1):
            sheet.cell(row=row_number + 1, column=index, value=label).font = BOLD
        rows = cases.groups[by] if by else [cases.totals]
        for offset, row in enumerate(rows, start=row_number + 2):
            values = [row[key] for key, _heading in keys] + [
                round(row[key] * 100, 1) if key in RATES and row[key] is not None else row[key]
                for key in FIGURES
            ]
            for index, value in enumerate(values, start=1):
                sheet.cell(row=offset, column=index, value=value)
        row_number += len(rows) + 3
    for index in range(1, len(FIGURES) + 3):
        sheet.column_dimensions[get_column_letter(index)].width = 16
