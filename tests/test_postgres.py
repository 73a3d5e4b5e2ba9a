"""PostgreSQL as the shared store of a multi-PC hall: least-privilege roles, several halls in one
database, and recovery when the server drops every connection."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError, UnknownInput

from support.postgres import role_url
from support.waiting import DEADLINE_S


@pytest.fixture
def pg(pg_db_url: str) -> str:
    return pg_db_url


def _admin(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture
def kiosk_url(pg: str, config: HallConfig, clock: FixedClock):  # type: ignore[no-untyped-def]
    Hall.open(config, db=pg, clock=clock).close()  # schema exists, owned by the admin
    with role_url(pg, "kiosk") as url:
        yield url


def test_kiosk_role_issues_but_cannot_touch_history(
    kiosk_url: str, pg: str, config: HallConfig, clock: FixedClock
) -> None:
    admin = Hall.open(config, db=pg, clock=clock)
    admin.issue("A", matter="dibao")
    admin.call_next(1)
    admin.finish(1)  # A001 is history now

    kiosk = Hall.open(config, db=kiosk_url, clock=clock)
    fresh = kiosk.issue("A", matter="dibao")
    assert fresh.label == "A002"
    assert kiosk.record_print(fresh.id, ok=False, detail="paper out").print_state == "failed"
    assert kiosk.cancel(fresh.id, reason="print failed").status == "cancelled"
    assert kiosk.record("kiosk_reload", reason="staff") > 0  # its own maintenance events
    assert kiosk.status().waiting("A") == 0

    with pytest.raises(StoreError) as denied:
        kiosk.call_next(1)
    assert "无权" in denied.value.message

    engine = create_engine(kiosk_url)
    with engine.connect() as conn:
        rewritten = conn.execute(text("UPDATE tickets SET status = 'waiting' WHERE label = 'A001'"))
        assert rewritten.rowcount == 0  # row security hides history from the kiosk's UPDATE
        conn.commit()
        for statement in (
            "DELETE FROM tickets",
            "UPDATE events SET kind = 'x'",
            "DELETE FROM events",
            "SELECT * FROM clerk_accounts",
            "UPDATE tickets SET finished_ts = 0",
        ):
            with pytest.raises(DBAPIError) as error:
                conn.execute(text(statement))
            assert getattr(error.value.orig, "sqlstate", None) == "42501", statement
            conn.rollback()
    engine.dispose()
    assert admin.ticket("A001").status == "finished"
    assert [e.kind for e in admin.events()].count("issue") == 2


def test_several_halls_share_one_database(pg: str, config: HallConfig, clock: FixedClock) -> None:
    other = config.model_copy(
        update={"hall": config.hall.model_copy(update={"code": "baisha", "name": "白沙镇"})}
    )
    qingshi = Hall.open(config, db=pg, clock=clock)
    baisha = Hall.open(other, db=pg, clock=clock)
    qingshi.issue("A", matter="dibao")
    qingshi.issue("A", matter="dibao")
    first_b = baisha.issue("A", matter="dibao")
    assert first_b.label == "A001"  # each hall numbers its own tickets
    assert baisha.call_next(1).label == "A001"  # type: ignore[union-attr]
    assert qingshi.status().waiting("A") == 2
    assert baisha.status().waiting("A") == 0
    assert {e.kind for e in baisha.events()} == {"issue", "call"}
    assert len(qingshi.events()) == 2
    with pytest.raises(UnknownInput):  # a hall cannot reach another hall's ticket
        qingshi.ticket(first_b.id)


def test_dropped_connections_recover_without_loss_or_duplicates(
    pg: str, config: HallConfig, clock: FixedClock
) -> None:
    hall = Hall.open(config, db=pg, clock=clock)
    display = Hall.open(config, db=pg, clock=clock)
    feed = display.watch()
    for _ in range(3):
        hall.issue("B", matter="yibao")
    assert feed.wait(DEADLINE_S) is True
    database = make_url(pg).database
    engine = _admin(pg)
    with engine.connect() as conn:  # what a server restart looks like to every client
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": database},
        )
    engine.dispose()
    numbers = [hall.issue("B", matter="yibao").number for _ in range(3)]
    assert numbers == [4, 5, 6]
    with pytest.raises(StoreError):
        feed.wait(DEADLINE_S)  # the display learns the connection is gone …
    assert feed.wait(DEADLINE_S) is True  # … reconnects, and is told to catch up
    assert display.status().waiting("B") == 6
    assert display.call_next(2).label == "B001"  # type: ignore[union-attr]
    feed.close()
