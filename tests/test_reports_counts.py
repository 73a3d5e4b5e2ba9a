"""Report figures against a day played through the real core, every number worked by hand,
on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.queue.clerks import save_clerk
from servicehall.reports import Period, build_report, day_report
from servicehall.reports.durations import rank

from support.reports import play_monday

MONDAY = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every count here is checked on SQLite and on PostgreSQL (when a server is running)."""
    return any_db_url


@pytest.fixture
def monday(hall: Hall, clock: FixedClock) -> Hall:
    play_monday(hall, clock)
    return hall


def by_key(rows: list[dict], key: str) -> dict:
    return {row[key]: row for row in rows}


def test_totals_of_the_day(monday: Hall) -> None:
    t = day_report(monday, MONDAY).totals
    counts = {k: t[k] for k in ("issued", "served", "no_show", "transferred", "cancelled")}
    assert counts == {"issued": 8, "served": 4, "no_show": 1, "transferred": 1, "cancelled": 1}
    assert (t["expired"], t["waiting"], t["in_service"]) == (0, 1, 1)
    # waits 120, 300, 840, 900, 1080, 3240: mean 1080, nearest-rank median (3rd) 840, p90 (6th)
    assert (t["avg_wait_s"], t["median_wait_s"], t["p90_wait_s"]) == (1080.0, 840.0, 3240.0)
    # service 240, 540, 600, 1080: mean 615, median (2nd) 540, p90 (4th) 1080
    assert (t["avg_service_s"], t["median_service_s"], t["p90_service_s"]) == (615.0, 540.0, 1080.0)
    assert (t["limit_total"], t["limit_met"], t["limit_rate"]) == (4, 3, 0.75)
    assert (t["satisfied"], t["basic"], t["unsatisfied"], t["rated"]) == (1, 1, 1, 3)
    assert t["satisfaction_rate"] == 0.6667


def test_per_service_counts_a_transfer_once_under_its_first_service(monday: Hall) -> None:
    services = by_key(day_report(monday, MONDAY).rows("service"), "code")
    assert list(services) == ["A", "B", "C"]
    a, b, c = services["A"], services["B"], services["C"]
    assert (a["issued"], a["served"], a["no_show"], a["cancelled"]) == (3, 2, 0, 1)
    assert (a["avg_wait_s"], a["median_wait_s"], a["p90_wait_s"]) == (570.0, 300.0, 840.0)
    assert (a["median_service_s"], a["p90_service_s"]) == (600.0, 1080.0)
    assert (b["issued"], b["served"], b["transferred"], b["waiting"]) == (3, 2, 1, 1)
    assert (c["issued"], c["served"], c["no_show"], c["in_service"]) == (2, 0, 1, 1)
    assert (c["median_wait_s"], c["p90_wait_s"], c["median_service_s"]) == (120.0, 3240.0, None)
    assert a["name"] == "民政"


def test_per_window_and_clerk_count_transfers_made_there(monday: Hall) -> None:
    report = day_report(monday, MONDAY)
    windows = by_key(report.rows("window"), "number")
    assert list(windows) == [1, 2, 4, 13]
    assert (windows[1]["issued"], windows[1]["served"], windows[1]["transferred"]) == (2, 2, 0)
    assert (windows[2]["issued"], windows[2]["served"], windows[2]["transferred"]) == (1, 1, 1)
    assert (windows[4]["served"], windows[4]["in_service"]) == (1, 1)
    assert windows[13]["no_show"] == 1
    clerks = by_key(report.rows("clerk"), "clerk")
    assert {k: v["transferred"] for k, v in clerks.items()} == {
        "z01": 0,
        "z02": 1,
        "z04": 0,
        "z13": 0,
    }
    assert clerks["z04"]["median_service_s"] == 240.0
    assert clerks["z01"]["name"] == ""


def test_clerks_are_named_from_their_accounts(monday: Hall) -> None:
    save_clerk(monday.store, monday.code, "z01", "王芳", "2468")
    clerks = by_key(day_report(monday, MONDAY).rows("clerk"), "clerk")
    assert (clerks["z01"]["name"], clerks["z02"]["name"]) == ("王芳", "")


