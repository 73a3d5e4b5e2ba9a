"""The write side's two primitives, shared by every operation: one transaction, one event.

:class:`HallWriter` adds to :class:`HallReader` the transaction every operation runs in
(``now`` read once, before it), the audit trail's append (with PostgreSQL's NOTIFY in the
same transaction) and the windows' state rows. :class:`servicehall.queue.cases.CaseDesk` and
:class:`servicehall.queue.hall.Hall` build on it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Connection, Row, select

from servicehall.queue.reader import HallReader
from servicehall.queue.tables import WINDOWS

T = TypeVar("T")


class HallWriter(HallReader):
    """A hall's reads, and the transaction and event log its operations write through."""

    def _write(
        self, work: Callable[[Connection, dt.datetime], T], now: dt.datetime | None = None
    ) -> T:
        """Run ``work(conn, now)`` in one write transaction; ``now`` is read once, before it."""
        at = self.now() if now is None else now
        return self.store.write(lambda conn: work(conn, at))

    def _event(
        self,
        conn: Connection,
        kind: str,
        now: dt.datetime,
        *,
        ticket: Row[Any] | None = None,
        window: int | None = None,
        clerk: str | None = None,
        **detail: Any,
    ) -> int:
        values = {
            "hall": self.code,
            "ts": now.timestamp(),
            "day": now.astimezone(self.tz).date(),
            "kind": kind,
            "ticket_id": ticket.id if ticket is not None else None,
            "label": ticket.label if ticket is not None else None,
            "service": ticket.service if ticket is not None else None,
            "window": window,
            "clerk": clerk,
            "detail": json.dumps(detail, ensure_ascii=False, default=str) if detail else None,
        }
        key = conn.execute(self._sql.insert_event, values).inserted_primary_key
        assert key is not None  # an INSERT of one row
        event_id = int(key[0])
        if self.store.dialect == "postgresql":
            channel = f"servicehall_{self.code}"
            conn.execute(self._sql.notify, {"b_channel": channel, "b_payload": str(event_id)})
        return event_id

    def _missing_windows(self, conn: Connection) -> list[int]:
        """Windows of hall.toml that have no state row in the database yet."""
        existing = set(
            conn.execute(select(WINDOWS.c.number).where(WINDOWS.c.hall == self.code)).scalars()
        )
        return [w.number for w in self.config.windows if w.number not in existing]

    def _ensure_windows(self, conn: Connection) -> None:
        """Create the state rows of windows new to the database (two PCs may do it at once)."""
        missing = self._missing_windows(conn)
        if missing:
            rows = [
                {"hall": self.code, "number": n, "state": "open", "changed_ts": 0.0}
                for n in missing
            ]
            conn.execute(self._sql.add_windows, rows)

    def _window_row(self, conn: Connection, number: int) -> Row[Any]:
        self.window(number)
        params = {"b_hall": self.code, "b_number": number}
        row = conn.execute(self._sql.window_row, params).first()
        if row is None:  # a window added to hall.toml since the schema was created
            self._ensure_windows(conn)
            row = conn.execute(self._sql.window_row, params).one()
        return row
