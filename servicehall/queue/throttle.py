"""A sliding-window limit on attempts (查询办理进度 at a kiosk: so a case number or a person's
last digits cannot be tried one after another). Pure: the time comes from the caller's clock."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_S = 60.0


class Throttle:
    """At most ``per_minute`` attempts in any minute."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._attempts: deque[float] = deque()

    def attempt(self) -> float:
        """0 when an attempt may be made now (and counts it), else the seconds to wait."""
        now = self.clock()
        while self._attempts and now - self._attempts[0] >= WINDOW_S:
            self._attempts.popleft()
        if len(self._attempts) >= self.per_minute:
            return WINDOW_S - (now - self._attempts[0])
        self._attempts.append(now)
        return 0.0
