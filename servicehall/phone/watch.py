"""One thread per phone server follows the hall and publishes its picture to the event loop.

200 phones following their pages must not mean 200 database pollers: this thread alone follows
the hall with the screens' one follower (``ui.follower.Follower``: the change feed, the events
since the last one seen — which tickets they touched —, the status, reconnecting, a replaced
database file), adds every waiting ticket's wait (``Hall.queue_waits``, one read), and hands the
:class:`Picture` to the event loop, where every live page waits for the next one. It reads again
every ``refresh_s`` (waits move with the clock) and when the day changes. A lost database is
published once (``Picture.lost``) and retried every ``retry_s``.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable

from servicehall.config import HallConfig
from servicehall.phone.state import Picture
from servicehall.queue import STORE_FAILURES, Clock, Hall, StoreError
from servicehall.ui.follower import Follower, Lost, Snapshot

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
        self._generation = 0
        self._lost = False

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
        """The screens' one follower (``ui.follower``: the change feed, reconnecting, a replaced
        database file, the day's rollover, a read every ``refresh_s``), and each of its reads
        turned into a picture with every waiting ticket's wait."""
        follower = Follower(
            self.config, self.db, self.clock, retry_s=self.retry_s, refresh_s=self.refresh_s
        )
        try:
            while not self._stop.is_set():
                news = follower.step(self.wake_s)
                if isinstance(news, Lost):
                    self._lose(news.reason)
                elif news is not None and follower.hall is not None:
                    self._read(follower.hall, news)
        finally:
            follower.close()

    def _read(self, hall: Hall, news: Snapshot) -> None:
        try:
            waits = hall.queue_waits()
        except STORE_FAILURES as exc:  # the next change or refresh reads again
            self._lose(exc.message if isinstance(exc, StoreError) else str(exc))
            return
        self._lost = False
        touched = frozenset(e.ticket_id for e in news.new_events if e.ticket_id is not None)
        status = news.status
        picture = Picture(
            self._next_generation(),
            at=status.now,
            status=status,
            waits=waits,
            touched=None if news.fresh else touched,
        )
        self._send(picture)

    def _lose(self, reason: str) -> None:
        """The pages keep the last picture, marked lost (once until the database is back)."""
        if self._lost:
            return
        self._lost = True
        last = self.picture
        self._send(Picture(self._next_generation(), last.at, last.status, last.waits, None, reason))

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def _send(self, picture: Picture) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            call: Callable[[Picture], None] = self._publish
            loop.call_soon_threadsafe(call, picture)
