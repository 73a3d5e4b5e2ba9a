"""What the wait projection reads from the store, and keeps between projections.

A closed day's figures are read once (one query for the trailing days missing from the cache)
and summed up once per day; today's grow from the event log, reading only the events after the
last one seen; the statistics are rebuilt only when something new came in or five minutes passed.
So each projection costs one small read: today's waiting tickets and the windows.

On PostgreSQL two transactions may commit their events out of id order, so each read of the log
looks back a little behind the last id seen and skips the events it already counted.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Row, and_, bindparam, select

from servicehall.config import HallConfig
from servicehall.queue.estimate import HallSnapshot, WaitingTicket, WindowNow
from servicehall.queue.statements import EVENTS, TICKETS, WINDOWS
from servicehall.queue.tables import CALLED, FINISHED, WAITING
from servicehall.queue.waitstats import (
    HOURS,
    DayFigures,
    History,
    WaitStats,
    build_wait_stats,
    summarise_history,
)

TRAILING_DAYS = 20
"""Working days of history the statistics draw on."""
SEARCH_BACK_DAYS = 90
LOOK_BACK_EVENTS = 64
STATS_REFRESH_S = 300
PRESENT = frozenset({"sign_in", "call", "recall", "skip", "finish", "transfer", "pause", "resume"})
HISTORY_KINDS = ("sign_in", "call", "skip", "pause", "resume")


class WaitReader:
    """One hall's cache of figures for the projection; safe to share between threads."""

    def __init__(self, config: HallConfig) -> None:
        self.config = config
        self.code = config.hall.code
        self.tz = config.hall.tz
        self._lock = threading.Lock()
        self._days: dict[dt.date, DayFigures] = {}
        self._history: tuple[dt.date, History] | None = None
        self._today = _Today(dt.date.min, False)
        self._stats: tuple[tuple[int, int], WaitStats] | None = None
        t, e, w = TICKETS, EVENTS, WINDOWS
        self._sql_days = (
            select(t.c.day)
            .where(t.c.hall == bindparam("b_hall"), t.c.day < bindparam("b_day"))
            .where(t.c.day >= bindparam("b_since"))
            .group_by(t.c.day)
            .order_by(t.c.day.desc())
            .limit(TRAILING_DAYS)
        )
        self._sql_day_tickets = select(
            t.c.day,
            t.c.origin_service,
            t.c.service,
            t.c.matter,
            t.c.priority,
            t.c.status,
            t.c.issued_ts,
            t.c.called_ts,
            t.c.last_called_ts,
            t.c.finished_ts,
            t.c.skip_count,
            t.c.transferred_from,
        ).where(t.c.hall == bindparam("b_hall"), t.c.day.in_(bindparam("b_days", expanding=True)))
        # no ORDER BY id in SQL: it would lead the planner to walk the hall's whole event log
        # by id instead of the (hall, day, kind) index; the rows are put in order here
        self._sql_day_events = select(
            e.c.id, e.c.day, e.c.kind, e.c.ts, e.c.ticket_id, e.c.window, e.c.service
        ).where(
            e.c.hall == bindparam("b_hall"),
            e.c.day.in_(bindparam("b_days", expanding=True)),
            e.c.kind.in_(HISTORY_KINDS),
        )
        today_events = select(
            e.c.id,
            e.c.day,
            e.c.kind,
            e.c.ts,
            e.c.ticket_id,
            e.c.window,
            e.c.service,
            e.c.detail,
            t.c.matter,
        ).select_from(e.outerjoin(t, t.c.id == e.c.ticket_id))
        self._sql_today_first = today_events.where(
            e.c.hall == bindparam("b_hall"), e.c.day == bindparam("b_day")
        )
        self._sql_today_since = today_events.where(
            e.c.hall == bindparam("b_hall"), e.c.id > bindparam("b_after")
        ).order_by(e.c.id)
        self._sql_waiting = select(
            t.c.id, t.c.service, t.c.matter, t.c.priority, t.c.queue_pos
        ).where(
            t.c.hall == bindparam("b_hall"), t.c.status == WAITING, t.c.day == bindparam("b_day")
        )
        self._sql_windows = (
            select(
                w.c.number,
                w.c.state,
                w.c.clerk,
                w.c.changed_ts,
                w.c.current_ticket_id,
                t.c.service,
                t.c.matter,
                t.c.last_called_ts,
            )
            .select_from(
                w.outerjoin(t, and_(t.c.id == w.c.current_ticket_id, t.c.status == CALLED))
            )
            .where(w.c.hall == bindparam("b_hall"))
        )

    def read(self, conn: Connection, now: dt.datetime) -> tuple[HallSnapshot, WaitStats]:
        """The queue now and today's statistics, read in the caller's transaction."""
        local = now.astimezone(self.tz)
        with self._lock:
            history = self._history_for(conn, local.date())
            self._follow_today(conn, local)
            snapshot = self._snapshot(conn, now)
            stats = self._stats_for(local, history)
        return snapshot, stats

    # ------------------------------------------------------------------ history

    def _history_for(self, conn: Connection, day: dt.date) -> History:
        if self._history is not None and self._history[0] == day:
            return self._history[1]
        since = day - dt.timedelta(days=SEARCH_BACK_DAYS)
        params = {"b_hall": self.code, "b_day": day, "b_since": since}
        days = list(conn.execute(self._sql_days, params).scalars())
        missing = [d for d in days if d not in self._days]
        if missing:
            self._days.update(self._read_days(conn, missing))
        self._days = {d: self._days[d] for d in days}
        market = self.config.market_days.is_market_day(day)
        summary = summarise_history(
            self.config, [self._days[d] for d in days], market, self._open_seconds(day)
        )
        self._history = (day, summary)
        return summary

    def _read_days(self, conn: Connection, days: Sequence[dt.date]) -> dict[dt.date, DayFigures]:
        figures = {d: DayFigures(market=self.config.market_days.is_market_day(d)) for d in days}
        params = {"b_hall": self.code, "b_days": list(days)}
        for r in conn.execute(self._sql_day_tickets, params):
            day = figures[r.day]
            day.add_arrival(r.origin_service, bool(r.priority), self._hour(r.day, r.issued_ts))
            if r.status == FINISHED and r.finished_ts is not None:
                first_visit = not r.skip_count and r.transferred_from is None
                started = r.called_ts if first_visit else r.last_called_ts
                if started is not None:
                    day.add_service(r.service, r.matter, r.finished_ts - started)
        calls: dict[int, float] = {}
        paused: dict[int, float] = {}
        midnights = {d: dt.datetime.combine(d, dt.time(), self.tz).timestamp() for d in days}
        for e in sorted(conn.execute(self._sql_day_events, params), key=_BY_ID):
            day = figures[e.day]
            _count(day, e.kind, e.ts, e.ticket_id, e.window, e.service, calls, paused)
            if e.window is not None and e.kind in ("sign_in", "call"):
                day.add_work(e.window, e.ts - midnights[e.day])
        return figures

    # ------------------------------------------------------------------ today

    def _follow_today(self, conn: Connection, local: dt.datetime) -> None:
        day = local.date()
        if self._today.day != day:
            self._today = _Today(day, self.config.market_days.is_market_day(day))
            self._stats = None
        today = self._today
        rows: Iterable[Row[Any]]
        if today.last_id:  # the events since the last read (and a few before it)
            after = max(0, today.last_id - LOOK_BACK_EVENTS)
            rows = conn.execute(self._sql_today_since, {"b_hall": self.code, "b_after": after})
        else:  # the day's first read
            params = {"b_hall": self.code, "b_day": day}
            rows = sorted(conn.execute(self._sql_today_first, params), key=_BY_ID)
        for r in rows:
            if r.day != day or r.id in today.seen:
                continue
            today.seen.add(r.id)
            today.last_id = max(today.last_id, r.id)
            today.changes += 1
            figures = today.figures
            if r.kind == "issue":
                priority = bool(json.loads(r.detail).get("priority")) if r.detail else False
                figures.add_arrival(r.service, priority, self._hour(day, r.ts))
            elif r.kind == "finish" and r.ticket_id in today.calls:
                figures.add_service(r.service, r.matter, r.ts - today.calls[r.ticket_id])
            _count(
                figures, r.kind, r.ts, r.ticket_id, r.window, r.service, today.calls, today.paused
            )
            if r.window is not None and (r.kind in PRESENT or r.kind == "sign_out"):
                today.present[r.window] = r.kind != "sign_out"

    def _stats_for(self, local: dt.datetime, history: History) -> WaitStats:
        key = (self._today.changes, int(local.timestamp()) // STATS_REFRESH_S)
        if self._stats is None or self._stats[0] != key:
            stats = build_wait_stats(
                self.config, history, self._today.figures, self._open_seconds(local.date(), local)
            )
            self._stats = (key, stats)
        return self._stats[1]

    # ------------------------------------------------------------------ the queue now

    def _snapshot(self, conn: Connection, now: dt.datetime) -> HallSnapshot:
        today = self._today
        params = {"b_hall": self.code, "b_day": today.day}
        rows = conn.execute(self._sql_waiting, params).all()
        waiting = list(map(WaitingTicket._make, rows))  # the columns in WaitingTicket's order
        windows = []
        for r in conn.execute(self._sql_windows, params):
            serving = None
            if r.service is not None:
                called = today.calls.get(r.current_ticket_id, r.last_called_ts)
                serving = (r.service, r.matter, called)
            paused = today.paused.get(r.number, r.changed_ts) if r.state == "paused" else None
            staffed = r.clerk is not None or today.present.get(r.number, False)
            windows.append(WindowNow(r.number, staffed, paused, serving))
        return HallSnapshot(now, waiting, windows)

    # ------------------------------------------------------------------ the hall's hours

    def _hour(self, day: dt.date, ts: float) -> int:
        midnight = dt.datetime.combine(day, dt.time(), self.tz).timestamp()
        return min(HOURS - 1, max(0, int((ts - midnight) // 3600)))

    def _open_seconds(self, day: dt.date, until: dt.datetime | None = None) -> list[float]:
        """Seconds the hall is open in each hour of ``day`` (up to ``until``)."""
        seconds = [0.0] * HOURS
        if not self.config.hall.is_open_day(day):
            return seconds
        end_of_day = dt.datetime.combine(day, dt.time.max, self.tz)
        limit = until or end_of_day
        for period in self.config.hall.hours:
            start = dt.datetime.combine(day, period.start, self.tz)
            end = min(dt.datetime.combine(day, period.end, self.tz), limit)
            while start < end:
                hour_end = (start + dt.timedelta(hours=1)).replace(
                    minute=0, second=0, microsecond=0
                )
                stop = min(hour_end, end)
                seconds[start.hour] += (stop - start).total_seconds()
                start = stop
        return seconds


_BY_ID = itemgetter(0)


class _Today:
    """Today's figures as the event log adds to them."""

    def __init__(self, day: dt.date, market: bool) -> None:
        self.day = day
        self.figures = DayFigures(market=market)
        self.last_id = 0
        self.changes = 0
        self.seen: set[int] = set()
        self.calls: dict[int, float] = {}
        """ticket id -> when a window last called it (a recall does not count)"""
        self.paused: dict[int, float] = {}
        """window -> when its pause began"""
        self.present: dict[int, bool] = {}
        """window -> whether someone worked there today and did not sign out"""


def _count(
    figures: DayFigures,
    kind: str,
    ts: float,
    ticket_id: int | None,
    window: int | None,
    service: str | None,
    calls: dict[int, float],
    paused: dict[int, float],
) -> None:
    """Calls, no-shows and pauses from one event of the log."""
    if kind == "call" and ticket_id is not None and service is not None:
        figures.add_call(service)
        calls[ticket_id] = ts
    elif kind == "skip" and service is not None:
        called = calls.get(ticket_id) if ticket_id is not None else None
        figures.add_skip(service, ts - called if called is not None else None)
    elif kind == "pause" and window is not None:
        paused[window] = ts
    elif kind == "resume" and window is not None and window in paused:
        figures.add_pause(ts - paused.pop(window))
