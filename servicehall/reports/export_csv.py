"""One breakdown as CSV: UTF-8 with a byte-order mark, so Excel and WPS open the Chinese intact."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from servicehall.i18n import t
from servicehall.reports.columns import KEY_COLUMNS, columns_for
from servicehall.reports.report import Report

BOM = "\ufeff"


def csv_text(report: Report, by: str) -> str:
    """The breakdown's rows, then a 合计 (totals) row; times in minutes, rates in percent."""
    columns = columns_for(by)
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([c.export_heading for c in columns])
    for row in report.rows(by):
        writer.writerow(["" if v is None else v for v in (c.number(row) for c in columns)])
    keys = len(KEY_COLUMNS[by])
    total_row = [t("rep_totals")] + [""] * (keys - 1)
    total_row += ["" if v is None else v for v in (c.number(report.totals) for c in columns[keys:])]
    writer.writerow(total_row)
    return out.getvalue()


def write_csv(report: Report, by: str, path: Path) -> None:
    path.write_text(csv_text(report, by), encoding="utf-8", newline="")
