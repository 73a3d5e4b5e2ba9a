"""The database engine: SQLite file by default, any SQLAlchemy URL otherwise.

SQLite runs in WAL mode with a busy timeout, and every write transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers queue on the lock instead of failing with
"database is locked" halfway through a read-then-write; writers of one file also queue on an OS
file lock first (``writelock.py``) so they do not sleep in SQLite's busy handler.
Database failures become :class:`StoreError` with a message for people; the detail is logged.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

import servicehall.queue.clerks  # noqa: F401  (registers the clerk accounts table)
import servicehall.queue.outbox  # noqa: F401  (registers the SMS registrations and outbox)
from servicehall.queue import tables  # registers the tables on SQLModel.metadata
from servicehall.queue.errors import StoreError, UnknownInput
from servicehall.queue.writelock import WriteLock, WriteLockTimeout

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
_WRITE = "servicehall_write"


def data_dir() -> Path:
    """Where the embedded database and the logs live (``$SERVICEHALL_HOME`` overrides)."""
    path = Path(os.environ.get("SERVICEHALL_HOME") or user_data_dir("servicehall", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_url() -> str:
    return os.environ.get("SERVICEHALL_DB") or f"sqlite:///{data_dir() / 'hall.db'}"


def _sqlite_engine(url: str) -> Engine:
    database = url.split(":///", 1)[1] if ":///" in url else ""
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        poolclass=NullPool if database in ("", ":memory:") else None,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


SUPPORTED = ("sqlite", "postgresql")


def make_engine(url: str | None = None) -> Engine:
    """An engine for an SQLite file or a PostgreSQL server; anything else is refused clearly."""
    url = url or default_url()
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise UnknownInput("store_bad_url", url=url) from exc
    if backend not in SUPPORTED:
        raise UnknownInput("store_bad_url", url=url)
    try:
        if backend == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, NoSuchModuleError) as exc:  # a driver name that is not installed
        raise UnknownInput("store_bad_url", url=url) from exc


def _is_transient(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return exc.connection_invalidated or any(
        word in text for word in ("locked", "busy", "could not serialize", "deadlock")
    )


class Store:
    """One engine plus the two kinds of transaction the core uses."""

    def __init__(self, url: str | None = None, *, retries: int = 2) -> None:
        self.url = url or default_url()
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self.retries = retries
        database = self.engine.url.database
        self._write_lock: AbstractContextManager[object] = (
            WriteLock(database, BUSY_TIMEOUT_MS / 1000)
            if self.dialect == "sqlite" and database and database != ":memory:"
            else nullcontext()
        )

    def create_schema(self) -> None:
        """Create missing tables and indexes; upgrade an older database in place.

        Changes so far are additive (a new table or index, a retired index dropped), which
        ``create_all`` plus ``_upgrade_indexes`` cover on SQLite and PostgreSQL alike.
        """
        with self._translated():
            SQLModel.metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                _upgrade_indexes(conn)
            if self.dialect == "sqlite":
                # keeps the query planner's statistics fresh as history grows (cheap when not)
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")

    def has_schema(self) -> bool:
        """Whether ``init`` has created the tables (the database itself is reachable)."""
        with self._translated():
            return inspect(self.engine).has_table("tickets")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            log.exception("database error on %s", self.safe_url())
            if "locked" in str(exc.orig).lower() or "busy" in str(exc.orig).lower():
                raise StoreError("store_busy") from exc
            raise StoreError("store_unavailable", detail=_short(exc)) from exc
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
                log.exception("permission denied on %s", self.safe_url())
                raise StoreError("store_denied", detail=_short(exc)) from exc
            if exc.connection_invalidated:
                log.exception("database connection lost on %s", self.safe_url())
                raise StoreError("store_unavailable", detail=_short(exc)) from exc
            raise

    def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, retrying a transient failure before it commits."""
        for attempt in range(self.retries + 1):
            try:
                with self._translated(), self.engine.connect() as conn:
                    conn = conn.execution_options(**{_WRITE: True})
                    # the lock covers the transaction only, not the pool's check-out and return
                    with self._write_lock, conn.begin():
                        return work(conn)
            except WriteLockTimeout as exc:
                log.error("another writer held %s too long", exc)
                raise StoreError("store_busy") from exc
            except StoreError as exc:
                cause = exc.__cause__
                if attempt == self.retries or not (
                    isinstance(cause, DBAPIError) and _is_transient(cause)
                ):
                    raise
                log.warning("transient database error, retry %d: %s", attempt + 1, cause)
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def read(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one read transaction (a consistent snapshot)."""
        with self._translated(), self.engine.connect() as conn, conn.begin():
            return work(conn)

    def safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()
        if isinstance(self._write_lock, WriteLock):
            self._write_lock.close()


def _upgrade_indexes(conn: Connection) -> None:
    """Add the indexes an older database lacks and drop the retired ones it still has (only
    what is there: a role that may open the hall but not drop things must get through)."""
    inspector = inspect(conn)
    for table in SQLModel.metadata.sorted_tables:
        present = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
        if table.name == "tickets":
            for name in present.intersection(tables.RETIRED_INDEXES):
                conn.exec_driver_sql(f"DROP INDEX {name}")


def _short(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0][:120]
