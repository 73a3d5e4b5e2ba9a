"""The queue core: tables, the store, the hall's operations and the change feed.

It imports nothing of screens, printers or speech; they call it.
"""

from servicehall.datadir import data_dir, default_url
from servicehall.queue.clock import Clock, FixedClock, SystemClock
from servicehall.queue.errors import HallError, Refused, StoreError, UnknownInput, WrongState
from servicehall.queue.feed import ChangeFeed
from servicehall.queue.hall import RATINGS, Hall, format_label
from servicehall.queue.reader import HallReader
from servicehall.queue.store import STORE_FAILURES, Store, sqlite_file
from servicehall.queue.views import (
    EventView,
    HallStatus,
    LeaderView,
    QueueWaits,
    ServiceStatus,
    TicketView,
    WaitEstimate,
    WindowStatus,
)

__all__ = [
    "RATINGS",
    "STORE_FAILURES",
    "ChangeFeed",
    "Clock",
    "EventView",
    "FixedClock",
    "Hall",
    "HallError",
    "HallReader",
    "HallStatus",
    "LeaderView",
    "QueueWaits",
    "Refused",
    "ServiceStatus",
    "Store",
    "StoreError",
    "SystemClock",
    "TicketView",
    "UnknownInput",
    "WaitEstimate",
    "WindowStatus",
    "WrongState",
    "data_dir",
    "default_url",
    "format_label",
    "sqlite_file",
]
