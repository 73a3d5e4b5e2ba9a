"""Requests per client address: a token bucket each, refilled at ``per_minute`` a minute.

A phone opening its page costs two requests (the page and its live feed); reloading it every
second for a minute runs the bucket dry and gets "请稍后再试" until it refills. The table of
addresses is bounded: the fullest buckets (idle clients) are dropped first.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MAX_CLIENTS = 10_000


class RateLimit:
    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        """Take one request from ``client``'s bucket; False when it is empty."""
        now = self._clock()
        tokens, then = self._buckets.get(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return False
        if client not in self._buckets and len(self._buckets) >= MAX_CLIENTS:
            self._forget_idle(now)
        self._buckets[client] = (tokens - 1.0, now)
        return True

    def _forget_idle(self, now: float) -> None:
        """Drop the clients whose buckets have refilled (they are idle)."""
        full = [
            c
            for c, (t, then) in self._buckets.items()
            if t + (now - then) * self.rate >= self.capacity
        ]
        for client in full or list(self._buckets)[: MAX_CLIENTS // 10]:
            del self._buckets[client]
