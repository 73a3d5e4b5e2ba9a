"""One thread per phone server follows the hall and publishes its picture to the event loop.

200 phones following their pages must not mean 200 database pollers: this thread alone waits on
the change feed (``Hall.watch``), reads the events since the last one seen (which tickets they
touched), the hall's status and every waiting ticket's wait (``Hall.queue_waits``, one read),
and hands the :class:`Picture` to the event loop, where every live page waits for the next one.
It also re-reads every ``refresh_s`` (waits move with the clock) and when the day changes. A lost
database is published once (``Picture.lost``) and retried every ``retry_s``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from servicehall.config import HallConfig
from servicehall.phone.state import Picture
from servicehall.queue import ChangeFeed, Clock, Hall, StoreError

log = logging.getLogger(__name__)

PAGE = 500
HISTORY = 256
"""Pictures whose touched tickets are remembered (a page further behind re-reads its ticket)."""


class HallWatch:
    """Follows the hall in a thread; ``picture`` is the latest, ``next_picture`` waits for one."""

    def __init__(
        self,
        config: HallConfig,
        db: str | None,
        clock: Clock | None = None,
        *,
        wake_s: float = 0.5,
        refresh_s: float = 30.0,
        retry_s: float = 1.0,
    ) -> None:
        self.config = config
        self.db = db
        self.clock = clock
        self.wake_s = wake_s
        self.refresh_s = refresh_s
        self.retry_s = retry_s
        self.picture = Picture(0)
        self._history: deque[tuple[int, frozenset[int] | None]] = deque(maxlen=HISTORY)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._next: asyncio.Future[Picture] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._hall: Hall | None = None
        self._feed: ChangeFeed | None = None
        self._last_id = 0
        self._generation = 0
        self._lost = False
        self._read_at: dt.datetime | None = None

    # ------------------------------------------------------------------ the event loop's side

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._next = loop.create_future()
        self._thread = threading.Thread(target=self._run, name="phone-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    async def next_picture(self, after: int, timeout: float) -> Picture | None:
        """The first picture newer than generation ``after``; None after ``timeout`` seconds."""
        if self.picture.generation > after:
            return self.picture
        assert self._next is not None
        try:
            return await asyncio.wait_for(asyncio.shield(self._next), timeout)
        except TimeoutError:
            return None

    def touched_since(self, generation: int) -> frozenset[int] | None:
        """Tickets touched after picture ``generation``; None when that is not known."""
        touched: set[int] = set()
        newer = [entry for entry in self._history if entry[0] > generation]
        if not newer or newer[0][0] != generation + 1:
            return None if self.picture.generation > generation else frozenset()
        for _, ids in newer:
            if ids is None:
                return None
            touched |= ids
        return frozenset(touched)

    def _publish(self, picture: Picture) -> None:
        """On the event loop: the new picture, and every waiting page woken."""
        self.picture = picture
        self._history.append((picture.generation, picture.touched))
        assert self._loop is not None and self._next is not None
        done, self._next = self._next, self._loop.create_future()
        done.set_result(picture)

    # ------------------------------------------------------------------ the thread's side

    def _run(self) -> None:
        retry_at = 0.0
        while not self._stop.is_set():
            try:
                if self._hall is None:
                    if self._stop.wait(max(0.0, retry_at - time.monotonic())):
                        break
                    self._connect()
                    self._read(fresh=True)
                    continue
                assert self._feed is not None
                changed = self._feed.wait(self.wake_s)
                read_at = self._read_at
                now = self._hall.now()
                stale = read_at is None or (now - read_at).total_seconds() >= self.refresh_s
                if changed or stale or (read_at is not None and now.date() != read_at.date()):
                    self._read(fresh=False)
            except Exception as exc:  # noqa: BLE001 - the pages must keep answering
                self._lose(exc)
                retry_at = time.monotonic() + self.retry_s
        self._disconnect()

    def _connect(self) -> None:
        hall = Hall.open(self.config, db=self.db, clock=self.clock, create=False)
        try:
            self._feed = hall.watch()
        except BaseException:
            hall.close()
            raise
        self._hall = hall
        if self._lost:
            log.info("database back: %s", hall.store.safe_url())
        self._lost = False

    def _read(self, *, fresh: bool) -> None:
        hall = self._hall
        assert hall is not None
        touched: set[int] = set()
        if fresh:
            status = hall.status()
            self._last_id = status.last_event_id
        else:
            while True:
                batch = hall.events(after=self._last_id, limit=PAGE)
                if batch:
                    self._last_id = batch[-1].id
                    touched |= {e.ticket_id for e in batch if e.ticket_id is not None}
                if len(batch) < PAGE:
                    break
            status = hall.status()
            if status.last_event_id < self._last_id:  # another (restored) database
                fresh, self._last_id = True, status.last_event_id
        waits = hall.queue_waits()
        self._read_at = status.now
        self._send(
            Picture(
                self._next_generation(),
                at=status.now,
                status=status,
                waits=waits,
                touched=None if fresh else frozenset(touched),
            )
        )

    def _lose(self, exc: Exception) -> None:
        self._disconnect()
        if self._lost:
            return
        self._lost = True
        log.warning("database lost: %s", exc, exc_info=not isinstance(exc, StoreError))
        reason = exc.message if isinstance(exc, StoreError) else str(exc)
        last = self.picture
        self._send(Picture(self._next_generation(), last.at, last.status, last.waits, None, reason))

    def _disconnect(self) -> None:
        for close in (
            self._feed.close if self._feed else None,
            self._hall.close if self._hall else None,
        ):
            if close is not None:
                try:
                    close()
                except Exception:  # noqa: BLE001 - closing what is already broken
                    log.debug("closing failed", exc_info=True)
        self._feed = None
        self._hall = None

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _send(self, picture: Picture) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            call: Callable[[Picture], None] = self._publish
            loop.call_soon_threadsafe(call, picture)
