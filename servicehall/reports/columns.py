"""The report's columns: Chinese headings, and each figure as text (screens) or a number (exports).

Times are kept in seconds in the report and JSON; people read them as minutes:seconds on screen
and as minutes (one decimal) in CSV and Excel. Rates are 0–1 in JSON, percentages for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["text", "count", "seconds", "rate"]


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: Kind = "count"

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
        suffix = {"seconds": "（分钟）", "rate": "（%）"}.get(self.kind, "")
        return self.heading + suffix


def clock_text(seconds: float) -> str:
    """``m:ss`` — minutes may exceed 59 (a long wait stays readable as minutes)."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


KEY_COLUMNS: dict[str, list[Column]] = {
    "service": [Column("code", "编码", "text"), Column("name", "业务", "text")],
    "matter": [
        Column("service", "业务编码", "text"),
        Column("code", "事项编码", "text"),
        Column("name", "事项", "text"),
    ],
    "window": [Column("number", "窗口"), Column("name", "名称", "text")],
    "clerk": [Column("clerk", "工号", "text"), Column("name", "工作人员", "text")],
    "hour": [Column("label", "取号时段", "text")],
}

FIGURE_COLUMNS = [
    Column("issued", "取号"),
    Column("served", "办结"),
    Column("no_show", "过号"),
    Column("transferred", "转办"),
    Column("cancelled", "取消"),
    Column("expired", "过期未叫"),
    Column("waiting", "等候中"),
    Column("in_service", "办理中"),
    Column("avg_wait_s", "平均等候", "seconds"),
    Column("median_wait_s", "等候中位数", "seconds"),
    Column("p90_wait_s", "等候90%分位", "seconds"),
    Column("avg_service_s", "平均办理", "seconds"),
    Column("median_service_s", "办理中位数", "seconds"),
    Column("p90_service_s", "办理90%分位", "seconds"),
    Column("limit_total", "限时事项办结数"),
    Column("limit_met", "限时内办结数"),
    Column("limit_rate", "限时办结率", "rate"),
    Column("satisfied", "满意"),
    Column("basic", "基本满意"),
    Column("unsatisfied", "不满意"),
    Column("rated", "评价数"),
    Column("satisfaction_rate", "满意率", "rate"),
]

HANDLED_HEADINGS = {"issued": "接待"}
"""Window and clerk rows count the tickets they handled last, not tickets issued to them."""

TRANSFER_HEADINGS = {"transferred": "转出"}


def columns_for(by: str) -> list[Column]:
    """Key columns then figures, headed for the breakdown (windows 接待/转出, hours 到达)."""
    renamed: dict[str, str] = {}
    if by in ("window", "clerk"):
        renamed = {**HANDLED_HEADINGS, **TRANSFER_HEADINGS}
    elif by == "hour":
        renamed = {"issued": "到达"}
    figures = [Column(c.key, renamed.get(c.key, c.heading), c.kind) for c in FIGURE_COLUMNS]
    return KEY_COLUMNS[by] + figures


def totals_columns() -> list[Column]:
    return list(FIGURE_COLUMNS)
