"""The county view: several halls in one database, one row each plus the total."""

from __future__ import annotations

import datetime as dt

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.reports.county import ALL_HALLS, county_rows
from servicehall.reports.period import Period

from support.cli import CliRun

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


def _two_halls(config: HallConfig, db_url: str, clock: FixedClock) -> tuple[Hall, Hall]:
    other = config.model_copy(
        update={"hall": config.hall.model_copy(update={"code": "baisha", "name": "白沙镇"})}
    )
    qingshi, baisha = (
        Hall.open(config, db=db_url, clock=clock),
        Hall.open(other, db=db_url, clock=clock),
    )
    for _ in range(3):
        qingshi.issue("A", matter="dibao")
    baisha.issue("B", matter="yibao")
    clock.advance(minutes=4)
    qingshi.call_next(1)
    clock.advance(minutes=6)
    qingshi.finish(1)
    qingshi.rate("A001", "basic")
    baisha.call_next(2)
    clock.advance(minutes=2)
    baisha.skip(2)
    return qingshi, baisha


def test_one_row_per_hall_and_a_total(config: HallConfig, db_url: str, clock: FixedClock) -> None:
    qingshi, _ = _two_halls(config, db_url, clock)
    rows = {r["hall"]: r for r in county_rows(qingshi.store, Period(DAY, DAY), DAY)}
    assert list(rows) == ["baisha", "qingshi", ALL_HALLS]
    assert (rows["qingshi"]["issued"], rows["qingshi"]["served"], rows["qingshi"]["waiting"]) == (
        3,
        1,
        2,
    )
    assert (rows["baisha"]["issued"], rows["baisha"]["no_show"]) == (1, 1)
    assert rows["qingshi"]["avg_wait_s"] == 240.0 and rows["qingshi"]["avg_service_s"] == 360.0
    assert rows["baisha"]["avg_wait_s"] == 600.0  # called 10 minutes after issue
    total = rows[ALL_HALLS]
    assert (total["issued"], total["served"], total["no_show"]) == (4, 1, 1)
    assert total["avg_wait_s"] == 420.0  # over the two called tickets, not an average of averages
    assert total["satisfaction_rate"] == 1.0 and total["rated"] == 1


def test_county_command(config: HallConfig, db_url: str, clock: FixedClock, cli: CliRun) -> None:
    _two_halls(config, db_url, clock)
    data = cli("--db", db_url, "report", "--county", "--day", DAY.isoformat(), "--json").json()
    assert [h["hall"] for h in data["halls"]] == ["baisha", "qingshi", ALL_HALLS]
    empty = cli("--db", db_url, "report", "--county", "--day", "2026-01-05")
    assert empty.returncode == 0 and "没有取号记录" in empty.stdout
