"""办件 in a report: received, finished, finished on time (按时办结率), overdue now and the average
working days from 受理 to 办结 — in total and per matter, window and clerk.

- *received*: cases accepted (受理) on a day of the period;
- *finished*: cases finished (办结) on a day of the period; *on_time* of them by the promised day;
  ``on_time_rate`` = on_time / finished (None when nothing was finished);
- *overdue_now*: cases open today past their promised day (whatever the period: it is "now");
- ``avg_workdays``: the mean of working days from 受理 to 办结 of the cases finished in the period;
- *callbacks*: 回访 recorded on a day of the period (未接通 included); ``callback_rate``
  (回访满意率) = (满意 + 基本满意) / the calls answered (未接通 left out; None when none was).
  Both None for a role granted before 回访 (it may not read them; logged).

Per window: the window answering for the case now (after a 联办, the new one). Per clerk: the
clerk who accepted it (首问责任: the first one asked answers for it to the end).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from servicehall.i18n import t
from servicehall.queue import Hall, StoreError
from servicehall.queue.caseviews import NO_ANSWER
from servicehall.queue.clerks import list_clerks
from servicehall.queue.tables import CASE_CALLBACKS, CASES
from servicehall.queue.workdays import WorkCalendar
from servicehall.reports.period import Period

CASE_FIGURES = ("received", "finished", "on_time", "on_time_rate", "overdue_now", "avg_workdays")
CALLBACK_FIGURES = ("callbacks", "callback_rate")
FIGURES = CASE_FIGURES + CALLBACK_FIGURES
"""Every figure of a row (the text report prints the 回访 ones in a line of their own)."""
RATES = ("on_time_rate", "callback_rate")
"""The figures that are fractions (shown in per cent)."""
_PLEASED = ("satisfied", "basic")
GROUPS = ("matter", "window", "clerk")
"""The breakdowns (``group_title`` names them for screens, text and the workbook)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseReport:
    totals: dict[str, Any]
    groups: dict[str, list[dict[str, Any]]]

    @property
    def empty(self) -> bool:
        return not (self.totals["received"] or self.totals["finished"])

    def as_dict(self) -> dict[str, Any]:
        return {"totals": self.totals, **{f"by_{by}": rows for by, rows in self.groups.items()}}


def _figures(
    rows: Iterable[Any],
    calls: list[Any] | None,
    period: Period,
    today: dt.date,
    cal: WorkCalendar,
) -> dict[str, Any]:
    received = finished = on_time = overdue = 0
    days_taken: list[int] = []
    for row in rows:
        if period.start <= row.day <= period.end:
            received += 1
        if row.finished_day is not None and period.start <= row.finished_day <= period.end:
            finished += 1
            on_time += row.finished_day <= row.promised_day
            days_taken.append(cal.workdays_between(row.day, row.finished_day))
        if row.state == "open" and row.promised_day < today:
            overdue += 1
    return {
        "received": received,
        "finished": finished,
        "on_time": on_time,
        "on_time_rate": round(on_time / finished, 4) if finished else None,
        "overdue_now": overdue,
        "avg_workdays": round(sum(days_taken) / len(days_taken), 1) if days_taken else None,
        **_callback_figures(calls),
    }


def _callback_figures(calls: list[Any] | None) -> dict[str, Any]:
    if calls is None:
        return {"callbacks": None, "callback_rate": None}
    answered = [call for call in calls if call.result != NO_ANSWER]
    pleased = sum(call.result in _PLEASED for call in answered)
    return {
        "callbacks": len(calls),
        "callback_rate": round(pleased / len(answered), 4) if answered else None,
    }


