"""``servicehall manager``: the hall manager's report screen.

Pick a day or a range, switch between breakdowns, read the arrivals-by-hour chart, export the
workbook or a CSV, and read the audit trail of a ticket or a window. Every database read and
every export runs in a thread worker; the screen never waits on them. Once unlocked it follows
the hall (``ui.app_base.HallApp``): a period that includes today is counted again when the hall
changes, at most every ``LIVE_EVERY_S`` seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from platformdirs import user_documents_dir
from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Static, Tab, Tabs

from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.queue import EventView, Hall
from servicehall.reports.audit import audit_trail, detail_text, event_name
from servicehall.reports.breakdowns import BREAKDOWNS
from servicehall.reports.casereport import (
    FIGURES,
    CaseReport,
    figure_text,
    heading,
    labelled_rows,
)
from servicehall.reports.chart import hour_chart
from servicehall.reports.columns import FIGURE_COLUMNS, Column, columns_for
from servicehall.reports.export_csv import write_csv
from servicehall.reports.manager_messages import AuditRead, ReportBuilt, ReportFailed, Told
from servicehall.reports.manager_pin import ManagerPinScreen
from servicehall.reports.period import Period, make_period
from servicehall.reports.report import Report, build_report
from servicehall.ui.app_base import HallApp, HallNews
from servicehall.ui.follower import Snapshot
from servicehall.widgets.plain import plain

SHOWN = (
    "issued",
    "served",
    "no_show",
    "transferred",
    "cancelled",
    "expired",
    "limit_rate",
    "satisfaction_rate",
    "avg_wait_s",
    "median_wait_s",
    "p90_wait_s",
    "avg_service_s",
    "median_service_s",
    "p90_service_s",
)
"""Figures on screen (every figure is in the exports)."""

LIVE_EVERY_S = 30.0
ITEM_GAP = "   "
"""Between the items of a summary line in the catalogue (``mgr_counts``, ``mgr_rates``)."""
CHART_FROM_COLUMNS = 110
"""The hour chart stands beside the table from this width; in a narrower terminal the table
takes the whole width (the 按时段 tab holds the same counts)."""


def default_export_dir() -> Path:
    return Path(user_documents_dir()) / "服务大厅报表"


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def folded(message: str, width: int | None) -> str:
    """A summary line's items (``ITEM_GAP`` apart in the catalogue) on as few lines as
    ``width`` allows, a line never ending inside an item ("等候中位" and its "14:00" apart)."""
    if width is None:
        return message
    items = message.split(ITEM_GAP)
    lines = [items[0]]
    for item in items[1:]:
        joined = lines[-1] + ITEM_GAP + item
        if cell_len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(item)
    return "\n".join(lines)


def summary_text(report: Report, width: int | None = None) -> Text:
    """The period's totals; ``width``: the columns they are folded into (None: one line each)."""
    totals = report.totals
    text = Text()
    text.append(f"{report.hall_name}  {report.period.label()}\n", style="bold")
    if report.empty:
        text.append(t("mgr_empty"), style="bold yellow")
        return text
    counts = ("issued", "served", "no_show", "transferred", "cancelled", "expired", "waiting")
    text.append(folded(t("mgr_counts", **{key: totals[key] for key in counts}), width) + "\n")
    f = {c.key: c for c in FIGURE_COLUMNS}
    rates = folded(
        t(
            "mgr_rates",
            limit_rate=f["limit_rate"].text(totals),
            rate=f["satisfaction_rate"].text(totals),
            satisfied=totals["satisfied"],
            basic=totals["basic"],
            unsatisfied=totals["unsatisfied"],
            median_wait=f["median_wait_s"].text(totals),
            median_service=f["median_service_s"].text(totals),
        ),
        width,
    )
    text.append(rates)
    return text


