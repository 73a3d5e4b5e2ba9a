"""Closed days' report figures, kept in ``report_days`` so a month is not rescanned each time.

A day is summarised when a report first covers it and it is final: earlier than the hall's
today and with no ticket still waiting, being served or skipped (the core has closed it; until
then it is read live, as today is). A report stores at most ``FILL_AT_MOST`` days, the latest
first, measured in one read (``parts.measure_days``: the same queries as a live read, with the
day in every key); each is written in its own short transaction, so kiosks never wait long for
the write lock. A summary is used only while still true:

- its ``basis`` (the hall's time zone and promised limits, and the layout of the stored
  part) matches the configuration;
- no rating was given to one of the day's tickets on a later day (the only change the core
  still makes to a closed day): each summary keeps the event id it is checked through, and a
  report reads only the ratings after it (then moves it on); ``simulate`` drops the summaries
  of the days it fills.

Whatever goes wrong with the table (an older database without it, a PostgreSQL role without
the privilege to read or write it) only costs speed: those days are read live.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from functools import partial

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from servicehall.config import HallConfig
from servicehall.queue import Hall
from servicehall.queue.errors import StoreError
from servicehall.queue.schema import prepare
from servicehall.queue.tables import CALLED, NO_SHOW, WAITING
from servicehall.queue.tables import REPORT_DAYS as R
from servicehall.reports.parts import LAYOUT, Part, decode, encode, measure_days
from servicehall.reports.period import Period, runs
from servicehall.reports.queries import E, T, limit_seconds

log = logging.getLogger(__name__)

UNSETTLED = (WAITING, CALLED, NO_SHOW)
"""Statuses the core still changes on an earlier day (``Hall._expire_stale``)."""
_FAILURES = (StoreError, DBAPIError)
IN_FLIGHT = 1000
"""Recent events whose late ratings are checked again: PostgreSQL hands out ids before the
commit, so the last ids seen may not yet include every rating that will commit with a lower one."""
Loaded = tuple[dict[dt.date, Part], int]
FILL_AT_MOST = 31
"""Missing days one report measures and stores (the latest ones; any others are read live with
today): a month is stored at once, a first report over years stays about as fast as a live one."""


def basis(config: HallConfig) -> str:
    """A fingerprint of what a stored day depends on: its layout and the settings used."""
    limits = sorted([service, matter, s] for (service, matter), s in limit_seconds(config).items())
    data = {"layout": LAYOUT, "tz": config.hall.timezone, "limits": limits}
    text = json.dumps(data, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def summarised(hall: Hall, period: Period, today: dt.date) -> dict[dt.date, Part]:
    """The period's final days as parts: stored ones, and missing ones measured and stored now."""
    closed = [day for day in period.each_day() if day < today]
    if not closed:
        return {}
    key = basis(hall.config)
    loaded = _load(hall, closed, key)
    if loaded is None:
        return {}
    found, checked = loaded
    if checked:
        _mark_checked(hall, sorted(found), key, checked)
    missing = [day for day in closed if day not in found][-FILL_AT_MOST:]
    writable = True
    for run in runs(missing):
        event_id, parts = hall.store.read(partial(_build, hall=hall, period=run, today=today))
        found.update(parts)
        writable = writable and _save_all(hall, key, event_id, parts)
    return found


def _load(hall: Hall, days: Sequence[dt.date], key: str) -> Loaded | None:
    """Stored parts still true; None when the table cannot be read (nor created)."""
    try:
        return hall.store.read(partial(_stored, hall=hall.code, days=days, key=key))
    except _FAILURES:
        pass
    try:
        prepare(hall.store)  # a database opened without bringing the schema up to date
        return hall.store.read(partial(_stored, hall=hall.code, days=days, key=key))
    except _FAILURES:
        log.warning("report summaries unavailable; reports are read live")
        return None


def _last_event(conn: Connection, hall: str) -> int:
    """The last event id less ``IN_FLIGHT``: the events surely committed (or given up)."""
    last = conn.execute(select(func.max(E.c.id)).where(E.c.hall == hall)).scalar()
    return max(int(last or 0) - IN_FLIGHT, 0)


def _stored(conn: Connection, *, hall: str, days: Sequence[dt.date], key: str) -> Loaded:
    """The stored parts no late rating has changed, and the event id they are now checked
    through (0 when nothing needs marking)."""
    first, last = days[0], days[-1]
    checked = _last_event(conn, hall)
    rows = conn.execute(
        select(R.c.day, R.c.event_id, R.c.sums, R.c.times).where(
            R.c.hall == hall, R.c.day.between(first, last), R.c.basis == key
        )
    ).all()
    if not rows:
        return {}, 0
    since = min(row.event_id for row in rows)
    last_rated = {
        day: event_id
        for day, event_id in conn.execute(
            select(T.c.day, func.max(E.c.id))
            .select_from(E.join(T, T.c.id == E.c.ticket_id))
            .where(
                E.c.hall == hall,
                E.c.id > since,
                E.c.kind == "rate",
                T.c.day.between(first, last),
                E.c.day > T.c.day,  # rated after its day: the day was stored before
            )
            .group_by(T.c.day)
        )
    }
    parts = {
        row.day: decode(row.sums, row.times)
        for row in rows
        if last_rated.get(row.day, 0) <= row.event_id
    }
    return parts, checked if checked > since else 0


def _mark_checked(hall: Hall, days: Sequence[dt.date], key: str, checked: int) -> None:
    """Move the stored days' event id on, so the next check reads only newer ratings."""
    update_ = (
        update(R)
        .where(R.c.hall == hall.code, R.c.day.in_(days), R.c.basis == key)
        .where(R.c.event_id < checked)
        .values(event_id=checked)
    )
    try:
        hall.store.write(lambda conn: conn.execute(update_))
    except _FAILURES:
        log.warning("cannot mark report summaries checked")


def _build(
    conn: Connection, *, hall: Hall, period: Period, today: dt.date
) -> tuple[int, dict[dt.date, Part]]:
    """The last event id, and a part for each day of the period that is final."""
    event_id = _last_event(conn, hall.code)
    unsettled = set(
        conn.execute(
            select(T.c.day)
            .distinct()
            .where(
                T.c.hall == hall.code,
                T.c.day.between(period.start, period.end),
                T.c.status.in_(UNSETTLED),
            )
        ).scalars()
    )
    parts = measure_days(conn, hall.code, hall.config, period, today)
    return event_id, {day: part for day, part in parts.items() if day not in unsettled}


def _save_all(hall: Hall, key: str, event_id: int, parts: dict[dt.date, Part]) -> bool:
    """Store the parts, one day per write; False when the store refuses."""
    for day, part in parts.items():
        try:
            hall.store.write(partial(_save, row=(hall.code, day, key, event_id, part)))
        except _FAILURES:
            log.warning("cannot store report summaries; those days are read live next time")
            return False
    return True


def _save(conn: Connection, *, row: tuple[str, dt.date, str, int, Part]) -> None:
    hall, day, key, event_id, part = row
    sums, times = encode(part)
    conn.execute(delete(R).where(R.c.hall == hall, R.c.day == day))
    conn.execute(
        insert(R).values(hall=hall, day=day, basis=key, event_id=event_id, sums=sums, times=times)
    )


def forget(conn: Connection, hall: str, first: dt.date, last: dt.date) -> None:
    """Drop the summaries of days whose tickets are being rewritten (``simulate``)."""
    conn.execute(delete(R).where(R.c.hall == hall, R.c.day.between(first, last)))
