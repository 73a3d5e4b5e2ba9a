"""Shared fixtures: the sample hall on a real SQLite file, with a clock the test controls."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from servicehall.config import HallConfig, load_config
from servicehall.queue import FixedClock, Hall

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
# Monday 23 Nov 2026, 10:00 in the hall: open, not a market day (圩日 end in 1, 4, 7).
OPEN_MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
MARKET_TUESDAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test's data directory, logs and default database out of the user's home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SERVICEHALL_HOME", str(home))
    monkeypatch.delenv("SERVICEHALL_DB", raising=False)
    monkeypatch.delenv("SERVICEHALL_CONFIG", raising=False)
    monkeypatch.delenv("SERVICEHALL_IGNORE_HOURS", raising=False)
    monkeypatch.setenv("SERVICEHALL_LANG", "zh")
    return home


@pytest.fixture
def config() -> HallConfig:
    return load_config(None)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(OPEN_MONDAY)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hall.db'}"


@pytest.fixture
def hall(config: HallConfig, db_url: str, clock: FixedClock) -> Iterator[Hall]:
    opened = Hall.open(config, db=db_url, clock=clock)
    yield opened
    opened.close()


# ---------------------------------------------------------------- both backends for the core suite
# A core test module opts in by overriding `db_url` with `any_db_url` (see
# tests/test_queue_operations.py). PostgreSQL comes from $SERVICEHALL_TEST_PG, by
# default the server on 127.0.0.1:5432 that `.ci/run` starts; without one those tests skip.

_PG_SERVER = os.environ.get(
    "SERVICEHALL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/servicehall_test"
)
# one database per test session, so two test runs on one machine never truncate each other's rows
PG_URL = (
    make_url(_PG_SERVER)
    .set(database=f"{make_url(_PG_SERVER).database}_{os.getpid()}")
    .render_as_string(hide_password=False)
)


def _prepare_postgres() -> str | None:
    """Create the test database with a fresh schema; return why not when there is no server."""
    from sqlalchemy import create_engine, text
    from sqlmodel import SQLModel

    from servicehall.queue import store  # noqa: F401  (registers every table)

    url = make_url(PG_URL)
    try:
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            ).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
        admin.dispose()
        engine = create_engine(url)
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "no usable server here"
        return (
            f"PostgreSQL not reachable at {url.render_as_string()} ({type(exc).__name__}); "
            "run .ci/run (it installs and starts Debian's postgresql) or set SERVICEHALL_TEST_PG"
        )
    return None


def _drop_postgres() -> None:
    from sqlalchemy import create_engine, text

    url = make_url(PG_URL)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    reason = _prepare_postgres()
    if reason:
        pytest.skip(reason)
    yield PG_URL
    _drop_postgres()


def _truncate_postgres() -> None:
    from sqlalchemy import create_engine, text
    from sqlmodel import SQLModel

    engine = create_engine(PG_URL)
    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def pg_db_url(postgres_url: str) -> str:
    """The PostgreSQL test database, emptied for this test."""
    _truncate_postgres()
    return postgres_url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hall.db'}"
    return str(request.getfixturevalue("pg_db_url"))
