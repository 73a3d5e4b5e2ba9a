"""The test calendar (fixed moments in the sample hall, Asia/Shanghai), and knowing when an app
has started to follow the hall."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from servicehall.queue import Hall

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
# Monday 23 Nov 2026, 10:00 in the hall: open, not a market day (圩日 end in 1, 4, 7).
OPEN_MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
MARKET_TUESDAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)


def watch_started(hall: Hall) -> threading.Event:
    """Set once something calls ``hall.watch()``: an app following this ``Hall`` has read where
    the hall stands and sees every change made after that (acting earlier races its start)."""
    started = threading.Event()
    watch = hall.watch

    def noting(*args: Any, **kwargs: Any) -> Any:
        feed = watch(*args, **kwargs)
        started.set()
        return feed

    hall.watch = noting  # type: ignore[method-assign]
    return started