def test_per_matter_uses_each_matters_promised_limit(monday: Hall) -> None:
    matters = {(r["service"], r["code"]): r for r in day_report(monday, MONDAY).rows("matter")}
    assert matters[("A", "dibao")]["limit_rate"] == 1.0
    assert matters[("A", "gaoling")]["limit_rate"] == 0.0
    assert matters[("A", "linshi")]["limit_rate"] is None  # cancelled: nothing to measure
    assert matters[("A", "gaoling")]["name"] == "高龄补贴"
    assert matters[("B", "yibao")]["issued"] == 2


def test_arrivals_by_hour_cover_opening_hours(monday: Hall) -> None:
    hours = by_key(day_report(monday, MONDAY).rows("hour"), "hour")
    assert list(hours) == [8, 9, 10, 11, 14, 15, 16, 17]
    assert (hours[10]["issued"], hours[11]["issued"], hours[9]["issued"]) == (7, 1, 0)
    assert hours[10]["label"] == "10:00-11:00"


def test_next_day_expires_the_waiting_and_keeps_no_shows(monday: Hall, clock: FixedClock) -> None:
    clock.moment = dt.datetime(2026, 11, 24, 9, 0, tzinfo=clock.moment.tzinfo)
    monday.issue("A", "dibao")
    t = day_report(monday, MONDAY).totals
    assert (t["waiting"], t["expired"], t["no_show"], t["issued"]) == (0, 1, 1, 8)
    both = build_report(monday, Period(MONDAY, TUESDAY)).totals
    assert (both["issued"], both["waiting"]) == (9, 1)
    assert by_key(day_report(monday, TUESDAY).rows("hour"), "hour")[9]["issued"] == 1


def test_empty_day(hall: Hall) -> None:
    report = day_report(hall, MONDAY)
    assert report.empty
    assert report.totals["issued"] == 0
    assert report.totals["avg_wait_s"] is None
    assert report.rows("service") == []
    assert all(row["issued"] == 0 for row in report.rows("hour"))


def test_midnight_in_shanghai_splits_the_days(config: HallConfig, db_url: str) -> None:
    """16:00 UTC is midnight in Asia/Shanghai: 15:50 UTC is Monday 23:50, 16:10 is Tuesday."""
    clock = FixedClock(dt.datetime(2026, 11, 23, 15, 50, tzinfo=dt.UTC))
    hall = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    late = hall.issue("A", "dibao")
    clock.advance(minutes=20)
    early = hall.issue("A", "dibao")
    assert (late.day, early.day, early.number) == (MONDAY, TUESDAY, 1)
    monday, tuesday = day_report(hall, MONDAY), day_report(hall, TUESDAY)
    assert (monday.totals["issued"], monday.totals["expired"]) == (1, 1)
    assert (tuesday.totals["issued"], tuesday.totals["waiting"]) == (1, 1)
    assert by_key(monday.rows("hour"), "hour")[23]["issued"] == 1
    assert by_key(tuesday.rows("hour"), "hour")[0]["issued"] == 1
    both = build_report(hall, Period(MONDAY, TUESDAY))
    assert both.totals["issued"] == 2
    hall.close()


@pytest.mark.parametrize(
    ("n", "point", "expected"),
    [(1, 50, 1), (2, 50, 1), (3, 50, 2), (4, 90, 4), (10, 90, 9), (11, 90, 10), (5, 50, 3)],
)
def test_nearest_rank(n: int, point: int, expected: int) -> None:
    assert rank(n, point) == expected


def test_hours_follow_daylight_saving(config: HallConfig, db_url: str) -> None:
    """A hall in a zone with DST: 10:00 local is 10:00 on both sides of the change (29 Mar)."""
    berlin = config.hall.model_copy(update={"timezone": "Europe/Berlin"})
    hall = Hall.open(config.model_copy(update={"hall": berlin}), db=db_url, enforce_hours=False)
    for day in (27, 30):
        hall.clock = FixedClock(dt.datetime(2026, 3, day, 10, 0, tzinfo=hall.tz))
        hall.issue("A", "dibao")
    hours = build_report(hall, Period(dt.date(2026, 3, 27), dt.date(2026, 3, 30))).rows("hour")
    assert {row["hour"]: row["issued"] for row in hours if row["issued"]} == {10: 2}
    hall.close()
