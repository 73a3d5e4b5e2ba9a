"""PostgreSQL for the tests: one database per test process, and least-privilege login roles.

The server comes from ``$SERVICEHALL_TEST_PG`` (``.ci/run`` always sets it), by default the one on
127.0.0.1:5432. Databases are per process (pytest-xdist runs one process per core) and roles,
which are cluster-wide, carry the process id and a counter, so test runs in other checkouts on
the same server never touch each other's.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from servicehall.queue.pg_security import run_statements
from servicehall.queue.roles import grant_statements
from servicehall.queue.schema import upgrade
from servicehall.queue.store import Store
from servicehall.queue.tables import hall_tables

SERVER = os.environ.get(
    "SERVICEHALL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/servicehall_test"
)
PG_URL = (
    make_url(SERVER)
    .set(database=f"{make_url(SERVER).database}_{os.getpid()}")
    .render_as_string(hide_password=False)
)
"""This process's test database."""
_role_numbers = itertools.count(1)


def prepare() -> str | None:
    """Create the test database afresh, migrated to this version; return why not when there is
    no server."""
    url = make_url(PG_URL)
    try:
        fresh_database(PG_URL)
        store = Store(PG_URL)
        upgrade(store)
        store.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means "no usable server here"
        return (
            f"PostgreSQL not reachable at {url.render_as_string()} ({type(exc).__name__}); "
            "run .ci/run (it installs and starts Debian's postgresql) or set SERVICEHALL_TEST_PG"
        )
    return None


def fresh_database(db_url: str) -> None:
    """An empty database of this name (an earlier one is dropped)."""
    drop(db_url)
    url = make_url(db_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()


def drop(db_url: str = PG_URL) -> None:
    if db_url == PG_URL and _engine.cache_info().currsize:
        _engine().dispose()
    url = make_url(db_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    admin.dispose()


@functools.cache
def _engine() -> Engine:
    """One connection pool to this process's test database, for emptying it between tests
    (pinged before use: some tests end every connection to the database)."""
    return create_engine(PG_URL, pool_pre_ping=True)


def empty() -> None:
    """Empty every hall table of the test database and restart its id sequences (roles stay
    bound). DELETE rather than TRUNCATE, on one kept connection: the tables hold a few rows
    between tests, and TRUNCATE makes new files for every table and index, which cost the server
    about 48 ms of CPU a test against 20 (and a new connection's start each time)."""
    tables = hall_tables()
    with _engine().begin() as conn:
        for table in tables:
            conn.execute(table.delete())
        sequences = conn.execute(
            text(
                "SELECT s.oid::regclass::text FROM pg_class s "
                "JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i') "
                "JOIN pg_class t ON t.oid = d.refobjid "
                "WHERE s.relkind = 'S' AND t.relname = ANY(:tables) "
                "AND t.relnamespace = to_regnamespace(current_schema())"
            ),
            {"tables": [table.name for table in tables]},
        ).scalars()
        for sequence in sequences:
            conn.execute(text("SELECT setval(:sequence, 1, false)"), {"sequence": sequence})


def role_name(kind: str) -> str:
    """A role name no other test process on the server uses at the same time."""
    return f"sh_test_{kind}_{os.getpid()}_{next(_role_numbers)}"


@contextmanager
def role_url(db_url: str, kind: str, hall: str = "qingshi") -> Iterator[str]:
    """The database URL as a fresh login role granted ``kind`` for ``hall`` (the schema must
    exist); the role is dropped afterwards."""
    name = role_name(kind)
    password = f"{kind}-pw"
    admin = create_engine(db_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'"))
        run_statements(conn, grant_statements(name, kind, hall))
    try:
        yield (
            make_url(db_url)
            .set(username=name, password=password)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :name"
                ),
                {"name": name},
            )
            conn.execute(text("DELETE FROM hall_roles WHERE role = :name"), {"name": name})
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()
