"""The report's columns: headings (catalogue keys, said in the language of the moment), and each
figure as text (screens) or a number (exports).

Times are kept in seconds in the report and JSON; people read them as minutes:seconds on screen
and as minutes (one decimal) in CSV and Excel. Rates are 0–1 in JSON, percentages for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from servicehall.i18n import t

Kind = Literal["text", "count", "seconds", "rate"]


@dataclass(frozen=True)
class Column:
    key: str
    words: str
    """The heading's catalogue key."""
    kind: Kind = "count"

    @property
    def heading(self) -> str:
        return t(self.words)

    def text(self, row: dict[str, Any]) -> str:
        value = row.get(self.key)
        if value is None:
            return "—" if self.kind in ("seconds", "rate") else ""
        if self.kind == "seconds":
            return clock_text(value)
        if self.kind == "rate":
            return f"{value * 100:.1f}%"
        return str(value)

    def number(self, row: dict[str, Any]) -> Any:
        """The value for CSV: minutes for times, percent for rates, counts and text as they are."""
        value = row.get(self.key)
        if value is None:
            return None
        if self.kind == "seconds":
            return round(value / 60, 1)
        if self.kind == "rate":
            return round(value * 100, 1)
        return value

    @property
    def export_heading(self) -> str:
        unit = {"seconds": "rep_unit_minutes", "rate": "rep_unit_percent"}.get(self.kind)
        return t(unit, heading=self.heading) if unit else self.heading


def clock_text(seconds: float) -> str:
    """``m:ss`` — minutes may exceed 59 (a long wait stays readable as minutes)."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


KEY_COLUMNS: dict[str, list[Column]] = {
    "service": [Column("code", "rep_col_code", "text"), Column("name", "rep_col_service", "text")],
    "matter": [
        Column("service", "rep_col_service_code", "text"),
        Column("code", "rep_col_matter_code", "text"),
        Column("name", "rep_col_matter", "text"),
    ],
    "window": [Column("number", "rep_col_window"), Column("name", "rep_col_name", "text")],
    "clerk": [Column("clerk", "rep_col_clerk_id", "text"), Column("name", "rep_col_clerk", "text")],
    "hour": [Column("label", "rep_col_hour", "text")],
}

FIGURE_COLUMNS = [
    Column("issued", "rep_col_issued"),
    Column("served", "rep_col_served"),
    Column("no_show", "rep_col_no_show"),
    Column("transferred", "rep_col_transferred"),
    Column("cancelled", "rep_col_cancelled"),
    Column("expired", "rep_col_expired"),
    Column("waiting", "rep_col_waiting"),
    Column("in_service", "rep_col_in_service"),
    Column("avg_wait_s", "rep_col_avg_wait", "seconds"),
    Column("median_wait_s", "rep_col_median_wait", "seconds"),
    Column("p90_wait_s", "rep_col_p90_wait", "seconds"),
    Column("avg_service_s", "rep_col_avg_service", "seconds"),
    Column("median_service_s", "rep_col_median_service", "seconds"),
    Column("p90_service_s", "rep_col_p90_service", "seconds"),
    Column("limit_total", "rep_col_limit_total"),
    Column("limit_met", "rep_col_limit_met"),
    Column("limit_rate", "rep_col_limit_rate", "rate"),
    Column("satisfied", "rep_col_satisfied"),
    Column("basic", "rep_col_basic"),
    Column("unsatisfied", "rep_col_unsatisfied"),
    Column("rated", "rep_col_rated"),
    Column("satisfaction_rate", "rep_col_satisfaction_rate", "rate"),
]

HANDLED_HEADINGS = {"issued": "rep_col_handled"}
"""Window and clerk rows count the tickets they handled last, not tickets issued to them."""

TRANSFER_HEADINGS = {"transferred": "rep_col_transferred_out"}


def columns_for(by: str) -> list[Column]:
    """Key columns then figures, headed for the breakdown (windows 接待/转出, hours 到达)."""
    renamed: dict[str, str] = {}
    if by in ("window", "clerk"):
        renamed = {**HANDLED_HEADINGS, **TRANSFER_HEADINGS}
    elif by == "hour":
        renamed = {"issued": "rep_col_arrived"}
    figures = [Column(c.key, renamed.get(c.key, c.words), c.kind) for c in FIGURE_COLUMNS]
    return KEY_COLUMNS[by] + figures


def totals_columns() -> list[Column]:
    return list(FIGURE_COLUMNS)
