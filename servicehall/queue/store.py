"""The database engine: SQLite file by default, any SQLAlchemy URL otherwise.

SQLite runs in WAL mode with a busy timeout, and every write transaction starts with
``BEGIN IMMEDIATE`` so concurrent writers queue on the lock instead of failing with
"database is locked" halfway through a read-then-write; writers of one file also queue on an OS
file lock first (``writelock.py``) so they do not sleep in SQLite's busy handler.
Database failures become :class:`StoreError` with a message for people; the detail is logged.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from servicehall.datadir import default_url
from servicehall.queue.errors import StoreError, UnknownInput
from servicehall.queue.writelock import WriteLock, WriteLockTimeout

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
_WRITE = "servicehall_write"

STORE_FAILURES: tuple[type[BaseException], ...] = (
    StoreError,
    SQLAlchemyError,
    sqlite3.Error,
    OSError,
)
"""What reading a hall may raise when the database is gone, busy or replaced: a process that
follows the hall catches these (and only these) to reconnect, without knowing SQLAlchemy."""


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database or ""
    if database in ("", ":memory:"):
        # each connection would get its own empty database: nothing would ever be kept
        raise UnknownInput("store_no_file", url=url)
    try:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("store_unavailable", detail=f"{database}: {exc.strerror}") from exc
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
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
            if self.dialect == "sqlite" and database
            else nullcontext()
        )

    def has_schema(self) -> bool:
        """Whether the hall's tables exist (the database itself is reachable)."""
        with self._translated():
            return inspect(self.engine).has_table("tickets")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            error = _for_people(exc, self.engine.url.database or "")
            if error is None:
                raise
            log.exception("database error on %s", self.safe_url())
            raise error from exc

    def write(self, work: Callable[[Connection], T], *, wait_s: float | None = None) -> T:
        """Run ``work`` in one write transaction, retrying a transient failure before it commits.
        On SQLite another writer is waited for up to ``wait_s`` (by default the busy time-out,
        ``BUSY_TIMEOUT_MS``), then ``store_busy`` is raised."""
        for attempt in range(self.retries + 1):
            try:
                with self._translated(), self.engine.connect() as conn:
                    conn = conn.execution_options(**{_WRITE: True})
                    # the lock covers the transaction only, not the pool's check-out and return
                    with self._locked(wait_s), conn.begin():
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

    def _locked(self, wait_s: float | None) -> AbstractContextManager[object]:
        if wait_s is None or not isinstance(self._write_lock, WriteLock):
            return self._write_lock
        return self._write_lock.waiting(wait_s)

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


# SQLSTATEs and SQLite messages that mean something a person can act on
_FULL = ("database or disk is full", "no space left on device", "disk full")
_CORRUPT = ("file is not a database", "database disk image is malformed", "malformed database")
_SCHEMA = ("no such column", "no such table", "has no column named")


def _for_people(exc: DBAPIError, database: str) -> StoreError | UnknownInput | None:
    """The error a person gets for a database failure, or None for a programming error."""
    text = str(exc.orig).lower()
    state = getattr(exc.orig, "sqlstate", None) or ""
    if state == "53100" or any(word in text for word in _FULL):
        return StoreError("store_full")
    if any(word in text for word in _CORRUPT):
        return StoreError("store_corrupt", file=database)
    if state in ("42703", "42P01") or any(word in text for word in _SCHEMA):
        return StoreError("store_schema_changed", detail=_short(exc))
    if state == "42501":  # insufficient_privilege (a grant, a row policy or a guard)
        return StoreError("store_denied", detail=_short(exc))
    if state.startswith("22"):  # data exception: a value too long or out of range
        return UnknownInput("store_bad_value", detail=_short(exc))
    if isinstance(exc, OperationalError):
        if "locked" in text or "busy" in text:
            return StoreError("store_busy")
        return StoreError("store_unavailable", detail=_short(exc))
    if exc.connection_invalidated:
        return StoreError("store_unavailable", detail=_short(exc))
    return None


def _short(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0][:120]
