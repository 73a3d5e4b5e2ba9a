"""Follow the hall from a thread: wait on the change feed, then read what changed.

``Follower.step`` blocks for at most ``timeout`` seconds and returns a ``Snapshot`` when the hall
changed (or the day rolled over), ``Lost`` once when the database went away, or ``None``. It never
raises for a database problem: it drops the connection, retries every ``retry_s`` seconds and
catches up from the last event id it saw. On SQLite it also notices the file being removed or
replaced (an open connection would otherwise keep reading the deleted file).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from servicehall.config import HallConfig
from servicehall.display.calls import Call, CallLog
from servicehall.queue import (
    ChangeFeed,
    Clock,
    EventView,
    Hall,
    HallStatus,
    StoreError,
    default_url,
)

log = logging.getLogger(__name__)

FAILURES = (StoreError, SQLAlchemyError, sqlite3.Error, OSError)
PAGE = 500
# data_version costs microseconds to read; 20 ms keeps call-to-screen well under 150 ms


@dataclass(frozen=True)
class Snapshot:
    """The hall as it is now, the recent calls, and the calls made since the last snapshot."""

    status: HallStatus
    recent: tuple[Call, ...]
    new_calls: tuple[Call, ...] = ()
    fresh: bool = False  # first read after (re)connecting: nothing here is news
    cases_done: int | None = None  # cases finished today (None: this role may not read cases)


@dataclass(frozen=True)
class Lost:
    """The database cannot be read; ``last_seen`` is when the shown state was last true."""

    reason: str
    last_seen: dt.datetime | None


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


class Follower:
    """Keeps one reading connection and the change feed; reconnects by itself."""

    def __init__(
        self,
        config: HallConfig,
        db: str | None = None,
        clock: Clock | None = None,
        *,
        retry_s: float = 1.0,
    ) -> None:
        self.config = config
        self.url = db or default_url()
        self.clock = clock
        self.retry_s = retry_s
        self.file = sqlite_file(self.url)
        self.calls = CallLog(
            config.display.recent_calls, {w.number: w.name for w in config.windows}
        )
        self.hall: Hall | None = None
        self._feed: ChangeFeed | None = None
        self._inode: int | None = None
        self._last_id = 0
        self._last_event: EventView | None = None  # event ``_last_id`` as it was read
        self._last_seen: dt.datetime | None = None
        self._lost = False
        self._retry_at = 0.0

    # ------------------------------------------------------------------ the loop's one step

    def step(self, timeout: float) -> Snapshot | Lost | None:
        try:
            return self._step(timeout)
        except FAILURES as exc:
            return self._lose(exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not freeze the hall's TV
            log.exception("unexpected error while following the hall")
            return self._lose(exc)

    def _step(self, timeout: float) -> Snapshot | None:
        if self.hall is None:
            wait = self._retry_at - time.monotonic()
            if wait > 0:
                time.sleep(min(wait, timeout))
                return None
            fresh = self._connect()
            return self._read(fresh=fresh)
        self._check_file()
        assert self._feed is not None
        changed = self._feed.wait(timeout)
        if not changed and self.hall.today() == self.calls.day:
            return None
        return self._read(fresh=False)

    def close(self) -> None:
        self._disconnect()

    # ------------------------------------------------------------------ connecting

    def _connect(self) -> bool:
        """Open the hall; True when the event history must be read from the start of the day."""
        inode = self._stat_file()
        hall = Hall.open(self.config, db=self.url, clock=self.clock, create=False)
        try:
            feed = hall.watch()
        except BaseException:
            hall.close()
            raise
        try:
            replaced = self._last_id != 0 and not self._still_there(hall)
        except BaseException:
            feed.close()
            hall.close()
            raise
        self.hall, self._feed, self._inode = hall, feed, inode
        if self._lost:
            log.info("database back: %s", hall.store.safe_url())
        self._lost = False
        return self._last_id == 0 or replaced

    def _still_there(self, hall: Hall) -> bool:
        """Whether the last event read is in this database, unchanged: if not, the database was
        replaced or restored (a new file may even reuse the old file's inode number)."""
        seen = hall.events(after=self._last_id - 1, limit=1)
        return bool(seen) and seen[0] == self._last_event

    def _stat_file(self) -> int | None:
        if self.file is None:
            return None
        try:
            return os.stat(self.file).st_ino
        except FileNotFoundError:
            raise StoreError("store_unavailable", detail=f"找不到数据库文件 {self.file}") from None

    def _check_file(self) -> None:
        if self.file is not None and self._stat_file() != self._inode:
            raise StoreError("store_unavailable", detail="数据库文件已被替换")

    def _disconnect(self) -> None:
        if self._feed is not None:
            try:
                self._feed.close()
            except FAILURES:
                log.debug("closing the change feed failed", exc_info=True)
            self._feed = None
        if self.hall is not None:
            self.hall.close()
            self.hall = None

    def _lose(self, exc: BaseException) -> Lost | None:
        self._disconnect()
        self._retry_at = time.monotonic() + self.retry_s
        if self._lost:
            return None
        self._lost = True
        log.warning("database lost: %s", exc, exc_info=not isinstance(exc, StoreError))
        reason = exc.message if isinstance(exc, StoreError) else str(exc)
        return Lost(reason, self._last_seen)

    # ------------------------------------------------------------------ reading

    def _read(self, *, fresh: bool) -> Snapshot:
        """Events after the last id seen, then the status (so the status is never older).

        A fresh read takes the status first: every event up to its ``last_event_id`` is either
        today's (read below) or an earlier day's (not needed), so reading resumes after it.
        """
        assert self.hall is not None
        today = self.hall.today()
        if fresh:
            self._last_id = 0
            self.calls = CallLog(self.calls.limit, self.calls.window_names)
            status = self.hall.status()
        self.calls.start_day(today)
        new = self._read_events(today if fresh else None)
        if fresh:
            if status.last_event_id > self._last_id:  # an earlier day's event: note its time too
                latest = self.hall.events(after=status.last_event_id - 1, limit=1)
                self._last_id, self._last_event = latest[0].id, latest[0]
        else:
            status = self.hall.status()
            if status.last_event_id < self._last_id:  # another (restored) database file
                return self._read(fresh=True)
        self._last_seen = status.now
        done = self._cases_done()
        return Snapshot(status, self.calls.recent, () if fresh else tuple(new), fresh, done)

    def _cases_done(self) -> int | None:
        """Cases finished today, or None for a role granted before the display could count them."""
        assert self.hall is not None
        try:
            return self.hall.cases_finished_today()
        except StoreError as exc:
            if exc.key != "store_denied":
                raise
            return None

    def _read_events(self, day: dt.date | None) -> list[Call]:
        assert self.hall is not None
        new: list[Call] = []
        while True:
            batch = self.hall.events(after=self._last_id, limit=PAGE, day=day)
            if batch:
                self._last_id, self._last_event = batch[-1].id, batch[-1]
                new += self.calls.apply(batch)
            if len(batch) < PAGE:
                return new
