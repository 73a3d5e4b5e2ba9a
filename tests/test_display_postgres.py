"""The hall display on PostgreSQL: woken by LISTEN/NOTIFY, and back after the server drops it."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicehall.config import HallConfig
from servicehall.display.app import HallDisplay
from servicehall.display.bars import StatusLine
from servicehall.display.board import WindowBoard
from servicehall.queue import FixedClock, Hall
from servicehall.ui.follower import Follower, Snapshot

from support import postgres
from support.display import SIZE, shown_call, text_of
from support.waiting import until


def drop_every_connection(url: str) -> None:
    """What a server restart looks like to every client of the database."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": make_url(url).database},
        )
    engine.dispose()


async def test_display_follows_postgres_and_survives_a_server_restart(
    config: HallConfig, pg_db_url: str, clock: FixedClock
) -> None:
    hall = Hall.open(config, db=pg_db_url, clock=clock)
    hall.issue("A")
    hall.issue("A")
    hall.call_next(1)
    app = HallDisplay(config, pg_db_url, clock=clock, retry_s=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown_call(app) == "A001")
        drop_every_connection(pg_db_url)
        hall.call_next(1)  # the clerk's console reconnects by itself too
        await until(pilot, lambda: shown_call(app) == "A002" and app.lost is None)
        assert "A002" in text_of(app.query_one(WindowBoard))
        assert not app.query_one(StatusLine).display
    hall.close()


async def test_unreachable_server_is_said_on_screen(config: HallConfig, clock: FixedClock) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/servicehall"  # nothing listens on port 1
    app = HallDisplay(config, url, clock=clock, retry_s=0.2)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.lost is not None)
        assert "数据库连接中断" in app.query_one(StatusLine).message
        assert shown_call(app) is None
        await pilot.pause(0.5)  # retrying quietly: still one message, no crash
        assert app.is_running and app.lost is not None


def test_a_restored_database_with_as_many_events_is_read_afresh(
    config: HallConfig, pg_db_url: str, clock: FixedClock
) -> None:
    """The server comes back with another copy of the data (a restore) holding exactly as many
    events: the display must not take up after its old last event id and miss the new calls."""
    hall = Hall.open(config, db=pg_db_url, clock=clock)
    hall.issue("A")
    hall.call_next(1)
    follower = Follower(config, pg_db_url, clock, retry_s=0)
    first = follower.step(0.1)
    assert isinstance(first, Snapshot) and [c.label for c in first.recent] == ["A001"]
    drop_every_connection(pg_db_url)
    postgres.empty()  # the restored copy: same ids, different tickets
    hall.issue("B")
    hall.call_next(2)
    snapshot = None
    for _ in range(10):
        step = follower.step(0.2)
        if isinstance(step, Snapshot):
            snapshot = step
            if [c.label for c in step.recent] == ["B001"]:
                break
    assert snapshot is not None and [c.label for c in snapshot.recent] == ["B001"]
    follower.close()
    hall.close()