def case_report(hall: Hall, period: Period) -> CaseReport:
    """The period's case figures for the hall (one read of the cases that concern it)."""
    today = hall.today()
    cal = hall.calendar
    query = select(
        CASES.c.day,
        CASES.c.finished_day,
        CASES.c.promised_day,
        CASES.c.state,
        CASES.c.service,
        CASES.c.matter,
        CASES.c.window,
        CASES.c.clerk,
    ).where(
        CASES.c.hall == hall.code,
        or_(
            CASES.c.day.between(period.start, period.end),
            CASES.c.finished_day.between(period.start, period.end),
            (CASES.c.state == "open") & (CASES.c.promised_day < today),
        ),
    )
    rows: list[Any] = hall.store.read(lambda conn: list(conn.execute(query).all()))
    calls = _callbacks(hall, period)
    names = {c.clerk_id: c.name for c in list_clerks(hall.store, hall.code)}

    def matter_of(row: Any) -> dict[str, Any]:
        service = hall.config.service(row.service)
        matter = service.matter(row.matter) if service else None
        return {"service": row.service, "code": row.matter, "name": matter.name if matter else ""}

    keyed: dict[str, Callable[[Any], dict[str, Any]]] = {
        "matter": matter_of,
        "window": lambda row: {"number": row.window, "name": _window_name(hall, row.window)},
        "clerk": lambda row: {"clerk": row.clerk, "name": names.get(row.clerk, "")},
    }
    groups: dict[str, list[dict[str, Any]]] = {}
    for by, describe in keyed.items():
        buckets: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
        called: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
        labels: dict[tuple[Any, ...], dict[str, Any]] = {}
        for found, kept in ((rows, buckets), (calls or [], called)):
            for row in found:
                label = describe(row)
                key = tuple(label.values())
                kept[key].append(row)
                labels[key] = label
        groups[by] = [
            {
                **labels[key],
                **_figures(
                    buckets[key], None if calls is None else called[key], period, today, cal
                ),
            }
            for key in sorted(labels, key=_order)
        ]
    return CaseReport(_figures(rows, calls, period, today, cal), groups)


def _callbacks(hall: Hall, period: Period) -> list[Any] | None:
    """The period's 回访 with their cases' matter, window and clerk; None when the role may not
    read them (granted before 回访)."""
    query = (
        select(
            CASE_CALLBACKS.c.result,
            CASES.c.service,
            CASES.c.matter,
            CASES.c.window,
            CASES.c.clerk,
        )
        .join(CASES, CASES.c.id == CASE_CALLBACKS.c.case_id)
        .where(
            CASE_CALLBACKS.c.hall == hall.code,
            CASE_CALLBACKS.c.day.between(period.start, period.end),
        )
    )
    try:
        return hall.store.read(lambda conn: list(conn.execute(query).all()))
    except StoreError as exc:
        if exc.key != "store_denied":
            raise
        log.warning("回访 left out of the report: %s", exc.message)
        return None


def _order(key: tuple[Any, ...]) -> tuple[tuple[int, Any], ...]:
    """Numbers in numeric order (window 2 before 10), text after."""
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in key)


def _window_name(hall: Hall, number: int) -> str:
    window = hall.config.window(number)
    return window.name if window else ""


def labelled_rows(cases: CaseReport) -> list[tuple[str, str, dict[str, Any]]]:
    """Every row of the case figures as (group, label, figures): 合计 first, then per matter,
    window and clerk — one table for a screen."""
    found: list[tuple[str, str, dict[str, Any]]] = [(t("rep_totals"), "", cases.totals)]
    for by in GROUPS:
        for row in cases.groups[by]:
            label = " ".join(str(row[key]) for key, _heading in key_headings(by) if row[key])
            found.append((group_title(by), label, row))
    return found


def key_headings(by: str) -> list[tuple[str, str]]:
    """The label columns of a breakdown: (key, heading)."""
    words = {
        "matter": [("service", "rep_col_service"), ("name", "rep_col_matter")],
        "window": [("number", "rep_col_window"), ("name", "rep_col_name")],
        "clerk": [("clerk", "rep_col_clerk_id"), ("name", "rep_case_clerk_name")],
    }[by]
    return [(key, t(heading)) for key, heading in words]


def heading(figure: str) -> str:
    """A case figure's heading (``FIGURES``)."""
    return t(f"rep_case_{figure}")


def group_title(by: str) -> str:
    """A case breakdown's title (``GROUPS``)."""
    return t(f"rep_case_by_{by}")


def figure_text(key: str, value: Any) -> str:
    """A figure as people read it: a rate in per cent, "—" for nothing to measure."""
    if value is None:
        return "—"
    if key in RATES:
        return f"{value * 100:.1f}%"
    return str(value)