class AuditScreen(ModalScreen[None]):
    """The events of one ticket or window, oldest first; Esc closes."""

    BINDINGS = [Binding("escape", "dismiss", t("mgr_close"))]

    def __init__(self, title: str, events: list[EventView]) -> None:
        super().__init__()
        self.heading = title
        self.events = events

    def compose(self) -> ComposeResult:
        with Vertical(id="audit-box"):
            yield Label(plain(self.heading), id="audit-title")
            yield DataTable(id="audit-table", zebra_stripes=True, cursor_type="row")
            yield Button(t("mgr_close"), id="audit-close")

    def on_mount(self) -> None:
        table = self.query_one("#audit-table", DataTable)
        columns = ("at", "kind", "ticket", "window", "clerk", "detail")
        table.add_columns(*(t(f"mgr_col_{key}") for key in columns))
        for event in self.events:
            cells = (
                f"{event.at:%m-%d %H:%M:%S}",
                event_name(event.kind),
                event.label or "",
                str(event.window or ""),
                event.clerk or "",
                detail_text(event.detail),
            )
            table.add_row(*(Text(cell) for cell in cells))  # names are text, never markup
        if not self.events:
            table.add_row("", t("mgr_audit_none"), "", "", "", "")

    @on(Button.Pressed, "#audit-close")
    def _close(self) -> None:
        self.dismiss()


CASES_TAB = "cases"


def _holds(report: Report, by: str) -> bool:
    """Whether the report has what the tab shows (办件 come with every report)."""
    return by == CASES_TAB or by in report.groups


def fill_case_table(table: DataTable[Any], cases: CaseReport | None) -> None:
    """The 办件 tab: totals, then per matter, window and clerk, in one table."""
    table.add_columns(t("mgr_group"), t("rep_col_name"), *[heading(key) for key in FIGURES])
    for group, label, row in labelled_rows(cases) if cases is not None else []:
        table.add_row(group, Text(label), *[figure_text(key, row[key]) for key in FIGURES])


