"""Stored summaries of closed days: a report built from them says what the tickets say (figures
computed from the rows in plain Python, ``support.reports.figures_from_tickets``) and is the
report read live, figure for figure in every breakdown; a day the core has not closed, a changed
limit or a late rating is never taken from a stale summary; without the table (or the right to
use it) reports are read live. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Connection, select

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.queue.tables import REPORT_DAYS as R
from servicehall.reports import Period, build_report, summaries
from servicehall.reports import report as report_module
from servicehall.reports.queries import ticket_id
from servicehall.reports.simulate import simulate

from support.postgres import role_url
from support.reports import assert_report_says, figures_from_tickets, play_monday

MONDAY = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)
WEEK = Period(dt.date(2026, 11, 16), TUESDAY)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def history(hall: Hall, clock: FixedClock) -> Hall:
    """A simulated week, the hand-played Monday (transfer, no-show requeued and served, ratings,
    limits met and missed, a ticket left at the window, one left waiting), then Tuesday 09:00
    with one ticket issued and called, which closes Monday in the core."""
    simulate(hall, days=7, per_day=150, seed=3)
    play_monday(hall, clock)
    tuesday(hall, clock)
    hall.issue("A", "dibao")
    hall.call_next(1)
    return hall


def tuesday(hall: Hall, clock: FixedClock) -> None:
    clock.moment = dt.datetime(2026, 11, 24, 9, 0, tzinfo=hall.tz)


def expected(hall: Hall, period: Period) -> dict[str, Any]:
    """Totals and service rows computed from the ticket rows, not by the reports' code."""
    return figures_from_tickets(hall, period.start, period.end)


def live(hall: Hall, period: Period) -> dict[str, Any]:
    """The report read from the tickets alone (summaries not used): the other path through the
    reports' code, for the breakdowns ``expected`` does not compute (windows, clerks, hours)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(report_module, "summarised", lambda *args: {})
        return build_report(hall, period).as_dict()


def stored(hall: Hall) -> dict[dt.date, str]:
    """The stored days and their basis."""
    rows = hall.store.read(lambda conn: conn.execute(select(R.c.day, R.c.basis)).all())
    return {day: basis for day, basis in rows}


def test_stored_days_give_exactly_the_figures_of_the_tickets(history: Hall) -> None:
    truth = expected(history, WEEK)
    assert truth["totals"]["issued"] > 500 and truth["totals"]["served"] > 400
    assert truth["totals"]["limit_total"] > truth["totals"]["limit_met"] > 0
    first = build_report(history, WEEK).as_dict()  # fills the summaries
    assert_report_says(first, truth)
    assert first == live(history, WEEK)
    assert set(stored(history)) == set(WEEK.each_day()) - {TUESDAY}  # today stays live
    with pytest.MonkeyPatch.context() as patch:  # reads them back, measuring only today
        patch.setattr(summaries, "measure_days", None)
        assert build_report(history, WEEK).as_dict() == first
    for day in (MONDAY, dt.date(2026, 11, 20)):
        report = build_report(history, Period(day, day)).as_dict()
        assert_report_says(report, expected(history, Period(day, day)))
        assert report == live(history, Period(day, day))


def test_a_long_period_stores_a_few_latest_days_per_report(history: Hall) -> None:
    truth = expected(history, WEEK)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(summaries, "FILL_AT_MOST", 3)
        assert_report_says(build_report(history, WEEK).as_dict(), truth)
        assert set(stored(history)) == {dt.date(2026, 11, d) for d in (21, 22, 23)}
        assert_report_says(build_report(history, WEEK).as_dict(), truth)
        assert set(stored(history)) == {dt.date(2026, 11, d) for d in range(18, 24)}


def test_a_day_the_core_has_not_closed_is_read_live(hall: Hall, clock: FixedClock) -> None:
    hall.issue("A", "dibao")
    hall.call_next(1)  # still at the window when Monday ends
    tuesday(hall, clock)  # no call yet on Tuesday: the core has not closed Monday
    monday = Period(MONDAY, MONDAY)
    before = build_report(hall, monday).totals
    assert (before["in_service"], before["served"]) == (1, 0)
    assert stored(hall) == {}
    hall.issue("A", "dibao")
    hall.call_next(1)  # the core closes Monday: the ticket at the window counts as served
    after = build_report(hall, monday).as_dict()
    assert (after["totals"]["in_service"], after["totals"]["served"]) == (0, 1)
    assert_report_says(after, expected(hall, monday))
    assert set(stored(hall)) == {MONDAY}


def test_changed_limits_make_the_days_again(
    history: Hall, config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    first = build_report(history, WEEK, ("matter",))
    old_basis = stored(history)[MONDAY]
    # 低保 (A dibao) promised in 1 minute instead of 20: no service meets it any more
    services = [
        service.model_copy(
            update={
                "matters": [
                    m.model_copy(update={"limit_minutes": 1}) if m.code == "dibao" else m
                    for m in service.matters
                ]
            }
        )
        for service in config.services
    ]
    stricter = Hall.open(config.model_copy(update={"services": services}), db=db_url, clock=clock)
    report = build_report(stricter, WEEK, ("matter",))
    assert stored(stricter)[MONDAY] != old_basis
    dibao = next(row for row in report.rows("matter") if row["code"] == "dibao")
    before = next(row for row in first.rows("matter") if row["code"] == "dibao")
    assert before["limit_met"] > 0 and dibao["limit_met"] == 0
    assert_report_says(build_report(stricter, WEEK).as_dict(), expected(stricter, WEEK))
    stricter.close()


def test_a_late_rating_makes_the_day_again(history: Hall) -> None:
    monday = Period(MONDAY, MONDAY)
    assert build_report(history, monday).totals["satisfied"] == 1
    b001 = history.store.read(lambda conn: ticket_id(conn, history.code, MONDAY, "B001"))
    history.rate(b001, "satisfied")  # Tuesday morning, for Monday's ticket
    report = build_report(history, monday).as_dict()
    assert report["totals"]["satisfied"] == 2
    assert_report_says(report, expected(history, monday))
    assert_report_says(build_report(history, WEEK).as_dict(), expected(history, WEEK))


def test_simulate_drops_the_summary_of_a_day_it_fills(hall: Hall) -> None:
    friday = Period(dt.date(2026, 11, 20), dt.date(2026, 11, 20))
    assert build_report(hall, friday).empty  # stored as an empty day
    assert friday.start in stored(hall)
    simulate(hall, days=1, per_day=100, end=friday.end)
    report = build_report(hall, friday).as_dict()
    assert report["totals"]["issued"] > 50
    assert_report_says(report, expected(hall, friday))


def test_an_old_database_without_the_table_gets_it(history: Hall) -> None:
    def make_old(conn: Connection) -> None:  # from before the summaries, and before Alembic
        R.drop(conn)
        conn.exec_driver_sql("DROP TABLE alembic_version")

    history.store.write(make_old)
    assert_report_says(build_report(history, WEEK).as_dict(), expected(history, WEEK))
    assert MONDAY in stored(history)


@pytest.mark.parametrize("any_db_url", ["postgresql"], indirect=True)  # privileges are PG's
def test_a_role_without_the_summaries_reads_live(
    history: Hall, db_url: str, config: HallConfig, clock: FixedClock
) -> None:
    truth = expected(history, WEEK)
    with role_url(db_url, "window") as url:
        window = Hall.open(config, db=url, clock=clock)
        try:
            assert_report_says(build_report(window, WEEK).as_dict(), truth)
            assert stored(history) == {}
        finally:
            window.close()
