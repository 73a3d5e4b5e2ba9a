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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_dir
from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    event,
    exists,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlmodel import SQLModel

import servicehall.queue.clerks  # noqa: F401  (registers the clerk accounts table)
import servicehall.queue.lockouts  # noqa: F401  (registers the PIN lock-out table)
import servicehall.queue.outbox  # noqa: F401  (registers the SMS registrations and outbox)
from servicehall.queue import pg_security, tables  # tables registers them on SQLModel.metadata
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
            if self.dialect == "sqlite" and database
            else nullcontext()
        )

    def create_schema(self) -> None:
        """Create missing tables and indexes; upgrade an older database in place; refuse a
        database whose tables lack a column this version uses (renamed or dropped by hand).

        Changes so far are additive (a new table or index, a retired index dropped), which
        ``create_all`` plus ``_upgrade_indexes`` cover on SQLite and PostgreSQL alike; on
        PostgreSQL the issuing function and the guards of ``pg_security`` are installed too.
        A database from before ``day_sequences`` gets its open days numbered once.
        """
        with self._translated():
            had_sequences = inspect(self.engine).has_table("day_sequences")
            SQLModel.metadata.create_all(self.engine)
            if not had_sequences:
                self.write(_number_open_days)
            with self.engine.begin() as conn:
                _check_columns(conn)
                _upgrade_indexes(conn)
                if self.dialect == "postgresql":
                    pg_security.ensure(conn)
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
        except DBAPIError as exc:
            error = _for_people(exc, self.engine.url.database or "")
            if error is None:
                raise
            log.exception("database error on %s", self.safe_url())
            raise error from exc

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


def _number_open_days(conn: Connection) -> None:
    """Upgrade: queue positions were times of day; number each day that still has tickets in the
    queue by its old order, so the tickets issued from now on go behind them."""
    t, s = tables.Ticket.__table__, tables.DaySequence.__table__
    open_days = conn.execute(
        select(t.c.hall, t.c.day)
        .where(t.c.status.in_((tables.WAITING, tables.NO_SHOW, tables.CALLED)))
        .where(~exists().where(s.c.hall == t.c.hall, s.c.day == t.c.day))
        .distinct()
    ).all()
    for hall, day in open_days:
        ids = conn.execute(
            select(t.c.id).where(t.c.hall == hall, t.c.day == day).order_by(t.c.queue_pos, t.c.id)
        ).scalars()
        positions = [
            {"b_id": ticket_id, "queue_pos": seq << tables.QUEUE_SHIFT}
            for seq, ticket_id in enumerate(ids, start=1)
        ]
        conn.execute(update(t).where(t.c.id == bindparam("b_id")), positions)
        conn.execute(insert(s).values(hall=hall, day=day, last_seq=len(positions)))


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


SQLITE_COLUMNS = (
    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
    "WHERE m.type = 'table'"
)
_PG_COLUMNS = (
    "SELECT c.relname, a.attname FROM pg_attribute a "
    "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
    "AND a.attnum > 0 AND NOT a.attisdropped"
)


def _check_columns(conn: Connection) -> None:
    """Every column this version uses must be there (one catalogue query for all tables)."""
    query = _PG_COLUMNS if conn.dialect.name == "postgresql" else SQLITE_COLUMNS
    check_columns(conn.exec_driver_sql(query).all())


def check_columns(live_columns: Iterable[Sequence[str]]) -> None:
    """Refuse a database (or a backup) whose ``(table, column)`` pairs lack one this version
    uses; columns it does not know are fine (a newer version may have added them)."""
    live: dict[str, set[str]] = {}
    for table, column in live_columns:
        live.setdefault(table, set()).add(column)
    for table in SQLModel.metadata.sorted_tables:
        missing = [c.name for c in table.columns if c.name not in live.get(table.name, ())]
        if missing:
            raise StoreError("store_schema", table=table.name, columns="、".join(missing))


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
