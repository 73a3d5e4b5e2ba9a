"""Follow the hall from a thread: wait on the change feed, then read what changed.

``Follower.step`` blocks for at most ``timeout`` seconds and returns a ``Snapshot`` when the hall
changed (or the day rolled over), ``Lost`` once when the database went away, or ``None``. It never
raises for a database problem: it drops the connection, retries every ``retry_s`` seconds and
catches up from the last event id it saw. On SQLite it also notices the file being removed or
replaced (an open connection would otherwise keep reading the deleted file).

Every screen app runs one (``ui.app_base.HallApp``): the display draws the calls, the kiosk the
queues, the clerk desk its window, the rating pad the finishes of its window (``new_events``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass

from servicehall.config import HallConfig
from servicehall.i18n import t
from servicehall.queue import (
    STORE_FAILURES,
    ChangeFeed,
    Clock,
    EventView,
    Hall,
    HallStatus,
    StoreError,
    default_url,
    sqlite_file,
)
from servicehall.ui.calls import Call, CallLog

log = logging.getLogger(__name__)

PAGE = 500


@dataclass(frozen=True)
class Snapshot:
    """The hall as it is now, the recent calls, and the calls made since the last snapshot."""

    status: HallStatus
    recent: tuple[Call, ...]
    new_calls: tuple[Call, ...] = ()
    fresh: bool = False  # first read after (re)connecting: nothing here is news
    new_events: tuple[EventView, ...] = ()  # every event since the last snapshot (none if fresh)
    cases_done: int | None = None  # cases finished today (None: not counted, or not allowed)


@dataclass(frozen=True)
class Lost:
    """The database cannot be read; ``last_seen`` is when the shown state was last true."""

    reason: str
    last_seen: dt.datetime | None


class Follower:
    """Keeps one connection and the change feed; reconnects by itself.

    ``create`` brings a missing database or an old schema to this version on connecting (the
    kiosk, which may be the first program on a new PC); the others only read what is there.
    ``hall`` is the open connection (None while the database is lost): an app that writes
    through it writes to the file the screen shows, also after a restore replaced it.
    """

    def __init__(
        self,
        config: HallConfig,
        db: str | None = None,
        clock: Clock | None = None,
        *,
        retry_s: float = 1.0,
        create: bool = False,
        enforce_hours: bool = True,
        refresh_s: float = 20.0,
        count_cases: bool = False,
    ) -> None:
        self.config = config
        self.url = db or default_url()
        self.clock = clock
        self.retry_s = retry_s
        self.create = create
        self.enforce_hours = enforce_hours
        self.refresh_s = refresh_s
        self.count_cases = count_cases
        """Count the cases finished today on each read (the display shows it)."""
        """Read again after this long without a change (the hall opens and closes by the clock)."""
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
        self._read_at = 0.0

    # ------------------------------------------------------------------ the loop's one step

    def step(self, timeout: float) -> Snapshot | Lost | None:
        try:
            return self._step(timeout)
        except STORE_FAILURES as exc:
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
        stale = time.monotonic() - self._read_at >= self.refresh_s
        if not changed and not stale and self.hall.today() == self.calls.day:
            return None
        return self._read(fresh=False)

    def close(self) -> None:
        self._disconnect()

    # ------------------------------------------------------------------ connecting

    def _connect(self) -> bool:
        """Open the hall; True when the event history must be read from the start of the day."""
        inode = self._stat_file(missing_ok=self.create)
        hall = Hall.open(
            self.config,
            db=self.url,
            clock=self.clock,
            create=self.create,
            enforce_hours=self.enforce_hours,
        )
        try:
            if inode is None:  # created just now
                inode = self._stat_file(missing_ok=True)
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

    def _stat_file(self, *, missing_ok: bool = False) -> int | None:
        if self.file is None:
            return None
        try:
            return os.stat(self.file).st_ino
        except FileNotFoundError:
            if missing_ok:
                return None
            missing = t("store_file_missing", path=self.file)
            raise StoreError("store_unavailable", detail=missing) from None

    def _check_file(self) -> None:
        if self.file is not None and self._stat_file() != self._inode:
            raise StoreError("store_unavailable", detail=t("store_file_replaced"))

    def _disconnect(self) -> None:
        if self._feed is not None:
            try:
                self._feed.close()
            except STORE_FAILURES:
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
        new, events = self._read_events(today if fresh else None)
        if fresh:
            if status.last_event_id > self._last_id:  # an earlier day's event: note its time too
                latest = self.hall.events(after=status.last_event_id - 1, limit=1)
                self._last_id, self._last_event = latest[0].id, latest[0]
        else:
            status = self.hall.status()
            if status.last_event_id < self._last_id:  # another (restored) database file
                return self._read(fresh=True)
        self._last_seen = status.now
        self._read_at = time.monotonic()
        done = self._cases_done()
        if fresh:
            return Snapshot(status, self.calls.recent, fresh=True, cases_done=done)
        return Snapshot(
            status, self.calls.recent, tuple(new), new_events=tuple(events), cases_done=done
        )

    def _cases_done(self) -> int | None:
        """Cases finished today when counted (the display), or None for a role granted before
        the display could count them."""
        if not self.count_cases:
            return None
        assert self.hall is not None
        try:
            return self.hall.cases_finished_today()
        except StoreError as exc:
            if exc.key != "store_denied":
                raise
            return None

    def _read_events(self, day: dt.date | None) -> tuple[list[Call], list[EventView]]:
        assert self.hall is not None
        new: list[Call] = []
        events: list[EventView] = []
        while True:
            batch = self.hall.events(after=self._last_id, limit=PAGE, day=day)
            if batch:
                self._last_id, self._last_event = batch[-1].id, batch[-1]
                new += self.calls.apply(batch)
                events += batch
            if len(batch) < PAGE:
                return new, events
