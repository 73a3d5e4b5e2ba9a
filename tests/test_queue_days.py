"""Days are the hall's local days: numbers restart at local midnight, yesterday's queue expires."""

from __future__ import annotations

import datetime as dt

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall

from support.waiting import DEADLINE_S


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


UTC = dt.UTC


def test_numbers_restart_at_shanghai_midnight_and_old_tickets_expire(
    config: HallConfig, db_url: str
) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 15, 58, tzinfo=UTC))  # 23:58 in Shanghai
    hall = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    late = hall.issue("A", matter="dibao")
    skipped = hall.issue("A", matter="dibao")
    hall.call_ticket(skipped.label, 1)
    hall.skip(1)
    assert late.day == dt.date(2026, 11, 23)
    clock.advance(minutes=3)  # 16:01 UTC = 00:01 on the 24th in Shanghai
    assert hall.today() == dt.date(2026, 11, 24)
    fresh = hall.issue("A", matter="dibao")
    assert (fresh.label, fresh.day) == ("A001", dt.date(2026, 11, 24))
    assert hall.call_next(1).label == "A001"  # type: ignore[union-attr]
    assert hall.call_next(1) is None  # yesterday's A001 is never called
    assert hall.ticket(late.id).status == "expired"
    assert hall.ticket(skipped.id).status == "expired"
    expire = [e for e in hall.events() if e.kind == "expire"]
    assert len(expire) == 1 and expire[0].detail == {"count": 2}
    assert hall.status().waiting("A") == 0


def test_a_ticket_left_at_a_window_overnight_is_closed_not_finished_late(
    config: HallConfig, db_url: str
) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, 20, tzinfo=UTC))  # 17:20 in Shanghai
    hall = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    evening = hall.issue("A", matter="dibao")
    hall.call_next(1)  # the clerk goes home without pressing 办结
    clock.advance(hours=15)  # 08:20 the next morning
    hall.issue("A", matter="dibao")
    assert hall.call_next(1).label == "A001"  # type: ignore[union-attr]
    closed = hall.ticket(evening.id)
    assert (closed.status, closed.finished_at) == ("finished", None)
    kinds = [(e.kind, e.detail) for e in hall.events() if e.kind in ("expire", "finish")]
    assert kinds == [("expire", {"count": 0, "closed": 1})]  # no automatic finish at 08:20


def test_yesterday_label_is_not_today_ticket(config: HallConfig, db_url: str) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 3, 0, tzinfo=UTC))
    hall = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    hall.issue("A", matter="dibao")
    clock.advance(days=1)
    today = hall.issue("A", matter="dibao")
    assert hall.ticket("A001").id == today.id


def test_leader_follows_the_weekday_rota(config: HallConfig, db_url: str) -> None:
    clock = FixedClock(dt.datetime(2026, 11, 24, 2, 0, tzinfo=UTC))  # Tuesday
    hall = Hall.open(config, db=db_url, clock=clock)
    assert hall.leader().name == "李秀英"  # type: ignore[union-attr]
    hall.set_leader("赵敏")
    clock.advance(days=1)  # the change was for that day only
    assert hall.leader().name == "张卫东"  # type: ignore[union-attr]
    clock.advance(days=4)  # Sunday: no one on the rota
    assert hall.leader() is None


def test_change_feed_wakes_on_another_connection_commit(config: HallConfig, db_url: str) -> None:
    watcher_hall = Hall.open(config, db=db_url, enforce_hours=False)
    writer = Hall.open(config, db=db_url, enforce_hours=False)
    feed = watcher_hall.watch()
    try:
        assert feed.wait(0.1) is False
        last = watcher_hall.status().last_event_id
        writer.issue("A", matter="dibao")
        assert feed.wait(DEADLINE_S) is True
        new = watcher_hall.events(after=last)
        assert [e.kind for e in new] == ["issue"]
        assert feed.wait(0.1) is False
    finally:
        feed.close()


def test_a_window_left_serving_overnight_serves_nobody_the_next_morning(
    config: HallConfig, db_url: str
) -> None:
    """Before and after the day's first ticket: yesterday's A001 is not at the window, and
    today's A001 (waiting) is not mistaken for it."""
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, 20, tzinfo=UTC))  # 17:20 in Shanghai
    hall = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    hall.issue("A", matter="dibao")
    hall.call_next(1)  # the clerk goes home without pressing 办结
    assert hall.status().windows[0].current == "A001"
    clock.advance(hours=15)  # 08:20 the next morning
    before = hall.status().windows[0]
    assert (before.current, before.current_service) == (None, None)
    hall.issue("A", matter="dibao")
    after = hall.status().windows[0]
    assert (after.current, after.current_service) == (None, None)
    assert hall.ticket("A001").status == "waiting"