class ManagerApp(HallApp):
    CSS_PATH = "manager.tcss"
    TITLE = t("serve_title_manager")
    GRID = "manager"
    BINDINGS = [
        Binding("f5", "load", t("mgr_refresh")),
        Binding("ctrl+e", "export('xlsx')", t("mgr_export_key")),
        Binding("ctrl+q", "quit", t("mgr_quit")),
    ]

    def __init__(self, hall: Hall, export_dir: Path | None = None, *, pin_hash: str = "") -> None:
        super().__init__(hall.config, hall=hall, follow=False)
        self.report_hall = hall
        self.pin_hash = pin_hash
        self._live_at = 0.0
        self._live_due = False
        self.export_dir = export_dir or default_export_dir()
        self.report: Report | None = None
        self._wanted: tuple[Period, str] | None = None
        self.by = "service"
        self._summary_shows_report = False
        self.sub_title = hall.config.hall.name

    def compose(self) -> ComposeResult:
        today = self.report_hall.today().isoformat()
        yield Header(icon=" ")  # not Textual's ⭘, which the CJK terminal font lacks (a stray glyph)
        with Horizontal(id="filters"):
            with Horizontal(id="dates"):
                yield Label(t("mgr_from"), classes="field-label")
                yield Input(today, id="start", placeholder="YYYY-MM-DD")
                yield Label(t("mgr_to"), classes="field-label")
                yield Input(today, id="end", placeholder="YYYY-MM-DD")
                yield Button(t("mgr_run"), id="run", variant="primary")
            with Horizontal(id="picks"):
                yield Button(t("mgr_today"), id="today")
                yield Button(t("mgr_yesterday"), id="yesterday")
                yield Button(t("mgr_this_month"), id="this-month")
                yield Button(t("mgr_last_month"), id="last-month")
        tabs = [Tab(b.title, id=b.by) for b in BREAKDOWNS.values()]
        yield Tabs(*tabs, Tab(t("rep_cases"), id=CASES_TAB), id="by")
        yield Static(t("mgr_working"), id="summary")
        with Horizontal(id="body"):
            yield DataTable(id="table", zebra_stripes=True, cursor_type="row")
            with Vertical(id="chart-box"):
                yield Label(t("rep_hours_title"), id="chart-title")
                yield Static(id="chart")
        with Horizontal(id="actions"):
            yield Button(t("mgr_export_xlsx"), id="xlsx")
            yield Button(t("mgr_export_csv"), id="csv")
            yield Input(placeholder=t("mgr_audit_ref"), id="audit-ref")
            yield Button(t("mgr_audit"), id="audit")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#chart-box").display = event.size.width >= CHART_FROM_COLUMNS
        self.call_after_refresh(self._fit_filters)
        if self._summary_shows_report:
            self.call_after_refresh(self._show_summary)

    def _fit_filters(self) -> None:
        """The dates and the quick picks (今天 … 上月) on one row where it is wide enough, else
        on two: an 80-column terminal cut 上月 off the one row (English lost three buttons)."""
        filters = self.query_one("#filters")
        parts = self.query("#dates, #picks")
        needed = filters.styles.gutter.width + sum(
            child.outer_size.width + child.styles.margin.width
            for part in parts
            for child in part.children
        )
        filters.set_class(needed > self.size.width, "-narrow")

    def on_mount(self) -> None:
        if self.pin_hash:  # nothing is read before the PIN
            self.push_screen(ManagerPinScreen(self.report_hall, self.pin_hash), self._unlocked)
        else:
            self._unlocked(True)

    def _unlocked(self, ok: bool | None) -> None:
        if ok:
            self.query_one("#table", DataTable).focus()
            self.action_load()
            self._live_at = time.monotonic()
            self.hall_changed.subscribe(self, self._hall_news, immediate=True)
            self.follow()

    def _hall_news(self, news: HallNews) -> None:
        """Count again when today is shown and the hall changed (once per ``LIVE_EVERY_S``)."""
        report = self.report
        if not isinstance(news, Snapshot) or news.fresh or report is None or self._live_due:
            return
        if report.period.start <= self.report_hall.today() <= report.period.end:
            self._live_due = True
            self.set_timer(max(0.0, self._live_at + LIVE_EVERY_S - time.monotonic()), self._live)

    def _live(self) -> None:
        self._live_due, self._live_at = False, time.monotonic()
        if self.report is not None:
            self._request(self.report.period)

    # ------------------------------------------------------------------ choosing the period

    def _period(self) -> Period:
        start = self.query_one("#start", Input).value
        end = self.query_one("#end", Input).value
        return make_period(self.report_hall.today(), start=start or None, end=end or None)

    def _set_range(self, start: dt.date, end: dt.date) -> None:
        self.query_one("#start", Input).value = start.isoformat()
        self.query_one("#end", Input).value = end.isoformat()
        self.action_load()

    @on(Button.Pressed, "#today")
    def _today(self) -> None:
        today = self.report_hall.today()
        self._set_range(today, today)

    @on(Button.Pressed, "#yesterday")
    def _yesterday(self) -> None:
        day = self.report_hall.today() - dt.timedelta(days=1)
        self._set_range(day, day)

    @on(Button.Pressed, "#this-month")
    def _this_month(self) -> None:
        today = self.report_hall.today()
        self._set_range(month_start(today), today)

    @on(Button.Pressed, "#last-month")
    def _last_month(self) -> None:
        last = month_start(self.report_hall.today()) - dt.timedelta(days=1)
        self._set_range(month_start(last), last)

    @on(Button.Pressed, "#run")
    @on(Input.Submitted, "#start, #end")
    def action_load(self) -> None:
        try:
            period = self._period()
        except ServiceHallError as exc:
            self._say(exc.message, error=True)
            return
        self._say(t("mgr_working_on", period=period.label()))
        self._request(period)

    def _request(self, period: Period) -> None:
        """Build the shown breakdown and the hours (for the chart); others when switched to."""
        self._wanted = (period, self.by)
        shown = () if self.by == CASES_TAB else (self.by,)
        self._build(period, tuple(dict.fromkeys((*shown, "hour"))))

    def _say(self, message: str, *, error: bool = False) -> None:
        self._summary_shows_report = False
        self.query_one("#summary", Static).update(Text(message, style="bold red" if error else ""))

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def _build(self, period: Period, breakdowns: tuple[str, ...]) -> None:
        try:
            report = build_report(self.report_hall, period, breakdowns)
        except ServiceHallError as exc:
            self.post_message(ReportFailed(exc.message))
            return
        self.post_message(ReportBuilt(report))

    @on(ReportFailed)
    def _failed(self, event: ReportFailed) -> None:
        self._say(event.message, error=True)

    @on(Told)
    def _told(self, event: Told) -> None:
        timeout = 8 if event.severity == "information" else None
        self.notify(event.text, severity=event.severity, markup=False, timeout=timeout)

    # ------------------------------------------------------------------ showing

    @on(ReportBuilt)
    def _show(self, event: ReportBuilt) -> None:
        report = event.report
        period, by = self._wanted or (None, "")
        if report.period != period or not _holds(report, by):
            return  # an earlier request finished after a newer one was made
        self.report = report
        self._show_summary()
        self.query_one("#chart", Static).update(hour_chart(report.rows("hour"), width=24))
        self._fill_table()

    def _show_summary(self) -> None:
        """The report's totals, folded to the summary's width (again when the terminal is
        resized)."""
        summary = self.query_one("#summary", Static)
        if self.report is not None:
            summary.update(summary_text(self.report, summary.content_size.width or None))
            self._summary_shows_report = True

    @on(Tabs.TabActivated, "#by")
    def _switch(self, event: Tabs.TabActivated) -> None:
        if not event.tab.id:
            return
        self.by = event.tab.id
        if self.report is not None and not _holds(self.report, self.by):
            self.query_one("#table", DataTable).clear(columns=True)
            self._request(self.report.period)
        else:
            self._fill_table()

    def _fill_table(self) -> None:
        table = self.query_one("#table", DataTable)
        table.clear(columns=True)
        if self.report is None:
            return
        if self.by == CASES_TAB:
            fill_case_table(table, self.report.cases)
            return
        by_key = {c.key: c for c in columns_for(self.by)}
        keys: list[Column] = [c for c in columns_for(self.by) if c.kind == "text"]
        if self.by == "window":
            keys = [by_key["number"], *keys]
        shown = keys + [by_key[key] for key in SHOWN]
        table.add_columns(*[c.heading for c in shown])
        for row in self.report.rows(self.by):
            table.add_row(*[Text(c.text(row)) for c in shown])

    # ------------------------------------------------------------------ exporting

    @on(Button.Pressed, "#xlsx")
    def _xlsx(self) -> None:
        self.action_export("xlsx")

    @on(Button.Pressed, "#csv")
    def _csv(self) -> None:
        self.action_export("csv")

    def action_export(self, kind: str) -> None:
        if self.report is None or self.report.empty:
            self.notify(t("mgr_nothing_to_export"), severity="warning")
            return
        if kind == "csv" and self.by == CASES_TAB:
            self.notify(t("mgr_cases_in_xlsx"), severity="warning")
            return
        self._export(self.report, kind, self.by)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, report: Report, kind: str, by: str) -> None:
        period = report.period
        if kind == "xlsx" and len(report.groups) < len(BREAKDOWNS):
            try:  # the workbook holds every breakdown
                report = build_report(self.report_hall, period)
            except ServiceHallError as exc:
                self.post_message(Told(exc.message, "error"))
                return
        name = t("mgr_file", start=period.start)
        if not period.single_day:
            name += t("mgr_file_to", end=period.end)
        if kind == "csv":
            name += f"_{BREAKDOWNS[by].title}"
        path = self.export_dir / f"{name}.{kind}"
        try:
            self.export_dir.mkdir(parents=True, exist_ok=True)
            if kind == "xlsx":
                from servicehall.reports.export_xlsx import write_xlsx  # openpyxl loads slowly

                write_xlsx(report, path)
            else:
                write_csv(report, by, path)
        except OSError as exc:
            reason = str(exc.strerror or exc)
            self.post_message(Told(t("rep_cannot_write", path=str(path), reason=reason), "error"))
            return
        self.post_message(Told(t("rep_saved", path=str(path))))

    # ------------------------------------------------------------------ audit trail

    @on(Button.Pressed, "#audit")
    @on(Input.Submitted, "#audit-ref")
    def _audit(self) -> None:
        ref = self.query_one("#audit-ref", Input).value
        try:
            day = self._period().end  # a ticket's label repeats every day: read one day
        except ServiceHallError as exc:
            self._say(exc.message, error=True)
            return
        self._load_audit(day, ref)

    @work(thread=True, group="audit", exit_on_error=False)
    def _load_audit(self, day: dt.date, ref: str) -> None:
        try:
            events = audit_trail(self.report_hall, day, ref)
        except ServiceHallError as exc:
            self.post_message(Told(exc.message, "error"))
            return
        if ref.strip().isdigit():
            what = t("mgr_audit_window", window=ref.strip())
        else:
            what = ref.strip().upper()
        self.post_message(AuditRead(t("mgr_audit_title", what=what, day=day), events))

    @on(AuditRead)
    def _audit_read(self, event: AuditRead) -> None:
        self.push_screen(AuditScreen(event.title, event.events))
