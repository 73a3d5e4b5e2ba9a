"""The change feed: let a process sleep until another process has changed the hall.

A feed only says "something may have changed"; the reader then asks ``Hall.events(after=id)``
for what, so a wake-up that was missed is caught up from the last event id seen.

- SQLite: poll ``PRAGMA data_version`` on a dedicated connection (microseconds a poll; it moves
  only when another connection commits), so an idle display costs next to nothing.
- PostgreSQL: ``LISTEN servicehall_<hall>``; every event insert sends ``pg_notify`` in the same
  transaction, so the watcher wakes when it commits. A lost connection raises ``StoreError`` (the
  screen says so); the next ``wait`` reconnects and answers True so the reader catches up.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from servicehall.queue.errors import StoreError
from servicehall.queue.store import Store

if TYPE_CHECKING:
    import psycopg

SQLITE_POLL_S = 0.02  # a data_version read costs microseconds; 50 a second is next to nothing


class ChangeFeed(Protocol):
    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True when something may have changed."""
        ...

    def close(self) -> None: ...


class SQLiteFeed:
    """Wakes when another connection commits to the SQLite file (``PRAGMA data_version``)."""

    interval = SQLITE_POLL_S

    def __init__(self, store: Store) -> None:
        self._conn = store.engine.raw_connection()
        self._seen = self._version()

    def _version(self) -> int:
        cursor = self._conn.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            (version,) = cursor.fetchone() or (0,)
            return int(version)
        finally:
            cursor.close()

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            version = self._version()
            if version != self._seen:
                self._seen = version
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            time.sleep(min(self.interval, remaining))

    def close(self) -> None:
        self._conn.close()


class PostgresFeed:
    """Wakes on NOTIFY from any process writing to the hall; reconnects after a lost server."""

    def __init__(self, store: Store, hall: str, connect_timeout_s: int = 3) -> None:
        import psycopg  # imported here: it costs ~0.3 s and SQLite halls never need it

        self._psycopg = psycopg
        self._conninfo = store.engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        self._channel = f"servicehall_{hall}"
        self._connect_timeout_s = connect_timeout_s
        self._conn: psycopg.Connection | None = None
        try:
            self._connect()
        except psycopg.OperationalError:
            self._conn = None  # the first wait() tries again

    def _connect(self) -> None:
        conn = self._psycopg.connect(
            self._conninfo, autocommit=True, connect_timeout=self._connect_timeout_s
        )
        listen = self._psycopg.sql.SQL("LISTEN {}").format(
            self._psycopg.sql.Identifier(self._channel)
        )
        conn.execute(listen)
        self._conn = conn

    def wait(self, timeout: float) -> bool:
        try:
            if self._conn is None:
                self._connect()
                return True  # whatever happened while disconnected must be read now
            woke = any(True for _ in self._conn.notifies(timeout=timeout, stop_after=1))
            if woke:
                for _ in self._conn.notifies(timeout=0):
                    pass  # one wake-up covers every event already committed
            return woke
        except self._psycopg.OperationalError as exc:
            self.close()
            raise StoreError("store_unavailable", detail=str(exc).strip()[:120]) from exc

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def open_feed(store: Store, hall: str) -> ChangeFeed:
    if store.dialect == "sqlite":
        return SQLiteFeed(store)
    return PostgresFeed(store, hall)  # the store accepts only SQLite and PostgreSQL
