"""A process that upgrades a database's schema at a barrier, for the test of processes starting
at once; its migration is slowed so the others surely come in while it runs."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection

from servicehall.queue import schema
from servicehall.queue.store import Store


def upgrade_at(url: str, barrier: Any, results: Any) -> None:
    """Wait for the others, upgrade, and put the revision found before into ``results``."""
    migrate = schema._migrate

    def slowly(conn: Connection) -> None:
        time.sleep(1.0)
        migrate(conn)

    schema._migrate = slowly
    store = Store(url)
    barrier.wait()
    results.put(schema.upgrade(store).before)
    store.dispose()
