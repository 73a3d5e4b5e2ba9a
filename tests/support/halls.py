"""The test calendar: fixed moments in the sample hall (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
# Monday 23 Nov 2026, 10:00 in the hall: open, not a market day (圩日 end in 1, 4, 7).
OPEN_MONDAY = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
MARKET_TUESDAY = dt.datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
