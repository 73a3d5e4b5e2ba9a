"""The hall clock stepping backwards (an NTP correction, a flat CMOS battery) reorders nothing:
the queue follows the day's arrival sequence, and no waiting or service time is negative."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from servicehall.queue import FixedClock, Hall
from servicehall.reports.period import make_period
from servicehall.reports.report import build_report

from support.halls import OPEN_MONDAY


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


def test_a_ticket_issued_after_the_clock_went_back_waits_behind_earlier_ones(
    hall: Hall, clock: FixedClock
) -> None:
    hall.issue("A", matter="dibao")
    clock.advance(minutes=31)  # 10:31
    second = hall.issue("A", matter="dibao")
    clock.advance(hours=-1)  # 09:32: set back an hour
    third = hall.issue("A", matter="dibao")
    assert third.ahead == 2
    called = [hall.call_next(1, clerk="mz01") for _ in range(3)]
    assert [t.label for t in called if t] == ["A001", second.label, third.label]
    assert hall.status().waiting("A") == 0


def test_across_services_the_arrival_order_holds(hall: Hall, clock: FixedClock) -> None:
    """Window 5 takes the oldest arrival across D and E."""
    hall.issue("D", matter="dili")
    clock.advance(hours=-1)
    hall.issue("E", matter="jianyi")
    first = hall.call_next(5)
    assert first is not None and first.label == "D001"


def test_durations_are_never_negative_when_the_clock_goes_back(
    hall: Hall, clock: FixedClock
) -> None:
    taken = hall.issue("A", matter="dibao")
    clock.advance(minutes=30)
    hall.call_next(1, clerk="mz01")
    clock.advance(minutes=-59)  # now before the call, and before the issue
    hall.recall(1)
    done = hall.finish(1)
    assert done.finished_at is not None and done.called_at is not None
    assert done.finished_at >= done.called_at >= done.issued_at
    events = {e.kind: e for e in hall.events(ticket=taken.id)}
    assert events["call"].detail["waited_s"] >= 0
    assert events["finish"].detail["service_s"] >= 0

    second = hall.issue("A", matter="dibao")
    clock.advance(hours=-1)
    called = hall.call_next(1)
    assert called is not None and called.id == second.id
    assert called.called_at is not None and called.called_at >= called.issued_at
    report = build_report(hall, make_period(OPEN_MONDAY.date(), None, None, None), ("service",))
    assert report.totals["avg_wait_s"] >= 0
    assert report.totals["avg_service_s"] >= 0


def test_a_returning_no_show_with_nobody_waiting_keeps_arrival_order(
    hall: Hall, clock: FixedClock
) -> None:
    first = hall.issue("A", matter="dibao")
    hall.call_next(1)
    hall.skip(1)
    clock.advance(hours=-1)
    hall.requeue(first.id)
    later = hall.issue("A", matter="dibao")
    assert hall.call_next(1).label == first.label  # type: ignore[union-attr]
    assert hall.call_next(1).label == later.label  # type: ignore[union-attr]


def test_a_database_from_before_the_arrival_sequence_is_numbered_once(
    hall: Hall, clock: FixedClock, db_url: str
) -> None:
    """Upgraded in the middle of a day: the tickets already waiting (positions were times of
    day, far above the new numbers) are still called before those issued after the upgrade."""
    for _ in range(3):
        hall.issue("A", matter="dibao")
    hall.call_next(1)
    hall.close()
    engine = create_engine(db_url)
    with engine.begin() as conn:  # what an older version left: times of day, no sequence table
        conn.execute(text("UPDATE tickets SET queue_pos = (36000000000 + number) * 67108864"))
        conn.execute(text("DROP TABLE day_sequences"))
        conn.execute(text("DROP TABLE alembic_version"))  # and from before the migrations
        if engine.dialect.name == "postgresql":
            conn.execute(text("COMMENT ON TABLE tickets IS NULL"))
    engine.dispose()
    upgraded = Hall.open(hall.config, db=db_url, clock=clock)
    clock.advance(minutes=5)
    later = upgraded.issue("A", matter="dibao")
    assert later.ahead == 2
    called = [upgraded.call_next(1) for _ in range(3)]
    assert [t.label for t in called if t] == ["A002", "A003", "A004"]
    upgraded.close()
